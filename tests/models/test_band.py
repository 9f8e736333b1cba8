"""Band models: eigenvalues against explicit 2x2 diagonalisation, presets, bad input."""

import numpy as np
import pytest

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding, mass_from_me
from reentrant.models.presets import PRESETS, preset
from reentrant.models.soc import AnisotropicSOC, Dresselhaus, Ising, Rashba
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2

SIGMA = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]])


@pytest.mark.parametrize("valley", [1, -1])
def test_energies_and_spin_match_explicit_diagonalisation(valley):
    model = BandModel(
        Parabolic(0.7), (Rashba(0.3), Dresselhaus(-0.1), Ising(0.2)), mu=1.5,
        exchange=(0.05, 0.0, 0.0),
    )  # fmt: skip
    kx, ky, h = 0.8, -0.4, np.array([0.1, -0.2, 0.0])
    # H = k^2/2m - mu + alpha (ky sx - kx sy) + beta (kx sx - ky sy) + tau soc sz + (h + ex).s
    d = np.array([0.3 * ky + -0.1 * kx, -0.3 * kx + 0.1 * ky, valley * 0.2]) + h + [0.05, 0, 0]
    ham = ((kx**2 + ky**2) / 1.4 - 1.5) * np.eye(2) + np.einsum("i,ijk->jk", d, SIGMA)
    vals, vecs = np.linalg.eigh(ham)
    np.testing.assert_allclose(model.energies(kx, ky, h, valley), vals, atol=1e-12)
    spin = model.spin_texture(kx, ky, h, valley)
    for band in range(2):
        v = vecs[:, band]
        expect = [np.real(v.conj() @ s @ v) for s in SIGMA]
        np.testing.assert_allclose(spin[band], expect, atol=1e-12)


def test_dispersions():
    assert Saddle(20.0, 1.0, 50.0).energy(2.0, 3.0) == pytest.approx(-4 / 40 + 9 / 2)
    tb = TightBinding(1.0, 0.1)
    assert tb.energy(np.pi, 0.0) == pytest.approx(0.4)  # van Hove energy 4t'
    assert mass_from_me(1.0) * 2 * HBAR2_OVER_2ME_MEV_NM2 == pytest.approx(1.0)


def test_anisotropic_soc_is_eq_1():
    model = BandModel(Saddle(20.0, 1.0, 100.0), (AnisotropicSOC(-2.0),), mu=0.0)
    px, py, h = 3.0, 1.0, 0.5
    eps = -(px**2) / 40 + py**2 / 2
    np.testing.assert_allclose(
        model.energies(px, py, (h, 0, 0)), sorted([eps - abs(-2 * px + h), eps + abs(-2 * px + h)])
    )


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda: Parabolic(0.0), "mass"),
        (lambda: Parabolic(float("nan")), "mass"),
        (lambda: Saddle(-1.0, 1.0, 1.0), "mass_heavy"),
        (lambda: Saddle(1.0, 1.0, float("inf")), "cutoff"),
        (lambda: TightBinding(1.0, 0.6), "hopping_next"),
        (lambda: Rashba(float("nan")), "alpha"),
        (lambda: BandModel(Parabolic(1.0), mu=float("nan")), "mu"),
        (lambda: BandModel(Parabolic(1.0), exchange=(1.0, 2.0)), "exchange"),
        (lambda: BandModel("parabolic"), "dispersion"),
        (lambda: preset("nope"), "unknown model"),
        (lambda: preset("bcs-2d").model(mass=-1.0), "mass"),
        (lambda: preset("bcs-2d").model(colour=1.0), "unknown parameter"),
    ],
)
def test_bad_parameters_raise_a_named_value_error(build, name):
    with pytest.raises(ParameterError, match=name) as info:
        build()
    assert isinstance(info.value, ValueError)


def test_every_preset_builds():
    for spec in PRESETS.values():
        model, cutoff = spec.model()
        assert cutoff > 0 and isinstance(model, BandModel)
