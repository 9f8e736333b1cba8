"""PairingModel: validation, the field -> Zeeman conversion, units, calibration, equivalences."""

import math

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose

from reentrant.errors import ParameterError
from reentrant.models import AnisotropicSOC, BandModel, Parabolic, Saddle, mass_from_me
from reentrant.pairing import PairingModel

TOL = 1e-2
# CODATA, independent of reentrant.units: Bohr magneton and Boltzmann constant in meV/T, meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3
K_B = sc.k / sc.e * 1e3


def bcs():
    return PairingModel(BandModel(Parabolic(0.5), mu=2000.0), cutoff=40.0, tc0=1.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tc0": None}, "exactly one"),
        ({"coupling": 0.1}, "exactly one"),
        ({"cutoff": -1.0}, "cutoff"),
        ({"units": "si"}, "units"),
        ({"tc0": math.nan}, "tc0"),
        ({"g_factor": 0.0}, "g_factor"),
        ({"band": "parabolic"}, "BandModel"),
    ],
)
def test_bad_definitions_name_the_culprit(kwargs, message):
    base = {"band": BandModel(Parabolic(0.5), mu=2000.0), "cutoff": 40.0, "tc0": 1.0}
    with pytest.raises(ParameterError, match=message):
        PairingModel(**{**base, **kwargs})


def test_bad_solve_arguments_name_the_culprit():
    model = bcs()
    with pytest.raises(ParameterError, match="at least one"):
        model.tc_curve([])
    with pytest.raises(ParameterError, match="field"):
        model.tc_curve([0.0, math.nan])
    with pytest.raises(ParameterError, match="approximation"):
        model.tc_curve([0.0], approx="lower")
    with pytest.raises(ParameterError, match="direction"):
        model.zeeman([1.0], direction=(0.0, 0.0, 0.0))


def test_physical_zeeman_energy_is_g_half_mu_b_b():
    model = PairingModel.from_preset("lto-kto-110", g_factor=1.5)
    h, unit = model.zeeman([0.0, 1.0, 2.5], angle=30.0)
    assert_allclose(h, 0.75 * MU_B * np.array([0.0, 1.0, 2.5]), rtol=1e-12)
    assert_allclose(unit, [np.cos(np.pi / 6), 0.5, 0.0], rtol=1e-12)
    # along an axis the other components are exactly zero (mirror-symmetric integration)
    assert model.zeeman([1.0], angle=90.0)[1].tolist() == [0.0, 1.0, 0.0]
    assert model.zeeman([1.0], direction=(0, 0, 2))[1].tolist() == [0.0, 0.0, 1.0]


def test_reduced_field_is_in_units_of_tc0():
    model = PairingModel(BandModel(Parabolic(0.5), mu=2000.0), cutoff=40.0, tc0=2.0)
    h, _ = model.zeeman([0.5, 1.0])
    assert_allclose(h, [1.0, 2.0], rtol=1e-15)


def test_result_coordinates_and_units():
    ds = PairingModel.from_preset("lto-kto-110").tc_curve([0.0, 0.5], tolerance=TOL)
    assert ds.field.attrs["units"] == "T" and ds.tc.attrs["units"] == "K"
    assert ds.q_x.attrs["units"] == "1/nm"
    assert ds.zeeman.dims == ("field",) and ds.zeeman.attrs["units"] == "meV"
    assert_allclose(ds.zeeman.values, MU_B * np.array([0.0, 0.5]), rtol=1e-12)
    assert ds.attrs["units"] == "physical" and ds.attrs["model"] == "lto-kto-110"
    assert_allclose(ds.tc.values[0], 0.4, rtol=TOL)  # the preset's calibration tc0 = 0.4 K
    reduced = bcs().tc_curve([0.0], uniform=True, tolerance=TOL)
    assert reduced.field.attrs["units"] == "T_c0" and reduced.tc.attrs["units"] == "T_c0"


def test_reduced_and_physical_units_give_the_same_curve():
    # The physical Eq. (1) model and its reduced twin with energies divided by E0 = k_B T_c0:
    # eps/E0 = -p^2/(2 M E0) + p^2/(2 m E0) + (beta/E0) p_x sigma_x, so M -> M E0, m -> m E0,
    # beta -> beta / E0, mu -> mu / E0, omega_D -> omega_D / E0, momenta unchanged; the field
    # h / T_c0 = (g/2) mu_B B / (k_B T_c0).  T_c / T_c0 must agree.
    phys = PairingModel.from_preset("lto-kto-110")
    p = dict(phys.parameters)
    e0 = K_B * p["tc0"]
    big_m = p["mass_heavy"] * sc.m_e / sc.hbar**2 * sc.e * 1e-3 * 1e-18  # meV^-1 nm^-2
    m = p["mass_light"] * sc.m_e / sc.hbar**2 * sc.e * 1e-3 * 1e-18
    assert_allclose(big_m, mass_from_me(p["mass_heavy"]), rtol=1e-9)
    band = BandModel(
        Saddle(big_m * e0, m * e0, p["momentum_cutoff"]),
        (AnisotropicSOC(p["beta"] / e0),),
        mu=(big_m * p["beta"] ** 2 / 2 + p["delta"]) / e0,
    )
    twin = PairingModel(band, cutoff=p["cutoff"] / e0, tc0=1.0)
    b = np.array([0.0, 0.3, 0.6])
    a = phys.tc_curve(b, tolerance=TOL)
    r = twin.tc_curve(0.5 * p["g_factor"] * MU_B * b / e0, tolerance=TOL)
    assert_allclose(r.tc.values, a.tc.values / p["tc0"], rtol=2 * TOL, atol=1e-3)


def test_fixed_coupling_reproduces_the_calibrated_model():
    model = bcs()
    fixed = model.calibrated()
    assert fixed.coupling is not None and fixed.tc0 is None
    assert_allclose(fixed.tc0_energy(tolerance=TOL), 1.0, rtol=TOL)
    h = [0.0, 0.5]
    assert_allclose(
        fixed.tc_curve(h, uniform=True, tolerance=TOL).tc.values,
        model.tc_curve(h, uniform=True, tolerance=TOL).tc.values,
        rtol=2 * TOL,
    )


def test_isotropic_band_does_not_care_about_the_field_angle():
    model = bcs()
    along_x = model.tc_curve([0.5], 0.0, uniform=True, tolerance=TOL).tc.values
    along_y = model.tc_curve([0.5], 90.0, uniform=True, tolerance=TOL).tc.values
    out_of_plane = model.tc_curve([0.5], direction=(0, 0, 1), uniform=True, tolerance=TOL)
    assert_allclose(along_y, along_x, rtol=2 * TOL)
    assert_allclose(out_of_plane.tc.values, along_x, rtol=2 * TOL)


def test_presets_rebuild_with_changed_parameters():
    model = PairingModel.from_preset("saddle-soc", delta=2.0)
    changed = model.with_parameters(delta=1.0)
    assert dict(changed.parameters)["delta"] == 1.0
    assert changed.band.mu == pytest.approx(model.band.mu - 1.0, rel=1e-12)
    assert model.with_mu(5.0).band.mu == 5.0
    with pytest.raises(ParameterError, match="not built from a preset"):
        bcs().with_parameters(mass=1.0)
    with pytest.raises(ParameterError, match="unknown parameter"):
        model.with_parameters(spin=1.0)
