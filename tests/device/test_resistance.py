"""Tests of the Drude, Aslamazov-Larkin and effective-medium resistance models."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e, hbar
from scipy.optimize import brentq

from reentrant.device.resistance import (
    aslamazov_larkin_conductance,
    bkt_conductance,
    bkt_temperature_ratio,
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


# --- BKT form of the transition ----------------------------------------------------------


def _bcs_gap(t):
    """Exact weak-coupling BCS gap Delta / k_B T_c at t = T / T_c.

    ln(1/t) = 2 pi t sum_{n >= 0} [1/w_n - 1/sqrt(w_n^2 + Delta^2)], w_n = pi t (2n + 1)
    (the BCS gap equation with the cutoff eliminated through T_c; Abrikosov-Gor'kov-Dzyaloshinskii
    Matsubara form).  20000 terms: the tail is below Delta^2 / (8 pi^2 t^2 n) ~ 1e-6.
    """
    w = np.pi * t * (2 * np.arange(20000) + 1)

    def residual(delta):
        return np.log(1 / t) - 2 * np.pi * t * np.sum(1 / w - 1 / np.sqrt(w**2 + delta**2))

    return brentq(residual, 1e-9, 3.0, xtol=1e-13)


def _t_bkt_exact(r_n):
    """T_BKT / T_c from k_B T = (pi/2) J_s, J_s = pi hbar Delta tanh(Delta / 2T) / (4 e^2 R_N)."""

    def residual(x):
        d = _bcs_gap(x)
        return np.pi**2 / 8 * hbar / (e**2 * r_n) * d * np.tanh(d / (2 * x)) - x

    return brentq(residual, 0.05, 1 - 1e-9, xtol=1e-12)


def test_bcs_gap_of_the_test_is_bcs():
    # sanity of the reference: Delta(0) = pi exp(-gamma) k_B T_c = 1.764; GL slope 3.06 near T_c
    assert _bcs_gap(0.02) == pytest.approx(np.pi * np.exp(-np.euler_gamma), rel=1e-5)
    assert _bcs_gap(0.999) / np.sqrt(1e-3) == pytest.approx(3.063, rel=2e-3)


@pytest.mark.parametrize(("r_n", "rtol"), [(500.0, 1e-3), (2000.0, 1e-3), (2e4, 1.5e-2)])
def test_bkt_temperature_from_the_universal_jump(r_n, rtol):
    # the code uses the tanh interpolation of Delta(T) (up to 1.8 % below BCS at t ~ 0.6), so
    # T_BKT / T_c follows the exact-gap solution to 1e-3 for R_N <= 2 kOhm (the device's range,
    # T_BKT near T_c) and to 1.5e-2 up to 20 kOhm
    assert_allclose(bkt_temperature_ratio(r_n), _t_bkt_exact(r_n), rtol=rtol)


def test_bkt_temperature_small_resistance_limit():
    # Near T_c, Delta = 3.06 k_B T_c sqrt(1 - t) and tanh(Delta / 2T) = Delta / 2T, so the jump
    # condition gives 1 - T_BKT / T_c = 16 e^2 R_N / (pi^2 hbar 3.06^2) = 0.173 e^2 R_N / hbar
    r_n = np.array([20.0, 50.0])
    expected = 16 * e**2 * r_n / (np.pi**2 * hbar * 3.0633**2)
    assert_allclose(1 - bkt_temperature_ratio(r_n), expected, rtol=1e-2)
    with pytest.raises(ParameterError, match="r_normal_ohm"):
        bkt_temperature_ratio(0.0)


def test_bkt_conductance_limits():
    tc, r_n, b = 0.4, 1500.0, 1.3
    # T_BKT of the code (checked above): the exponential regime is within 1e-4 T_BKT of it
    t_bkt = float(bkt_temperature_ratio(r_n)) * tc
    al = e**2 / (16 * hbar)
    # superconducting at and below T_BKT; no fluctuations where T_c = 0
    assert np.all(np.isinf(bkt_conductance([0.2, 0.99 * t_bkt], tc, r_n, b)))
    assert bkt_conductance(0.3, 0.0, r_n, b) == 0.0
    # far above T_c: the Aslamazov-Larkin conductance e^2/(16 hbar) T_c / (T - T_c), up to
    # O((T_c - T_BKT)/T) ~ 1e-3 at T = 30 T_c
    assert_allclose(bkt_conductance(30 * tc, tc, r_n, b), al * tc / (29 * tc), rtol=3e-3)
    # close to T_BKT: sigma ~ exp(2 b sqrt(tau_c / tau)) (Halperin-Nelson), sinh^2 -> e^{2x}/4
    t = t_bkt * (1 + np.array([1e-4, 4e-4]))
    arg = b * np.sqrt((tc - t_bkt) / (t - t_bkt))
    expected = al * tc / (b**2 * (tc - t_bkt)) * np.exp(2 * arg) / 4
    assert_allclose(np.log(bkt_conductance(t, tc, r_n, b)), np.log(expected), rtol=2e-3)
    with pytest.raises(ParameterError, match="vortex_b"):
        bkt_conductance(0.5, tc, r_n, 0.0)


def test_bkt_film_is_resistive_between_t_bkt_and_tc():
    # homogeneous film: AL is superconducting at T <= T_c, BKT only at T <= T_BKT < T_c
    tc, r_n = 0.4, 2000.0
    t_bkt = _t_bkt_exact(r_n) * tc
    t = np.array([0.98 * t_bkt, 0.5 * (t_bkt + tc), 0.99 * tc, 2.0])
    bkt = inhomogeneous_sheet_resistance(t, tc, r_n, 0.0, transition="bkt")
    al = inhomogeneous_sheet_resistance(t, tc, r_n, 0.0)
    assert bkt[0] == 0.0 and np.all(bkt[1:] > 0) and np.all(al[:3] == 0.0)
    assert_allclose(bkt[-1], al[-1], rtol=1e-3)  # far above both forms agree
    with pytest.raises(ParameterError, match="transition"):
        inhomogeneous_sheet_resistance(t, tc, r_n, 0.0, transition="ginzburg")
