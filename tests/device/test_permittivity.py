"""Tests of the Johnson form of the KTaO3 permittivity."""

import pytest
from numpy.testing import assert_allclose
from scipy.constants import epsilon_0
from scipy.integrate import quad

from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ParameterError


def test_zero_field_value_and_half_power_point():
    eps = KTaO3Permittivity(eps_r0=4000.0, field_scale_v_per_m=1e5)
    assert_allclose(eps.eps_r([0.0]), [4000.0])
    # at E = E0 the bracket is 2, so eps_r = eps_r0 / 2**(1/3) by construction of the form
    assert_allclose(eps.eps_r([1e5, -1e5]), 4000.0 / 2 ** (1 / 3), rtol=1e-14)


@pytest.mark.parametrize("e_field", [-7.3e5, -1e4, 3e3, 2e5, 4e6])
def test_displacement_is_integral_of_differential_permittivity(e_field):
    eps = KTaO3Permittivity(eps_r0=4500.0, field_scale_v_per_m=2e5)
    expected, _ = quad(
        lambda x: epsilon_0 * float(eps.eps_r(x)), 0.0, e_field, epsabs=0, epsrel=1e-11
    )
    # quadrature to 1e-11; hypergeometric closed form to machine precision
    assert_allclose(eps.displacement([e_field]), [expected], rtol=1e-9)


def test_linear_and_strong_field_limits():
    eps = KTaO3Permittivity(eps_r0=3000.0, field_scale_v_per_m=1e5)
    small = 1e-3 * 1e5
    # linear dielectric: D = eps0 eps_r0 E up to O((E/E0)^2) = 1e-6
    assert_allclose(eps.displacement([small]), epsilon_0 * 3000.0 * small, rtol=1e-6)
    big = 1e4 * 1e5
    # E >> E0: integrand -> eps_r0 (E0/E)^(2/3), integral -> 3 eps_r0 E0^(2/3) E^(1/3) + const;
    # the constant (finite part) is O(E0), relatively (E0/E)^(1/3) ~ 5% at E = 1e4 E0
    asymptote = 3.0 * epsilon_0 * 3000.0 * 1e5 ** (2 / 3) * big ** (1 / 3)
    assert_allclose(eps.displacement([big]), asymptote, rtol=0.1)


@pytest.mark.parametrize("kwargs", [{"eps_r0": -1.0}, {"field_scale_v_per_m": 0.0}])
def test_bad_parameters_are_named(kwargs):
    with pytest.raises(ParameterError, match=next(iter(kwargs))):
        KTaO3Permittivity(**kwargs)
