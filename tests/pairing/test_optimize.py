"""Q optimisation on analytic landscapes: polar grid, damped Newton, mirror-symmetric ascent."""

import numpy as np
import pytest

from reentrant.pairing.optimize import global_search, newton_maximise, polar_grid

STEP = np.array([0.02, 0.02])
Q_TOL = np.array([1e-4, 1e-4])


def test_polar_grid_half_plane_has_exact_axis_points():
    full = polar_grid(np.array([1.0, 2.0]), n_radii=2)
    half = polar_grid(np.array([1.0, 2.0]), n_radii=2, upper_half=True)
    assert full.shape == (17, 2) and half.shape == (11, 2)
    assert np.all(half[:, 1] >= 0.0)
    # the angles 0 and pi give exactly Q_y = 0 (sin(pi) is snapped to zero): 2 per ring + Q = 0
    assert np.count_nonzero(half[:, 1] == 0.0) == 5
    # every point of the full grid is a half-grid point or its mirror image
    mirrored = {tuple(np.round(p, 12)) for p in half} | {
        tuple(np.round(p * [1, -1], 12)) for p in half
    }
    assert {tuple(np.round(p, 12)) for p in full} <= mirrored


def test_newton_finds_an_anisotropic_maximum():
    centre = np.array([0.31, -0.17])
    hess = np.array([[-3.0, 1.0], [1.0, -2.0]])

    def f(q):
        d = q - centre
        return 1.0 + 0.5 * d @ hess @ d - 0.1 * d[0] ** 4

    q, fq, n = newton_maximise(f, np.zeros(2), STEP, Q_TOL)
    np.testing.assert_allclose(q, centre, atol=1e-4)
    assert fq == pytest.approx(1.0, abs=1e-8) and n < 60


def test_mirror_ascent_stays_on_the_axis_and_uses_three_point_stencils():
    calls = []

    def f(q):
        calls.append(q.copy())
        return -((q[0] - 0.4) ** 2) - 2.0 * q[1] ** 2

    q, _, n = newton_maximise(f, np.array([0.1, 0.0]), STEP, Q_TOL, mirror=True)
    assert q[1] == 0.0 and q[0] == pytest.approx(0.4, abs=1e-6)
    assert all(c[1] == 0.0 for c in calls) and n == len(calls)


def test_f_tol_stops_once_the_gain_is_negligible():
    def f(q):
        return -((q[0] - 0.4) ** 2) - (q[1] + 0.1) ** 2

    # with no Q tolerance only max_iter (8 rounds) or the gain criterion ends the ascent
    start, no_q_tol = np.array([0.39, -0.09]), np.zeros(2)
    _, _, n_all = newton_maximise(f, start, STEP, no_q_tol)
    _, fq, n_loose = newton_maximise(f, start, STEP, no_q_tol, f_tol=1e-6)
    assert n_loose < n_all / 2 and fq > -1e-6


def test_global_search_returns_the_best_candidate():
    grid = polar_grid(np.array([1.0, 1.0]), n_radii=3)
    q, value = global_search(lambda q: -np.sum((q - [0.0, -0.66]) ** 2), grid)
    np.testing.assert_allclose(q, [0.0, -2 / 3], atol=1e-12)
    assert value == pytest.approx(-((0.66 - 2 / 3) ** 2))


def test_target_stops_the_ascent_once_the_question_is_settled():
    # f = 1 - |q - c|^2 / 2 has its maximum 1 at c.  Whether max f reaches 0.5 is settled at
    # the start (f(0) = 0.5 already); whether it reaches 2 after one stencil (the concave
    # model predicts 1, and 0.5 + 2 x 0.5 < 2); a full ascent needs several iterations
    centre = np.array([1.0, 0.0])

    def f(q):
        return 1.0 - 0.5 * np.sum((q - centre) ** 2)

    full = newton_maximise(f, np.zeros(2), STEP, Q_TOL, mirror=True)
    reached = newton_maximise(f, np.zeros(2), STEP, Q_TOL, mirror=True, target=0.5)
    hopeless = newton_maximise(f, np.zeros(2), STEP, Q_TOL, mirror=True, target=2.0)
    assert full[1] == pytest.approx(1.0, abs=1e-8) and full[2] > 4
    assert reached[1] >= 0.5 and reached[2] == 1
    assert hopeless[1] < 2.0 and hopeless[2] == 3  # f(0) and the two-point stencil
