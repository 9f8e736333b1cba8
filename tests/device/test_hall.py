"""Tests of the Hall resistance."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e

from reentrant.device.hall import hall_resistance, two_carrier_hall_resistance
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
