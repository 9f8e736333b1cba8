"""Magnetic impurities polarised by the field (Kharitonov-Feigel'man): limits and enhancement."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_formulas import (
    DELTA0,
    K_B,
    MU_B,
    abrikosov_gorkov_tc,
    pauli_pair_breaking,
    solve_tc,
    spin_orbit_digamma,
)
from scipy.optimize import brentq
from scipy.special import polygamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import MagneticImpurities, configure
from reentrant.mechanisms.magnetic_impurities import exchange_scattering_weight


def golden_rule_weight(spin, x):
    """Exchange scattering rate of a Fermi-level electron over its unpolarised value.

    Sums over the impurity levels m = -S..S (energy -x m in k_B T, Boltzmann weights): the
    elastic non-flip part <S_z^2>, and the spin flips averaged over the electron's spin -- an
    up electron flips down by raising the impurity's m (S_+: the impurity drops by x, the
    electron's final state at +x is empty with 1 - f(x)), or the state is filled from a down
    electron at +x that lowers m (S_-, occupied with f(x)); the down electron mirrors this.
    """
    m = np.arange(-spin, spin + 0.5)
    p = np.exp(x * m - np.max(x * m))
    p /= p.sum()
    s_z2 = np.sum(p * m * m)
    a_plus = np.sum(p * (spin * (spin + 1) - m * (m + 1)))  # <S_- S_+>
    a_minus = np.sum(p * (spin * (spin + 1) - m * (m - 1)))  # <S_+ S_->
    f = 1 / (np.exp(x) + 1)
    return (s_z2 + a_plus * (1 - f) + a_minus * f) / (spin * (spin + 1))


@pytest.mark.parametrize("spin", [0.5, 1.0, 2.5, 3.5])
def test_exchange_weight_equals_the_level_sum(spin):
    for x in (1e-4, 0.3, 1.0, 4.0, 20.0):
        assert_allclose(
            exchange_scattering_weight(spin, x), golden_rule_weight(spin, x), rtol=1e-12
        )
    assert exchange_scattering_weight(spin, 0.0) == 1.0
    # fully polarised: only the non-flip part S^2 of S(S+1) is left
    assert_allclose(exchange_scattering_weight(spin, 200.0), spin / (spin + 1), rtol=1e-12)
    # small x: 1 - x^2/6 for every spin
    assert_allclose(exchange_scattering_weight(spin, 1e-2), 1 - 1e-4 / 6, rtol=1e-8)


def test_zero_concentration_is_the_clean_line():
    tc0 = 0.4
    fields = np.array([0.2, 0.5, 0.62])
    pauli = MagneticImpurities(tc0, 0.0).tc(fields)
    for b, tc in zip(fields, pauli, strict=True):
        h = MU_B * b / (K_B * tc0)
        expected = tc0 * solve_tc(lambda t, h=h: np.log(1 / t) - pauli_pair_breaking(h, t))
        assert_allclose(tc, expected, rtol=1e-9)
    # orbital only (electron g = 0): Abrikosov-Gor'kov with alpha = (Delta_0/2)(B/B_orb)^2
    orbital = MagneticImpurities(tc0, 0.0, g_factor=0.0, orbital_field_t=2.0).tc(fields)
    expected = [tc0 * abrikosov_gorkov_tc(0.5 * DELTA0 * (b / 2.0) ** 2) for b in fields]
    assert_allclose(orbital, expected, rtol=1e-9)


@pytest.mark.parametrize("alpha_over_delta", [0.1, 0.3, 0.45])
def test_zero_field_is_the_abrikosov_gorkov_suppression(alpha_over_delta):
    tc0 = 0.4
    alpha = alpha_over_delta * DELTA0  # in k_B T_c0
    mech = MagneticImpurities(tc0, alpha * K_B * tc0, spin=1.5, so_energy_mev=5.0)
    assert_allclose(mech.tc(0.0), tc0 * abrikosov_gorkov_tc(alpha), rtol=1e-9)


def test_critical_concentration_kills_superconductivity_at_zero_field():
    tc0 = 0.4
    assert MagneticImpurities(tc0, 0.501 * DELTA0 * K_B * tc0).tc(0.0) == 0.0
    assert MagneticImpurities(tc0, 0.499 * DELTA0 * K_B * tc0).tc(0.0) > 0.0


def test_fully_polarised_impurities_keep_only_the_non_flip_part():
    # impurity g = 300 at 1 T: omega_s / k_B T > 400 at any T < 1 K, so the impurities are
    # saturated: alpha_s = alpha_s(0) S/(S+1), plus the electrons' Zeeman with spin-orbit scattering
    tc0, so_energy, b, spin = 0.4, 5.0, 1.0, 0.5
    alpha0 = 0.4  # k_B T_c0
    mech = MagneticImpurities(tc0, alpha0 * K_B * tc0, spin, 300.0, so_energy_mev=so_energy)
    gamma = 2 * so_energy / (3 * K_B * tc0)
    h = MU_B * b / (K_B * tc0)
    alpha = alpha0 * spin / (spin + 1)
    expected = tc0 * solve_tc(
        lambda t: np.log(1 / t) - spin_orbit_digamma(t, alpha, h, gamma), lo=1e-3, hi=1.0
    )
    assert_allclose(mech.tc(b), expected, rtol=1e-9)
    assert mech.tc(b) > mech.tc(0.0)


def enhancement_slope(tc0, alpha0, gamma, impurity_g, g):
    """d(ln t + P)/d(B^2) at B = 0, T = T_c(0): negative means T_c rises with the field.

    P depends on B^2 through alpha_s = alpha0 (1 - (g_i mu_B B / k_B T)^2 / 6) (small-x form of
    the polarised exchange rate) and through h^2 = ((g/2) mu_B B)^2; dP/dalpha =
    psi'(1/2 + alpha/(2 pi t))/(2 pi t), dP/dh^2 = 2 pi t sum_n 1/(x_n^2 (x_n + Gamma)),
    x_n = w_n + alpha, summed directly (tail ~ 1/n^2 added).
    """
    t = abrikosov_gorkov_tc(alpha0)
    x = 2 * np.pi * t * (np.arange(400_000) + 0.5) + alpha0
    dp_dh2 = 2 * np.pi * t * np.sum(1 / (x * x * (x + gamma)))
    if gamma == 0:
        dp_dh2 += 1 / (2 * (2 * np.pi * t) ** 2 * 400_000**2)
    dp_dalpha = polygamma(1, 0.5 + alpha0 / (2 * np.pi * t)) / (2 * np.pi * t)
    dalpha_db2 = -alpha0 * (impurity_g * MU_B / (K_B * t * tc0)) ** 2 / 6
    dh2_db2 = (0.5 * g * MU_B / (K_B * tc0)) ** 2
    return dp_dalpha * dalpha_db2 + dp_dh2 * dh2_db2


def test_field_enhancement_follows_the_analytic_condition():
    # impurity g chosen small so that the Zeeman pair breaking of the electrons competes: find
    # the spin-orbit rate Gamma* where the initial slope of T_c(B^2) changes sign, then check
    # that T_c falls below it and rises above it
    tc0, alpha0, impurity_g, g = 0.4, 0.3, 0.2, 2.0
    gamma_star = brentq(
        lambda gamma: enhancement_slope(tc0, alpha0, gamma, impurity_g, g), 1e-3, 1e4, xtol=1e-10
    )
    b = 0.02  # g_i mu_B B / k_B T ~ 1e-2: the small-field expansion holds
    for factor, rises in ((0.9, False), (1.1, True)):
        gamma = factor * gamma_star
        assert (enhancement_slope(tc0, alpha0, gamma, impurity_g, g) < 0) == rises
        so_energy = 1.5 * gamma * K_B * tc0
        mech = MagneticImpurities(tc0, alpha0 * K_B * tc0, 0.5, impurity_g, so_energy_mev=so_energy)
        assert (mech.tc(b) > mech.tc(0.0)) == rises, (factor, mech.tc([0.0, b]))


def test_field_induced_superconductivity():
    # alpha_s(0) above Delta_0/2: no T_c at B = 0; the field polarises the spin-1/2 impurities and
    # leaves alpha_s(0)/3 < Delta_0/2, so superconductivity appears in a field window
    tc0 = 0.4
    mech = MagneticImpurities(tc0, 0.6 * DELTA0 * K_B * tc0, so_energy_mev=15.0)
    tc = mech.tc(np.array([0.0, 2.0, 30.0]))
    assert tc[0] == 0.0 and tc[1] > 0.1 * tc0 and tc[2] == 0.0


def test_default_registry_parameters_are_field_enhanced():
    mech = configure("magnetic-impurities")
    tc = mech.tc(np.linspace(0.0, 3.0, 13))
    assert tc.max() > 1.3 * tc[0] > 0


def test_bad_parameters():
    with pytest.raises(ParameterError, match="spin"):
        MagneticImpurities(0.4, 0.01, spin=0.0)
    with pytest.raises(ParameterError, match="impurity_pair_breaking_mev"):
        MagneticImpurities(0.4, -0.01)
    with pytest.raises(ParameterError, match="so_energy_mev"):
        MagneticImpurities(0.4, 0.01, so_energy_mev=-1.0)
