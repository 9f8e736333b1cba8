"""Filling the subbands: chemical potential against an analytic count, sum rules, k grid."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import expit

from reentrant.bands import lattice
from reentrant.bands.filling import KGrid, chemical_potential, fill
from reentrant.bands.slab import SlabModel
from reentrant.errors import ParameterError

A0 = lattice.A0_NM


def test_full_zone_grid_holds_one_electron_per_cell_and_band():
    grid = KGrid(0.2, lattice.zone_boundary())
    _, _, weight, edge = grid.points(A0)
    assert weight.sum() == pytest.approx(1 / lattice.cell_area(), rel=1e-12)
    assert not edge.any()  # the zone boundary cuts nothing off


def test_single_layer_density_matches_the_one_dimensional_band_count():
    # one (110) layer without SOC: yz and zx are -2t cos(k_x a), flat in k_y (both spins);
    # xy lies above -2 t_d - 2 t' = -180 meV.  At temperature kT the density is
    # n(mu) = 4 / A_cell * (a / 2 pi) int dk f(-2t cos(k a) - mu)  (xy adds nothing below).
    t, kt, mu_true = 800.0, 8.0, -1000.0
    model = SlabModel(layers=1, soc=0.0, orbital_rashba=0.0)

    def count(mu):
        occupied = quad(
            lambda k: expit((2 * t * np.cos(k * A0) + mu) / kt), -np.pi / A0, np.pi / A0
        )
        return 4 / lattice.cell_area() * A0 / (2 * np.pi) * occupied[0]

    density = count(mu_true)
    filled = fill(model, density, KGrid(0.02, (0.5, 0.5)), kt=kt)
    assert filled.mu == pytest.approx(mu_true, abs=0.05)
    # the k rectangle grew: along k_y to the zone boundary (the band is flat there)
    assert filled.grid.extent[1] == pytest.approx(lattice.zone_boundary()[1])
    # and the reference count is consistent with its own root
    assert brentq(lambda m: count(m) - density, -1500, -500) == pytest.approx(mu_true, abs=1e-6)


def test_layer_and_subband_densities_add_up_to_the_sheet_density():
    model = SlabModel(layers=8).with_potential(np.linspace(0, 150, 8))
    filled = fill(model, 0.4)
    assert filled.layer_density.sum() == pytest.approx(0.4, rel=1e-10)
    assert filled.band_density.sum() == pytest.approx(0.4, rel=1e-10)
    assert np.all(filled.layer_density >= 0) and np.all(np.diff(filled.band_density) <= 1e-12)


def test_the_filling_does_not_depend_on_the_starting_rectangle():
    model = SlabModel(layers=4).with_potential(np.linspace(0, 60, 4))
    small = fill(model, 0.3, KGrid(0.1, (0.2, 0.2)))
    large = fill(model, 0.3, KGrid(0.1, small.grid.extent))
    assert small.mu == pytest.approx(large.mu, abs=1e-9)
    assert_allclose(small.layer_density, large.layer_density, atol=1e-12)


def test_chemical_potential_rejects_densities_the_grid_cannot_hold():
    energies = np.array([[0.0, 1.0], [0.5, 2.0]])
    weights = np.array([0.1, 0.1])
    with pytest.raises(ParameterError, match="outside what the bands"):
        chemical_potential(energies, weights, 0.5, 1.0)
    with pytest.raises(ParameterError, match="extent must be two positive"):
        KGrid(0.1, (1.0, -1.0))
