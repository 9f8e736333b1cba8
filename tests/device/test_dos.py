"""Tests of the density of states and the chemical potential mu(n)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e, hbar, m_e
from scipy.integrate import quad

from reentrant.device.dos import SaddlePointDos, chemical_potential, parabolic_dos
from reentrant.errors import ParameterError

#: hbar^2 / m_e in meV nm^2, from scipy constants.
HBAR2_ME = hbar**2 / m_e / e * 1e3 * 1e18


def test_parabolic_dos_is_m_over_pi_hbar2():
    dos = parabolic_dos(0.3)
    assert_allclose(dos(np.array([-5.0, 0.0, 7.0])), 0.3 / (np.pi * HBAR2_ME), rtol=1e-12)


def test_mu_is_linear_in_n_for_parabolic_band():
    g = 0.4 / (np.pi * HBAR2_ME)
    dn = np.array([-0.05, 0.0, 0.02, 0.06])
    mu = chemical_potential(parabolic_dos(0.4), dn, mu0_mev=12.0)
    assert_allclose(mu, 12.0 + dn / g, rtol=1e-12)


def test_mu_for_linear_dos_solves_quadratic():
    # g(E) = a E: integral from mu0 to mu is a (mu^2 - mu0^2) / 2 = dn. The midpoint table is
    # exact; inverting it linearly between nodes h = 9e-4 meV apart errs by <= h^2 / (8 mu) ~ 1e-8
    a = 1e-3
    dn = np.array([-0.03, 0.01, 0.1])
    mu = chemical_potential(lambda x: a * x, dn, mu0_mev=10.0, window_mev=9.0)
    assert_allclose(mu, np.sqrt(10.0**2 + 2 * dn / a), rtol=1e-8)


def test_saddle_point_dos_counts_states():
    dos = SaddlePointDos(light_mass_me=0.5, heavy_mass_me=4.0, cutoff_mev=100.0)
    # independent count: states per spin below E in the box |u|,|v| <= K (p = sqrt(2m) v ...):
    # N(E) = 2 sqrt(mM) / (4 pi^2 hbar^2) * Area{v^2 - u^2 < E}; g = 2 dN/dE (both spins)
    k = np.sqrt(100.0)

    def area(energy):
        # for each u: v in [-K, K] with v^2 < E + u^2
        def width(u):
            top = energy + u * u
            return 0.0 if top <= 0 else 2 * min(np.sqrt(top), k)

        return quad(width, -k, k, limit=200, points=[0.0], epsabs=1e-12)[0]

    pref = 2 * np.sqrt(0.5 * 4.0) / (4 * np.pi**2 * HBAR2_ME)
    for energy in (-30.0, -3.0, 2.0, 25.0):
        h = 1e-3
        counted = 2 * pref * (area(energy + h) - area(energy - h)) / (2 * h)
        # central difference error O(h^2 g''') << 1e-5 here
        assert_allclose(dos(np.array([energy])), [counted], rtol=1e-5)


def test_saddle_point_dos_log_asymptote():
    dos = SaddlePointDos(light_mass_me=1.0, heavy_mass_me=1.0, cutoff_mev=1e4)
    energy = np.array([1e-2, 1e-1])
    # g_sigma ~ sqrt(mM) / (2 pi^2 hbar^2) ln(4 Lambda / |E|), corrections O(E / Lambda)
    asymptote = 2 * np.log(4e4 / energy) / (2 * np.pi**2 * HBAR2_ME)
    assert_allclose(dos(energy), asymptote, rtol=1e-4)


def test_chemical_potential_errors():
    with pytest.raises(ParameterError, match="window_mev"):
        chemical_potential(parabolic_dos(1.0), [5.0], mu0_mev=0.0, window_mev=1.0)
    with pytest.raises(ParameterError, match="positive"):
        chemical_potential(lambda x: -np.ones_like(x), [0.0], mu0_mev=0.0)
    with pytest.raises(ParameterError, match="delta_n_nm2"):
        chemical_potential(parabolic_dos(1.0), [np.inf], mu0_mev=0.0)
    with pytest.raises(ParameterError, match="heavy_mass_me"):
        SaddlePointDos(heavy_mass_me=0.0)
