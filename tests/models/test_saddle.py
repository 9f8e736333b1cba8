"""Tests of the paper's Eqs. (1)-(3), its Fermi-surface minima and the density of states.

References are built inside each test: the 2x2 Hamiltonian of Eq. (1) diagonalised by numpy,
finite differences, brute-force scans and state counting, and the paper's own statements.
"""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from scipy.integrate import quad

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, mass_from_me
from reentrant.models.presets import preset
from reentrant.models.saddle import (
    branches,
    density_of_states,
    fermi_surface,
    fermi_surface_minima,
    lattice_saddle_energy,
    pairing_partners,
    species_density_of_states,
    spin_texture_x,
    upper_branch_fermi_py,
    velocities,
)
from reentrant.models.soc import AnisotropicSOC, Rashba

SIGMA_X = np.array([[0.0, 1.0], [1.0, 0.0]])


@pytest.fixture(autouse=True)
def _strict_floats():
    with np.errstate(all="raise"):
        yield


@pytest.fixture
def model():
    """The saddle-soc preset: M = 20, m = 1, beta = -2 (paper's sign), mu = M beta^2/2 + 3."""
    return preset("saddle-soc").model()[0]


def hamiltonian(model, px, py, h):
    """Eq. (1) as explicit 2x2 matrices, shape (..., 2, 2)."""
    disp, beta = model.dispersion, model.soc[0].beta
    eps = -(px**2) / (2 * disp.mass_heavy) + py**2 / (2 * disp.mass_light)
    return eps[..., None, None] * np.eye(2) + (beta * px + h)[..., None, None] * SIGMA_X


def random_momenta(rng, n=200):
    return rng.uniform(-90, 90, n), rng.uniform(-15, 15, n)


@pytest.mark.parametrize("h", [0.0, 7.5, -30.0])
def test_branches_are_eigenvalues_of_eq1(model, h):
    px, py = random_momenta(np.random.default_rng(1))
    expected = np.linalg.eigvalsh(hamiltonian(model, px, py, np.full_like(px, h)))
    # rounding only: energies ~ 1e2, eigvalsh is backward stable
    assert_allclose(branches(model, px, py, h), expected, rtol=0, atol=1e-10)
    assert_allclose(
        branches(model, px, py, h) - model.mu,
        model.energies(px, py, (h, 0, 0)),
        rtol=0,
        atol=1e-10,
    )


@pytest.mark.parametrize("h", [0.0, 2.0, 45.0])
def test_upper_branch_fermi_py_lies_on_eq1_fermi_surface(model, h):
    px = np.linspace(-99, 99, 397)
    py = upper_branch_fermi_py(model, px, h)
    found = np.isfinite(py)
    assert found.sum() > 200
    upper = np.linalg.eigvalsh(hamiltonian(model, px[found], py[found], np.full(found.sum(), h)))
    assert_allclose(upper[:, 1], model.mu, rtol=0, atol=1e-10)
    # where Eq. (2) has no solution the upper branch lies above mu already at p_y = 0
    zero = np.zeros((~found).sum())
    upper_at_axis = np.linalg.eigvalsh(hamiltonian(model, px[~found], zero, zero + h))[:, 1]
    assert np.all(upper_at_axis > model.mu)


def test_fermi_surface_rows(model):
    px = np.linspace(-99, 99, 101)
    fs = fermi_surface(model, px, 4.0)
    assert_allclose(fs.sel(branch="upper"), upper_branch_fermi_py(model, px, 4.0), rtol=1e-14)
    lower = np.linalg.eigvalsh(hamiltonian(model, px, fs.sel(branch="lower").values, px * 0 + 4))
    assert_allclose(lower[:, 0], model.mu, rtol=0, atol=1e-10)


@pytest.mark.parametrize("h", [0.0, 12.0, -50.0])
def test_spin_texture_is_eigenvector_expectation(model, h):
    px, py = random_momenta(np.random.default_rng(2))
    _, vectors = np.linalg.eigh(hamiltonian(model, px, py, np.full_like(px, h)))
    upper = vectors[..., :, 1]
    expected = np.einsum("ni,ij,nj->n", upper, SIGMA_X, upper)
    assert_allclose(spin_texture_x(model, px, h), expected, atol=1e-12)
    assert_allclose(spin_texture_x(model, px, h, "lower"), -expected, atol=1e-12)
    assert_allclose(spin_texture_x(model, px, h), model.spin_texture(px, py, (h, 0, 0))[:, 1, 0])


def test_zero_field_spin_texture_is_minus_sign_px_for_negative_beta(model):
    # paper, text after Eq. (3): <sigma_x> = -sgn(p_x) at B = 0 (beta < 0)
    px = np.linspace(-50, 50, 11)
    assert_allclose(spin_texture_x(model, px), -np.sign(px))


@pytest.mark.parametrize("branch", ["lower", "upper"])
@pytest.mark.parametrize("h", [0.0, 9.0])
def test_velocities_are_gradients_of_the_branch(model, branch, h):
    px, py = random_momenta(np.random.default_rng(3))
    keep = np.abs(model.soc[0].beta * px + h) > 1.0  # away from the kink of the branch
    px, py = px[keep], py[keep]
    idx = 1 if branch == "upper" else 0
    step = 1e-5

    def energy(x, y):
        return np.linalg.eigvalsh(hamiltonian(model, x, y, np.full_like(x, h)))[:, idx]

    vx = (energy(px + step, py) - energy(px - step, py)) / (2 * step)
    vy = (energy(px, py + step) - energy(px, py - step)) / (2 * step)
    # central differences: truncation 0 for quadratics, rounding ~1e-13 * 1e2 / 1e-5 = 1e-6
    assert_allclose(velocities(model, px, py, h, branch), np.stack([vx, vy], -1), atol=1e-5)


def test_field_reversal_symmetry(model):
    # B -> -B with p_x -> -p_x: |beta (-p_x) - h| = |beta p_x + h|, sigma_x -> -sigma_x
    px, py = random_momenta(np.random.default_rng(4))
    h = 6.0
    assert_allclose(branches(model, px, py, h), branches(model, -px, py, -h), rtol=1e-14)
    assert_allclose(upper_branch_fermi_py(model, px, h), upper_branch_fermi_py(model, -px, -h))
    assert_allclose(spin_texture_x(model, px, h), -spin_texture_x(model, -px, -h))
    v, w = velocities(model, px, py, h), velocities(model, -px, py, -h)
    assert_allclose(v[:, 0], -w[:, 0], rtol=1e-14)
    assert_allclose(v[:, 1], w[:, 1], rtol=1e-14)
    a, b = fermi_surface_minima(model, h), fermi_surface_minima(model, -h)
    assert_allclose(a.px.values, -b.px.values[::-1])
    assert_allclose(a.py_squared_over_2m.values, b.py_squared_over_2m.values[::-1])
    # the field breaks p -> -p (the paper's "asymmetric Fermi surface")
    assert not np.allclose(
        upper_branch_fermi_py(model, px, h), upper_branch_fermi_py(model, -px, h)
    )


def scanned_minima(model, h):
    """Local minima of p_y^2 along the upper-branch Fermi surface, by brute-force scan."""
    px = np.linspace(-99, 99, 198_001)  # spacing 1e-3
    m, big_m, beta = model.dispersion.mass_light, model.dispersion.mass_heavy, model.soc[0].beta
    p2 = 2 * m * (model.mu + px**2 / (2 * big_m) - np.abs(beta * px + h))
    i = np.nonzero((p2[1:-1] < p2[:-2]) & (p2[1:-1] < p2[2:]))[0] + 1
    return px[i], p2[i] / (2 * model.dispersion.mass_light)


@pytest.mark.parametrize("h", [0.0, 1.0, 5.0, 30.0, -60.0])
def test_minima_sit_at_plus_minus_beta_m_and_move_as_eq2(model, h):
    big_m, beta, mu = model.dispersion.mass_heavy, model.soc[0].beta, model.mu
    x, value = scanned_minima(model, h)
    ds = fermi_surface_minima(model, h)
    present = ds.exists.values
    assert_allclose(np.sort(ds.px.values[present]), np.sort(x), atol=1e-3)  # grid spacing
    # paper: p_x = +-beta M; p_y^2/2m = mu - M beta^2/2 +- lambda B (minus at p_x = beta M)
    assert_allclose(ds.px.values, [beta * big_m, -beta * big_m])
    expected = [mu - big_m * beta**2 / 2 - h, mu - big_m * beta**2 / 2 + h]
    assert_allclose(ds.py_squared_over_2m.values, expected, rtol=1e-14)
    assert_allclose(np.sort(ds.py_squared_over_2m.values[present]), np.sort(value), atol=1e-9)
    # the upper-branch spin at the minimum of species s is s
    assert_allclose(spin_texture_x(model, ds.px.values, h), ds.spin.values)


def test_minimum_at_minus_beta_m_needs_m_beta2_above_lambda_b(model):
    big_m, beta = model.dispersion.mass_heavy, model.soc[0].beta
    threshold = big_m * beta**2  # paper: exists only while M beta^2 > lambda B
    for h, count in [(0.9 * threshold, 2), (1.1 * threshold, 1)]:
        x, _ = scanned_minima(model, h)
        assert x.size == count
        ds = fermi_surface_minima(model, h)
        assert ds.exists.sel(spin=-1) == (count == 2)
        assert ds.exists.sel(spin=1)


def test_minima_over_a_field_sweep(model):
    fields = np.linspace(0, 100, 5)
    ds = fermi_surface_minima(model, fields)
    assert ds.py.dims == ("zeeman", "spin")
    for h in fields:
        one = fermi_surface_minima(model, h)
        assert_allclose(ds.py_squared_over_2m.sel(zeeman=h), one.py_squared_over_2m)


def counted_states(model, energy, h):
    """States per area below ``energy`` (both species): (2 pi)^-2 * area, by quadrature."""
    big_m, m, beta, cutoff = (
        model.dispersion.mass_heavy,
        model.dispersion.mass_light,
        model.soc[0].beta,
        model.dispersion.cutoff,
    )
    total = 0.0
    for s in (1, -1):

        def width(px, s=s):
            # |p_y| < p_y,max(p_x) on the line p_x of species s
            rest = energy - s * (beta * px + h) + px**2 / (2 * big_m)
            return 2 * np.sqrt(2 * m * max(rest, 0.0))

        kinks = [
            x
            for x in np.roots([1 / (2 * big_m), -s * beta, energy - s * h])
            if np.isreal(x) and abs(x) < cutoff
        ]
        points = [float(np.real(x)) for x in kinks] or None
        total += quad(width, -cutoff, cutoff, points=points, epsabs=1e-12, epsrel=1e-13, limit=200)[
            0
        ]
    return total / (2 * np.pi) ** 2


@pytest.mark.parametrize("h", [0.0, 4.0])
def test_dos_is_derivative_of_counted_states(model, h):
    energies = np.array([-30.0, 10.0, 35.0, 39.0, 47.0, 60.0, 200.0])
    step = 1e-3
    counted = np.array(
        [
            (counted_states(model, e + step, h) - counted_states(model, e - step, h)) / (2 * step)
            for e in energies
        ]
    )
    # central difference error ~ g'' step^2 / 6, tiny 1 from the peaks at 40 +- 4
    assert_allclose(density_of_states(model, energies, h).values, counted, rtol=1e-5)


def test_dos_histogram_of_a_momentum_grid():
    big_m, m, beta, cutoff, h = 4.0, 1.0, 1.5, 10.0, 1.0
    model = BandModel(Saddle(big_m, m, cutoff), (AnisotropicSOC(beta),), mu=0.0)
    px = np.linspace(-cutoff, cutoff, 2001)[:-1] + cutoff / 2000  # cell centres
    py = np.linspace(-20, 20, 4001)[:-1] + 20 / 4000
    e = branches(model, px[:, None], py[None, :], h).ravel()
    edges = np.linspace(-5.0, 15.0, 41)
    counts, _ = np.histogram(e, edges)
    cell = (px[1] - px[0]) * (py[1] - py[0]) / (2 * np.pi) ** 2
    histogram = counts * cell / np.diff(edges)
    centres = 0.5 * (edges[1:] + edges[:-1])
    fine = np.linspace(-5.0, 15.0, 40 * 200 + 1)  # bin average of the closed form
    exact = density_of_states(model, fine[:-1] + 0.00125, h).values.reshape(40, 200).mean(1)
    # p_y window +-20 holds all states below E = 200 / 2m - (beta p)^2... > 15 for |p_x| < 10;
    # bins next to the log peaks (E = M beta^2/2 +- h = 5.5, 3.5) and band edge are excluded
    away = (np.abs(centres - 5.5) > 1) & (np.abs(centres - 3.5) > 1) & (centres > -3)
    assert_allclose(histogram[away], exact[away], rtol=0.02)  # grid counting noise ~0.5 %


def test_dos_log_peak(model):
    big_m, m, beta, cutoff = 20.0, 1.0, -2.0, 100.0
    prefactor = np.sqrt(m * big_m) / (2 * np.pi**2)
    for h in (0.0, 3.0):
        per = species_density_of_states(model, [0.0], h)  # just to get the coordinate order
        assert list(per.spin.values) == [1, -1]
        for s in (1, -1):
            peak = big_m * beta**2 / 2 + s * h
            offsets = np.array([-1e-6, -1e-4, 1e-6, 1e-4])
            g = species_density_of_states(model, peak + offsets, h).sel(spin=s).values
            s1 = (-cutoff - s * beta * big_m) / np.sqrt(2 * big_m)
            s2 = (cutoff - s * beta * big_m) / np.sqrt(2 * big_m)
            asymptote = prefactor * np.log(4 * abs(s1) * s2 / np.abs(offsets))
            # corrections O(|E'| / s^2) ~ 1e-4 / 80
            assert_allclose(g, asymptote, rtol=1e-5)
            assert np.isinf(species_density_of_states(model, [peak], h).sel(spin=s).item())


def test_dos_zero_field_species_equal_and_field_shifts_them(model):
    e = np.linspace(-100, 300, 81) + 0.123
    zero = species_density_of_states(model, e, 0.0)
    assert_allclose(zero.sel(spin=1), zero.sel(spin=-1), rtol=1e-12)
    h = 5.0
    shifted = species_density_of_states(model, e, h)
    for s in (1, -1):
        assert_allclose(
            shifted.sel(spin=s), species_density_of_states(model, e - s * h, 0.0).sel(spin=s)
        )
    total = density_of_states(model, e, h)
    assert_allclose(total, shifted.sum("spin"))
    assert total.attrs["units"] == "1 / (meV nm^2)"


def test_dos_vanishes_below_the_window(model):
    # lowest energy inside |p_x| < P: E' = -(P + |beta| M)^2 / 2M of the shifted species
    lowest = 40.0 - (100 + 40) ** 2 / 40
    assert np.all(density_of_states(model, [lowest - 1, lowest - 50]).values == 0)
    assert density_of_states(model, [lowest + 1]).item() > 0


def test_dos_without_soc_matches_textbook_saddle_log():
    # beta = 0: g = 2 * sqrt(mM)/(2 pi^2) * ln(4 s1 s2 / |E|) near the saddle, s = P/sqrt(2M)
    big_m, m, cutoff = 5.0, 0.5, 10.0
    model = BandModel(Saddle(big_m, m, cutoff))
    e = np.array([-1e-7, 1e-7])
    expected = np.sqrt(m * big_m) / np.pi**2 * np.log(4 * cutoff**2 / (2 * big_m) / 1e-7)
    assert_allclose(density_of_states(model, e).values, expected, rtol=1e-6)


def test_dos_in_physical_units_has_textbook_log_coefficient():
    # both spins: g(E) ~ sqrt(m M) / (pi^2 hbar^2) ln(1/|E|) (Van Hove 1953), so the difference
    # of two energies near the saddle is independent of the cutoff; hbar, m_e from CODATA
    m_me, big_m_me = 0.5, 5.0
    model = BandModel(Saddle(mass_from_me(big_m_me), mass_from_me(m_me), cutoff=3.0))
    g = density_of_states(model, [1e-4, 1e-2]).values  # meV
    hbar2_over_me = sc.hbar**2 / sc.m_e / sc.e * 1e3 * 1e18  # meV nm^2
    coefficient = np.sqrt(m_me * big_m_me) / (np.pi**2 * hbar2_over_me)
    # corrections O(E / cutoff energy), cutoff energy P^2/2M ~ 34 meV
    assert_allclose(g[0] - g[1], coefficient * np.log(100), rtol=1e-3)


def test_pairing_partners_zero_field_pairs_every_state(model):
    # B = 0, Q = 0: E(-p) = E(p) and <sigma_x>(-p) = -<sigma_x>(p), so every state with a
    # defined spin (p_x != 0) on both sheets pairs; the grid is the one the function samples
    grid = np.linspace(-100, 100, 401)
    on_fs = np.isfinite(upper_branch_fermi_py(model, grid)) & (grid != 0)
    ds = pairing_partners(model, 0.0, points=401)
    assert ds.px.size == 2 * on_fs.sum()
    assert_allclose(upper_branch_fermi_py(model, -ds.px.values), np.abs(ds.py.values))


@pytest.mark.parametrize(("h", "qx"), [(2.0, 4.0), (5.0, 10.0)])
def test_pairing_partners_in_field_are_isolated_roots(model, h, qx):
    # h = 5 opens the Fermi surface around the minimum at beta M (p_y^2/2m = 3 - 5 < 0)
    big_m, beta = 20.0, -2.0
    ds = pairing_partners(model, h, (qx, 0.0))
    px, py = ds.px.values, ds.py.values
    # p on the s = +1 side, -p + Q on the s = -1 side: Q_x(p_x/M - Q_x/2M - beta) = 2h,
    # so p_x = beta M + 2hM/Q_x + Q_x/2 (-18 and -15 here, both with beta p_x + h > 0)
    x1 = big_m * (2 * h / qx + qx / (2 * big_m) + beta)
    assert beta * x1 + h > 0
    assert_allclose(np.sort(px), np.sort([x1, x1, qx - x1, qx - x1]), atol=1e-9)
    both = np.linalg.eigvalsh(hamiltonian(model, px, py, np.full_like(px, h)))[:, 1]
    partner = np.linalg.eigvalsh(hamiltonian(model, qx - px, -py, np.full_like(px, h)))[:, 1]
    assert_allclose(both, model.mu, atol=1e-9)
    assert_allclose(partner, model.mu, atol=1e-9)
    assert np.all(spin_texture_x(model, px, h) * spin_texture_x(model, qx - px, h) == -1)


def test_no_partners_when_the_condition_has_its_root_on_the_wrong_side(model):
    # h = 5, Q_x = 4: p_x = beta M + 2hM/Q_x + Q_x/2 = 12 has beta p_x + h < 0 (and the mirror
    # assignment gives -8 with beta p_x + h > 0), so no opposite-spin pair exists
    assert pairing_partners(model, 5.0, (4.0, 0.0)).px.size == 0


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (BandModel(Parabolic(1.0)), "Saddle"),
        (BandModel(Saddle(10.0, 1.0, 5.0), (Rashba(1.0),)), "AnisotropicSOC"),
        (BandModel(Saddle(10.0, 1.0, 5.0), exchange=(0, 1, 0)), "exchange"),
    ],
)
def test_wrong_model_is_rejected(bad, message):
    with pytest.raises(ParameterError, match=message):
        branches(bad, 0.0, 0.0)


def test_bad_arguments_are_named(model):
    with pytest.raises(ParameterError, match="px"):
        upper_branch_fermi_py(model, [np.nan])
    with pytest.raises(ParameterError, match="branch"):
        spin_texture_x(model, 1.0, branch="middle")
    with pytest.raises(ParameterError, match="zeeman"):
        density_of_states(model, [1.0], np.inf)
    with pytest.raises(ParameterError, match="energies"):
        density_of_states(model, [[1.0]])


def test_lattice_band_expands_to_eq1_saddle():
    a_x, a_y = 0.3, 0.5
    p = np.array([1e-3, 2e-3, -3e-3])
    q = np.array([2e-3, -1e-3, 1e-3])
    big_m, mass = 20.0, 1.0
    lattice = lattice_saddle_energy(np.pi / a_x + p, q, big_m, mass, a_x, a_y)
    saddle = -(p**2) / (2 * big_m) + q**2 / (2 * mass)
    # next order (p a)^4 / 24: relative error ~ (1e-3 * 0.5)^2 / 12 ~ 2e-8
    assert_allclose(lattice, saddle, rtol=1e-7)
    # band bottom at Gamma: -2 / (M a_x^2)
    assert_allclose(lattice_saddle_energy(0.0, 0.0, big_m, mass, a_x, a_y), -2 / (big_m * a_x**2))
