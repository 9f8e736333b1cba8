"""Pairing channels, several bands and fixed density, against limits computed in the tests."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_formulas import pauli_pair_breaking, solve_tc

from reentrant.errors import ParameterError
from reentrant.models import BandModel, Parabolic
from reentrant.pairing import PairingModel
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import resolution_for

TOL = 1e-3


def parabolic(channel="triplet", d_vector="z", form_factor="px"):
    """2D parabolic band without SOC, E_F >> omega_D >> T_c0 (the bcs-2d preset)."""
    return PairingModel(
        BandModel(Parabolic(0.5), mu=2000.0), cutoff=40.0, tc0=1.0, channel=channel,
        d_vector=d_vector, form_factor=form_factor,
    )  # fmt: skip


def test_triplet_with_d_perpendicular_to_the_field_is_not_pair_broken():
    # d along z, h along x: the pairs carry spin +-1 along x, each spin species pairs with itself
    # at its own Fermi level (the same 2D density of states): T_c = T_c0 at every field
    ds = parabolic(d_vector="z").tc_curve([0.0, 0.6, 1.5], uniform=True, tolerance=TOL)
    assert_allclose(ds.tc.values, 1.0, rtol=3 * TOL)
    assert_allclose(ds.triplet_weight.values, 1.0)


def test_triplet_with_d_along_the_field_follows_the_pauli_line():
    # d along x = h: the pairs are the S_x = 0 combination of opposite spins, split by 2h exactly
    # like the singlet: ln(1/t) = Re psi(1/2 + i h / 2 pi t) - psi(1/2)
    h = np.array([0.5, 0.9])
    ds = parabolic(d_vector="x").tc_curve(h, uniform=True, tolerance=TOL)
    expected = [solve_tc(lambda t, hi=hi: np.log(1 / t) - pauli_pair_breaking(hi, t)) for hi in h]
    assert_allclose(ds.tc.values, expected, rtol=3e-3)


def test_equal_spin_triplet_of_eq1_sees_one_species_fermi_level_move():
    # Eq. (1), d along y, h along x: sigma_x is conserved; a species' equal-spin pairs match at
    # Q = 2 sigma beta M and the field only moves that species' Fermi level by -sigma h.  With
    # the coupling fixed, T_c(h) is the larger of the two zero-field T_c at mu -+ h (gauge
    # argument: the spin-orbit term is the momentum shift of each species)
    model = PairingModel.from_preset("saddle-soc", channel="triplet", d_vector="y").calibrated(
        tolerance=1e-2
    )
    h = 1.5
    in_field = model.tc_curve([h], tolerance=1e-2).tc.values[0]
    mu = model.band.mu
    shifted = max(model.with_mu(mu - s * h).tc0_energy(tolerance=1e-2) for s in (1, -1))
    tc0 = model.tc0_energy(tolerance=1e-2)
    assert in_field == pytest.approx(shifted / tc0, rel=2e-2)
    big_m, beta = 20.0, -2.0  # the preset's M and beta
    q = model.tc_curve([h], tolerance=1e-2).q_x.values[0]
    assert abs(q) == pytest.approx(2 * abs(beta) * big_m, rel=0.05)


def test_singlet_triplet_mixing_weights_and_limits():
    # a small triplet coupling leaves the singlet solution: weights (1, 0) in the limit
    model = PairingModel.from_preset("rashba", channel="both", d_vector="soc", triplet_ratio=1e-3)
    ds = model.tc_curve([0.0, 0.5], uniform=True, tolerance=1e-2)
    assert_allclose(ds.singlet_weight.values + ds.triplet_weight.values, 1.0, rtol=1e-12)
    assert np.all(ds.singlet_weight.values > 0.99)


def test_p_y_triplet_half_plane_equals_full_plane():
    # the mirror k_y -> -k_y: a p_y triplet is odd, its elements with the singlet cancel on the
    # full plane; the half-plane integration (Q_y = 0 exactly) must agree with the full one
    model, cutoff = PairingModel.from_preset("saddle-soc").band, 10.0
    interaction = PairingInteraction(1.0, cutoff, 1.0, d_vector="y", form_factor="py")
    sus = PairSusceptibility(model, interaction, resolution_for(1e-3))
    half = sus.matrix([0.3, 0.0], [0.5, 0.0, 0.0], 0.8)
    full = sus.matrix([0.3, 1e-13], [0.5, 0.0, 0.0], 0.8)
    assert_allclose(half, full, rtol=2e-4, atol=2e-4 * np.abs(full).max())
    assert abs(full[0, 1]) < 1e-3 * abs(full[0, 0])


def test_bands_without_interband_coupling_take_the_larger_tc():
    # V diagonal: the eigenvalues are the bands' own V_ii chi_i, so T_c(h) is the larger of the
    # separate bands' T_c(h), each solved here as its own one-band model with the same coupling
    b1, b2 = BandModel(Parabolic(0.5), mu=2000.0), BandModel(Parabolic(0.3), mu=1500.0)
    couplings = ((1.0, 0.0), (0.0, 1.4))
    two = PairingModel(b1, cutoff=40.0, tc0=1.0, extra_bands=(b2,), band_couplings=couplings)
    two = two.calibrated(tolerance=1e-2)
    v = two.coupling
    alone = [
        PairingModel(b1, cutoff=40.0, coupling=v),
        PairingModel(b2, cutoff=40.0, coupling=1.4 * v),
    ]
    separate = [m.tc0_energy(tolerance=1e-3) for m in alone]
    assert two.tc0_energy(tolerance=1e-3) == pytest.approx(max(separate), rel=1e-3)
    assert separate[0] != pytest.approx(separate[1], rel=1e-2)  # the bands really differ


def test_fixed_density_at_zero_field_equals_fixed_mu():
    model = PairingModel.from_preset("lto-kto-110", delta=0.3)
    a = model.tc_curve([0.0, 0.4], tolerance=1e-2)
    b = model.tc_curve([0.0, 0.4], tolerance=1e-2, fixed_density=True)
    assert b.chemical_potential.values[0] == pytest.approx(model.band.mu, abs=1e-9)
    assert b.tc.values[0] == pytest.approx(a.tc.values[0], rel=1e-2)
    assert b.attrs["fixed_density"] == 1


def test_channel_options_are_validated():
    with pytest.raises(ParameterError, match="channel"):
        parabolic(channel="quintet")
    with pytest.raises(ParameterError, match="d-vector"):
        parabolic(d_vector="w")
    with pytest.raises(ParameterError, match="form factor"):
        parabolic(form_factor="dxy")
    with pytest.raises(ParameterError, match="band_couplings"):
        PairingModel(BandModel(Parabolic(0.5), mu=10.0), 1.0, tc0=1.0,
                     extra_bands=(BandModel(Parabolic(0.5), mu=10.0),))  # fmt: skip


def test_swept_triplet_curve_equals_cold_solves():
    """T_c at a field does not depend on the sweep: the equal-spin triplet of Eq. (1) has two
    species-matching branches Q_x = +-2 beta M, degenerate at h = 0; the field favours one, and
    the continued sweep must follow it as a cold solve of each field does."""
    model = PairingModel.from_preset(
        "saddle-soc", channel="triplet", d_vector="y", form_factor="py", delta=3.0
    )
    h = np.array([0.0, 0.25, 0.5, 0.75])
    swept = model.tc_curve(h, 0.0, tolerance=1e-3)
    cold = [float(model.tc_curve([x], 0.0, tolerance=1e-3).tc[0]) for x in h]
    np.testing.assert_allclose(swept.tc.values, cold, rtol=2e-3)
    # the favoured branch raises T_c above T_c0 (the species' Fermi level nears the van Hove
    # energy): the sweep must not stay on the other one, where T_c falls
    assert np.all(np.diff(swept.tc.values) > 0)
