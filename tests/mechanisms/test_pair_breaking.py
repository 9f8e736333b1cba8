"""Tests of the shared digamma pair-breaking equation and the root finders."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.mechanisms.pair_breaking import (
    PSI_HALF,
    T_MIN,
    bisect,
    largest_root,
    pair_breaking,
    tc_residual,
)


def matsubara_pair_breaking(t, alpha, h, terms=400_000):
    """2 pi t sum_n [1/w_n - Re 1/(w_n + alpha + i h)] with a 1/n^2 tail estimate."""
    w = 2 * np.pi * t * (np.arange(terms) + 0.5)
    s = 2 * np.pi * t * np.sum(1 / w - (1 / (w + alpha + 1j * h)).real)
    # tail: term ~ 2 pi t * (alpha w + ... ) / w^2 -> alpha / w^2 for large w (h^2/w^3 negligible)
    w_end = 2 * np.pi * t * terms
    return s + alpha / w_end


@pytest.mark.parametrize(("t", "alpha", "h"), [(0.5, 0.0, 1.0), (0.2, 0.3, 0.7), (0.9, 0.1, 0.0)])
def test_pair_breaking_matches_matsubara_sum(t, alpha, h):
    # the digamma form is the closed-form Matsubara sum; the truncated sum with its tail agrees
    # to ~1/N^2 = 1e-11 relative, so 1e-8 absolute is loose
    assert_allclose(pair_breaking(t, alpha, h), matsubara_pair_breaking(t, alpha, h), atol=1e-8)


def test_psi_half_is_minus_gamma_minus_2ln2():
    assert_allclose(PSI_HALF, -np.euler_gamma - 2 * np.log(2), rtol=1e-14)


def test_pair_breaking_vanishes_without_perturbation_and_is_even_in_h():
    t = np.linspace(0.1, 1, 7)
    assert_allclose(pair_breaking(t, 0.0, 0.0), 0.0, atol=1e-14)
    assert_allclose(pair_breaking(t, 0.2, 0.5), pair_breaking(t, 0.2, -0.5), rtol=1e-14)


def test_residual_zero_temperature_limit_is_log_of_twice_h_over_gap():
    # t -> 0: psi(1/2 + x) ~ ln x, so ln t + Re psi - psi(1/2) -> ln(2 h / Delta0),
    # Delta0 = pi exp(-gamma); corrections are O(t^2/h^2) = 1e-8 at t = 1e-4
    h = 0.7
    delta0 = np.pi * np.exp(-np.euler_gamma)
    assert_allclose(tc_residual(1e-4, 0.0, h), np.log(2 * h / delta0), atol=1e-7)


def test_bisect_finds_sqrt2():
    root = bisect(lambda x: x * x - 2, np.array([1.0]), np.array([2.0]))
    assert_allclose(root, np.sqrt(2), rtol=1e-14)


def test_largest_root_of_known_functions():
    # row 0: (t - 0.3)(t - 0.7) is negative between its roots -> largest root 0.7
    # row 1: t - 2 is <= 0 already at t = 1 -> 1
    # row 2: positive everywhere -> no T_c -> 0
    # row 3: 0.42 - t is positive (normal) below 0.42 and negative above -> paired at t = 1 -> 1
    def residual(t):
        return np.stack([(t[0] - 0.3) * (t[0] - 0.7), t[1] - 2, np.ones_like(t[2]), 0.42 - t[3]])

    assert_allclose(largest_root(residual, 4), [0.7, 1.0, 0.0, 1.0], atol=1e-12)


def test_largest_root_refines_to_machine_precision():
    roots = largest_root(lambda t: np.log(t / 0.123456789), 1)
    assert_allclose(roots, 0.123456789, rtol=1e-13)


def test_largest_root_below_scan_reports_zero():
    roots = largest_root(lambda t: t - 0.5 * T_MIN, 1)
    assert roots[0] == 0.0
