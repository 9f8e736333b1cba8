"""Maximisation of the pairing eigenvalue over the pair momentum Q at fixed temperature.

The landscape lambda(Q) is multi-modal (uniform, Fulde-Ferrell along different directions), so a
global search on a polar grid picks the basin and a damped Newton iteration with finite-difference
derivatives refines it.  Used by :mod:`reentrant.pairing.tc` at every temperature of its root
search, warm-started from the previous optimum (continuation along a field sweep).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Objective = Callable[[np.ndarray], float]


def polar_grid(
    q_max: np.ndarray, n_radii: int = 3, n_angles: int = 8, upper_half: bool = False
) -> np.ndarray:
    """Q = 0 and an elliptical polar grid with semi-axes ``q_max`` (shape (N, 2)).

    With ``upper_half`` only the angles in ``[0, pi]`` are kept (for a landscape that is even in
    ``Q_y``).  Components that vanish by symmetry (``sin(pi)``, ``cos(pi/2)``) are exactly 0, so
    points on the Q_x axis qualify for the mirror-symmetric integration.
    """
    angles = 2 * np.pi * np.arange(n_angles) / n_angles
    if upper_half:
        angles = angles[angles <= np.pi + 1e-12]
    unit = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    unit[np.abs(unit) < 1e-12] = 0.0
    radii = np.arange(1, n_radii + 1) / n_radii
    ring = (radii[:, None, None] * unit[None] * np.asarray(q_max)[None, None]).reshape(-1, 2)
    return np.vstack([np.zeros((1, 2)), ring])


def global_search(f: Objective, candidates: np.ndarray) -> tuple[np.ndarray, float]:
    """The candidate with the largest objective."""
    values = np.array([f(q) for q in candidates])
    best = int(np.argmax(values))
    return candidates[best], float(values[best])


def _ascent_step(grad: np.ndarray, hess: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Newton step of a maximisation, with negative curvature enforced and a trust region.

    Flat or convex directions get the curvature ``-1e-3`` of the largest one (gradient ascent
    there); the step is limited to 20 finite-difference steps per component.
    """
    w, v = np.linalg.eigh(hess)
    scale = max(np.max(np.abs(w)), 1e-300)
    w = -np.maximum(np.abs(w), 1e-3 * scale)
    delta = -(v @ ((v.T @ grad) / w))
    factor = np.min(20.0 * step / np.maximum(np.abs(delta), 1e-300))
    return delta * factor if factor < 1 else delta


def newton_maximise(
    f: Objective,
    q0: np.ndarray,
    step: np.ndarray,
    q_tol: np.ndarray,
    max_iter: int = 8,
    mirror: bool = False,
    f_tol: float = 0.0,
    f0: float | None = None,
    target: float | None = None,
) -> tuple[np.ndarray, float, int]:
    """Damped Newton ascent of f from q0 with finite-difference gradient and Hessian.

    ``step`` is the finite-difference step per component, ``q_tol`` the convergence tolerance on
    Q per component; the iteration also stops once a Newton step gains less than ``f_tol`` (near
    a maximum the next step would gain quadratically less).  Negative curvature is enforced
    (flat or convex directions fall back to gradient ascent) and every step is accepted only if
    it increases f (else halved).

    ``mirror``: f is even in Q_y (``f(x, y) = f(x, -y)``).  From a start on the Q_x axis the
    gradient in y and the mixed derivative vanish along the axis, so the ascent stays on it with
    a 3-point stencil; whether the axis is a maximum in Q_y is left to the caller (one evaluation
    off the axis, see :meth:`reentrant.pairing.tc.TcSolver.solve`).  Off the axis, or without
    ``mirror``, the full 2D ascent runs.  ``f0`` is f(q0) if already known (saves one
    evaluation).

    ``target``: only whether ``max f`` reaches ``target`` matters.  The ascent stops as soon as
    f reaches it, or when the local quadratic model is concave and predicts a maximum below it
    by more than the model's own gain (``f + 2 gain < target``, ``gain = -g H^-1 g / 2``).
    Returns (q, f(q), evaluations).
    """
    q = np.asarray(q0, float).copy()
    axis_only = mirror and q[1] == 0.0
    known = f0 is not None
    fq = f0 if known else f(q)
    q, fq, n_eval = _ascend(f, q, fq, step, q_tol, max_iter, axis_only, f_tol, target)
    return q, fq, n_eval + (0 if known else 1)


def _hopeless(fq: float, grad: np.ndarray, hess: np.ndarray, target: float | None) -> bool:
    """The concave quadratic model at q predicts max f below ``target`` by a safe margin."""
    if target is None:
        return False
    w = np.linalg.eigvalsh(hess)
    if np.any(w >= 0):
        return False
    gain = -0.5 * grad @ np.linalg.solve(hess, grad)
    return fq + 2.0 * gain < target


def _ascend(f, q, fq, step, q_tol, max_iter, axis_only, f_tol, target=None):
    """The Newton iterations of :func:`newton_maximise` (along Q_x only if ``axis_only``)."""
    n_eval = 0
    ex, ey = np.array([step[0], 0.0]), np.array([0.0, step[1]])
    for _ in range(max_iter):
        f_before = fq
        fxp, fxm = f(q + ex), f(q - ex)
        gx = (fxp - fxm) / (2 * step[0])
        hxx = (fxp - 2 * fq + fxm) / step[0] ** 2
        if target is not None and fq >= target:
            break
        if axis_only:
            n_eval += 2
            if _hopeless(fq, np.array([gx]), np.array([[hxx]]), target):
                break
            # 1D Newton step; a convex or flat axis falls back to the largest trusted step
            limit = 20.0 * step[0]
            dx = -gx / hxx if hxx < 0 else np.sign(gx) * limit
            delta = np.array([float(np.clip(dx, -limit, limit)), 0.0])
            neighbours = [(fxp, q + ex), (fxm, q - ex)]
        else:
            fyp, fym = f(q + ey), f(q - ey)
            fxy = f(q + ex + ey)
            n_eval += 5
            gy = (fyp - fym) / (2 * step[1])
            hyy = (fyp - 2 * fq + fym) / step[1] ** 2
            hxy = (fxy - fxp - fyp + fq) / (step[0] * step[1])
            hess = np.array([[hxx, hxy], [hxy, hyy]])
            if _hopeless(fq, np.array([gx, gy]), hess, target):
                break
            delta = _ascent_step(np.array([gx, gy]), hess, step)
            neighbours = [(fxp, q + ex), (fxm, q - ex), (fyp, q + ey), (fym, q - ey)]
        improved = False
        for _ in range(6):
            trial = q + delta
            ft = f(trial)
            n_eval += 1
            if ft >= fq:
                improved = True
                break
            delta *= 0.5
        best = max([(fq, q), *neighbours], key=lambda pair: pair[0])
        if improved and ft >= best[0]:
            q, fq = trial, ft
        else:
            q, fq = best[1], best[0]
        if np.all(np.abs(delta) < q_tol) or fq - f_before < f_tol:
            break
    return q, fq, n_eval
