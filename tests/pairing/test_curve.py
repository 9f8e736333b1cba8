"""T_c(h) curves: CF flags, refinement warnings, and the search range in physical units."""

import warnings

import numpy as np
import pytest
import scipy.constants as sc
from reference_formulas import pauli_pair_breaking, solve_tc

from reentrant.errors import ConvergenceWarning
from reentrant.models import BandModel, Parabolic, mass_from_me
from reentrant.pairing import PairingModel
from reentrant.pairing.curve import tc_curve
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.search import FLAGS
from reentrant.pairing.susceptibility import PairSusceptibility

# CODATA, independent of reentrant.units: Bohr magneton and Boltzmann constant in meV/T, meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3
K_B = sc.k / sc.e * 1e3
DELTA0 = np.pi * np.exp(-np.euler_gamma)  # BCS gap / T_c0, the 2D FF line's T -> 0 end


def test_flags_follow_the_cf_convention(bcs_solver):
    ds = tc_curve(bcs_solver, [0.0, 0.5, 3.0], tc0=1.0, check_points=0)
    flags = ds["flags"]
    masks, meanings = flags.attrs["flag_masks"], flags.attrs["flag_meanings"].split()
    assert flags.dims == ("zeeman",) and np.issubdtype(flags.dtype, np.integer)
    assert meanings == list(FLAGS) and masks == [FLAGS[m] for m in meanings]
    # distinct single bits, so a value decodes uniquely
    assert all(m > 0 and m & (m - 1) == 0 for m in masks) and len(set(masks)) == len(masks)
    assert flags.values.tolist() == [0, 0, 0]  # clean points; h = 3 is normal, not flagged
    assert ds.tc.values[2] == 0.0 and ds.attrs["t_min"] == pytest.approx(1e-2)


def test_ill_conditioned_point_is_kept_flagged_and_checked(bcs_solver):
    # at h = 0.95 Delta_0 the 2D FF line is nearly vertical (T_c ~ 0.03 T_c0): the value is kept
    # (not turned into 0), flagged, its refinement error is always estimated, and a warning
    # fires exactly where that error exceeds the tolerance
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = tc_curve(bcs_solver, [0.95 * DELTA0], tc0=1.0, check_points=0)
    flags = int(ds.flags.values[0])
    assert ds.tc.values[0] > 0.01 and flags & FLAGS["ill_conditioned"]
    assert abs(ds.slope.values[0]) < 0.02
    assert np.isfinite(ds.tc_error.values[0])
    exceeded = ds.tc_error.values[0] > ds.attrs["tolerance"]
    assert bool(flags & FLAGS["refinement_exceeds_tolerance"]) == exceeded
    warned = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert bool(warned) == exceeded


def test_refinement_warning_names_the_worst_point_and_flags_all(bcs_solver):
    crude = PairSusceptibility(
        bcs_solver.model,
        bcs_solver.interaction,
        Resolution(n_lines=8, n_gl=2, ratio=4.0, w_fac=4.0, rtol=3e-2),
    )
    with pytest.warns(
        ConvergenceWarning, match=r"T_c at h=0\.[56] T_c0 changed by .*\(2 points flagged"
    ):
        ds = tc_curve(
            crude, [0.5, 0.6], tc0=1.0, tolerance=1e-6, uniform=True, check_points=2,
            describe=lambda i: f"h={[0.5, 0.6][i]} T_c0",
        )  # fmt: skip
    assert np.all(ds.flags.values & FLAGS["refinement_exceeds_tolerance"])
    assert ds.attrs["converged"] == 0


def test_search_range_follows_tc0_in_physical_units():
    # a 2D BCS metal in meV with T_c0 = 0.05 K (below the 0.1 K that a fixed t_min in meV
    # would have hidden): the Pauli-limited uniform line in kelvin and tesla,
    # ln(T_c0/T) = Re psi(1/2 + i h / 2 pi T) - psi(1/2), h = mu_B B (g = 2)
    tc0 = 0.05
    band = BandModel(Parabolic(mass_from_me(1.0)), mu=20.0)
    model = PairingModel(band, cutoff=1.0, tc0=tc0, units="physical", g_factor=2.0)
    field = np.array([0.0, 0.04, 0.07])  # h up to 0.94 k_B T_c0: two roots there, the upper
    ds = model.tc_curve(field, uniform=True)
    assert ds.tc.attrs["units"] == "K"
    assert ds.attrs["t_min"] == pytest.approx(1e-2 * K_B * tc0, rel=1e-6)  # meV
    for b, tc in zip(field, ds.tc.values, strict=True):
        h = MU_B * b / (K_B * tc0)
        expected = tc0 * solve_tc(lambda t, h=h: np.log(1 / t) - pauli_pair_breaking(h, t))
        assert tc == pytest.approx(expected, rel=2e-3)
    assert 0 < ds.tc.values[-1] < 0.8 * tc0
