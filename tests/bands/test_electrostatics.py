"""Gauss's law in KTaO3: constant-permittivity limit, field discontinuities, the inverse D(E)."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose

from reentrant.bands.electrostatics import (
    field_from_displacement,
    gauss_potential,
    interface_well,
    triangular_well,
)
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ParameterError

SPACING = 0.282


def test_field_from_displacement_inverts_the_johnson_displacement():
    perm = KTaO3Permittivity()
    fields = np.array([-3e8, -2e5, 0.0, 1e3, 4e6, 7e7])
    assert_allclose(field_from_displacement(perm.displacement(fields), perm), fields, rtol=1e-10)


def test_constant_permittivity_gives_the_textbook_piecewise_linear_potential():
    # eps_r(E) = eps_r0 when E << E0: all electrons in layer 3, a donor sheet n_d at zeta = 0 and
    # the gate part n_g beyond: U rises with slope e^2 n_d / (eps0 eps_r) up to layer 3, then
    # falls with slope e^2 n_g / (eps0 eps_r) (Gauss's law for sheets of charge).
    eps_r, n, n_g = 25.0, 0.02, 0.005
    perm = KTaO3Permittivity(eps_r0=eps_r, field_scale_v_per_m=1e15)
    layers = np.zeros(8)
    layers[3] = n
    result = gauss_potential(layers, SPACING, perm, gate_density_nm2=n_g)
    zeta = (np.arange(8) + 0.5) * SPACING * 1e-9  # m
    charge = sc.e * 1e18  # C/m^2 per nm^-2
    slope_in = charge * (n - n_g) / (sc.epsilon_0 * eps_r) * 1e3  # meV per m (e E / e)
    slope_out = -charge * n_g / (sc.epsilon_0 * eps_r) * 1e3
    expected = np.where(
        zeta <= zeta[3], slope_in * zeta, slope_in * zeta[3] + slope_out * (zeta - zeta[3])
    )
    assert_allclose(result.potential, expected, rtol=1e-9)


def test_gauss_law_sheet_charge_is_the_jump_of_the_displacement():
    # nonlinear eps_r(E): between layers D = eps0 int eps_r dE must drop by e n_l at each layer
    perm = KTaO3Permittivity()
    rng = np.random.default_rng(3)
    layers = rng.uniform(0.0, 0.05, 12)
    n_g = 0.01
    result = gauss_potential(layers, SPACING, perm, gate_density_nm2=n_g)
    d = perm.displacement(result.field) / (sc.e * 1e18)  # back to nm^-2 from the fields
    assert_allclose(d[0], layers.sum() - n_g, rtol=1e-9)  # donor sheet
    assert_allclose(d[:-1] - d[1:], layers, rtol=1e-8, atol=1e-12)
    assert_allclose(d[-1], -n_g, rtol=1e-8)  # the gate capacitor's uniform D
    # the potential rises by e E d between layers (half a spacing from the donor sheet)
    steps = np.diff(np.concatenate([[0.0], result.potential]))
    lengths = np.full(12, SPACING)
    lengths[0] = SPACING / 2
    assert_allclose(steps, result.field[:-1] * lengths * 1e-6, rtol=1e-12)


def test_triangular_wells_from_slope_and_from_the_interface_field():
    assert_allclose(triangular_well(3, 0.2, 10.0), [1.0, 3.0, 5.0])
    perm = KTaO3Permittivity()
    well, field = interface_well(4, SPACING, 0.3, 0.1, perm)
    assert perm.displacement(field) == pytest.approx(sc.e * 1e18 * 0.2, rel=1e-10)
    assert_allclose(well, field * 1e-6 * (np.arange(4) + 0.5) * SPACING)


def test_bad_inputs_raise_parameter_errors():
    perm = KTaO3Permittivity()
    with pytest.raises(ParameterError, match="at least one layer"):
        gauss_potential([], SPACING, perm)
    with pytest.raises(ParameterError, match="spacing_nm must be positive"):
        gauss_potential([0.1], 0.0, perm)
    with pytest.raises(ParameterError, match="layer_density_nm2 must be finite"):
        gauss_potential([np.nan], SPACING, perm)
    with pytest.raises(ParameterError, match="donor density"):
        interface_well(3, SPACING, 0.1, 0.2, perm)
