"""Tests of the headline numbers against curves with known minima and textbook formulas."""

import json

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose
from scipy import constants

from reentrant.report.config import make_config
from reentrant.report.summary import estimates, q_jump_at, reentrance, summary

FIELD = np.linspace(0.0, 2.0, 41)


def _dip(b):
    """T_c = 0.4 - 0.2 B (2 - B) K: minimum 0.2 K at B = 1 T, back to 0.4 K at 2 T."""
    return 0.4 - 0.2 * b * (2.0 - b)


def _curve(tc, q_x=None):
    q_x = np.full(FIELD.size, 0.01) if q_x is None else q_x
    return xr.Dataset(
        {"tc": ("field", tc, {"units": "K"}), "q_x": ("field", q_x, {"units": "nm^-1"})},
        coords={"field": ("field", FIELD, {"units": "T"})},
        attrs={"sampling_converged": 1},
    )


@pytest.fixture
def results():
    gates = np.array([-100.0, 0.0, 100.0])
    tc0 = np.array([0.5, 0.4, 0.3])
    device = xr.Dataset(
        {"tc": (("field", "gate_voltage"), np.stack([tc0, 0.5 * tc0]), {"units": "K"})},
        coords={"field": [0.0, 1.0], "gate_voltage": gates},
    )
    mechanisms = xr.Dataset(
        {"tc": (("mechanism", "field"), np.stack([0.4 * (1 - FIELD / 2), _dip(FIELD)]))},
        coords={"mechanism": ["monotonic", "dip"], "field": FIELD},
    )
    return {
        "device": device,
        "paper_full": _curve(_dip(FIELD)),
        "paper_upper": _curve(0.4 * (1 - FIELD / 2)),
        "mechanisms": mechanisms,
    }


def test_reentrance_of_a_parabolic_dip():
    # the parabola refinement of tc_minimum is exact for a quadratic curve
    found, tc_min, b_min = reentrance(FIELD, _dip(FIELD), threshold_k=0.01)
    assert found
    assert_allclose([tc_min, b_min], [0.2, 1.0], atol=1e-12)


def test_bump_below_the_noise_threshold_is_not_reentrance():
    tc = 0.4 * (1 - FIELD / 2)
    tc[20] -= 0.025  # a notch: T_c climbs back by 15-20 mK (neighbours 10 mK apart)
    assert not reentrance(FIELD, tc, threshold_k=0.03)[0]
    assert reentrance(FIELD, tc, threshold_k=0.005)[0]


def test_estimates_of_synthetic_results(results):
    config = make_config(
        config={"coherence_length_nm": 40.0, "coherence_length_source": "test",
                "flux_field_t": 0.9}
    )  # fmt: skip
    est = estimates(results, config)
    assert_allclose(est.tc0, [0.5, 0.4, 0.3])
    # Clogston-Chandrasekhar, g = 2: B_P = Delta_0 / (sqrt(2) mu_B), Delta_0 = 1.764 k_B T_c
    ratio = 1.764 * constants.k / (np.sqrt(2) * constants.physical_constants["Bohr magneton"][0])
    assert_allclose(est.pauli_field, ratio * est.tc0, rtol=1e-3)  # 1.764 vs pi e^-gamma
    assert_allclose(ratio, 1.86, rtol=2e-3)  # the paper's 1.86 T/K
    full = est.sel(approx="full")
    assert bool(full.paper_reentrant)
    assert_allclose([float(full.tc_min), float(full.field_min)], [0.2, 1.0], atol=1e-12)
    # 0.4 - 0.2 B (2 - B) = 0.33 at B = 1 -+ sqrt(0.104) / 0.4; linear interpolation on a
    # 0.05 T grid errs by <= f'' dB^2 / 8 / |f'| = 0.4 * 0.0025 / 8 / 0.32 ~ 4e-4 T
    half = np.sqrt(0.104) / 0.4
    assert_allclose([float(full.window_start), float(full.window_end)], [1 - half, 1 + half],
                    atol=1e-3)  # fmt: skip
    upper = est.sel(approx="upper-branch")
    assert not bool(upper.paper_reentrant)
    assert np.isnan(float(upper.window_start))
    flags = dict(zip(est.mechanism.values, est.gives_reentrance.values, strict=True))
    assert flags == {
        "monotonic": False,
        "dip": True,
        "paper model (full)": True,
        "paper model (upper-branch)": False,
    }
    phi0 = constants.h / (2 * constants.e)
    assert_allclose(float(est.flux_width), phi0 / (0.9 * 40e-9) * 1e9, rtol=1e-12)


def test_summary_is_strict_json_with_units(results):
    config = make_config()
    est = estimates(results, config)
    numbers = json.loads(json.dumps(summary(est, config), allow_nan=False))
    assert numbers["paper_model"]["upper-branch"]["tc_min"] == {"value": None, "units": "K"}
    assert numbers["paper_model"]["full"]["window"]["units"] == "T"
    assert numbers["pauli_limit_range"]["value"] == [
        float(est.pauli_field.min()),
        float(est.pauli_field.max()),
    ]
    assert numbers["paper"]["pauli_limit_range"]["value"] == [0.6, 0.9]
    assert numbers["paper"]["flux_width"] == {"value": 45.0, "units": "nm"}


def test_a_minimum_where_the_optimal_q_jumps_is_unverified_not_reentrance(results):
    # the same dip, but the optimal Q changes branch at its bottom (B = 1 T): one branch on
    # either side, so the minimum may be a branch the solver missed
    q = np.where(FIELD < 1.0 - 1e-9, 0.004, -0.0005)
    assert q_jump_at(FIELD, q, 1.0) and not q_jump_at(FIELD, q, 0.5)
    assert not q_jump_at(FIELD, np.linspace(0.004, 0.005, FIELD.size), 1.0)  # one smooth branch
    results = {**results, "paper_full": _curve(_dip(FIELD), q)}
    config = make_config()
    est = estimates(results, config)
    full = est.sel(approx="full")
    assert bool(full.minimum_at_q_jump) and not bool(full.paper_reentrant)
    entry = summary(est, config)["paper_model"]["full"]
    assert entry["reentrant"] is False and entry["tc_min"]["value"] is None
    assert_allclose(entry["unverified_minimum"]["field"]["value"], 1.0, atol=1e-12)
    assert summary(est, config)["flux_penetration"]["circular"] is True
