"""Tests of Jaccarino-Peter compensation."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import JaccarinoPeter, PauliLimit
from reentrant.mechanisms.jaccarino_peter import brillouin, langevin

K_B = sc.k / sc.e * 1e3  # meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3  # meV/T


def test_brillouin_spin_half_is_tanh():
    x = np.linspace(-5, 5, 41)
    assert_allclose(brillouin(0.5, x), np.tanh(x), rtol=1e-12, atol=1e-15)


def test_brillouin_small_argument_slope_and_large_spin_limit():
    # B_S(x) ~ (S+1) x / (3S) for small x; B_S -> L(x) = coth x - 1/x for S -> infinity
    for spin in (0.5, 1.0, 3.5):
        assert_allclose(brillouin(spin, 1e-6), (spin + 1) / (3 * spin) * 1e-6, rtol=1e-9)
    x = np.array([0.5, 2.0, 7.0])
    assert_allclose(brillouin(1e6, x), 1 / np.tanh(x) - 1 / x, rtol=1e-5)
    # the series branch (|y| < 0.1) and the closed form agree across the switch
    y = np.array([0.0999999, 0.1000001])
    assert_allclose(langevin(y), 1 / np.tanh(y) - 1 / y, rtol=1e-11)
    assert langevin(np.array([0.0]))[0] == 0.0


def jp_residual(t, field, tc0, h_j, g=2.0, g_j=2.0):
    """Test's own JP equation for S = 1/2 (B_1/2 = tanh), energies in meV."""
    temp = t * tc0
    h_tot = 0.5 * g * MU_B * field - h_j * np.tanh(g_j * MU_B * 0.5 * field / (K_B * temp))
    y = h_tot / (2 * np.pi * K_B * temp)
    return np.log(t) + digamma(0.5 + 1j * y).real - digamma(0.5)


def test_exact_compensation_restores_tc0():
    # at the field where h_tot(B, T_c0) = 0 the pair-breaking term vanishes at T_c0: T_c = T_c0
    tc0, h_j = 1.0, 0.3
    mech = JaccarinoPeter(tc0, exchange_field_mev=h_j, spin=0.5)

    def h_tot(b):
        return MU_B * b - h_j * np.tanh(MU_B * 0.5 * b / (K_B * tc0) * 2)

    b_comp = brentq(h_tot, 0.5, 100.0, xtol=1e-14)
    assert_allclose(mech.total_spin_field(b_comp, tc0), 0.0, atol=1e-12)
    assert_allclose(mech.tc(b_comp), tc0, rtol=1e-9)
    # an orbital term spoils the exact compensation
    assert JaccarinoPeter(tc0, h_j, spin=0.5, orbital_field_t=10.0).tc(b_comp) < 0.99 * tc0


def test_field_induced_superconductivity_is_reentrant():
    mech = JaccarinoPeter(1.0, exchange_field_mev=0.3, spin=0.5)
    fields = np.array([0.0, 1.0, 3.0, 5.0, 12.0])
    tc = mech.tc(fields)
    assert_allclose(tc[0], 1.0, rtol=1e-12)
    assert tc[1] == 0.0 and tc[2] == 0.0  # exchange field dominates: normal
    assert tc[3] > 0.9  # near compensation (~5.2 T): superconducting again
    assert tc[4] == 0.0  # Zeeman dominates again


@pytest.mark.parametrize("field", [0.3, 3.8, 4.5, 5.5, 7.0])
def test_tc_is_the_largest_root_of_the_implicit_equation(field):
    tc0, h_j = 1.0, 0.3
    t = float(JaccarinoPeter(tc0, h_j, spin=0.5).tc(field)) / tc0
    if t == 0.0:
        scan = np.linspace(1e-3, 1, 2000)
        assert np.all(jp_residual(scan, field, tc0, h_j) > 0)
        return
    assert abs(jp_residual(t, field, tc0, h_j)) < 1e-10
    above = np.linspace(t + 1e-6, 1, 400)
    assert np.all(jp_residual(above, field, tc0, h_j) > 0)


def test_weak_exchange_field_reduces_to_pauli():
    fields = np.linspace(0, 1.5, 12)
    jp = JaccarinoPeter(1.0, exchange_field_mev=1e-12, spin=3.5).tc(fields)
    assert_allclose(jp, PauliLimit(1.0).tc(fields), rtol=1e-8)


def test_bad_parameters():
    with pytest.raises(ParameterError, match="exchange_field_mev"):
        JaccarinoPeter(1.0, exchange_field_mev=0.0)
    with pytest.raises(ParameterError, match="spin"):
        JaccarinoPeter(1.0, 0.1, spin=-1)
