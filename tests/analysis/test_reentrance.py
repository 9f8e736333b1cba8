"""Tests of the re-entrance tools on curves with minima known in closed form."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

from reentrant.analysis.reentrance import (
    normal_intervals,
    reentrance_depth,
    reentrant_region,
    tc_minimum,
)
from reentrant.errors import ParameterError
from reentrant.mechanisms import JaccarinoPeter, PauliLimit

A, B4 = 1.0, 0.4  # tc = 1 - A B^2 + B4 B^4: minimum at B^2 = A/(2 B4), tc_min = 1 - A^2/(4 B4)
B_MIN = np.sqrt(A / (2 * B4))
TC_MIN = 1 - A**2 / (4 * B4)


def quartic(b):
    return 1 - A * b**2 + B4 * b**4


def quartic_crossings(temperature):
    """Both fields where the quartic equals ``temperature`` (roots of a quadratic in B^2)."""
    disc = np.sqrt(A**2 - 4 * B4 * (1 - temperature))
    return np.sqrt((A - disc) / (2 * B4)), np.sqrt((A + disc) / (2 * B4))


def test_quartic_minimum():
    # grid offset so that B_min is not a node; the 3-point parabola is exact for a quadratic,
    # the quartic's cubic term leaves an O(dB^2) error in B_min: 1e-4 for dB = 0.01
    field = np.arange(0.003, 1.6, 0.01)
    minimum = tc_minimum(field, quartic(field))
    assert minimum.found
    assert_allclose(minimum.field_min, B_MIN, atol=1e-4)
    assert_allclose(minimum.tc_min, TC_MIN, atol=1e-6)


def test_exact_parabola_minimum_is_exact():
    field = np.linspace(0, 2, 21)
    tc = 0.3 + (field - 0.8137) ** 2
    minimum = tc_minimum(field, tc)
    assert_allclose([minimum.field_min, minimum.tc_min], [0.8137, 0.3], rtol=1e-12)


def test_monotonic_curve_has_no_minimum():
    field = np.linspace(0, 1, 50)
    tc = np.clip(1 - field**2, 0, None)
    minimum = tc_minimum(field, tc)
    assert not minimum.found
    assert np.isnan(minimum.tc_min) and np.isnan(minimum.field_min)
    assert reentrance_depth(field, tc) == 0.0
    assert normal_intervals(field, tc, temperature=0.5) == []


def test_zero_gap_minimum_is_centre_of_flat_bottom():
    # tc = max(0, 1 - 3 B^2 + B^4 ... ) vanishes between two roots; T_c^min = 0 at their middle
    field = np.linspace(0, 3, 3001)
    tc = np.clip(1 - 3 * field**2 + 1.5 * field**4, 0, None)
    disc = np.sqrt(9 - 6)
    lo, hi = np.sqrt((3 - disc) / 3), np.sqrt((3 + disc) / 3)
    minimum = tc_minimum(field, tc)
    assert minimum.tc_min == 0.0
    assert_allclose(minimum.field_min, 0.5 * (lo + hi), atol=1e-3)  # grid spacing 1e-3
    assert reentrance_depth(field, tc) == 1.0


def test_depth_of_quartic():
    field = np.linspace(0, 1.6, 1601)
    assert_allclose(reentrance_depth(field, quartic(field)), 1 - TC_MIN, atol=1e-6)


@pytest.mark.parametrize("temperature", [0.4, 0.6, 0.9])
def test_normal_interval_of_quartic(temperature):
    # linear interpolation of the crossings on a 1e-3 grid: error ~ dB^2 |tc''| / (8 |tc'|) < 1e-5
    field = np.linspace(0, 1.6, 1601)
    (interval,) = normal_intervals(field, quartic(field), temperature=temperature)
    assert_allclose(interval, quartic_crossings(temperature), atol=1e-5)


def test_no_interval_below_minimum_or_above_low_field_tc():
    field = np.linspace(0, 1.6, 161)
    assert normal_intervals(field, quartic(field), temperature=0.9 * TC_MIN) == []
    # above T_c(0) = 1 the low-field side is normal too: nothing between two SC intervals
    assert normal_intervals(field, quartic(field), temperature=1.05) == []


def test_two_minima_give_two_intervals():
    # tc = 0.7 + 0.3 cos(2 pi B): minima 0.4 at B = 0.5, 1.5; at T = 0.55 cos = -1/2, so the
    # normal intervals are (1/3, 2/3) and (4/3, 5/3); the dip after B = 2 is not closed on the
    # right and does not count
    field = np.linspace(0, 2.5, 2501)
    tc = 0.7 + 0.3 * np.cos(2 * np.pi * field)
    intervals = normal_intervals(field, tc, temperature=0.55)
    assert_allclose(intervals, [(1 / 3, 2 / 3), (4 / 3, 5 / 3)], atol=1e-6)


def test_region_mask_agrees_with_intervals_and_bounds():
    field = np.linspace(0, 2.5, 501)
    tc = 0.7 + 0.3 * np.cos(2 * np.pi * field)
    temps = np.linspace(0.3, 1.1, 17)
    region = reentrant_region(field, tc, temperature=temps)
    assert region["lower"].attrs["units"] == "K"
    assert_allclose(region["upper"].sel(field=0.5), 1.0)
    assert_allclose(region["upper"].sel(field=2.4), region["lower"].sel(field=2.4))
    for temp in temps:
        mask = region["mask"].sel(temperature=temp).values
        expected = np.zeros_like(mask)
        for start, end in normal_intervals(field, tc, temperature=temp):
            expected |= (field >= start) & (field <= end)
        away = np.abs(tc - temp) > 1e-9  # a sample exactly on T_c = T is a boundary point
        assert np.array_equal(mask[away], expected[away])


def test_dataarray_and_mechanism_inputs():
    field = np.linspace(0, 1.6, 321)
    curve = xr.DataArray(quartic(field), coords={"field": field}, dims="field")
    assert tc_minimum(curve) == tc_minimum(field, quartic(field))
    # Pauli: monotonic; Jaccarino-Peter: T_c vanishes between the zero-field and compensation
    # domes, so the re-entrance is complete (depth 1)
    grid = np.linspace(0, 8, 161)
    assert not tc_minimum(grid, PauliLimit(1.0)).found
    jp = JaccarinoPeter(1.0, exchange_field_mev=0.3, spin=0.5)
    minimum = tc_minimum(grid, jp)
    assert minimum.found and minimum.tc_min == 0.0
    assert_allclose(reentrance_depth(grid, jp), 1.0, rtol=1e-12)
    assert len(normal_intervals(grid, jp, temperature=0.5)) == 1
    assert tc_minimum(jp.tc_curve(grid)) == minimum  # Mechanism.tc_curve feeds the tools too


def test_unsorted_input_is_sorted():
    field = np.linspace(0, 1.6, 161)
    perm = np.random.default_rng(0).permutation(field.size)
    assert tc_minimum(field[perm], quartic(field)[perm]) == tc_minimum(field, quartic(field))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0, 1, 2], [1, 1]), "equal length"),
        (([0, 1], [1, 1]), "at least 3"),
        (([0, 1, 2], [1, -1, 1]), "non-negative"),
        (([0, 1, 1], [1, 0.5, 1]), "distinct"),
        (([0, 1, np.nan], [1, 0.5, 1]), "field"),
    ],
)
def test_bad_curves(args, message):
    with pytest.raises(ParameterError, match=message):
        tc_minimum(*args)


def test_bad_temperature_and_redundant_tc():
    field = np.linspace(0, 1, 5)
    with pytest.raises(ParameterError, match="temperature"):
        normal_intervals(field, field, temperature=-1.0)
    curve = xr.DataArray(field, coords={"field": field}, dims="field")
    with pytest.raises(ParameterError, match="omitted"):
        tc_minimum(curve, field)
