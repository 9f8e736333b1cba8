"""Tests of the back-gate electrostatics."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import e, epsilon_0
from scipy.integrate import quad

from reentrant.device.gate import BackGate
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ParameterError


def test_small_voltage_is_a_parallel_plate_capacitor():
    gate = BackGate(thickness_nm=5e5, permittivity=KTaO3Permittivity(4500.0, 1e8))
    v = np.array([-1.0, 0.5, 2.0])
    # C/A = eps0 eps_r / d, n = C V / (e A); d = 0.5 mm; nonlinearity (V/d/E0)^2 < 1e-10
    expected = epsilon_0 * 4500.0 / 5e-4 * v / e * 1e-18
    assert_allclose(gate.induced_density(v), expected, rtol=1e-9)


def test_induced_density_matches_numerical_integral_and_is_odd():
    gate = BackGate()
    v = np.array([-200.0, -37.0, 0.0, 50.0, 180.0])
    field = v / 5e-4
    integral = [
        quad(lambda x: epsilon_0 * float(gate.permittivity.eps_r(x)), 0, f, epsrel=1e-11)[0]
        for f in field
    ]
    assert_allclose(gate.induced_density(v), np.array(integral) / e * 1e-18, rtol=1e-9, atol=0)
    assert_allclose(gate.induced_density(-v), -gate.induced_density(v), rtol=1e-14)


def test_density_monotonic_over_paper_range():
    gate = BackGate()
    v = np.arange(-200.0, 181.0, 10.0)
    n = gate.density(v)
    assert np.all(np.diff(n) > 0)
    assert n[v == 0][0] == pytest.approx(gate.density_at_zero_nm2)


def test_depletion_and_bad_input_raise():
    with pytest.raises(ParameterError, match="depletes"):
        BackGate(density_at_zero_nm2=1e-3).density([-200.0])
    with pytest.raises(ParameterError, match="gate_voltage"):
        BackGate().density([np.nan])
    with pytest.raises(ParameterError, match="thickness_nm"):
        BackGate(thickness_nm=-1.0)
