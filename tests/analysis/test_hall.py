"""Hall density and mobility against the single-carrier Drude relations evaluated here."""

import re
import warnings

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr

from reentrant.analysis.hall import HALL_FLAGS, extract_hall, hall_fit, mobility
from reentrant.errors import ParameterError

N_NM2 = 0.5  # 5e13 cm^-2
N_M2 = N_NM2 * 1e18
B = np.linspace(-2.0, 2.0, 41)


def electron_rxy(b, n_m2=N_M2, offset=3.0, even=0.0):
    return offset - b / (sc.e * n_m2) + even * b**2


def test_density_from_slope():
    fit = hall_fit(B, electron_rxy(B))
    assert fit.hall_coefficient == pytest.approx(-1 / (sc.e * N_M2), rel=1e-12)
    assert fit.density == pytest.approx(N_NM2, rel=1e-12)
    assert fit.carrier_sign == -1


def test_even_admixture_does_not_bias_symmetric_fit():
    # B^2 is orthogonal to B on a grid symmetric about zero: slope unchanged to rounding.
    fit = hall_fit(B, electron_rxy(B, even=50.0))
    assert fit.density == pytest.approx(N_NM2, rel=1e-12)


def test_holes_and_field_range():
    r = B / (sc.e * 2 * N_M2)
    r[B > 1.0] = 0.0  # garbage outside the window
    fit = hall_fit(B, r, field_range=(-1.0, 1.0))
    assert fit.carrier_sign == 1
    assert fit.density == pytest.approx(2 * N_NM2, rel=1e-12)


def test_mobility_drude():
    r_s = 1000.0
    expected_cm2 = 1 / (sc.e * N_M2 * r_s) * 1e4
    assert mobility(N_NM2, r_s) == pytest.approx(expected_cm2, rel=1e-12)


def _extract(ds):
    """extract_hall and the text of every warning it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = extract_hall(ds)
    return out, " | ".join(str(w.message) for w in caught)


def _dataset(rxy, rxx, gates=(-100.0, 100.0), b=B):
    return xr.Dataset(
        {"r_xy": (("gate_voltage", "field"), rxy), "r_xx": (("gate_voltage", "field"), rxx)},
        coords={"gate_voltage": list(gates), "field": b},
    )


def test_extract_over_gate_voltage():
    dens = np.array([0.3, 0.6]) * 1e18
    ds = _dataset(np.stack([electron_rxy(B, n) for n in dens]), np.full((2, B.size), 800.0))
    out = extract_hall(ds, squares=2.0)
    np.testing.assert_allclose(out.density, dens / 1e18, rtol=1e-12)
    expected = 1 / (sc.e * dens * 400.0) * 1e4  # R_s = 800 Ohm / 2 squares
    np.testing.assert_allclose(out.mobility, expected, rtol=1e-12)
    assert out.density.attrs["units"] == "nm^-2"
    assert not np.any(out.hall_flags.values)


def test_superconducting_fields_are_left_out_of_the_fit():
    # superconducting for |B| < 1 T: R_xx = 0 and R_xy shorted to 0; normal above
    normal = np.abs(B) > 1.0
    rxy = np.where(normal, electron_rxy(B, offset=0.0), 0.0)
    rxx = np.where(normal, 800.0, 0.0)
    ds = _dataset(rxy[None], rxx[None], gates=(0.0,))
    out, messages = _extract(ds)
    assert re.search("superconducting fields .* left out", messages)
    assert out.density.item() == pytest.approx(N_NM2, rel=1e-12)  # the normal points alone
    naive = np.polyfit(B, rxy, 1)[0]  # a fit through the shorted points is wrong by ~20 %
    assert abs(1 / (sc.e * abs(naive)) / N_M2 - 1) > 0.1
    flags = out.hall_flags.item()
    assert flags & HALL_FLAGS["superconducting_points_excluded"]
    assert flags & HALL_FLAGS["superconducting_at_zero_field"]
    assert np.isnan(out.mobility.item())  # R_xx(B = 0) = 0 is no normal sheet resistance


def test_negative_sheet_resistance_is_flagged_not_used():
    ds = _dataset(electron_rxy(B)[None], np.full((1, B.size), -800.0), gates=(0.0,))
    out, messages = _extract(ds)
    assert re.search("negative or zero R_xx", messages)
    assert np.isnan(out.mobility.item())
    assert out.hall_flags.item() & HALL_FLAGS["negative_sheet_resistance"]


def test_all_superconducting_sweep_gives_nan_with_flag():
    rxx = np.where(np.abs(B) >= 2.0, 800.0, 0.0)  # normal at the two end points only...
    rxx[-1] = 0.0  # ...and at one of them
    ds = _dataset(electron_rxy(B)[None], rxx[None], gates=(0.0,))
    out, messages = _extract(ds)
    assert re.search("fewer than two normal fields", messages)
    assert np.isnan(out.density.item())
    assert out.hall_flags.item() & HALL_FLAGS["too_few_normal_points"]


def test_without_r_xx_the_superconducting_range_is_unchecked():
    ds = xr.Dataset({"r_xy": ("field", electron_rxy(B))}, coords={"field": B})
    out, messages = _extract(ds)
    assert re.search("could not be excluded", messages)
    assert out.density.item() == pytest.approx(N_NM2, rel=1e-12)
    assert out.hall_flags.item() == HALL_FLAGS["superconducting_range_unchecked"]


def test_too_few_points():
    with pytest.raises(ParameterError, match="two distinct fields"):
        hall_fit([1.0, 1.0], [2.0, 3.0])


def test_bad_sheet_resistance():
    with pytest.raises(ParameterError, match="sheet_resistance_ohm must be positive"):
        mobility(0.5, 0.0)
