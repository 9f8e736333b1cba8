"""B_c from R(B) sweeps against sweeps with known crossings."""

import numpy as np
import pytest
import xarray as xr

from reentrant.analysis.critical_field import (
    MAX_LOG_SLOPE,
    critical_field_with_bracket,
    extract_critical_field,
    resistive_critical_field,
)
from reentrant.analysis.curves import CROSSING_FLAGS

RN = 500.0
B = np.linspace(0.0, 9.0, 901)  # 10 mT steps


def sweep(bc, w=0.1):
    """R/R_N = (1 + tanh((B - B_c)/w))/2, crossing 50 % exactly at B_c."""
    return RN * 0.5 * (1 + np.tanh((B - bc) / w))


# Linear interpolation through the inflection point: error O(h^3/w^2) ~ 1e-6 T; tolerance 1e-5.
TOL = 1e-5


def test_bc_at_half():
    assert resistive_critical_field(B, sweep(3.0)) == pytest.approx(3.0, abs=TOL)


def test_bc_other_criterion():
    expected = 3.0 + 0.1 * np.arctanh(2 * 0.9 - 1)
    assert resistive_critical_field(B, sweep(3.0), 0.9) == pytest.approx(expected, abs=1e-4)


def test_bc_symmetric_sweep_uses_positive_half():
    b = np.concatenate([-B[::-1], B[1:]])
    r = RN * 0.5 * (1 + np.tanh((np.abs(b) - 3.0) / 0.1))
    assert resistive_critical_field(b, r) == pytest.approx(3.0, abs=TOL)


def test_bc_all_negative_sweep():
    assert resistive_critical_field(-B, sweep(3.0)) == pytest.approx(3.0, abs=TOL)


def test_bc_with_given_normal_state():
    # The sweep ends before the normal state: R reaches only 0.6 R_N at 9 T.
    r = sweep(20.0, w=10.0)
    b_5pct = 20.0 + 10.0 * np.arctanh(2 * 0.05 - 1)  # where R = 0.05 R_N
    # The curve is smooth on the 10 mT grid (w = 10 T): interpolation error ~ h^2/w ~ 1e-5 T.
    got = resistive_critical_field(B, r, 0.05, r_normal=RN)
    assert got == pytest.approx(b_5pct, abs=1e-4)


def test_reentrant_sweep_gives_highest_crossing():
    # superconducting, resistive pocket (0.6 R_N) around 1 T, superconducting again, normal at 5 T
    r = RN * (0.6 * np.exp(-(((B - 1.0) / 0.1) ** 2))) + sweep(5.0)
    assert resistive_critical_field(B, r) == pytest.approx(5.0, abs=1e-3)


def test_extract_over_temperature_and_gate():
    temps = np.array([0.1, 0.2, 0.3])
    gates = np.array([0.0, 50.0])
    bcs = np.array([[4.0, 3.0], [3.5, 2.5], [2.0, 1.0]])
    r = RN * 0.5 * (1 + np.tanh((B[None, None, :] - bcs[..., None]) / 0.1))
    da = xr.DataArray(
        r,
        dims=("temperature", "gate_voltage", "field"),
        coords={"temperature": temps, "gate_voltage": gates, "field": B},
    )
    out = extract_critical_field(da)
    np.testing.assert_allclose(out.bc.transpose("temperature", "gate_voltage"), bcs, atol=TOL)
    assert out.bc.attrs["units"] == "T"


@pytest.mark.filterwarnings("ignore:the normal state is not reached:UserWarning")
def test_extract_warns_when_never_normal():
    da = xr.DataArray(
        np.vstack([sweep(3.0), np.zeros(B.size)]),
        dims=("temperature", "field"),
        coords={"temperature": [0.1, 0.05], "field": B},
    )
    with pytest.warns(UserWarning, match="no critical field"):
        out = extract_critical_field(da)
    assert np.isnan(out.bc.values[1])


def test_sweep_ending_inside_the_transition_is_flagged():
    # B_c = 3 T, width 0.1 T, field only up to 3.05 T: R(B_max) = 0.73 R_N
    b = B[B <= 3.05 + 1e-9]
    bc, low, high, flags = critical_field_with_bracket(b, sweep(3.0)[: b.size])
    assert flags & CROSSING_FLAGS["normal_state_not_reached"]
    assert low <= bc <= high


def test_quadratic_magnetoresistance_counts_as_normal():
    # Drude/Kohler R = R_N (1 + (mu B)^2): d ln R / d ln B = 2 (mu B)^2 / (1 + (mu B)^2) < 2
    mu = 0.5  # 1/T
    r = sweep(3.0) * (1 + (mu * B) ** 2)
    top = (mu * 9.0) ** 2
    assert 2 * top / (1 + top) < MAX_LOG_SLOPE
    assert critical_field_with_bracket(B, r)[3] == 0


def test_coarse_field_steps_give_a_bracket():
    b = np.array([0.0, 0.5, 1.0, 4.0, 5.0, 9.0])
    r = RN * 0.5 * (1 + np.tanh((b - 2.0) / 0.1))
    bc, low, high, flags = critical_field_with_bracket(b, r)
    assert np.isnan(bc) and (low, high) == (1.0, 4.0) and flags & CROSSING_FLAGS["bracket_too_wide"]
    assert np.isnan(resistive_critical_field(b, r))
    assert resistive_critical_field(b, r, max_bracket=np.inf) == pytest.approx(2.5, abs=1e-6)
