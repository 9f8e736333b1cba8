"""Resistive peaks between superconducting intervals, on sweeps with known peak geometry."""

import numpy as np
import pytest
import xarray as xr

from reentrant.analysis.peaks import resistive_peaks, track_peaks
from reentrant.errors import ParameterError

RN = 1000.0
H = 0.01
B = np.round(np.arange(0.0, 9.0 + H / 2, H), 10)


def dome(b, center, half_width, height):
    """Inverted parabola height (1 - x^2), x = (B - center)/half_width, zero outside |x| < 1.

    Its top is exactly a parabola (so the three-point vertex is exact) and its full width at
    half height is sqrt(2) * half_width.
    """
    x = (b - center) / half_width
    return np.where(np.abs(x) < 1, height * (1 - x**2), 0.0)


def normal_step(b, bc=4.0, w=0.1):
    return RN * 0.5 * (1 + np.tanh((b - bc) / w))


# Half-height crossings by linear interpolation: error <= h^2/8 * |R''|/|R'| = h^2 sqrt(2)/(8 a)
# per side (a = half width 0.1 T): 1.8e-4 T; width tolerance 4e-4 T.
WIDTH_TOL = 4e-4


def test_single_peak_geometry():
    r = dome(B, 0.903, 0.1, 0.05 * RN) + normal_step(B)
    (peak,) = resistive_peaks(B, r)
    assert peak.position == pytest.approx(0.903, abs=1e-9)
    # bases: the dome sits on R = 0 up to the tanh tail, below 1e-20 R_N
    assert peak.amplitude == pytest.approx(0.05 * RN, rel=1e-12)
    assert peak.relative_amplitude == pytest.approx(0.05, rel=1e-12)
    assert peak.width == pytest.approx(np.sqrt(2) * 0.1, abs=WIDTH_TOL)


def test_no_pocket_no_peak():
    assert resistive_peaks(B, normal_step(B)) == []


def test_bump_on_normal_state_is_not_reentrant():
    r = normal_step(B) + dome(B, 6.0, 0.2, 0.05 * RN)
    assert resistive_peaks(B, r) == []


def test_small_bump_below_prominence_threshold():
    r = dome(B, 0.9, 0.1, 0.005 * RN) + normal_step(B)
    assert resistive_peaks(B, r) == []
    assert len(resistive_peaks(B, r, min_prominence=0.001)) == 1


def test_peak_on_finite_base_amplitude_is_prominence():
    # a floor of 0.02 R_N (below sc_fraction 0.1) from 0.6 T up to the normal state: the
    # right base is the floor, so the amplitude excludes it
    pocket = np.where((B > 0.6) & (B < 4.0), 0.02 * RN, 0.0)
    r = pocket + dome(B, 0.9, 0.1, 0.05 * RN) + normal_step(B)
    (peak,) = resistive_peaks(B, r)
    assert peak.amplitude == pytest.approx(0.05 * RN, rel=1e-9)


def test_symmetric_sweep_uses_positive_half():
    b = np.concatenate([-B[::-1], B[1:]])
    r = dome(np.abs(b), 0.9, 0.1, 0.05 * RN) + normal_step(np.abs(b))
    assert len(resistive_peaks(b, r)) == 1


def test_track_over_temperature_and_gate():
    temps = np.array([0.1, 0.3])
    gates = np.array([-50.0, 50.0])
    heights = np.array([[0.0, 0.0], [0.03, 0.08]])  # no peak at 0.1 K (below T_c^min)
    r = np.empty((2, 2, B.size))
    for i in range(2):
        for j in range(2):
            r[i, j] = dome(B, 0.9, 0.1, heights[i, j] * RN) + normal_step(B)
    da = xr.DataArray(
        r,
        dims=("temperature", "gate_voltage", "field"),
        coords={"temperature": temps, "gate_voltage": gates, "field": B},
    )
    out = track_peaks(da)
    np.testing.assert_allclose(out.peak_amplitude.values, heights * RN, rtol=1e-9, atol=0)
    np.testing.assert_allclose(out.peak_position.values[1], [0.9, 0.9], atol=1e-9)
    assert np.all(np.isnan(out.peak_position.values[0]))
    assert out.peak_amplitude.attrs["units"] == "Ohm"


def test_bad_fraction():
    with pytest.raises(ParameterError, match="sc_fraction"):
        resistive_peaks(B, normal_step(B), sc_fraction=2.0)
