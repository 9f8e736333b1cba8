"""Spin-orbit scattering (KLB/WHH): the kernel against its Matsubara sum; textbook limits."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_formulas import (
    DELTA0,
    HBAR,
    K_B,
    MU_B,
    abrikosov_gorkov_tc,
    pauli_pair_breaking,
    solve_tc,
    spin_orbit_digamma,
    spin_orbit_matsubara,
)
from scipy.special import digamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import OrbitalPairBreaking, SpinOrbitScattering
from reentrant.mechanisms.spin_orbit_scattering import spin_orbit_pair_breaking

# (t, alpha, h, Gamma) in k_B T_c0: both branches (h > Gamma/2, h < Gamma/2), the removable
# point h = Gamma/2 (exactly, and nearby), no scattering, strong scattering, zero field
KERNEL_CASES = [
    (0.5, 0.1, 1.0, 0.5),
    (0.3, 0.0, 0.7, 10.0),
    (0.2, 0.3, 2.0, 4.0),
    (0.7, 0.0, 1.0, 2.0),
    (0.7, 0.0, 1.0, 2.0 * (1 + 1e-9)),
    (0.7, 0.0, 1.0, 2.0 * (1 - 1e-5)),
    (0.1, 0.0, 3.0, 1e4),
    (0.05, 0.0, 0.3, 0.0),
    (0.4, 0.2, 0.0, 5.0),
]


@pytest.mark.parametrize(("t", "alpha", "h", "gamma"), KERNEL_CASES)
def test_kernel_equals_its_matsubara_sum(t, alpha, h, gamma):
    # the sum's tail error is O(1/n^2) ~ 1e-13, its rounding ~ 1e-13 relative
    expected = spin_orbit_matsubara(t, alpha, h, gamma)
    assert_allclose(spin_orbit_pair_breaking(t, alpha, h, gamma), expected, rtol=1e-9, atol=1e-11)


def test_reference_digamma_form_equals_the_matsubara_sum():
    # the closed form used below for T_c lines, checked once against the direct sum
    for t, alpha, h, gamma in [(0.5, 0.1, 1.0, 0.5), (0.3, 0.0, 0.7, 10.0), (0.2, 0.3, 2.5, 4.0)]:
        assert_allclose(
            spin_orbit_digamma(t, alpha, h, gamma),
            spin_orbit_matsubara(t, alpha, h, gamma),
            rtol=1e-9,
        )


def test_kernel_broadcasts():
    t = np.linspace(0.1, 1.0, 5)[:, None]
    h = np.array([0.0, 0.5, 3.0])
    out = spin_orbit_pair_breaking(t, 0.1, h, 1.0)
    assert out.shape == (5, 3)
    assert_allclose(out[2, 1], spin_orbit_matsubara(float(t[2, 0]), 0.1, 0.5, 1.0), rtol=1e-9)


def test_zero_rate_is_the_pauli_line():
    # Sarma / Maki-Tsuneto: ln(1/t) = Re psi(1/2 + i h/(2 pi t)) - psi(1/2), h = (g/2) mu_B B
    tc0, g = 0.4, 2.0
    fields = np.array([0.0, 0.2, 0.4, 0.55, 0.62])
    got = SpinOrbitScattering(tc0, 0.0, g).tc(fields)
    for b, tc in zip(fields, got, strict=True):
        h = 0.5 * g * MU_B * b / (K_B * tc0)
        expected = tc0 * solve_tc(lambda t, h=h: np.log(1 / t) - pauli_pair_breaking(h, t))
        assert_allclose(tc, expected, rtol=1e-9)


def test_zero_rate_with_orbital_term_is_pauli_plus_abrikosov_gorkov():
    tc0, g, b_orb = 0.4, 2.0, 1.5
    for b in (0.3, 0.6):
        h = 0.5 * g * MU_B * b / (K_B * tc0)
        alpha = 0.5 * DELTA0 * (b / b_orb) ** 2

        def residual(t, h=h, alpha=alpha):
            z = 0.5 + (alpha + 1j * h) / (2 * np.pi * t)
            return np.log(1 / t) - (digamma(z).real - digamma(0.5))

        expected = tc0 * solve_tc(residual)
        got = SpinOrbitScattering(tc0, 0.0, g, orbital_field_t=b_orb).tc(b)
        assert_allclose(got, expected, rtol=1e-9)


@pytest.mark.parametrize("so_energy_mev", [0.3, 3.0])
def test_general_rate_against_the_reference_closed_form(so_energy_mev):
    tc0, g = 0.4, 2.0
    gamma = 2 * so_energy_mev / (3 * K_B * tc0)
    for b in (0.5, 1.0, 1.5):
        h = 0.5 * g * MU_B * b / (K_B * tc0)
        expected = tc0 * solve_tc(
            lambda t, h=h: np.log(1 / t) - spin_orbit_digamma(t, 0.0, h, gamma), lo=1e-3, hi=1.0
        )
        assert_allclose(SpinOrbitScattering(tc0, so_energy_mev, g).tc(b), expected, rtol=1e-8)


def test_strong_scattering_converges_to_abrikosov_gorkov():
    # Gamma >> h, 2 pi t: ln(1/t) = psi(1/2 + alpha_Z/(2 pi t)) - psi(1/2) with
    # alpha_Z = h^2 / Gamma = 3 tau_so h^2 / (2 hbar).  The kernel differs from the AG one by
    # ~ alpha_Z w_n / Gamma^2 per term up to w_n ~ Gamma, so the correction is
    # O((alpha_Z/Gamma) ln(Gamma/2 pi t)): at fixed alpha_Z it must fall ~ 8x per decade
    tc0, g = 0.4, 2.0
    deviations = []
    for so_energy in (20.0, 200.0, 2000.0):
        tau_so = HBAR / so_energy
        mech = SpinOrbitScattering(tc0, so_energy, g)
        # the field at which alpha_Z = 0.6 k_B T_c0 for this rate
        h = np.sqrt(0.6 * K_B * tc0 * 2 * HBAR / (3 * tau_so))
        b = h / (0.5 * g * MU_B)
        alpha_z = 3 * tau_so * h**2 / (2 * HBAR) / (K_B * tc0)
        expected = tc0 * abrikosov_gorkov_tc(alpha_z)
        deviations.append(abs(mech.tc(b) / expected - 1))
    assert deviations[-1] < 1e-3
    assert deviations[1] < deviations[0] / 5 and deviations[2] < deviations[1] / 5


def test_zero_temperature_critical_field_of_strong_scattering():
    # T = 0, alpha_Z = Delta_0 / 2: h_c = sqrt(Gamma Delta_0 / 2), i.e.
    # B_c(0) = sqrt(hbar Delta_0 / (3 tau_so)) / ((g/2) mu_B) = e^{gamma_E/2} sqrt(lambda_so) B_P
    tc0, g, so_energy = 0.4, 2.0, 200.0  # Gamma / Delta_0 ~ 2.5e3: corrections ~ 1e-4
    delta0 = DELTA0 * K_B * tc0
    b_c = np.sqrt(so_energy * delta0 / 3) / (0.5 * g * MU_B)
    b_p = delta0 / (np.sqrt(2) * 0.5 * g * MU_B)
    lambda_so = 2 * so_energy / (3 * np.pi * K_B * tc0)
    assert_allclose(b_c, np.exp(np.euler_gamma / 2) * np.sqrt(lambda_so) * b_p, rtol=1e-12)
    mech = SpinOrbitScattering(tc0, so_energy, g)
    assert_allclose(mech.lambda_so, lambda_so, rtol=1e-12)
    assert mech.tc(b_c * (1 - 2e-3)) > 0.01 * tc0
    assert mech.tc(b_c * (1 + 2e-3)) == 0.0


def test_spin_orbit_scattering_protects_and_tc_is_even():
    fields = np.linspace(0.5, 3.0, 6)
    weak = SpinOrbitScattering(0.4, 0.5).tc(fields)
    strong = SpinOrbitScattering(0.4, 5.0).tc(fields)
    assert np.all(strong >= weak) and np.any(strong > weak)
    assert_allclose(SpinOrbitScattering(0.4, 5.0).tc(-fields), strong, rtol=0, atol=0)


def test_whh_parameters_round_trip():
    mech = SpinOrbitScattering.from_whh(0.4, lambda_so=12.0, maki_parameter=3.0, g_factor=2.0)
    assert_allclose(mech.lambda_so, 12.0, rtol=1e-12)
    assert_allclose(mech.maki_parameter, 3.0, rtol=1e-12)
    # Maki parameter of the film: sqrt(2) B_orb / B_P, B_P the Clogston field
    b_p = DELTA0 * K_B * 0.4 / (np.sqrt(2) * MU_B)
    assert_allclose(mech.orbital_field_t, 3.0 * b_p / np.sqrt(2), rtol=1e-12)
    assert_allclose(mech.tau_so_ps, HBAR / mech.so_energy_mev * 1e12, rtol=1e-12)
    assert set(mech.derived_parameters()) == {"lambda_so", "tau_so_ps", "maki_parameter"}
    assert SpinOrbitScattering(0.4, 0.0).tau_so_ps == np.inf


def test_film_constructor_uses_the_orbital_film_term():
    film = SpinOrbitScattering.from_film(0.4, 2.0, thickness_nm=5.0, diffusion_cm2_s=1.0)
    orbital = OrbitalPairBreaking.from_film(0.4, thickness_nm=5.0, diffusion_cm2_s=1.0)
    assert film.orbital_field_t == orbital.orbital_field_t


def test_bad_parameters():
    with pytest.raises(ParameterError, match="so_energy_mev"):
        SpinOrbitScattering(0.4, -1.0)
    with pytest.raises(ParameterError, match="orbital_field_t"):
        SpinOrbitScattering(0.4, 1.0, orbital_field_t=0.0)
    with pytest.raises(ParameterError, match="field_t"):
        SpinOrbitScattering(0.4, 1.0).tc([np.nan])
