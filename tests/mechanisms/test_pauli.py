"""Tests of the uniform Pauli-limited line and the Clogston-Chandrasekhar field."""

import math

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq, minimize_scalar
from scipy.special import digamma

from reentrant.errors import ParameterError
from reentrant.mechanisms import PauliLimit, clogston_field

K_B = sc.k / sc.e * 1e3  # meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3  # meV/T
DELTA0 = np.pi * np.exp(-np.euler_gamma)  # Delta0 / (k_B T_c0), weak-coupling BCS


def field_of_reduced_h(h, tc0_k, g=2.0):
    """Field in T whose Zeeman energy (g/2) mu_B B equals h k_B T_c0."""
    return h * K_B * tc0_k / (0.5 * g * MU_B)


def gap_kernel_residual(t, h):
    """int_0^inf dxi/xi {tanh(xi/2) - [tanh((xi+h)/2t) + tanh((xi-h)/2t)]/2}, energies in k_B T_c0.

    The BCS gap equation at (T, h) minus the one at (T_c0, 0), with the cutoff sent to infinity:
    zero exactly on the uniform Pauli line (Sarma 1963), independent of the digamma form.
    """

    def integrand(xi):
        if xi < 1e-12:
            return 0.5 - 0.5 / t * (1 - np.tanh(h / (2 * t)) ** 2)
        pair = 0.5 * (np.tanh((xi + h) / (2 * t)) + np.tanh((xi - h) / (2 * t)))
        return (np.tanh(xi / 2) - pair) / xi

    head, _ = quad(integrand, 0, h + 60 * t + 60, limit=400, epsabs=1e-12, epsrel=1e-12)
    tail, _ = quad(integrand, h + 60 * t + 60, np.inf, limit=200, epsabs=1e-13)
    return head + tail


def test_zero_field_gives_tc0_and_curve_has_units():
    mech = PauliLimit(tc0_k=0.3)
    curve = mech.tc_curve([0.0, 0.1])
    assert isinstance(curve, xr.DataArray)
    assert curve.attrs["units"] == "K"
    assert_allclose(curve.values[0], 0.3, rtol=1e-15)


@pytest.mark.parametrize("field", [0.2, 0.6, 1.0, 1.3, 1.5])
def test_tc_solves_the_gap_equation_kernel(field):
    # independent check: direct integration of the gap-equation kernel at (T_c(B), h);
    # quadrature accuracy ~1e-11 and |dF/dt| ~ 1, so a zero to 1e-8 pins T_c to ~1e-8
    tc0 = 1.0
    mech = PauliLimit(tc0)
    t = float(mech.tc(field)) / tc0
    h = 0.5 * 2.0 * MU_B * field / (K_B * tc0)
    assert 0 < t < 1
    assert abs(gap_kernel_residual(t, h)) < 1e-8


@pytest.mark.parametrize("t", [0.95, 0.8, 0.65, 0.57])
def test_inverse_problem_h_of_t(t):
    # solve the Sarma equation for h at fixed t (brentq on h), then T_c(B(h)) must return t
    tc0 = 2.0

    def f(h):
        return np.log(t) + digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5)

    h = brentq(f, 1e-9, 1.2, xtol=1e-15)
    assert_allclose(PauliLimit(tc0).tc(field_of_reduced_h(h, tc0)), t * tc0, rtol=1e-10)


def test_largest_root_in_the_multivalued_region():
    # for Delta0/2 < h < h* (0.615 Delta0) the Sarma equation has two roots in t; T_c is the upper
    h = 0.56 * DELTA0
    tc = float(PauliLimit(1.0).tc(field_of_reduced_h(h, 1.0)))

    def f(t):
        return np.log(t) + digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5)

    lower = brentq(f, 0.05, 0.45)
    upper = brentq(f, 0.45, 0.999)
    assert lower < 0.45 < tc
    assert_allclose(tc, upper, rtol=1e-10)


def test_uniform_line_ends_at_its_maximal_field():
    # h*(t) maximised independently (bounded scalar search over the brentq line h(t)):
    # h* = 0.615 Delta0 at t = 0.48; T_c jumps to 0 beyond it and sits on the upper root below
    def h_line(t):
        return brentq(
            lambda h: np.log(t) + digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5),
            1e-9,
            1.2,
            xtol=1e-15,
        )

    best = minimize_scalar(lambda t: -h_line(t), bounds=(0.3, 0.7), method="bounded")
    h_star, t_at_max = -best.fun, best.x
    assert_allclose([h_star / DELTA0, t_at_max], [0.615, 0.48], atol=5e-3)
    mech = PauliLimit(1.0)
    assert mech.tc(field_of_reduced_h(h_star * (1 + 1e-6), 1.0)) == 0.0
    # the scan resolves the window of the two roots down to a relative 1e-6 below h*
    assert mech.tc(field_of_reduced_h(h_star * (1 - 1e-5), 1.0)) >= t_at_max - 1e-3
    # just below Delta0 / 2 the largest root is the upper branch (above 0.56), not t ~ 0
    assert mech.tc(field_of_reduced_h(0.49 * DELTA0, 1.0)) > 0.56


def test_tc_is_even_in_field_and_keeps_shape():
    mech = PauliLimit(1.0, g_factor=1.5)
    b = np.array([[0.3, -0.3], [0.7, -0.7]])
    tc = mech.tc(b)
    assert tc.shape == b.shape
    assert_allclose(tc[:, 0], tc[:, 1], rtol=1e-15)


def test_clogston_number_from_codata():
    # B_P = Delta0 / (sqrt(2) mu_B) = 1.764 k_B T_c / (sqrt 2 mu_B): 1.86 T per K for g = 2
    expected = (
        np.pi
        * np.exp(-np.euler_gamma)
        * sc.k
        / (math.sqrt(2) * sc.physical_constants["Bohr magneton"][0])
    )
    # the package takes mu_B in eV/T, the test in J/T: CODATA roundings agree to ~1e-11
    assert_allclose(clogston_field(1.0), expected, rtol=1e-10)
    assert abs(clogston_field(1.0) - 1.86) < 0.005  # the paper's 1.86 T/K
    assert_allclose(clogston_field(0.5, g=4.0), expected / 4, rtol=1e-10)


def test_clogston_field_exceeds_uniform_line_at_low_temperature():
    # the first-order Clogston field sqrt(2)/2 Delta0 = 0.707 Delta0 lies above h* = 0.615 Delta0
    h_p = clogston_field(1.0) * MU_B / K_B
    assert_allclose(h_p, DELTA0 / math.sqrt(2), rtol=1e-12)
    assert PauliLimit(1.0).tc(clogston_field(1.0)) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"tc0_k": -1.0}, "tc0_k"), ({"tc0_k": 1.0, "g_factor": np.nan}, "g_factor")],
)
def test_bad_parameters_name_the_field(kwargs, name):
    with pytest.raises(ParameterError, match=name):
        PauliLimit(**kwargs)


def test_bad_field_is_rejected():
    with pytest.raises(ParameterError, match="field_t"):
        PauliLimit(1.0).tc([0.1, np.inf])
    with pytest.raises(ParameterError, match="tc_k"):
        clogston_field(0.0)
