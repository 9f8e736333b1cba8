"""Tests of the pipeline steps that are cheap, and of the cache logic of run_steps."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose
from scipy import constants

from reentrant.explain.candidates import DEFAULT_CANDIDATES
from reentrant.mechanisms import MECHANISMS
from reentrant.report import pipeline
from reentrant.report.config import make_config


def test_mechanism_curves_at_known_points():
    config = make_config(config={"orbital_field_t": 6.0}, quick=True)
    ds = pipeline.mechanisms_step(config)
    tc0 = config.parameters["tc0"]
    assert ds.tc.attrs["units"] == "K" and ds.field.attrs["units"] == "T"
    # every closed-form mechanism of the registry is there; the paper's model stands apart
    assert set(ds.mechanism.values) == set(MECHANISMS) - {"paper-model"}
    # every mechanism without pair breaking at B = 0 starts at T_c0
    starts = ds.tc.sel(field=0.0).drop_sel(mechanism="magnetic-impurities")
    assert_allclose(starts, tc0, rtol=1e-6)
    assert bool(ds.sampling_converged.all())
    # Abrikosov-Gor'kov: pair breaking alpha = Delta_0 / 2 kills T_c exactly at B = B_orb
    assert ds.tc.sel(mechanism="orbital", field=6.0) == pytest.approx(0.0, abs=1e-6)
    # Pauli line ends at h* = 0.6 Delta_0 (Sarma/Maki-Tsuneto); at h = 0.7 Delta_0 T_c = 0
    delta0 = 1.764 * constants.k * tc0
    mu_b = constants.physical_constants["Bohr magneton"][0]
    beyond = ds.field.values > 0.7 * delta0 / mu_b
    assert np.all(ds.tc.sel(mechanism="pauli").values[beyond] == 0.0)
    # the refined grid resolves the Pauli drop: the last superconducting field lies within
    # 0.01 T of the first normal one, between the Sarma field 0.6 and 0.7 Delta_0 / mu_B
    pauli = ds.tc.sel(mechanism="pauli")
    last = float(pauli.field[pauli > 0].max())
    first = float(pauli.field[(pauli.field > last)].min())
    assert first - last <= 0.01 + 1e-12
    assert 0.6 * delta0 / mu_b <= first <= 0.7 * delta0 / mu_b


def test_paper_curve_is_refined_where_tc_drops():
    # the preset's Eq. (1) T_c(B): the adaptive points leave no jump larger than the stated
    # 5 % of T_c0 across an interval wider than the resolution
    config = make_config(quick=True)
    ds = pipeline.paper_step(config, "upper-branch")
    tc0, step = config.parameters["tc0"], config.field_resolution_t
    wide = np.diff(ds.field.values) > step
    assert ds.attrs["sampling_converged"] == 1
    assert np.all(np.abs(np.diff(ds.tc.values))[wide] <= pipeline.TC_STEP * tc0)
    assert ds.sizes["field"] > config.field_points
    assert ds.field.values[0] == 0.0 and ds.field.values[-1] == config.field_max_t


def test_device_uses_the_preset_tc0_at_zero_gate():
    # the pairing-solver device (the full device step is run by the reproduce test)
    config = make_config(config={"model": {"tc0": 0.3, "delta": 0.2}}, quick=True)
    device = pipeline.report_device(config)
    assert float(device.tc_table([0.0], [0.0])[0, 0]) == pytest.approx(0.3, rel=config.tolerance)
    # one model: the device's Fermi level at V_BG = 0 is the paper curves' (delta = 0.2 meV
    # above the van Hove energy M beta^2 / 2 of the preset's M and beta)
    assert device.parameters.mu0_mev == config.pairing_model().band.mu
    assert dict(device.tc_provider.model.parameters)["delta"] == 0.2


def test_grids_are_coarser_when_quick():
    quick, full = make_config(quick=True), make_config()
    assert pipeline.device_grid(quick)["field_t"].size < pipeline.device_grid(full)["field_t"].size
    for config in (quick, full):
        grid = pipeline.device_grid(config)
        # the paper's temperatures, the Fig. 2c gate +50 V, Fig. 2d's -50 V and both gate ends
        assert set(pipeline.PAPER_TEMPERATURES_K) <= set(grid["temperature_k"])
        assert {-200.0, -50.0, 50.0, 180.0} <= set(grid["gate_voltage_v"])
    assert np.prod(pipeline.search_grid(quick).shape) < np.prod(pipeline.search_grid(full).shape)
    assert pipeline.search_grid(full, "full").approx == ("full",)
    assert pipeline.paper_fields(full)[-1] == full.field_max_t


def test_run_steps_reads_the_cache_and_force_recomputes(tmp_path, monkeypatch):
    calls, stores = [], {}

    def fake(name, config, progress=None, *, client=None, store=None, results=None):
        calls.append(name)
        if name == pipeline.BEST_DEVICE:  # computed last, from the candidates' rows
            assert set(pipeline.steps()) - {name} <= set(results)
        if name in pipeline.SEARCH_STEPS:
            assert client is not None and not store.exists()  # force: the old store is gone
            stores[name] = store
        return xr.Dataset({"x": ("i", np.arange(3.0))}, attrs={"step": name})

    monkeypatch.setattr(pipeline, "compute_step", fake)
    config = make_config(quick=True)
    first = pipeline.run_steps(config, tmp_path)
    assert calls == list(pipeline.steps())
    assert list(first) == list(pipeline.steps())
    logged = []
    second = pipeline.run_steps(config, tmp_path, log=logged.append)
    assert calls == list(pipeline.steps())  # nothing recomputed
    assert len(logged) == len(pipeline.steps())
    assert all(second[n].attrs["step"] == n for n in pipeline.steps())
    pipeline.run_steps(make_config(quick=True, config={"tolerance": 0.02}), tmp_path)
    assert len(calls) == 2 * len(pipeline.steps())  # another parameter set: new entries
    for store in stores.values():
        store.mkdir()  # as a search leaves it: the sweep stores of the last parameter set
    pipeline.run_steps(make_config(quick=True, config={"tolerance": 0.02}), tmp_path, force=True)
    assert len(calls) == 3 * len(pipeline.steps())
    assert all(store.parent == tmp_path for store in stores.values())


def test_assemble_joins_the_search_halves_and_the_candidates(monkeypatch):
    def half(approx):
        return xr.Dataset({"depth": ("approx", [0.1])}, coords={"approx": [approx]})

    def row(step):
        name = step.removeprefix("score_")
        return xr.Dataset({"physical": ("candidate", [True])}, coords={"candidate": [name]})

    monkeypatch.setattr(pipeline, "join_rows", lambda rows: xr.concat(rows, dim="candidate"))
    parts = {
        "device": xr.Dataset(),
        "search_full": half("full"),
        "search_upper": half("upper-branch"),
        **{step: row(step) for step in pipeline.score_steps()},
    }
    joined = pipeline.assemble(parts)
    assert set(joined) == {"device", "search", "scorecard"}
    assert sorted(joined["search"].approx.values) == ["full", "upper-branch"]
    assert list(joined["scorecard"].candidate.values) == list(DEFAULT_CANDIDATES)
