"""Hall density and mobility against the single-carrier Drude relations evaluated here."""

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr

from reentrant.analysis.hall import extract_hall, hall_fit, mobility
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


def test_extract_over_gate_with_superconducting_sheet():
    gates = np.array([-100.0, 100.0])
    dens = np.array([0.3, 0.6]) * 1e18
    rxy = np.stack([electron_rxy(B, n) for n in dens])
    rxx = np.stack([np.full(B.size, 800.0), np.zeros(B.size)])  # second gate superconducting
    ds = xr.Dataset(
        {"r_xy": (("gate_voltage", "field"), rxy), "r_xx": (("gate_voltage", "field"), rxx)},
        coords={"gate_voltage": gates, "field": B},
    )
    out = extract_hall(ds, squares=2.0)
    np.testing.assert_allclose(out.density, dens / 1e18, rtol=1e-12)
    assert out.mobility.values[0] == pytest.approx(1 / (sc.e * dens[0] * 400.0) * 1e4, rel=1e-12)
    assert np.isnan(out.mobility.values[1])
    assert out.density.attrs["units"] == "nm^-2"


def test_too_few_points():
    with pytest.raises(ParameterError, match="two distinct fields"):
        hall_fit([1.0, 1.0], [2.0, 3.0])


def test_bad_sheet_resistance():
    with pytest.raises(ParameterError, match="sheet_resistance_ohm must be positive"):
        mobility(0.5, 0.0)
