"""Tests of the Hall resistance."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e

from reentrant.device.hall import (
    hall_resistance,
    shorted_hall_resistance,
    two_carrier_hall_resistance,
)
from reentrant.errors import ParameterError


def test_single_carrier_hall():
    b = np.array([-2.0, 0.0, 1.0, 9.0])
    assert_allclose(hall_resistance(b, 0.25), b / (0.25e18 * e), rtol=1e-14)
    with pytest.raises(ParameterError, match="density_nm2"):
        hall_resistance(b, 0.0)


def test_two_carrier_hall_inverts_conductivity_tensor():
    b = np.linspace(-9, 9, 13)
    n = (0.2e18, 0.05e18)
    mu = (0.015, 0.12)  # m^2/Vs
    # Drude conductivity of each band, summed, then rho_xy = s_xy / (s_xx^2 + s_xy^2)
    s_xx = sum(ni * e * mi / (1 + (mi * b) ** 2) for ni, mi in zip(n, mu, strict=True))
    s_xy = sum(ni * e * mi**2 * b / (1 + (mi * b) ** 2) for ni, mi in zip(n, mu, strict=True))
    expected = s_xy / (s_xx**2 + s_xy**2)
    got = two_carrier_hall_resistance(b, (0.2, 0.05), (150.0, 1200.0))
    assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def test_two_carrier_limits():
    b = np.array([0.5, 3.0])
    same = two_carrier_hall_resistance(b, (0.1, 0.2), (300.0, 300.0))
    assert_allclose(same, b / (0.3e18 * e), rtol=1e-12)
    # high-field limit: corrections are O(1 / (mu_1 B)^2) ~ 1e-7 for mu_1 B = 3000
    high = two_carrier_hall_resistance(np.array([1e6]), (0.1, 0.2), (30.0, 3000.0))
    assert_allclose(high, 1e6 / (0.3e18 * e), rtol=1e-5)
    with pytest.raises(ParameterError, match=r"mobilities_cm2_per_vs\[1\]"):
        two_carrier_hall_resistance(b, (0.1, 0.2), (300.0, -1.0))


def test_shorted_hall_inverts_the_tensor_with_fluctuation_sigma_xx():
    # normal resistivity tensor [[R_N, -R_H], [R_H, R_N]] -> conductivity; fluctuations multiply
    # sigma_xx by R_N / R_xx and leave sigma_xy (Aronov, Hikami & Larkin 1995); invert back
    r_n, r_h = 1500.0, np.array([-300.0, 40.0, 300.0])
    r_xx = np.array([1500.0, 700.0, 1e-3])
    got = shorted_hall_resistance(r_h, r_xx, r_n)
    for i in range(3):
        sigma = np.linalg.inv(np.array([[r_n, -r_h[i]], [r_h[i], r_n]]))
        sigma[0, 0] *= r_n / r_xx[i]
        sigma[1, 1] *= r_n / r_xx[i]
        assert_allclose(got[i], np.linalg.inv(sigma)[1, 0], rtol=1e-12)


def test_shorted_hall_limits():
    r_h = np.array([20.0, -5.0])
    # normal state: R_xx = R_N gives the normal Hall value; superconducting: R_xx = 0 gives 0
    assert_allclose(shorted_hall_resistance(r_h, 2000.0, 2000.0), r_h, rtol=1e-14)
    assert np.all(shorted_hall_resistance(r_h, 0.0, 2000.0) == 0.0)
    # |R_H| << R_N: R_H (R_xx / R_N)^2, to relative order (R_H / R_N)^2 = 1e-4
    assert_allclose(shorted_hall_resistance(r_h, 500.0, 2000.0), r_h / 16, rtol=1e-4)
    with pytest.raises(ParameterError, match="r_normal"):
        shorted_hall_resistance(r_h, 1.0, 0.0)
