"""Carrier density n(mu, h) and the fixed-density chemical potential, against closed forms."""

import numpy as np
from numpy.testing import assert_allclose

from reentrant.models import AnisotropicSOC, BandModel, Parabolic, Rashba
from reentrant.models.saddle import density_of_states
from reentrant.pairing import PairingModel
from reentrant.pairing.density import carrier_density, chemical_potential_at_density


def test_parabolic_band_holds_m_mu_over_pi():
    # two spins, area pi k_F^2 each, k_F^2 = 2 m mu: n = 2 pi k_F^2 / (2 pi)^2 = m mu / pi
    band = BandModel(Parabolic(0.7), mu=3.0)
    assert_allclose(carrier_density(band), 0.7 * 3.0 / np.pi, rtol=1e-9)


def test_rashba_band_density():
    # k_-+ = -+ m alpha + sqrt(m^2 alpha^2 + 2 m mu): n = (k_-^2 + k_+^2)/(4 pi)
    #      = (m mu + m^2 alpha^2) / pi
    m, mu, alpha = 0.5, 2.0, 0.8
    band = BandModel(Parabolic(m), (Rashba(alpha),), mu=mu)
    assert_allclose(carrier_density(band), (m * mu + (m * alpha) ** 2) / np.pi, rtol=1e-9)


def test_zeeman_field_without_soc_only_moves_spins():
    # spin-split parabolic band: n = m (mu + h)/(2 pi) + m (mu - h)/(2 pi) = m mu / pi for h < mu
    band = BandModel(Parabolic(0.5), mu=2.0)
    assert_allclose(carrier_density(band, (0.0, 0.7, 0.0)), 0.5 * 2.0 / np.pi, rtol=1e-9)


def test_saddle_density_derivative_is_the_closed_form_dos():
    # dn/dmu = g(mu, h): the closed-form DOS of Eq. (1) (two log van Hove peaks at M beta^2/2 +- h)
    model = PairingModel.from_preset("lto-kto-110")
    band = model.band
    h = 0.05  # meV, along x
    step = 1e-4
    plus = carrier_density(band.with_mu(band.mu + step), (h, 0, 0))
    minus = carrier_density(band.with_mu(band.mu - step), (h, 0, 0))
    dos = density_of_states(band, [band.mu], zeeman=h).values[0]
    assert_allclose((plus - minus) / (2 * step), dos, rtol=1e-5)


def test_fixed_density_chemical_potential_restores_n():
    band = PairingModel.from_preset("lto-kto-110").band
    n0 = carrier_density(band)
    for field in ((0.2, 0.0, 0.0), (0.0, 0.2, 0.0)):
        mu = chemical_potential_at_density(band, n0, field, window=1.0)
        assert_allclose(carrier_density(band.with_mu(mu), field), n0, rtol=1e-10)
    # along x the two species shift by -+h: with a symmetric DOS about mu the shift is second
    # order in h; the chemical potential moves, but only by a small fraction of h
    mu = chemical_potential_at_density(band, n0, (0.2, 0.0, 0.0), window=1.0)
    assert abs(mu - band.mu) < 0.2


def test_anisotropic_soc_in_a_perpendicular_field_against_a_brute_force_count():
    # k-grid count of occupied states (spacing 4e-3, relative error ~1e-5); at h = 3 > mu the
    # upper branch empties and n differs between the field along y and along x
    band = BandModel(Parabolic(0.5), (AnisotropicSOC(0.5),), mu=1.0)
    k = np.linspace(-3.5, 3.5, 1751)
    kx, ky = np.meshgrid(k, k)
    cell = (k[1] - k[0]) ** 2 / (2 * np.pi) ** 2
    for h in ((0.0, 0.3, 0.0), (0.0, 3.0, 0.0), (3.0, 0.0, 0.0)):
        brute = np.count_nonzero(band.energies(kx, ky, h) < 0) * cell
        assert_allclose(carrier_density(band, h), brute, rtol=3e-4)
    assert carrier_density(band, (0.0, 3.0, 0.0)) > 1.003 * carrier_density(band, (3.0, 0.0, 0.0))
