"""T_c solvers against the textbook lines of 2D superconductors (each computed in the test)."""

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_formulas import (
    bcs_integral,
    ff_best,
    ff_pair_breaking,
    ising_susceptibility,
    pauli_pair_breaking,
    solve_tc,
)
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.errors import ConvergenceError, ConvergenceWarning, ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic
from reentrant.models.presets import preset
from reentrant.pairing import PairingModel
from reentrant.pairing.curve import solver_for, tc_curve
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.search import (
    COARSE,
    COARSE_MARGIN,
    FIELD_DRIFT,
    FLAGS,
    ILL_CONDITIONED_SLOPE,
    SCAN_STEP,
    TcPoint,
)
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import TcSolver, zero_field_tc
from reentrant.units import BCS_GAP_RATIO

TOL = 1e-2  # the accuracy target on T_c (the solvers run at 1e-3)


def _highest_roots(residual, lo=0.01, hi=2.0, n=2000):
    """All roots of ``residual(t)`` in (lo, hi), highest first (scan of n points + Brent)."""
    ts = np.geomspace(hi, lo, n)
    vals = np.array([residual(t) for t in ts])
    flips = np.flatnonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))
    return [brentq(residual, ts[i + 1], ts[i], xtol=1e-12) for i in flips]


def _ff_tc(h):
    """T_c of the 2D FF line, ln(1/t) = min_Q FF pair breaking (single-valued in t: one root)."""
    roots = _highest_roots(lambda t: np.log(1 / t) - ff_best(h, t)[0], n=40)
    assert len(roots) == 1
    return roots[0]


def test_bcs_tc_with_sharp_cutoff():
    # T_c solves 1 = N0 V int_0^wD tanh(xi/2T)/xi (sharp cutoff); at weak coupling this is
    # 1.134 omega_D exp(-1/N0 V) (2 e^gamma / pi = 1.134), up to O((T_c/omega_D)^2)
    mass, wd, n0v = 0.5, 40.0, 0.25
    n0 = mass / (2 * np.pi)
    model = BandModel(Parabolic(mass), mu=2000.0)
    sus = PairSusceptibility(model, PairingInteraction(n0v / n0, wd), Resolution())
    exact = brentq(lambda t: n0v * bcs_integral(t, wd) - 1.0, 1e-3, wd)
    asymptotic = 2 * np.exp(np.euler_gamma) / np.pi * wd * np.exp(-1 / n0v)
    # zero_field_tc needs no temperature scale; the solver gets a rough one (T_c0 ~ 1)
    assert zero_field_tc(sus, 1e-5) == pytest.approx(exact, rel=1e-4)
    point = TcSolver(sus, 1.0, tolerance=1e-5).solve(0.0)
    assert point.tc == pytest.approx(exact, rel=1e-4)
    assert point.tc == pytest.approx(asymptotic, rel=1e-3)
    np.testing.assert_allclose(point.q, 0.0, atol=1e-8)


def test_pauli_limited_uniform_line(bcs_solver):
    # ln(Tc0/T) = Re psi(1/2 + ih/2piT) - psi(1/2), largest root (upper branch below T*)
    h = np.array([0.0, 0.5, 0.9, 1.05])
    ds = tc_curve(bcs_solver, h, tc0=1.0, tolerance=1e-3, uniform=True, check_points=0)
    for hi, tc in zip(h, ds.tc.values, strict=True):
        expected = solve_tc(lambda t, hi=hi: np.log(1 / t) - pauli_pair_breaking(hi, t))
        assert tc == pytest.approx(expected, rel=TOL / 5)
    np.testing.assert_allclose(ds.q_x, 0.0)


@pytest.mark.slow
def test_fulde_ferrell_line_with_q_optimised(bcs_solver):
    # 2D FF: ln(Tc0/T) = min_Q <Re psi(1/2 + i(h + v_F Q cos th /2)/2piT)> - psi(1/2)
    h = np.array([0.6, 1.15, 1.5])
    ds = tc_curve(bcs_solver, h, tc0=1.0, tolerance=1e-3, check_points=0)
    k_f = np.sqrt(2 * 0.5 * 2000.0)
    v_f = k_f / 0.5
    for i, hi in enumerate(h):
        expected = _ff_tc(hi)
        assert ds.tc.values[i] == pytest.approx(expected, rel=TOL / 5)
        q_expected = ff_best(hi, expected)[1] / v_f
        q = np.hypot(ds.q_x.values[i], ds.q_y.values[i])
        assert q == pytest.approx(q_expected, rel=0.05, abs=2e-3 * 2 * hi / v_f)


@pytest.mark.slow
def test_lifshitz_point_where_q_becomes_finite(bcs_solver):
    # On the uniform line the Q^2 coefficient of the FF term, prop. to Re psi''(1/2 + ih/2piT),
    # changes sign at T* (= 0.561 T_c0): above it Q = 0 is optimal, below it Q != 0.
    def uniform_h(t):
        return brentq(lambda h: np.log(1 / t) - pauli_pair_breaking(h, t), 1e-9, 5.0)

    def curvature(t):
        # psi''(z) by central differences of scipy's complex digamma (analytic in z)
        z, d = 0.5 + 1j * uniform_h(t) / (2 * np.pi * t), 1e-3
        return ((digamma(z + d) - 2 * digamma(z) + digamma(z - d)) / d**2).real

    t_star = brentq(curvature, 0.3, 0.9)
    h_above, h_below = uniform_h(t_star * 1.08), uniform_h(t_star * 0.92)
    ds = tc_curve(bcs_solver, [h_above, h_below], tc0=1.0, tolerance=1e-3, check_points=0)
    q = np.hypot(ds.q_x.values, ds.q_y.values)
    k_f = np.sqrt(2 * 0.5 * 2000.0)
    q_scale = 2 * h_below / (k_f / 0.5)
    assert q[0] < 1e-3 * q_scale
    assert q[1] > 0.1 * q_scale
    assert t_star == pytest.approx(0.561, abs=2e-3)  # Saint-James, Sarma & Thomas (1969)


@pytest.mark.slow
def test_fulde_ferrell_low_temperature_limit_is_delta0(bcs_solver):
    # In 2D the FF line reaches h = Delta_0 = pi e^-gamma T_c0 at T -> 0 (Bulaevskii 1973;
    # Burkhardt & Rainer 1994).  Near Delta_0 the line is almost vertical, so compare fields.
    delta0 = np.pi * np.exp(-np.euler_gamma)
    assert delta0 == pytest.approx(BCS_GAP_RATIO)
    solver = TcSolver(bcs_solver, 1.0, tolerance=1e-3)
    point = solver.solve(0.95 * delta0)
    assert point.superconducting
    h_expected = brentq(lambda h: np.log(1 / point.tc) - ff_best(h, point.tc)[0], 1.0, 1.8)
    assert 0.95 * delta0 == pytest.approx(h_expected, rel=TOL / 5)
    assert not solver.solve(1.03 * delta0).superconducting


def test_ising_superconductor_in_an_in_plane_field():
    # d = (h, 0, tau soc): ln(Tc0/T) = h^2/E^2 [Re psi(1/2 + iE/2piT) - psi(1/2)],
    # E = sqrt(h^2 + soc^2)  (Ilic, Meyer & Houzet, PRL 119, 117001 (2017)), valid for
    # soc << omega_D; checked (a) against the same-shell 1D integral at omega_D = 40 and
    # (b) against the formula with omega_D = 1000 >> soc, where the shell of the interband
    # pairs (both branches inside) differs from the formula's by O(soc/omega_D) = 0.5 %.
    for cutoff, fermi, tol in ((40.0, 2000.0, 2e-3), (1000.0, 50000.0, TOL)):
        model, _ = preset("ising").model(soc=5.0, cutoff=cutoff, fermi_energy=fermi)
        sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
        h = np.array([1.0, 3.0, 6.0])
        ds = tc_curve(sus, h, tc0=1.0, tolerance=1e-3, uniform=True, check_points=0)
        chi0 = ising_susceptibility(0.0, 5.0, cutoff, 1.0)
        for hi, tc in zip(h, ds.tc.values, strict=True):
            e = np.hypot(hi, 5.0)
            if cutoff == 40.0:
                expected = brentq(
                    lambda t, hi=hi, c=cutoff, x0=chi0: ising_susceptibility(hi, 5.0, c, t) - x0,
                    0.02,
                    1.0,
                )
            else:
                expected = solve_tc(
                    lambda t, hi=hi, e=e: np.log(1 / t) - hi**2 / e**2 * pauli_pair_breaking(e, t)
                )
            assert tc == pytest.approx(expected, rel=tol)
        # h = 3 T_c0 lies far above the end of the uniform Pauli line (1.07 T_c0): Ising
        # protection
        assert ds.tc.values[1] > 0.3


def test_rashba_in_plane_field_uniform_state():
    # alpha k_F >> omega_D: each helicity band sees the pair-breaking field h sin(theta):
    # ln(Tc0/T) = <Re psi(1/2 + i h sin th / 2piT)>_th - psi(1/2)
    # (Barzykin & Gor'kov, PRL 89, 227002 (2002); Dimitrova & Feigel'man, PRB 76, 014522 (2007))
    model, cutoff = preset("rashba").model()
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    h = np.array([1.0, 2.0, 4.0])
    ds = tc_curve(sus, h, tc0=1.0, tolerance=1e-3, uniform=True, check_points=0)
    th = 2 * np.pi * (np.arange(2048) + 0.5) / 2048

    def residual(t, hi):
        return np.log(1 / t) - np.mean([pauli_pair_breaking(hi * np.sin(x), t) for x in th])

    for hi, tc in zip(h, ds.tc.values, strict=True):
        assert tc == pytest.approx(solve_tc(lambda t, hi=hi: residual(t, hi)), rel=TOL / 5)


@pytest.mark.slow
def test_rashba_helical_q_is_perpendicular_to_the_field():
    # the helicity bands shift by +-h x z_hat: the optimal Q is along y for h along x
    model, cutoff = preset("rashba").model()
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    ds = tc_curve(sus, [2.0], tc0=1.0, tolerance=1e-3, check_points=0)
    assert abs(ds.q_y.values[0]) > 10 * abs(ds.q_x.values[0])


def test_refinement_changes_tc_less_than_the_tolerance(bcs_solver):
    # a grid about twice as fine in every direction moves T_c by less than 1e-3
    h = [0.5, 1.2]
    ds = tc_curve(bcs_solver, h, tc0=1.0, tolerance=1e-3, check_points=2)
    assert ds.attrs["converged"] == 1
    assert np.nanmax(ds.tc_error.values) < 1e-3
    fine = PairSusceptibility(
        bcs_solver.model, bcs_solver.interaction, Resolution().refined().refined()
    )
    again = tc_curve(fine, h, tc0=1.0, tolerance=1e-4, check_points=0)
    np.testing.assert_allclose(again.tc.values, ds.tc.values, rtol=1e-3)


def test_no_superconductivity_is_a_result(bcs_solver):
    ds = tc_curve(bcs_solver, [3.0], tc0=1.0, tolerance=1e-3, check_points=0)
    assert ds.tc.values[0] == 0.0
    assert not bool(ds.superconducting.values[0])


def test_tc_at_fixed_q_and_tc0(bcs_solver):
    # at fixed Q the 2D FF term (not minimised over Q) gives T_c(Q)
    solver = TcSolver(bcs_solver, 1.0, tolerance=1e-4)
    assert zero_field_tc(bcs_solver, 1e-4) == pytest.approx(1.0, rel=1e-3)  # calibrated coupling
    v_f = np.sqrt(2 * 0.5 * 2000.0) / 0.5
    h, qv = 1.2, 1.5
    tc = solver.tc_at_q(h, [qv / v_f, 0.0])
    expected = solve_tc(lambda t: np.log(1 / t) - ff_pair_breaking(h, t, qv))
    assert tc == pytest.approx(expected, rel=2e-3)


class _Landscape:
    """lambda(Q, T) = 1 - 0.3 ln T + 0.1 f(Q) with f even in Q_y; its T_c is T = exp(f_max / 3).

    ``f = -((x - 0.05)/0.1)^2 + c (y/0.1)^2 - (y/0.1)^4``: for c > 0 the maxima are off the
    axis, at y = +-0.1 sqrt(c/2) with f = c^2/4; for c < 0 on it, with f = 0.
    """

    mirror_symmetric = True
    q_seeds = np.zeros((0, 2))

    def __init__(self, real: PairSusceptibility, c: float):
        self.model, self.interaction, self.bands = real.model, real.interaction, real.bands
        self.geometry, self.resolution, self.c = real.geometry, real.resolution, c

    def eigenvalue(self, q, zeeman, t):
        x, y = (np.asarray(q, float) - [0.05, 0.0]) / 0.1
        return 1.0 - 0.3 * np.log(t) + 0.1 * (-(x**2) + self.c * y**2 - y**4)

    def leading(self, q, zeeman, t):
        return self.eigenvalue(q, zeeman, t), np.ones(1)


@pytest.mark.parametrize("c", [1.0, -1.0])
def test_solver_leaves_the_qx_axis_only_where_it_is_not_a_maximum(bcs_solver, c):
    # continuation along the Q_x axis of a mirror-symmetric landscape: one evaluation off the
    # axis decides whether Q_y = 0 is a maximum; if not, the 2D ascent finds the off-axis one
    landscape = _Landscape(bcs_solver, c)
    solver = TcSolver(landscape, 1.0, tolerance=1e-4, coarse=landscape)
    guess = TcPoint(1.0, 1.0, np.array([0.04, 0.0]), np.ones(1), True)
    point = solver.solve(1.0, [guess])
    f_max = c**2 / 4 if c > 0 else 0.0
    assert point.tc == pytest.approx(np.exp(f_max / 3), rel=1e-4)
    assert point.q[0] == pytest.approx(0.05, abs=1e-3)
    if c > 0:
        assert abs(point.q[1]) == pytest.approx(0.1 * np.sqrt(c / 2), rel=2e-2)
    else:
        assert point.q[1] == 0.0


def test_refinement_estimate_matches_a_full_solve_on_the_refined_grid(bcs_solver):
    # the curve's tc_error is one Newton step in ln T on the refined grid; above the tricritical
    # field lambda(ln T) is strongly curved, the hardest case for that estimate
    h = 1.6 * 2 / 3
    ds = tc_curve(bcs_solver, [h], tc0=1.0, tolerance=1e-3, uniform=True, check_points=1)
    fine = PairSusceptibility(
        bcs_solver.model, bcs_solver.interaction, bcs_solver.resolution.refined()
    )
    again = TcSolver(fine, 1.0, tolerance=1e-6, uniform=True).tc_at_q(h, [0.0, 0.0])
    actual = abs(again / ds.tc.values[0] - 1)
    assert ds.tc_error.values[0] == pytest.approx(actual, rel=0.15, abs=2e-5)


def test_large_field_steps_do_not_lose_a_low_temperature_fflo_point():
    # at h = 1.25 T_c0 the saddle-soc FF line lies at T_c ~ 0.43 T_c0 with Q far from the
    # previous field's; a sweep with steps of 0.31 T_c0 must find the same T_c as a cold solve
    # (global Q search from T_c0) and as a 41-point sweep
    model, cutoff = preset("saddle-soc").model()
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    coarse = tc_curve(sus, np.linspace(0.0, 1.25, 5), tc0=1.0, tolerance=1e-3, check_points=0)
    cold = TcSolver(sus, 1.0, tolerance=1e-3).solve(1.25)
    assert cold.tc > 0.3
    assert coarse.tc.values[-1] == pytest.approx(cold.tc, rel=2e-3)


def test_unconverged_curve_warns_and_says_where(bcs_solver):
    # a grid far too coarse for the tolerance asked: the refinement check must say so
    crude = PairSusceptibility(
        bcs_solver.model,
        bcs_solver.interaction,
        Resolution(n_lines=8, n_gl=2, ratio=4.0, w_fac=4.0, rtol=3e-2),
    )
    with pytest.warns(ConvergenceWarning, match=r"T_c at zeeman=0\.5 changed by"):
        ds = tc_curve(crude, [0.5], tc0=1.0, tolerance=1e-6, uniform=True, check_points=1)
    assert ds.attrs["converged"] == 0 and ds.attrs["tc_error_estimate"] > 1e-6


def test_pauli_line_with_two_roots_gives_the_upper_one_cold_and_in_a_sweep(bcs_solver):
    # above the tricritical field the uniform equation ln(1/t) = Re psi(1/2 + ih/2pi t) -
    # psi(1/2) has two roots in t (Sarma 1963; Maki 1964); T_c is the upper one, whether the
    # field is solved cold or reached by a sweep from h = 0
    h = 1.0
    roots = _highest_roots(lambda t: np.log(1 / t) - pauli_pair_breaking(h, t))
    assert len(roots) == 2 and roots[1] < 0.8 * roots[0]
    cold = TcSolver(bcs_solver, 1.0, uniform=True).solve(h)
    swept = tc_curve(bcs_solver, np.linspace(0.0, h, 6), tc0=1.0, uniform=True, check_points=0)
    assert cold.tc == pytest.approx(roots[0], rel=TOL / 5)
    assert swept.tc.values[-1] == pytest.approx(cold.tc, rel=2e-3)


def test_low_temperature_fflo_point_cold_equals_sweep(bcs_solver):
    # h = 1.6 T_c0 lies on the FF line at T_c ~ 0.1 T_c0, far below where a search from T_c0
    # starts; a cold solve (global Q search at every scan temperature) and a 9-point sweep find
    # the same T_c, the one of the 2D FF formula
    h = 1.6
    cold = TcSolver(bcs_solver, 1.0).solve(h)
    swept = tc_curve(bcs_solver, np.linspace(0.0, h, 9), tc0=1.0, check_points=0)

    assert cold.tc == pytest.approx(_ff_tc(h), rel=TOL / 2)
    assert swept.tc.values[-1] == pytest.approx(cold.tc, rel=2e-3)


@pytest.mark.slow
def test_the_path_dependent_point_of_the_device_model():
    # lto-kto-110 with the Fermi level 0.5 meV above the van Hove energy: at 0.7 T the FF window
    # is barely open (max_Q lambda peaks at about 1 + 1e-4), T_c(B) is nearly vertical there.
    # A cold solve, a 16-point sweep from 0 T and a 2-point sweep from 0.35 T give the same T_c,
    # kept and flagged ill-conditioned, not turned into 0
    model = PairingModel.from_preset("lto-kto-110", delta=0.5)
    # the grid-refinement check shows how ill-conditioned the point is: it must say so
    with pytest.warns(ConvergenceWarning, match="nearly vertical"):
        cold = model.tc_curve([0.7, 0.75])
    with pytest.warns(ConvergenceWarning, match="nearly vertical"):
        sweep = model.tc_curve(np.linspace(0.0, 0.75, 16))
    with pytest.warns(ConvergenceWarning, match="nearly vertical"):
        short = model.tc_curve([0.35, 0.7])
    tc = [cold.tc.values[0], sweep.tc.sel(field=0.7, method="nearest").item(), short.tc.values[1]]
    assert tc[0] > 0.3 * 0.4  # K: superconducting, at about a third of T_c0 = 0.4 K
    assert_allclose(tc, tc[0], rtol=1e-4)
    assert cold.flags.values[0] & FLAGS["ill_conditioned"]
    assert abs(cold.slope.values[0]) < ILL_CONDITIONED_SLOPE
    assert cold.tc.values[1] == 0.0  # normal at 0.75 T, down to t_min


def test_field_drift_bound_of_the_scan_holds(bcs_solver):
    # the sweep skips scan temperatures by |dlambda/dh| <= C / max(T, h) (module notes of tc):
    # check the bound by central differences in h at Q on and off the optimum, bcs-2d and
    # saddle-soc and ising, from T >> h to T << h
    model, cutoff = preset("saddle-soc").model()
    saddle = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    worst = 0.0
    model, cutoff = preset("ising").model()
    ising = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    for sus in (s.with_resolution(COARSE) for s in (bcs_solver, saddle, ising)):
        v_f = sus.geometry.v_fermi[0]
        for t in (0.02, 0.1, 0.3, 1.0, 1.8):
            for h in (0.05, 0.3, 1.0, 1.7, 4.0):
                for qv in (0.0, h, 2.0 * h):
                    q, dh = [qv / v_f, 0.0], 1e-3
                    up = sus.eigenvalue(q, [h + dh, 0, 0], t)
                    down = sus.eigenvalue(q, [h - dh, 0, 0], t)
                    worst = max(worst, abs(up - down) / (2 * dh) * max(t, h))
    assert worst < FIELD_DRIFT
    assert worst > 0.02  # the check is not vacuous


def test_solver_is_stateless(bcs_solver):
    solver = TcSolver(bcs_solver, 1.0)
    first = solver.solve(1.2)
    solver.solve(0.3)
    tc_curve(bcs_solver, [0.5, 1.5], tc0=1.0, check_points=0)
    again = solver.solve(1.2)
    assert again.tc == first.tc and np.array_equal(again.q, first.q)
    with pytest.raises(dataclasses.FrozenInstanceError):
        solver.tolerance = 1e-2


def test_search_range_follows_tc0_and_is_checked(bcs_solver):
    solver = TcSolver(bcs_solver, 2.5)
    assert (solver.t_min, solver.t_max) == (2.5e-2, 5.0)
    assert np.exp(solver.grid[0]) == pytest.approx(5.0)
    assert np.exp(solver.grid[-1]) == pytest.approx(2.5e-2)
    assert np.all(np.diff(solver.grid) >= -SCAN_STEP - 1e-12)
    with pytest.raises(ConvergenceError, match="t_max"):
        TcSolver(bcs_solver, 0.4).solve(0.0)  # T_c0 = 1 lies above t_max = 0.8
    with pytest.raises(ParameterError, match="t_min"):
        TcSolver(bcs_solver, 1.0, t_min=3.0)
    with pytest.raises(ParameterError, match="direction"):
        TcSolver(bcs_solver, 1.0, direction=(0.0, 0.0, 0.0))


def test_van_hove_fermi_level_keeps_q_on_the_axis_and_tc_even_in_h():
    # Fermi level at the saddle energy: the full-plane integral behind the Q_y probe agrees with
    # the half-plane one, so Q stays on the Q_x axis; T_c(h) is even in h (time reversal), so
    # its drop from T_c0 = 1 is quadratic at small h: four times larger at twice the field
    model, cutoff = preset("saddle-soc").model(
        mass_heavy=10.0, mass_light=1.0, beta=-np.sqrt(20.0), delta=0.0,
        momentum_cutoff=141.0, cutoff=50.0,
    )  # fmt: skip
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    ds = tc_curve(sus, [0.0, 0.05, 0.1], tc0=1.0, check_points=0)
    tc = ds.tc.values
    assert tc[0] == pytest.approx(1.0, rel=1e-3)
    assert np.all(ds.q_y.values == 0.0)
    assert (1 - tc[2]) / (1 - tc[1]) == pytest.approx(4.0, rel=0.1)


class _NarrowWindow:
    """lambda(T) = 1 + eps - a (ln T - x_p)^2, independent of Q: a window of half-width
    sqrt(eps / a) in ln T about x_p, whose top is T_c = exp(x_p + sqrt(eps / a))."""

    def __init__(self, real: PairSusceptibility, x_p: float, eps: float, a: float):
        self.model, self.interaction, self.geometry = real.model, real.interaction, real.geometry
        self.x_p, self.eps, self.a = x_p, eps, a

    def eigenvalue(self, q, zeeman, t):
        return 1.0 + self.eps - self.a * (np.log(t) - self.x_p) ** 2

    def leading(self, q, zeeman, t):
        return self.eigenvalue(q, zeeman, t), np.ones(1)


def test_a_window_narrower_than_a_scan_step_is_found_by_the_peak_search(bcs_solver):
    # the window (half-width 0.03 in ln T) sits midway between two scan temperatures, where
    # lambda is 0.997: no grid point is superconducting, the parabola through three of them
    # finds the peak; the point is flagged
    solver = TcSolver(bcs_solver, 1.0, tolerance=1e-5, uniform=True)
    x_p = float(solver.grid[6] - SCAN_STEP / 2)
    landscape = _NarrowWindow(bcs_solver, x_p, eps=5e-4, a=0.5)
    solver = dataclasses.replace(solver, susceptibility=landscape, coarse=landscape)
    assert max(landscape.eigenvalue(0, 0, np.exp(x)) for x in solver.grid) < 1.0
    point = solver.solve(1.0)
    assert point.tc == pytest.approx(np.exp(x_p + np.sqrt(5e-4 / 0.5)), rel=1e-5)
    assert point.flags & FLAGS["narrow_window"]


@pytest.mark.parametrize("name", ["bcs-2d", "saddle-soc", "ising", "rashba"])
def test_coarse_quadrature_error_is_inside_the_scan_margin(name):
    # the scan certifies a temperature normal when the coarse estimate is below 1 - mu: the
    # coarse lambda must be within mu of the fine one, at low T and finite Q too (here with a
    # factor 2 to spare)
    model, cutoff = preset(name).model()
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    coarse = sus.with_resolution(COARSE)
    v_f = sus.geometry.v_fermi
    worst = 0.0
    for t in (1.0, 0.1, 0.01):
        for h in (0.0, 1.5, 3.0):
            q_s = (2 * h + 2 * np.pi * t) / v_f
            for q in ([0.0, 0.0], [q_s[0], 0.0], 0.5 * q_s):
                fine = sus.eigenvalue(q, [h, 0, 0], t)
                worst = max(worst, abs(coarse.eigenvalue(q, [h, 0, 0], t) - fine))
    assert worst < COARSE_MARGIN / 2
