"""Tests of the Drude, Aslamazov-Larkin and effective-medium resistance models."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e, hbar

from reentrant.device.resistance import (
    aslamazov_larkin_conductance,
    bruggeman_2d,
    drude_sheet_resistance,
    gauss_hermite_tc_spread,
    inhomogeneous_sheet_resistance,
)
from reentrant.errors import ParameterError


def test_drude_in_si_units():
    # n = 0.3 nm^-2 = 3e17 m^-2, mu = 100 cm^2/Vs = 0.01 m^2/Vs
    assert_allclose(drude_sheet_resistance(0.3, 100.0), 1.0 / (3e17 * e * 0.01), rtol=1e-14)
    with pytest.raises(ParameterError, match="density_nm2"):
        drude_sheet_resistance(-0.1, 100.0)
    with pytest.raises(ParameterError, match="mobility"):
        drude_sheet_resistance(0.1, 0.0)


def test_aslamazov_larkin_formula_and_limits():
    t = np.array([0.2, 0.3, 0.5, 1.0])
    sigma = aslamazov_larkin_conductance(t, 0.3)
    assert np.isinf(sigma[0]) and np.isinf(sigma[1])
    assert_allclose(sigma[2:], e**2 / (16 * hbar) * 0.3 / (t[2:] - 0.3), rtol=1e-14)
    assert_allclose(aslamazov_larkin_conductance(t, 0.0), 0.0)


def test_bruggeman_homogeneous_and_superconducting_inclusions():
    w = np.array([0.3, 0.7])
    assert_allclose(bruggeman_2d(np.array([[2.5, 2.5]]), w), [2.5], rtol=1e-12)
    # fraction p of perfect conductor in sigma_1: (1-p)(s1 - s)/(s1 + s) + p = 0 -> s1/(1-2p)
    for p in (0.1, 0.3, 0.45):
        got = bruggeman_2d(np.array([np.inf, 3.0]), np.array([p, 1 - p]))
        assert_allclose(got, 3.0 / (1 - 2 * p), rtol=1e-12)
    assert np.isinf(bruggeman_2d(np.array([np.inf, 3.0]), np.array([0.5, 0.5])))


def test_bruggeman_equal_fractions_is_geometric_mean():
    # Keller-Dykhne: a 50/50 2D two-phase mixture has sigma_e = sqrt(s1 s2) exactly
    s = np.array([[1.0, 16.0], [2.0, 200.0]])
    assert_allclose(bruggeman_2d(s, np.array([0.5, 0.5])), [4.0, 20.0], rtol=1e-12)


def test_gauss_hermite_reproduces_normal_moments():
    x, w = gauss_hermite_tc_spread(24)
    assert_allclose([w.sum(), w @ x, w @ x**2, w @ x**4], [1.0, 0.0, 1.0, 3.0], atol=1e-12)


def test_homogeneous_film_is_drude_plus_al():
    t = np.array([0.35, 0.5, 0.9])
    r_n = 1500.0
    expected = 1.0 / (1.0 / r_n + e**2 / (16 * hbar) * 0.3 / (t - 0.3))
    got = inhomogeneous_sheet_resistance(t, 0.3, r_n, relative_width=0.0)
    assert_allclose(got, expected, rtol=1e-12)


def test_inhomogeneous_transition_shape():
    tc, width, r_n = 0.4, 0.05, 2000.0
    t = np.linspace(0.2, 0.9, 281)
    r = inhomogeneous_sheet_resistance(t, tc, r_n, width)
    # half the patches are superconducting for T < T_c (median local T_c): 2D percolation
    assert np.all(r[t < tc] == 0.0)
    assert np.all(np.diff(r) >= 0) and np.all(r <= r_n)
    # the 50 % point lies above T_c but within 3 widths plus the AL shift of the median
    t50 = np.interp(0.5 * r_n, r, t)
    assert tc < t50 < tc * (1 + 3 * width)
    # far above, only the mean AL correction remains (second-order spread effects ~ s^2)
    far = inhomogeneous_sheet_resistance(4.0, tc, r_n, width)
    assert_allclose(far, 1 / (1 / r_n + e**2 / (16 * hbar) * tc / (4.0 - tc)), rtol=1e-3)
    with pytest.raises(ParameterError, match="relative_width"):
        inhomogeneous_sheet_resistance(t, tc, r_n, -0.1)
