"""Band paths, Fermi surfaces, density of states and van Hove points of the slab."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.bands import lattice
from reentrant.bands.filling import KGrid, fill
from reentrant.bands.slab import SlabModel
from reentrant.bands.spectrum import band_path, density_of_states, fermi_surface, van_hove_points

A0 = lattice.A0_NM
KX, KY = lattice.zone_boundary()
T, TD, TP = 800.0, 50.0, 40.0


def single_layer():
    return SlabModel(layers=1, soc=0.0, orbital_rashba=0.0)


def test_van_hove_points_of_one_layer_are_the_analytic_saddles():
    # xy: -2 t_d cos(k_x a) - 2 t' cos(sqrt2 k_y a) has saddles at X (2 t_d - 2 t') and at
    # Y (-2 t_d + 2 t'); yz, zx (-2t cos k_x a) are flat in k_y: no saddle anywhere
    points = van_hove_points(single_layer(), (-1000.0, 1000.0))
    found = dict(zip(points.symmetry_point.values, points.energy.values, strict=True))
    assert set(found) == {"X", "Y"}
    assert found["X"] == pytest.approx(2 * TD - 2 * TP, abs=1e-6)
    assert found["Y"] == pytest.approx(-2 * TD + 2 * TP, abs=1e-6)
    at_x = points.where(points.symmetry_point == "X", drop=True)
    # curvatures d2E/dk2: -2 t_d a^2 along k_x, +4 t' a^2 along k_y
    assert at_x.curvature_x.item() == pytest.approx(-2 * TD * A0**2, rel=1e-4)
    assert at_x.curvature_y.item() == pytest.approx(4 * TP * A0**2, rel=1e-4)


def test_dos_counts_every_state_and_integrates_to_the_filled_density():
    model = single_layer()
    energies = np.linspace(-1700.0, 1700.0, 6801)  # yz, zx span +-2t, xy +-(2 t_d + 2 t')
    dos = density_of_states(model, energies, spacing=0.01, broadening=2.0)
    assert dos.attrs["units"] == "1/(meV nm^2)"
    # 6 spin-resolved bands of 1 / A_cell states each
    total = np.trapezoid(dos.values, energies)
    assert total == pytest.approx(6 / lattice.cell_area(), rel=1e-3)
    # the states below mu are the density that fills the bands up to mu (a Fermi count);
    # mu near -1000 meV lies far from every band edge and van Hove point
    density = 5.0
    mu = fill(model, density, KGrid(0.01), kt=0.5).mu
    below = energies <= mu
    # (both are midpoint sums on k grids of 0.01 nm^-1: they agree to the grid's resolution)
    assert np.trapezoid(dos.values[below], energies[below]) == pytest.approx(density, rel=5e-3)


def test_band_path_runs_y_gamma_x_and_keeps_the_window():
    model = SlabModel(layers=3)
    path = band_path(model, -3400.0, points=21, window=(-300.0, 300.0))
    k = path.k.values
    assert k[0] == pytest.approx(-KY) and k[-1] == pytest.approx(KX) and 0.0 in k
    assert_allclose(np.abs(path.kx.values) + np.abs(path.ky.values), np.abs(k))
    full = model.energies(path.kx.values, path.ky.values)
    assert_allclose(path.energy.values, full[:, path.band.values], atol=1e-9)
    inside = (full.max(axis=0) >= -3700) & (full.min(axis=0) <= -3100)
    assert_allclose(path.band.values, np.nonzero(inside)[0])
    assert_allclose(path.orbital.sum("orbital_name"), 1.0, atol=1e-12)
    assert path.energy.attrs["units"] == "meV" and path.attrs["mu_mev"] == -3400.0


def test_fermi_surface_crosses_zero_at_the_analytic_fermi_momentum():
    # yz/zx of one layer: -2t cos(k_x a) = mu at k_x a = arccos(-mu / 2t), for every k_y
    mu = -1000.0
    fs = fermi_surface(single_layer(), mu, points=401)
    kf = np.arccos(-mu / (2 * T)) / A0
    line = fs.isel(band=0, ky=100).values
    kx = fs.kx.values
    crossing = kx[np.nonzero(np.diff(np.sign(line)))[0]]
    assert_allclose(np.abs(crossing), kf, atol=kx[1] - kx[0])
    assert fs.attrs["mu_mev"] == mu
