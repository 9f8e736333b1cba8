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


def polar_grid(q_max: np.ndarray, n_radii: int = 3, n_angles: int = 8) -> np.ndarray:
    """Q = 0 and an elliptical polar grid with semi-axes ``q_max`` (shape (N, 2))."""
    pts = [np.zeros(2)]
    for r in np.arange(1, n_radii + 1) / n_radii:
        for a in 2 * np.pi * np.arange(n_angles) / n_angles:
            pts.append(r * q_max * np.array([np.cos(a), np.sin(a)]))
    return np.array(pts)


def global_search(f: Objective, candidates: np.ndarray) -> tuple[np.ndarray, float]:
    """The candidate with the largest objective."""
    values = np.array([f(q) for q in candidates])
    best = int(np.argmax(values))
    return candidates[best], float(values[best])


def newton_maximise(
    f: Objective, q0: np.ndarray, step: np.ndarray, q_tol: np.ndarray, max_iter: int = 8
) -> tuple[np.ndarray, float, int]:
    """Damped Newton ascent of f from q0 with finite-difference gradient and Hessian.

    ``step`` is the finite-difference step per component, ``q_tol`` the convergence tolerance on
    Q per component.  Negative curvature is enforced (flat or convex directions fall back to
    gradient ascent) and every step is accepted only if it increases f (else halved).
    Returns (q, f(q), evaluations).
    """
    q = np.asarray(q0, float).copy()
    fq = f(q)
    n_eval = 1
    ex, ey = np.array([step[0], 0.0]), np.array([0.0, step[1]])
    for _ in range(max_iter):
        fxp, fxm = f(q + ex), f(q - ex)
        fyp, fym = f(q + ey), f(q - ey)
        fxy = f(q + ex + ey)
        n_eval += 5
        gx = (fxp - fxm) / (2 * step[0])
        gy = (fyp - fym) / (2 * step[1])
        hxx = (fxp - 2 * fq + fxm) / step[0] ** 2
        hyy = (fyp - 2 * fq + fym) / step[1] ** 2
        hxy = (fxy - fxp - fyp + fq) / (step[0] * step[1])
        hess = np.array([[hxx, hxy], [hxy, hyy]])
        grad = np.array([gx, gy])
        w, v = np.linalg.eigh(hess)
        scale = max(np.max(np.abs(w)), 1e-300)
        w = -np.maximum(np.abs(w), 1e-3 * scale)  # force a maximum
        delta = -(v @ ((v.T @ grad) / w))
        # trust region: a few finite-difference steps at most
        limit = 20.0 * step
        factor = np.min(limit / np.maximum(np.abs(delta), 1e-300))
        if factor < 1:
            delta *= factor
        improved = False
        for _ in range(6):
            trial = q + delta
            ft = f(trial)
            n_eval += 1
            if ft >= fq:
                improved = True
                break
            delta *= 0.5
        best = max((fq, q), (fxp, q + ex), (fxm, q - ex), (fyp, q + ey), (fym, q - ey),
                   key=lambda pair: pair[0])  # fmt: skip
        if improved and ft >= best[0]:
            q, fq = trial, ft
        else:
            q, fq = best[1], best[0]
        if np.all(np.abs(delta) < q_tol):
            break
    return q, fq, n_eval
