"""Tests of the pipeline steps that are cheap, and of the cache logic of run_steps."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose
from scipy import constants

from reentrant.report import pipeline
from reentrant.report.config import make_config


def test_mechanism_curves_at_known_points():
    config = make_config(config={"orbital_field_t": 6.0}, quick=True)
    ds = pipeline.mechanisms_step(config)
    tc0 = config.parameters["tc0"]
    assert ds.tc.attrs["units"] == "K" and ds.field.attrs["units"] == "T"
    assert_allclose(ds.tc.sel(field=0.0), tc0, rtol=1e-6)  # every mechanism starts at T_c0
    # Abrikosov-Gor'kov: pair breaking alpha = Delta_0 / 2 kills T_c exactly at B = B_orb
    assert ds.tc.sel(mechanism="orbital", field=6.0) == pytest.approx(0.0, abs=1e-6)
    # Pauli line ends at h* = 0.6 Delta_0 (Sarma/Maki-Tsuneto); at h = 0.7 Delta_0 T_c = 0
    delta0 = 1.764 * constants.k * tc0
    mu_b = constants.physical_constants["Bohr magneton"][0]
    beyond = ds.field.values > 0.7 * delta0 / mu_b
    assert np.all(ds.tc.sel(mechanism="pauli").values[beyond] == 0.0)


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
    assert np.prod(pipeline.search_grid(quick).shape) < np.prod(pipeline.search_grid(full).shape)
    assert pipeline.search_grid(full, "full").approx == ("full",)
    assert pipeline.paper_fields(full)[-1] == full.field_max_t


def test_run_steps_reads_the_cache_and_force_recomputes(tmp_path, monkeypatch):
    calls, stores = [], {}

    def fake(name, config, progress=None, *, client=None, store=None):
        calls.append(name)
        if name in pipeline.SEARCH_STEPS:
            assert client is not None and not store.exists()  # force: the old store is gone
            stores[name] = store
        return xr.Dataset({"x": ("i", np.arange(3.0))}, attrs={"step": name})

    monkeypatch.setattr(pipeline, "compute_step", fake)
    config = make_config(quick=True)
    first = pipeline.run_steps(config, tmp_path)
    assert calls == list(pipeline.STEPS)
    assert list(first) == list(pipeline.STEPS)
    logged = []
    second = pipeline.run_steps(config, tmp_path, log=logged.append)
    assert calls == list(pipeline.STEPS)  # nothing recomputed
    assert len(logged) == len(pipeline.STEPS)
    assert all(second[n].attrs["step"] == n for n in pipeline.STEPS)
    pipeline.run_steps(make_config(quick=True, config={"tolerance": 0.02}), tmp_path)
    assert len(calls) == 2 * len(pipeline.STEPS)  # another parameter set: new entries
    for store in stores.values():
        store.mkdir()  # as a search leaves it: the sweep stores of the last parameter set
    pipeline.run_steps(make_config(quick=True, config={"tolerance": 0.02}), tmp_path, force=True)
    assert len(calls) == 3 * len(pipeline.STEPS)
    assert all(store.parent == tmp_path for store in stores.values())


def test_assemble_joins_the_search_halves_along_approx():
    def half(approx):
        return xr.Dataset({"depth": ("approx", [0.1])}, coords={"approx": [approx]})

    parts = {
        "device": xr.Dataset(),
        "search_full": half("full"),
        "search_upper": half("upper-branch"),
    }
    joined = pipeline.assemble(parts)
    assert set(joined) == {"device", "search"}
    assert sorted(joined["search"].approx.values) == ["full", "upper-branch"]
