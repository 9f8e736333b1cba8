"""The analytic Matsubara sum F(a, b) against a direct, truncated Matsubara sum."""

import numpy as np
import pytest

from reentrant.pairing.kernel import pair_kernel


def matsubara_sum(a: float, b: float, t: float, n_max: int = 400000) -> float:
    """T sum_n 1/((i w_n - a)(-i w_n - b)), w_n = (2n+1) pi T, summed symmetrically."""
    w = (2 * np.arange(-n_max, n_max) + 1) * np.pi * t
    return float(np.sum(t / ((1j * w - a) * (-1j * w - b))).real)


@pytest.mark.parametrize(
    ("a", "b", "t"),
    [(0.3, 0.3, 1.0), (1.0, -0.7, 0.5), (2.0, -2.0, 0.3), (0.0, 0.0, 1.0), (5.0, 1.0, 0.2)],
)
def test_pair_kernel_equals_matsubara_sum(a, b, t):
    # the omitted tail is 2 sum_{n >= N} T / w_n^2 ~ 1 / (2 pi^2 T N) (N = 4e5 terms)
    tail = 1.0 / (2 * np.pi**2 * t * 400000)
    assert pair_kernel(a, b, t) == pytest.approx(matsubara_sum(a, b, t), rel=1e-9, abs=2 * tail)


def test_pair_kernel_limits():
    t = 0.7
    # a = b: tanh(a/2T)/(2a);  a = -b: (1/4T) sech^2(a/2T)
    assert pair_kernel(1.3, 1.3, t) == pytest.approx(np.tanh(1.3 / (2 * t)) / 2.6, rel=1e-13)
    assert pair_kernel(1.3, -1.3, t) == pytest.approx(1 / (4 * t * np.cosh(1.3 / (2 * t)) ** 2))
    # far from the Fermi level both signs equal: 1/|a + b|; opposite signs: exponentially small
    assert pair_kernel(300.0, 500.0, t) == pytest.approx(1 / 800.0, rel=1e-12)
    assert abs(pair_kernel(300.0, -500.0, t)) < 1e-100
