"""Pauli limit, GL coherence length, flux-penetration width and film thickness."""

import numpy as np
import pytest
import scipy.constants as sc

from reentrant.analysis.estimates import (
    flux_penetration_width,
    gl_coherence_length,
    gl_slope,
    pauli_limit,
    tinkham_thickness,
)
from reentrant.errors import ParameterError

PHI0 = sc.h / (2 * sc.e)
MU_B = sc.physical_constants["Bohr magneton"][0]


def test_pauli_limit_textbook_number():
    # Clogston: B_P = Delta0 / (sqrt(2) mu_B), Delta0 = pi e^-gamma k_B T_c, in SI here.
    # rel 1e-9: the package takes mu_B in eV/T, a CODATA derived value rounded to ~10 digits
    delta0 = np.pi * np.exp(-np.euler_gamma) * sc.k * 1.0
    assert pauli_limit(1.0) == pytest.approx(delta0 / (np.sqrt(2) * MU_B), rel=1e-9)
    # the paper's rounded 1.86 T/K (3 significant digits)
    assert pauli_limit(1.0) == pytest.approx(1.86, abs=0.005)


def test_pauli_limit_scales_with_g_and_tc():
    np.testing.assert_allclose(
        pauli_limit([0.3, 0.6], g_factor=4.0), pauli_limit([0.3, 0.6]) / 2, rtol=1e-14
    )
    assert pauli_limit(0.6) == pytest.approx(2 * pauli_limit(0.3), rel=1e-14)


def test_gl_slope_recovers_xi_and_tc():
    xi0, tc = 20e-9, 0.4
    t = np.linspace(0.3, 0.39, 10)
    bc2 = PHI0 / (2 * np.pi * xi0**2) * (1 - t / tc)
    fit = gl_slope(t, bc2)
    assert fit.tc == pytest.approx(tc, rel=1e-10)
    assert fit.xi0 == pytest.approx(20.0, rel=1e-10)
    assert gl_coherence_length(fit.slope, tc) == pytest.approx(20.0, rel=1e-10)


def test_gl_slope_window():
    t = np.linspace(0.05, 0.39, 35)
    bc2 = np.where(t > 0.3, 1.0 * (0.4 - t), 0.1 + 0.0 * t)  # flattened below 0.3 K
    fit = gl_slope(t, bc2, temperature_range=(0.3, 0.4))
    assert fit.slope == pytest.approx(-1.0, rel=1e-10)


def test_gl_slope_rejects_rising():
    with pytest.raises(ParameterError, match="must decrease"):
        gl_slope([0.1, 0.2], [1.0, 2.0])


def test_flux_penetration_width_definition():
    # B xi w = Phi0; the paper's 0.9 T and w ~ 45 nm correspond to xi ~ 51 nm
    w = flux_penetration_width(0.9, 51.0)
    assert w * 1e-9 * 0.9 * 51e-9 == pytest.approx(PHI0, rel=1e-12)
    assert w == pytest.approx(45.0, abs=0.5)


def test_tinkham_thickness_round_trip():
    d, xi = 5e-9, 20e-9
    bc2par = np.sqrt(12) * PHI0 / (2 * np.pi * xi * d)
    assert tinkham_thickness(bc2par, 20.0) == pytest.approx(5.0, rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan])
def test_bad_tc(bad):
    with pytest.raises(ParameterError, match="tc_k"):
        pauli_limit(bad)
