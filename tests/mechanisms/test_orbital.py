"""Tests of Abrikosov-Gor'kov orbital pair breaking in a parallel field."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import OrbitalPairBreaking, PauliLimit
from reentrant.mechanisms.orbital import orbital_pair_breaking_mev

K_B = sc.k / sc.e * 1e3  # meV/K
DELTA0 = np.pi * np.exp(-np.euler_gamma)  # Delta0 / (k_B T_c0)


def test_tc_vanishes_at_critical_pair_breaking():
    # Abrikosov-Gor'kov: T_c = 0 exactly at alpha = Delta0 / 2, i.e. at B = B_orb
    mech = OrbitalPairBreaking(tc0_k=1.0, orbital_field_t=2.0)
    assert mech.tc(2.0) == 0.0
    assert mech.tc(2.0 * 1.001) == 0.0
    assert mech.tc(2.0 * 0.999) > 0.0


def test_low_temperature_expansion_near_critical_pair_breaking():
    # AG near alpha_c = Delta0/2: ln(Delta0 / (2 alpha)) = (pi^2 / 6) (t / alpha)^2 + O(t^4),
    # so t = alpha sqrt(6 ln(Delta0/(2 alpha))) / pi; at t ~ 0.03 the O(t^2/alpha^2) relative
    # correction is ~1e-3, hence rtol 1e-2
    b_orb = 3.0
    b = 0.999 * b_orb
    alpha = 0.5 * DELTA0 * (b / b_orb) ** 2
    t_expected = alpha * np.sqrt(6 * np.log(DELTA0 / (2 * alpha))) / np.pi
    assert_allclose(OrbitalPairBreaking(1.0, b_orb).tc(b), t_expected, rtol=1e-2)


@pytest.mark.parametrize("t", [0.9, 0.5, 0.1])
def test_inverse_problem_alpha_of_t(t):
    # solve the AG equation for alpha at fixed t, map alpha -> B, and recover t
    def f(alpha):
        return np.log(t) + digamma(0.5 + alpha / (2 * np.pi * t)) - digamma(0.5)

    alpha = brentq(f, 1e-12, DELTA0, xtol=1e-15)
    b_orb = 4.0
    field = b_orb * np.sqrt(2 * alpha / DELTA0)
    assert_allclose(OrbitalPairBreaking(0.7, b_orb).tc(field), 0.7 * t, rtol=1e-10)


def test_film_pair_breaking_energy_from_constants():
    # alpha = D e^2 d^2 B^2 / (6 hbar) for d = 5 nm, D = 2 cm^2/s, B = 3 T, in meV
    d, diff, b = 5e-9, 2e-4, 3.0
    expected = diff * sc.e**2 * d**2 * b**2 / (6 * sc.hbar) / sc.e * 1e3
    assert_allclose(orbital_pair_breaking_mev(b, 5.0, 2.0), expected, rtol=1e-14)


def test_from_film_places_critical_pair_breaking_at_b_orb():
    mech = OrbitalPairBreaking.from_film(tc0_k=1.5, thickness_nm=5.0, diffusion_cm2_s=1.0)
    alpha = orbital_pair_breaking_mev(mech.orbital_field_t, 5.0, 1.0)
    assert_allclose(alpha, 0.5 * DELTA0 * K_B * 1.5, rtol=1e-12)


def test_zeeman_only_limit_and_combined_suppression():
    fields = np.linspace(0.0, 1.5, 16)
    pauli = PauliLimit(1.0, g_factor=2.0).tc(fields)
    no_orbital = OrbitalPairBreaking(1.0, orbital_field_t=1e8, g_factor=2.0).tc(fields)
    assert_allclose(no_orbital, pauli, rtol=1e-9)
    orbital_only = OrbitalPairBreaking(1.0, orbital_field_t=2.0).tc(fields)
    both = OrbitalPairBreaking(1.0, orbital_field_t=2.0, g_factor=2.0).tc(fields)
    # two pair breakers never help: T_c is below either one alone (except at B = 0)
    assert np.all(both[1:] < np.minimum(pauli, orbital_only)[1:])


def test_tc_decreases_monotonically():
    tc = OrbitalPairBreaking(1.0, 2.0).tc(np.linspace(0, 2.5, 60))
    assert np.all(np.diff(tc) <= 0)


def test_bad_parameters():
    with pytest.raises(ParameterError, match="orbital_field_t"):
        OrbitalPairBreaking(1.0, 0.0)
    with pytest.raises(ParameterError, match="thickness_nm"):
        orbital_pair_breaking_mev(1.0, -1.0, 1.0)
