"""The filled interface: triangular well, self-consistent Poisson-Schroedinger, slab thickness."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose

from reentrant.bands import lattice
from reentrant.bands.electrostatics import gauss_potential
from reentrant.bands.filling import KGrid, fill
from reentrant.bands.interface import BACK_FRACTION, interface_state, triangular_state
from reentrant.bands.selfconsistent import solve_poisson_schrodinger
from reentrant.bands.slab import SlabModel
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ConvergenceError, ParameterError

PERM = KTaO3Permittivity()
CHARGE = sc.e * 1e18  # C/m^2 per nm^-2


def centroid(state) -> float:
    layers = state.filling.layer_density
    return float(layers @ state.model.depths() / layers.sum())


def test_triangular_well_has_the_interface_field_of_the_donor_sheet():
    state = triangular_state(SlabModel(layers=6), 1.0, gate_density=0.2, grid=KGrid(0.3))
    field = state.electrostatics.field[0]
    assert PERM.displacement(field) == pytest.approx(CHARGE * 0.8, rel=1e-10)
    zeta = (np.arange(6) + 0.5) * lattice.layer_spacing()
    assert_allclose(state.model.potential, 1e-6 * field * zeta, rtol=1e-12)
    assert state.filling.layer_density.sum() == pytest.approx(1.0, rel=1e-9)


def test_the_slab_is_made_thick_enough_to_hold_the_electron_gas():
    state = interface_state(2.0, model=SlabModel(layers=2), grid=KGrid(0.4))
    assert state.model.layers > 2 and state.back_fraction <= BACK_FRACTION
    # the slab reaches beyond the classical turning point of E_F in the well
    field = state.electrostatics.field[0]
    turning = (state.mu - state.model.band_edge) / (1e-6 * field)  # nm
    assert state.model.depths()[-1] > turning
    with pytest.raises(ConvergenceError, match="reaches the far side"):
        interface_state(1.0, model=SlabModel(layers=2), grid=KGrid(0.3), max_layers=3)


def test_a_positive_gate_pulls_the_electrons_away_from_the_interface():
    # n fixed; the gate supplies part of it, so fewer donors hold the electrons: a weaker
    # interface field and a deeper electron gas
    model, grid = SlabModel(layers=6), KGrid(0.4)
    near = interface_state(2.0, model=model, grid=grid)
    far = interface_state(2.0, model=model, grid=grid, gate_density=0.8)
    assert centroid(far) > centroid(near)
    assert far.electrostatics.field[0] < near.electrostatics.field[0]


def test_bad_densities_raise():
    with pytest.raises(ParameterError, match="leaves no donor charge"):
        interface_state(0.3, gate_density=0.3)
    with pytest.raises(ParameterError, match="density must be positive"):
        interface_state(-1.0)
    with pytest.raises(ParameterError, match="unknown confinement"):
        interface_state(0.3, confinement="square")


@pytest.fixture(scope="module")
def self_consistent():
    return solve_poisson_schrodinger(
        SlabModel(layers=8), 2.0, gate_density=0.1, grid=KGrid(0.4), kt=3.0, tolerance=1e-3
    )


@pytest.mark.slow
def test_poisson_schroedinger_reaches_its_stated_tolerance(self_consistent):
    state = self_consistent
    assert state.residual <= state.tolerance == 1e-3
    # independent re-evaluation: the potential of the output densities, filled again, gives
    # back the same densities to the tolerance
    spacing = lattice.layer_spacing()
    again = gauss_potential(state.filling.layer_density, spacing, PERM, 0.1)
    refill = fill(state.model.with_potential(again.potential), 2.0, state.filling.grid, 3.0)
    change = np.max(np.abs(refill.layer_density - state.filling.layer_density)) / 2.0
    assert change <= 3 * state.tolerance


@pytest.mark.slow
def test_self_consistent_fields_obey_gauss_law(self_consistent):
    state = self_consistent
    d = PERM.displacement(state.electrostatics.field) / CHARGE  # nm^-2
    assert d[0] == pytest.approx(2.0 - 0.1, rel=1e-9)  # the donor sheet
    assert d[-1] == pytest.approx(-0.1, rel=1e-6)  # the back gate's uniform D
    # each layer's sheet charge is the jump of D across it, to the self-consistency tolerance
    assert_allclose(d[:-1] - d[1:], state.filling.layer_density, atol=state.tolerance * 2.0)


@pytest.mark.slow
def test_screening_flattens_the_self_consistent_well(self_consistent):
    # the electrons screen the donor field: deep in the slab the self-consistent potential
    # lies below the triangular well of the unscreened interface field
    state = self_consistent
    well = triangular_state(state.model, 2.0, gate_density=0.1, grid=KGrid(0.4))
    assert state.model.potential[-1] < well.model.potential[-1]
    assert state.electrostatics.field[-2] < state.electrostatics.field[0]


def test_non_convergence_is_reported():
    with pytest.raises(ConvergenceError, match="did not converge"):
        solve_poisson_schrodinger(
            SlabModel(layers=6), 2.0, grid=KGrid(0.4), tolerance=1e-9, max_iterations=2
        )
