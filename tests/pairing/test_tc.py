"""T_c solvers against the textbook lines of 2D superconductors (each computed in the test)."""

import numpy as np
import pytest
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

from reentrant.errors import ConvergenceWarning
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic
from reentrant.models.presets import preset
from reentrant.pairing.curve import solver_for, tc_curve
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import TcPoint, TcSolver
from reentrant.units import BCS_GAP_RATIO

TOL = 1e-2  # the accuracy target on T_c (the solvers run at 1e-3)


def test_bcs_tc_with_sharp_cutoff():
    # T_c solves 1 = N0 V int_0^wD tanh(xi/2T)/xi (sharp cutoff); at weak coupling this is
    # 1.134 omega_D exp(-1/N0 V) (2 e^gamma / pi = 1.134), up to O((T_c/omega_D)^2)
    mass, wd, n0v = 0.5, 40.0, 0.25
    n0 = mass / (2 * np.pi)
    model = BandModel(Parabolic(mass), mu=2000.0)
    sus = PairSusceptibility(model, PairingInteraction(n0v / n0, wd), Resolution())
    point = TcSolver(sus, tolerance=1e-5).solve(0.0, t_start=1.0)
    exact = brentq(lambda t: n0v * bcs_integral(t, wd) - 1.0, 1e-3, wd)
    asymptotic = 2 * np.exp(np.euler_gamma) / np.pi * wd * np.exp(-1 / n0v)
    assert point.tc == pytest.approx(exact, rel=1e-4)
    assert point.tc == pytest.approx(asymptotic, rel=1e-3)
    np.testing.assert_allclose(point.q, 0.0, atol=1e-8)


def test_pauli_limited_uniform_line(bcs_solver):
    # ln(Tc0/T) = Re psi(1/2 + ih/2piT) - psi(1/2), largest root (upper branch below T*)
    h = np.array([0.0, 0.5, 0.9, 1.05])
    ds = tc_curve(bcs_solver, h, tolerance=1e-3, uniform=True, check_points=0)
    for hi, tc in zip(h, ds.tc.values, strict=True):
        expected = solve_tc(lambda t, hi=hi: np.log(1 / t) - pauli_pair_breaking(hi, t))
        assert tc == pytest.approx(expected, rel=TOL / 5)
    np.testing.assert_allclose(ds.q_x, 0.0)


@pytest.mark.slow
def test_fulde_ferrell_line_with_q_optimised(bcs_solver):
    # 2D FF: ln(Tc0/T) = min_Q <Re psi(1/2 + i(h + v_F Q cos th /2)/2piT)> - psi(1/2)
    h = np.array([0.6, 1.15, 1.5])
    ds = tc_curve(bcs_solver, h, tolerance=1e-3, check_points=0)
    k_f = np.sqrt(2 * 0.5 * 2000.0)
    v_f = k_f / 0.5
    for i, hi in enumerate(h):
        expected = solve_tc(lambda t, hi=hi: np.log(1 / t) - ff_best(hi, t)[0])
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
    ds = tc_curve(bcs_solver, [h_above, h_below], tolerance=1e-3, check_points=0)
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
    solver = TcSolver(bcs_solver, tolerance=1e-3, t_min=0.01)
    point = solver.solve(0.95 * delta0, t_start=0.3)
    assert point.superconducting
    h_expected = brentq(lambda h: np.log(1 / point.tc) - ff_best(h, point.tc)[0], 1.0, 1.8)
    assert 0.95 * delta0 == pytest.approx(h_expected, rel=TOL / 5)
    assert not solver.solve(1.03 * delta0, t_start=0.3).superconducting


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
        ds = tc_curve(sus, h, tolerance=1e-3, uniform=True, check_points=0)
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
    ds = tc_curve(sus, h, tolerance=1e-3, uniform=True, check_points=0)
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
    ds = tc_curve(sus, [2.0], tolerance=1e-3, check_points=0)
    assert abs(ds.q_y.values[0]) > 10 * abs(ds.q_x.values[0])


def test_refinement_changes_tc_less_than_the_tolerance(bcs_solver):
    # a grid about twice as fine in every direction moves T_c by less than 1e-3
    h = [0.5, 1.2]
    ds = tc_curve(bcs_solver, h, tolerance=1e-3, check_points=2)
    assert ds.attrs["converged"] == 1
    assert np.nanmax(ds.tc_error.values) < 1e-3
    fine = PairSusceptibility(
        bcs_solver.model, bcs_solver.interaction, Resolution().refined().refined()
    )
    again = tc_curve(fine, h, tolerance=1e-4, check_points=0)
    np.testing.assert_allclose(again.tc.values, ds.tc.values, rtol=1e-3)


def test_no_superconductivity_is_a_result(bcs_solver):
    ds = tc_curve(bcs_solver, [3.0], tolerance=1e-3, check_points=0)
    assert ds.tc.values[0] == 0.0
    assert not bool(ds.superconducting.values[0])


def test_tc_at_fixed_q_and_tc0(bcs_solver):
    # at fixed Q the 2D FF term (not minimised over Q) gives T_c(Q)
    solver = TcSolver(bcs_solver, tolerance=1e-4)
    assert solver.tc0() == pytest.approx(1.0, rel=1e-3)  # calibrated coupling
    v_f = np.sqrt(2 * 0.5 * 2000.0) / 0.5
    h, qv = 1.2, 1.5
    tc = solver.tc_at_q(h, [qv / v_f, 0.0], t_start=0.5)
    expected = solve_tc(lambda t: np.log(1 / t) - ff_pair_breaking(h, t, qv))
    assert tc == pytest.approx(expected, rel=2e-3)


class _Landscape:
    """lambda(Q, T) = 1 - 0.3 ln T + 0.1 f(Q) with f even in Q_y; its T_c is T = exp(f_max / 3).

    ``f = -((x - 0.05)/0.1)^2 + c (y/0.1)^2 - (y/0.1)^4``: for c > 0 the maxima are off the
    axis, at y = +-0.1 sqrt(c/2) with f = c^2/4; for c < 0 on it, with f = 0.
    """

    mirror_symmetric = True

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
    solver = TcSolver(landscape, tolerance=1e-4)
    solver._coarse = landscape
    guess = TcPoint(1.0, 1.0, np.array([0.04, 0.0]), np.ones(1), True, 0)
    point = solver.solve(1.0, guess, 1.0, search=False)
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
    ds = tc_curve(bcs_solver, [h], tolerance=1e-3, uniform=True, check_points=1)
    fine = PairSusceptibility(
        bcs_solver.model, bcs_solver.interaction, bcs_solver.resolution.refined()
    )
    again = TcSolver(fine, tolerance=1e-6, t_min=1e-2, uniform=True).tc_at_q(
        h, [0.0, 0.0], t_start=float(ds.tc.values[0])
    )
    actual = abs(again / ds.tc.values[0] - 1)
    assert ds.tc_error.values[0] == pytest.approx(actual, rel=0.15, abs=2e-5)


def test_large_field_steps_do_not_lose_a_low_temperature_fflo_point():
    # at h = 1.25 T_c0 the saddle-soc FF line lies at T_c ~ 0.43 T_c0 with Q far from the
    # previous field's; a sweep with steps of 0.31 T_c0 must find the same T_c as a cold solve
    # (global Q search from T_c0) and as a 41-point sweep
    model, cutoff = preset("saddle-soc").model()
    sus = solver_for(model, cutoff, 1.0, tolerance=1e-3)
    coarse = tc_curve(sus, np.linspace(0.0, 1.25, 5), tolerance=1e-3, check_points=0)
    cold = TcSolver(sus, tolerance=1e-3, t_min=1e-2).solve(1.25, None, 1.0)
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
        ds = tc_curve(crude, [0.5], tolerance=1e-6, uniform=True, check_points=1)
    assert ds.attrs["converged"] == 0 and ds.attrs["tc_error_estimate"] > 1e-6
