"""One-site t2g operators against their derivation and textbook spectra."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from t2g_reference import angular_momentum

from reentrant.bands import atomic
from reentrant.units import MU_B_MEV_PER_T


def test_angular_momentum_is_the_differential_operator_on_yz_zx_xy():
    assert_allclose(atomic.ANGULAR_MOMENTUM, angular_momentum(), atol=1e-15)


def test_angular_momentum_is_minus_an_l1_shell():
    ell = atomic.ANGULAR_MOMENTUM
    # projected onto t2g, L = -Lt with Lt an l = 1 angular momentum: [Lt_x, Lt_y] = i Lt_z
    # gives [L_x, L_y] = -i L_z (cyclic), and L^2 = l(l + 1) = 2
    for k in range(3):
        i, j = (k + 1) % 3, (k + 2) % 3
        assert_allclose(ell[i] @ ell[j] - ell[j] @ ell[i], -1j * ell[k], atol=1e-15)
    assert_allclose(sum(m @ m for m in ell), 2 * np.eye(3), atol=1e-15)


def test_spin_orbit_gives_j32_quartet_and_j12_doublet_split_by_three_halves_lambda():
    lam = 265.0
    levels = np.linalg.eigvalsh(atomic.spin_orbit(lam))
    assert_allclose(levels, [-lam / 2] * 4 + [lam] * 2, atol=1e-12)
    assert levels[-1] - levels[0] == pytest.approx(1.5 * lam)


def lande_g(j: float, l: float, s: float, g_l: float, g_s: float) -> float:
    """Lande factor of a (l, s, j) multiplet (textbook vector model)."""
    jj, ll, ss = j * (j + 1), l * (l + 1), s * (s + 1)
    return g_l * (jj + ll - ss) / (2 * jj) + g_s * (jj - ll + ss) / (2 * jj)


def test_zeeman_splittings_follow_the_lande_factors_of_the_effective_j_multiplets():
    # t2g acts as l = 1 with L = -L_p: orbital g_L = -1 for the effective l; spin g_s = 2.
    lam, b = 2000.0, 1.0
    levels = np.linalg.eigvalsh(atomic.spin_orbit(lam) + atomic.zeeman(np.array([0, 0, b]), 2.0))
    quartet, doublet = levels[:4], levels[4:]
    g32, g12 = lande_g(1.5, 1, 0.5, -1.0, 2.0), lande_g(0.5, 1, 0.5, -1.0, 2.0)
    assert g32 == pytest.approx(0.0) and abs(g12) == pytest.approx(2.0)
    # first order: E = g mu_B B m_j; second-order corrections ~ (mu_B B)^2 / lambda
    assert np.ptp(quartet) == pytest.approx(abs(g32) * 3 * MU_B_MEV_PER_T * b, abs=1e-5)
    assert np.ptp(doublet) == pytest.approx(abs(g12) * MU_B_MEV_PER_T * b, abs=1e-5)


def test_slater_koster_pi_delta_and_next_nearest_pattern():
    t, td, tp = 800.0, 50.0, 40.0
    along_x = np.diag(atomic.slater_koster((1, 0, 0), t, td, tp))[::2]
    assert_allclose(along_x, [-td, -t, -t])  # yz is normal to X: delta bond
    diagonal_xy = np.diag(atomic.slater_koster((1, -1, 0), t, td, tp))[::2]
    assert_allclose(diagonal_xy, [0.0, 0.0, -tp])  # only xy lies in the XY plane
    with pytest.raises(ValueError, match="neither"):
        atomic.slater_koster((1, 1, 1), t, td, tp)


def test_orbital_rashba_sums_to_two_gamma_sin_k_times_n_cross_e_dot_l():
    gamma, k = 20.0, 0.37
    normal = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    for axis in range(3):
        bond = tuple(int(axis == c) for c in range(3))
        back = tuple(-b for b in bond)
        hop, hop_back = (atomic.orbital_rashba(d, normal, gamma) for d in (bond, back))
        assert_allclose(hop_back, hop.conj().T)  # hermitian pair of bonds
        bloch = hop * np.exp(1j * k) + hop_back * np.exp(-1j * k)
        n_cross_e = np.cross(normal, np.eye(3)[axis])
        ell = angular_momentum()
        expected = (
            2 * gamma * np.sin(k) * np.kron(np.einsum("k,kab->ab", n_cross_e, ell), np.eye(2))
        )
        assert_allclose(bloch, expected, atol=1e-12)
