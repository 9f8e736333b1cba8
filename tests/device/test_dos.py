"""Tests of the density of states and the chemical potential mu(n)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e, hbar, m_e
from scipy.integrate import quad

from reentrant.device.dos import band_model_dos, chemical_potential, parabolic_dos
from reentrant.errors import ParameterError
from reentrant.models.presets import preset
from reentrant.models.saddle import density_of_states

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


# The lto-kto-110 band of Eq. (1) in physical units, built here from CODATA: masses m, M in
# units of m_e, beta in meV nm, p_x cutoff P in nm^-1; E = p^2 / (2 mass) with hbar = 1 needs
# mass [meV^-1 nm^-2] = mass_me / (2 hbar^2 / (2 m_e)) = mass_me / HBAR2_ME.
M_ME, LIGHT_ME, BETA, P_CUT = 5.0, 0.4, -5.0, 2.0
BIG_M, SMALL_M = M_ME / HBAR2_ME, LIGHT_ME / HBAR2_ME
E_VH = BIG_M * BETA**2 / 2  # van Hove energy of Eq. (1) at B = 0


def _band(delta=3.0):
    return preset("lto-kto-110").model(delta=delta)[0]


def _states_between(e1, e2):
    """States per nm^2 of Eq. (1) (both branches, B = 0) with e1 < E < e2 and |p_x| < P.

    Count of the paper's Eq. (1) directly: on each line of fixed p_x a branch is
    E = c(p_x) + p_y^2 / 2m with c = -p_x^2 / 2M +- |beta p_x|, so the states in the window
    fill |p_y| between sqrt(2m (e1 - c)) and sqrt(2m (e2 - c)) (each clipped at 0); the area
    over (2 pi)^2 is the number of states.
    """

    def length(px, sign):
        c = -(px**2) / (2 * BIG_M) + sign * abs(BETA * px)
        top = np.sqrt(2 * SMALL_M * max(e2 - c, 0.0))
        bottom = np.sqrt(2 * SMALL_M * max(e1 - c, 0.0))
        return 2 * (top - bottom)

    kinks = [0.0, BETA * BIG_M, -BETA * BIG_M]
    total = 0.0
    for sign in (1.0, -1.0):
        total += quad(length, -P_CUT, P_CUT, args=(sign,), points=kinks, limit=400, epsabs=1e-13)[0]
    return total / (2 * np.pi) ** 2


def test_band_model_dos_is_the_band_dos_plus_background():
    band = _band()
    e = np.array([-10.0, 0.0, 2.0, E_VH + 0.5, 7.0])
    dos = band_model_dos(band, background_dos=0.05)
    assert_allclose(dos(e), density_of_states(band, e).values + 0.05, rtol=1e-15)
    # finite and larger than its neighbours exactly at the log van Hove peak
    peak = dos(np.array([E_VH, E_VH - 1e-3, E_VH + 1e-3]))
    assert np.all(np.isfinite(peak)) and peak[0] > peak[1:].max()


@pytest.mark.parametrize(("e1", "e2"), [(E_VH - 1.0, E_VH + 1.5), (E_VH + 1.6, E_VH + 4.3)])
def test_band_model_dos_counts_the_states_of_eq1(e1, e2):
    # integral of the DOS over a window (through the van Hove peak in the first) equals the
    # direct count of states; both are quadratures converged to ~1e-10
    dos = band_model_dos(_band())
    integral = quad(lambda x: dos(np.array([x]))[0], e1, e2, points=[E_VH], limit=400)[0]
    assert_allclose(integral, _states_between(e1, e2), rtol=1e-6)


def test_mu_through_the_van_hove_peak_matches_the_count():
    # adding dn electrons from mu0 just below the peak: count(mu0, mu) + g_bg (mu - mu0) = dn.
    # The midpoint table errs by ~h g_peak with h = 6e-3 meV cells: below 1e-4 relative
    dos = band_model_dos(_band(), background_dos=0.05)
    mu0 = E_VH - 0.5
    dn = np.array([-0.02, 0.03, 0.08])
    mu = chemical_potential(dos, dn, mu0_mev=mu0)
    counted = [np.sign(m - mu0) * _states_between(*sorted((mu0, m))) for m in mu]
    assert_allclose(np.array(counted) + 0.05 * (mu - mu0), dn, rtol=1e-4)
    assert mu[1] < E_VH < mu[2]  # the last one crossed the peak


def test_chemical_potential_errors():
    with pytest.raises(ParameterError, match="window_mev"):
        chemical_potential(parabolic_dos(1.0), [5.0], mu0_mev=0.0, window_mev=1.0)
    with pytest.raises(ParameterError, match="positive"):
        chemical_potential(lambda x: -np.ones_like(x), [0.0], mu0_mev=0.0)
    with pytest.raises(ParameterError, match="delta_n_nm2"):
        chemical_potential(parabolic_dos(1.0), [np.inf], mu0_mev=0.0)
    with pytest.raises(ParameterError, match="background_dos"):
        band_model_dos(_band(), background_dos=-0.1)
