"""The (110) slab Hamiltonian: symmetries, bulk limit, analytic single layers, validation."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from t2g_reference import bulk_bands, soc_matrix

from reentrant.bands import lattice
from reentrant.bands.slab import SlabModel, TitaniumLayer
from reentrant.errors import ParameterError
from reentrant.units import MU_B_MEV_PER_T

A0 = lattice.A0_NM
D = lattice.layer_spacing()
KX, KY = lattice.zone_boundary()
TRIM = [(0.0, 0.0), (KX, 0.0), (0.0, KY), (KX, KY)]


def interface_slab(layers=6, **changes):
    """A slab with every ingredient: Ti layer, orbital Rashba, a potential."""
    model = SlabModel(layers=layers, titanium=TitaniumLayer(), **changes)
    return model.with_potential(np.linspace(0.0, 80.0, model.total_layers))


def test_hamiltonian_is_hermitian_with_every_term():
    model = interface_slab()
    rng = np.random.default_rng(1)
    k = rng.uniform(-8, 8, (7, 2))
    h = model.hamiltonian(k[:, 0], k[:, 1], (0.3, -1.2, 2.0))
    assert h.shape == (7, model.dimension, model.dimension)
    assert_allclose(h, np.swapaxes(h.conj(), -1, -2), atol=1e-12)


@pytest.mark.parametrize("point", TRIM)
def test_kramers_pairs_at_time_reversal_invariant_momenta(point):
    model = interface_slab()
    energies = model.energies(*point)
    assert_allclose(energies[0::2], energies[1::2], atol=1e-9)
    # a field lifts the degeneracy: the pairs split by about g mu_B B
    split = model.energies(*point, field=(0.0, 2.0, 0.0))
    assert np.max(split[1::2] - split[0::2]) > 0.5 * MU_B_MEV_PER_T


def test_mirror_symmetries_of_the_110_slab_at_zero_field():
    # mirrors x -> -x ([001]) and y -> -y ([1-10], cubic X <-> Y)
    model = interface_slab()
    kx, ky = 1.3, 0.7
    base = model.energies(kx, ky)
    for sx, sy in ((-1, 1), (1, -1), (-1, -1)):
        assert_allclose(model.energies(sx * kx, sy * ky), base, atol=1e-9)


def test_energies_are_periodic_on_the_2d_reciprocal_lattice():
    model = interface_slab()
    base = model.energies(0.4, 0.9)
    assert_allclose(model.energies(0.4 + 2 * KX, 0.9), base, atol=1e-9)
    assert_allclose(model.energies(0.4, 0.9 + 2 * KY), base, atol=1e-9)


@pytest.mark.parametrize(("kx", "ky"), [(0.0, 0.0), (0.7, 1.3), (KX, 0.4), (2.1, KY)])
def test_periodic_slab_is_bulk_ktao3_at_the_quantised_kz(kx, ky):
    # N layers joined periodically = bulk at k_z = 2 pi m / (N d), the (110) normal;
    # cubic momenta: k_X = (k_z + k_y)/sqrt2, k_Y = (k_z - k_y)/sqrt2, k_Z = k_x
    t, td, tp, lam, n = 800.0, 50.0, 40.0, 265.0, 8
    model = SlabModel(
        layers=n, hopping_pi=t, hopping_delta=td, hopping_nnn=tp, soc=lam, orbital_rashba=0.0,
        periodic=True,
    )  # fmt: skip
    kz = 2 * np.pi * np.arange(n) / (n * D)
    bulk = bulk_bands((kz + ky) / np.sqrt(2), (kz - ky) / np.sqrt(2), kx, A0, t, td, tp, lam)
    assert_allclose(model.energies(kx, ky), np.sort(bulk.ravel()), atol=1e-9)


def j12_weight(vectors: np.ndarray, layers: int) -> np.ndarray:
    """Weight of each eigenvector on the on-site J = 1/2 doublets (reference SOC matrix)."""
    _, basis = np.linalg.eigh(soc_matrix(1.0))
    doublet = basis[:, 4:]  # the +lambda eigenvectors
    v = vectors.T.reshape(-1, layers, 6)
    return np.sum(np.abs(v @ doublet.conj()) ** 2, axis=(1, 2))


def test_thick_slab_converges_to_the_bulk_band_edges_and_the_soc_splitting():
    t, td, tp, lam = 800.0, 50.0, 40.0, 265.0
    edge = -4 * t - 2 * td - 4 * tp  # bulk t2g level at Gamma without SOC
    j32, j12 = edge - lam / 2, edge + lam
    errors = {}
    for n in (20, 40, 80):
        model = SlabModel(layers=n, orbital_rashba=0.0)
        values, vectors = model.eigensystem(0.0, 0.0)
        lowest_j12 = values[np.argmax(j12_weight(vectors, n) > 0.5)]
        errors[n] = (values[0] - j32, lowest_j12 - j12)
        assert lowest_j12 - values[0] == pytest.approx(1.5 * lam, abs=3 * errors[n][0] + 1.0)
    # open ends quantise k_z ~ pi / (N d): the band edges approach bulk as 1/N^2
    for which in (0, 1):
        assert errors[20][which] > errors[40][which] > errors[80][which] > 0
        assert errors[20][which] / errors[40][which] == pytest.approx(4.0, rel=0.15)
    assert errors[80][0] < 2.0 and errors[80][1] < 2.0  # meV


def test_single_layer_without_soc_has_the_flat_xy_band_along_001():
    # one (110) layer keeps only the Z bonds (x = [001]) and the X - Y diagonals (y = [1-10]):
    # yz, zx: -2t cos(k_x a); xy: -2 t_d cos(k_x a) - 2 t' cos(sqrt2 k_y a), flat along [001]
    t, td, tp = 800.0, 50.0, 40.0
    model = SlabModel(layers=1, soc=0.0, orbital_rashba=0.0)
    kx, ky = np.linspace(-KX, KX, 9), np.linspace(-KY, KY, 7)
    gx, gy = np.meshgrid(kx, ky, indexing="ij")
    light = -2 * t * np.cos(gx * A0)
    flat = -2 * td * np.cos(gx * A0) - 2 * tp * np.cos(np.sqrt(2) * A0 * gy)
    expected = np.sort(np.stack([light] * 4 + [flat] * 2, axis=-1), axis=-1)
    assert_allclose(model.energies(gx, gy), expected, atol=1e-9)


def test_decoupled_ti_layer_adds_the_bands_of_an_isolated_ti_layer():
    ti = TitaniumLayer(onsite=120.0, hopping_scale=0.4, coupling_scale=0.0, soc=20.0)
    slab = SlabModel(layers=3, orbital_rashba=0.0)
    both = SlabModel(layers=3, orbital_rashba=0.0, titanium=ti)
    kx, ky = 0.9, 1.7
    h = 0.4 * np.array([800.0, 50.0, 40.0])
    c = np.cos(kx * A0)
    orbital = np.diag(
        np.repeat(
            [-2 * h[0] * c, -2 * h[0] * c, -2 * h[1] * c - 2 * h[2] * np.cos(np.sqrt(2) * A0 * ky)],
            2,
        )
    )
    # the Ti level is measured from the bulk J = 3/2 edge at Gamma, -4t - 2 t_d - 4 t' - lambda/2
    edge = -4 * 800.0 - 2 * 50.0 - 4 * 40.0 - 265.0 / 2
    layer = np.linalg.eigvalsh(orbital + soc_matrix(20.0) + (edge + 120.0) * np.eye(6))
    expected = np.sort(np.concatenate([slab.energies(kx, ky), layer]))
    assert_allclose(both.energies(kx, ky), expected, atol=1e-9)


def test_band_solver_matches_dense_diagonalisation():
    model = interface_slab(layers=10)
    k = np.random.default_rng(2).uniform(-5, 5, (6, 2))
    field = (1.0, 0.5, -0.2)
    dense = np.linalg.eigvalsh(model.hamiltonian(k[:, 0], k[:, 1], field))
    assert_allclose(model.energies(k[:, 0], k[:, 1], field), dense, atol=1e-9)
    values, _ = model.eigensystem(k[:, 0], k[:, 1], field)
    assert_allclose(values, dense, atol=1e-9)


@pytest.mark.parametrize("direction", [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 1)])
def test_zeeman_spin_points_against_the_field_in_slab_axes(direction):
    # no SOC, no orbital moment: H_Z = (g/2) mu_B B.sigma shifts every orbital level by
    # -+ (g/2) mu_B |B|, and the lowered states have <sigma> = -B/|B| (slab axes x = [001],
    # y = [1-10], z = [110])
    b = 3.0 * np.asarray(direction, float) / np.linalg.norm(direction)
    model = SlabModel(layers=2, soc=0.0, orbital_rashba=0.0, orbital_g=0.0, g_factor=2.0)
    shift = MU_B_MEV_PER_T * 3.0
    levels = model.energies(0.3, 0.2)[0::2]
    values, vectors = model.eigensystem(0.3, 0.2, b)
    assert_allclose(values, np.sort(np.concatenate([levels - shift, levels + shift])), atol=1e-9)
    lowered = np.isclose(values[:, None], levels[None, :] - shift, atol=1e-9).any(axis=1)
    spin = model.spin(vectors)[lowered]
    assert lowered.sum() == levels.size
    assert_allclose(spin, np.broadcast_to(-b / 3.0, spin.shape), atol=1e-9)


def test_weights_are_normalised():
    model = interface_slab()
    _, vectors = model.eigensystem([0.2, 1.0], [0.5, 0.0])
    assert_allclose(model.orbital_weights(vectors).sum(axis=-1), 1.0, atol=1e-12)
    assert_allclose(model.layer_weights(vectors).sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(np.linalg.norm(model.spin(vectors), axis=-1) <= 1 + 1e-12)


def test_energies_keep_the_shape_of_the_k_arrays():
    model = SlabModel(layers=2)
    assert model.energies(np.zeros((3, 4)), 0.1).shape == (3, 4, 12)
    assert model.energies(0.0, 0.0).shape == (12,)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"layers": 0}, "layers must be >= 1"),
        ({"layers": 2.5}, "layers must be an integer"),
        ({"hopping_pi": -1.0}, "hopping_pi must be positive"),
        ({"soc": float("nan")}, "soc must be finite"),
        ({"potential": (0.0, 1.0)}, "potential needs one value per layer"),
        ({"titanium": "Ti"}, "titanium must be a TitaniumLayer"),
        ({"periodic": True, "layers": 3}, "even number of layers"),
    ],
)
def test_bad_parameters_name_the_culprit(changes, message):
    with pytest.raises(ParameterError, match=message):
        SlabModel(**{"layers": 4, **changes})


def test_bad_field_and_momenta_raise_parameter_errors():
    model = SlabModel(layers=2)
    with pytest.raises(ParameterError, match="field must have 3 components"):
        model.energies(0.0, 0.0, (1.0, 2.0))
    with pytest.raises(ParameterError, match="kx must be finite"):
        model.energies(np.nan, 0.0)
