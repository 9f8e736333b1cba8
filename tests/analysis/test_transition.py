"""T_c and width by the resistance criterion, against transitions with known crossing points."""

import numpy as np
import pytest
import xarray as xr

from reentrant.analysis.transition import (
    MAX_LOG_SLOPE,
    TC_FLAGS,
    extract_transition,
    find_transition,
    normal_state_resistance,
    transition_temperature,
    transition_width,
)
from reentrant.errors import ParameterError

TC, W, RN = 0.40, 0.02, 1000.0
T = np.arange(0.05, 0.9 + 1e-9, 1e-3)


def tanh_step(t, tc=TC, w=W):
    """R/R_N = (1 + tanh((T - T_c)/w))/2: equals c at T = T_c + w artanh(2c - 1)."""
    return 0.5 * (1 + np.tanh((t - tc) / w))


def exact_crossing(c, tc=TC, w=W):
    return tc + w * np.arctanh(2 * c - 1)


# Linear interpolation on a 1 mK grid: the error of the inverse is at most
# h^2/8 * max|R''| / |R'| <= (1e-3)^2 / (8 * 0.02) * 2.2 ~ 1.4e-5 K at the 10/90 % points,
# O(h^3) at the inflection (50 %).  Tolerance 5e-5 K.
TOL = 5e-5


@pytest.mark.parametrize("c", [0.1, 0.5, 0.9, 0.3])
def test_tc_at_criterion(c):
    r = RN * tanh_step(T)
    assert transition_temperature(T, r, c) == pytest.approx(exact_crossing(c), abs=TOL)


def test_width_10_90():
    r = RN * tanh_step(T)
    expected = 2 * W * np.arctanh(0.8)
    assert transition_width(T, r) == pytest.approx(expected, abs=2 * TOL)


def test_normal_state_at_temperature():
    # Normal state R_N = 1000 at 0.9 K, but a bump at lower T: the reference is R(0.9 K).
    r = RN * tanh_step(T) * (1 + 0.2 * np.exp(-(((T - 0.7) / 0.05) ** 2)))
    assert transition_temperature(T, r, 0.5, at=0.9) == pytest.approx(TC, abs=TOL)


def test_normal_state_from_linear_fit():
    # R_N(T) = 800 + 500 T, a metallic background; the criterion follows the fitted line.
    background = 800.0 + 500.0 * T
    r = background * tanh_step(T)
    ref = normal_state_resistance(T, r, fit_range=(0.6, 0.9))
    # In the window the step differs from 1 by at most exp(-2 (0.6 - T_c)/w) = exp(-20) ~ 2e-9.
    np.testing.assert_allclose(ref, background, rtol=1e-8)
    assert transition_temperature(T, r, 0.5, fit_range=(0.6, 0.9)) == pytest.approx(TC, abs=TOL)


def test_unsorted_and_nan_points():
    rng = np.random.default_rng(3)
    order = rng.permutation(T.size)
    r = RN * tanh_step(T)
    r[5] = np.nan
    assert transition_temperature(T[order], r[order]) == pytest.approx(TC, abs=TOL)


def test_no_transition_is_nan():
    assert np.isnan(transition_temperature(T, np.full(T.size, RN)))


def test_extract_over_gate_voltage():
    gates = np.array([-100.0, 0.0, 100.0])
    tcs = np.array([0.45, 0.40, 0.35])
    r = RN * tanh_step(T[None, :], tcs[:, None])
    da = xr.DataArray(
        r, dims=("gate_voltage", "temperature"), coords={"gate_voltage": gates, "temperature": T}
    )
    out = extract_transition(da)
    np.testing.assert_allclose(out.tc.values, tcs, atol=TOL)
    assert out.tc.dims == ("gate_voltage",)
    assert out.tc.attrs["units"] == "K"
    np.testing.assert_allclose(out.r_normal, RN, rtol=1e-6)
    # the measured temperatures around T_c: the 1 mK grid points on either side
    np.testing.assert_allclose(out.tc_high - out.tc_low, 1e-3, rtol=1e-6)
    assert np.all((out.tc_low < out.tc) & (out.tc < out.tc_high))


def test_extract_warns_on_missing_transition():
    r = np.vstack([RN * tanh_step(T), np.full(T.size, RN)])
    da = xr.DataArray(
        r, dims=("field", "temperature"), coords={"field": [0.0, 5.0], "temperature": T}
    )
    with pytest.warns(UserWarning, match="no resistive transition at 50% of R_N in 1 of 2"):
        out = extract_transition(da)
    assert np.isnan(out.tc.values[1])


@pytest.mark.parametrize("c", [0.0, 1.0, -0.2, 1.5])
def test_bad_criterion(c):
    with pytest.raises(ParameterError, match="criterion must lie strictly between 0 and 1"):
        transition_temperature(T, T, c)


def test_at_and_fit_range_exclusive():
    with pytest.raises(ParameterError, match="either at or fit_range"):
        transition_temperature(T, T, at=0.9, fit_range=(0.6, 0.9))


def test_zero_normal_state_is_nan():
    # a curve superconducting up to its highest temperature has no reference: no T_c
    assert np.isnan(transition_temperature(T, np.zeros(T.size)))


# The paper's measurement temperatures (simulate's default grid): 0.33 and 0.9 K lie around
# a 0.5 K transition, 0.57 K apart.
SPARSE = np.array([0.09, 0.15, 0.2, 0.25, 0.33, 0.9])


def test_widely_spaced_temperatures_give_a_bracket_not_a_number():
    found = find_transition(SPARSE, RN * tanh_step(SPARSE, tc=0.5))
    # linear interpolation between 0.33 and 0.9 K would claim about 0.615 K for any T_c in
    # between; the data only say T_c lies between the two measured temperatures
    assert np.isnan(found.tc)
    assert (found.tc_low, found.tc_high) == (0.33, 0.9)
    assert found.tc_low < 0.5 < found.tc_high  # the truth lies inside the bracket
    assert found.flags & TC_FLAGS["bracket_too_wide"]
    assert found.flags & TC_FLAGS["width_unresolved"]  # no point inside the transition


def test_bracket_rule_at_its_stated_fraction():
    # points 0.45 and 0.55 K around a transition at 0.5 K: bracket 0.1 K = 20 % of T_c
    t = np.array([0.1, 0.3, 0.45, 0.55, 0.7, 0.9])
    r = RN * tanh_step(t, tc=0.5)
    interpolated = 0.45 + 0.1 * (0.5 - r[2] / RN) / ((r[3] - r[2]) / RN)  # by hand
    assert 0.1 / interpolated == pytest.approx(0.2, abs=1e-3)
    assert find_transition(t, r, max_bracket=0.25).tc == pytest.approx(interpolated, rel=1e-12)
    assert np.isnan(find_transition(t, r, max_bracket=0.15).tc)


def test_dense_data_give_a_value_inside_its_bracket():
    found = find_transition(T, RN * tanh_step(T))
    assert found.tc == pytest.approx(TC, abs=TOL)
    assert found.tc_low <= found.tc <= found.tc_high
    assert found.tc_high - found.tc_low == pytest.approx(1e-3, rel=1e-6)
    assert found.flags == 0


def test_sweep_stopping_inside_the_transition_is_flagged():
    # T_c = 0.35 K, w = 0.02 K, data only up to 0.36 K: R(T_max) = 0.73 R_N, so R_N is
    # underestimated and the 50 % point comes out low (about 0.33 K)
    t = np.arange(0.05, 0.36 + 1e-9, 1e-3)
    r = RN * tanh_step(t, tc=0.35)
    found = find_transition(t, r)
    assert found.flags & TC_FLAGS["normal_state_not_reached"]
    assert found.tc < 0.345  # the biased value is returned, but flagged
    # the full sweep reaches the normal state: d ln R/d ln T ~ 1e-20 above 0.81 K
    assert find_transition(T, RN * tanh_step(T, tc=0.35)).flags == 0


def test_metallic_normal_state_is_not_mistaken_for_a_transition():
    # R_N(T) = 800 + 500 T: d ln R / d ln T = 500 T/(800 + 500 T) = 0.36 at 0.9 K, below 1
    r = (800.0 + 500.0 * T) * tanh_step(T)
    assert 500 * 0.9 / (800 + 500 * 0.9) < MAX_LOG_SLOPE
    assert find_transition(T, r).flags == 0
    # but a reference taken inside the transition is flagged
    assert find_transition(T, r, at=TC).flags & TC_FLAGS["normal_state_not_reached"]


@pytest.mark.filterwarnings("ignore:the normal state is not reached:UserWarning")
def test_extract_reports_brackets_and_flags_with_warnings():
    gates = np.array([-100.0, 100.0])
    tcs = np.array([0.5, 0.22])  # the second between 0.2 and 0.25 K: 22 % wide, too
    da = xr.DataArray(
        RN * tanh_step(SPARSE[None, :], tcs[:, None]),
        dims=("gate_voltage", "temperature"),
        coords={"gate_voltage": gates, "temperature": SPARSE},
    )
    with pytest.warns(UserWarning, match="T_c not given \\(NaN\\).*in 2 of 2 curve"):
        out = extract_transition(da)
    assert np.all(np.isnan(out.tc))
    np.testing.assert_array_equal(out.tc_low, [0.33, 0.2])
    np.testing.assert_array_equal(out.tc_high, [0.9, 0.25])
    assert out.tc_flags.attrs["flag_meanings"].split()[0] == "bracket_too_wide"
    assert np.all(out.tc_flags.values & TC_FLAGS["bracket_too_wide"])


def test_normal_state_temperature_outside_the_data_is_an_error():
    da = xr.DataArray(RN * tanh_step(T), dims="temperature", coords={"temperature": T})
    with pytest.raises(ParameterError, match="1.2 K lies outside the measured temperatures"):
        extract_transition(da, at=1.2)
    with pytest.raises(ParameterError, match="outside the measured"):
        transition_temperature(T, RN * tanh_step(T), at=0.01)
    with pytest.raises(ParameterError, match="fewer than 2 points"):
        extract_transition(da, fit_range=(1.0, 2.0))


def test_empty_curves_are_a_parameter_error():
    da = xr.DataArray(np.zeros((2, 0)), dims=("gate_voltage", "temperature"), name="r_xx")
    with pytest.raises(ParameterError, match="r_xx is empty"):
        extract_transition(da)
