"""Tests of the 2D Fulde-Ferrell line: kernel, uniform limit, Lifshitz point, T -> 0 limit."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import FuldeFerrell, PauliLimit
from reentrant.mechanisms.fulde_ferrell import fulde_ferrell_line, fulde_ferrell_pair_breaking
from reentrant.mechanisms.pair_breaking import pair_breaking

K_B = sc.k / sc.e * 1e3  # meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3  # meV/T
DELTA0 = np.pi * np.exp(-np.euler_gamma)


def field_of_reduced_h(h, tc0_k=1.0, g=2.0):
    return h * K_B * tc0_k / (0.5 * g * MU_B)


def sarma(t, h):
    return np.log(t) + digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5)


@pytest.mark.parametrize(("t", "h", "q"), [(0.3, 1.0, 0.8), (0.05, 1.5, 1.6), (0.8, 0.5, 2.0)])
def test_kernel_equals_direct_angular_average(t, h, q):
    # <Re psi(1/2 + i(h + Q cos th)/(2 pi t))> by the periodic trapezoid rule (spectrally
    # accurate, 20000 nodes); the kernel's Matsubara remainder is < 1e-7 (see matsubara_terms)
    theta = np.linspace(0, 2 * np.pi, 20000, endpoint=False)
    x = (h + q * np.cos(theta)) / (2 * np.pi * t)
    direct = np.mean(digamma(0.5 + 1j * x).real) - digamma(0.5)
    assert_allclose(fulde_ferrell_pair_breaking(t, h, q), direct, atol=1e-7)


def test_kernel_without_momentum_is_pauli():
    t = np.linspace(0.05, 1, 9)
    assert_allclose(
        fulde_ferrell_pair_breaking(t, 0.9, 0.0), pair_breaking(t, 0.0, 0.9), atol=1e-14
    )


@pytest.mark.parametrize(("h", "q"), [(1.5, 1.0), (1.0, 1.5)])
def test_kernel_zero_temperature_limit(h, q):
    # t -> 0: ln t + P -> <ln|h + Q cos th|> - ln(Delta0/2), and (standard integral)
    # <ln|a + b cos th|> = ln((a + sqrt(a^2 - b^2))/2) for a >= b, ln(b/2) for b >= a.
    # Corrections are O(t^2/(h - Q)^2) ~ 2e-5 at t = 2e-3.
    if h >= q:
        limit = np.log((h + np.sqrt(h * h - q * q)) / 2)
    else:
        limit = np.log(q / 2)
    value = np.log(2e-3) + fulde_ferrell_pair_breaking(2e-3, h, q)
    assert_allclose(value, limit - np.log(DELTA0 / 2), atol=1e-4)


def test_line_reaches_the_gap_at_zero_temperature():
    # with Q >= h the T = 0 condition is ln(Q/2) = ln(Delta0/2): the 2D FF line ends at
    # h = Q = Delta0 (Bulaevskii 1974).  The computed line rises monotonically towards it.
    t, h, r_opt = fulde_ferrell_line()
    assert np.all(np.diff(h) >= 0)
    assert h[-1] < DELTA0
    assert h[-1] > 0.95 * DELTA0
    assert_allclose(r_opt[-1], 1.0, atol=0.1)
    mech = FuldeFerrell(1.0)
    assert mech.tc(field_of_reduced_h(DELTA0 * 1.0001)) == 0.0
    assert 0 < mech.tc(field_of_reduced_h(0.99 * DELTA0)) < 0.02


def lifshitz_temperature():
    """t* where the Q^2 coefficient of the pair-breaking term vanishes on the Sarma line.

    Expanding 1/sqrt((w + ih)^2 + Q^2) to O(Q^2) gives P(Q) - P(0) = (Q^2/2) 2 pi t
    sum_n Re (w_n + ih)^-3, so the uniform state is unstable to q != 0 where
    c(t) = Re sum_n (n + 1/2 + i h/(2 pi t))^-3 changes sign.
    """
    n = np.arange(200000) + 0.5

    def c(t):
        h = brentq(lambda hh: sarma(t, hh), 1e-9, 1.2)
        return np.sum((1 / (n + 1j * h / (2 * np.pi * t)) ** 3).real)

    return brentq(c, 0.4, 0.7, xtol=1e-10)


def test_lifshitz_point_matches_q_squared_coefficient():
    t_star = lifshitz_temperature()
    assert_allclose(t_star, 0.561, atol=2e-3)  # T* = 0.56 T_c0 (Saint-James, Sarma & Thomas 1969)
    t, h, r_opt = fulde_ferrell_line()
    # the 148-point grid has spacing 0.0067; the onset of q != 0 must fall in the cell around t*
    assert np.all(r_opt[t > t_star + 0.007] == 0.0)
    assert np.all(r_opt[t < t_star - 0.007] > 0.05)


def test_uniform_above_lifshitz_point_equals_pauli():
    fields = np.linspace(0.0, field_of_reduced_h(1.05), 40)
    pauli = PauliLimit(1.0).tc(fields)
    assert np.all(pauli > 0.58)
    # pchip interpolation of the tabulated line: relative error ~1e-7 measured, 1e-5 allowed
    assert_allclose(FuldeFerrell(1.0).tc(fields), pauli, rtol=1e-5)
    assert np.all(FuldeFerrell(1.0).optimal_q(fields) == 0.0)


def test_fulde_ferrell_is_never_below_pauli():
    fields = np.linspace(0.0, 2.0, 60)
    assert np.all(FuldeFerrell(1.0).tc(fields) >= PauliLimit(1.0).tc(fields) * (1 - 1e-5))


def test_optimal_q_in_inverse_nanometres():
    vf = 2e5  # m/s
    field = field_of_reduced_h(1.4)
    ratio = FuldeFerrell(1.0).optimal_q(field)
    q_nm = FuldeFerrell(1.0, fermi_velocity_m_s=vf).optimal_q(field)
    h_joule = 1.4 * sc.k * 1.0
    assert ratio > 0.5
    assert_allclose(q_nm, ratio * 2 * h_joule / (sc.hbar * vf) * 1e-9, rtol=1e-5)
    assert np.isnan(FuldeFerrell(1.0).optimal_q(field_of_reduced_h(2.0)))


def test_bad_parameters():
    with pytest.raises(ParameterError, match="fermi_velocity_m_s"):
        FuldeFerrell(1.0, fermi_velocity_m_s=-3.0)
