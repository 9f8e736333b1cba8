"""T_c(h) curves: a field sweep with continuation, an error estimate, and an xarray result.

The curve is solved at the requested resolution; then at a few points (first, middle, last
superconducting one) the leading eigenvalue is evaluated on a refined grid
(:meth:`reentrant.pairing.quadrature.Resolution.refined`) at the solution (T_c, Q).  Since
``lambda = 1`` there on the working grid, one Newton step in ``ln T`` gives the refined grid's
``T_c``: ``ln(T_c'/T_c) = (lambda' - 1) / |dlambda/dlnT|``; re-optimising Q changes lambda only
at second order (Q is a stationary point), so this is the change of T_c on refinement up to
terms quadratic in it (tested against a full re-solve on the refined grid).  The largest
relative change is reported as ``tc_error_estimate``; if it exceeds the tolerance a
:class:`reentrant.errors.ConvergenceWarning` is issued and ``converged`` is False.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import xarray as xr

from reentrant import validate
from reentrant.errors import ConvergenceWarning
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import TcPoint, TcSolver, calibrate_interaction, resolution_for

Progress = Callable[[int, int], None]


def _sweep(solver: TcSolver, zeeman: np.ndarray, tc_start: float, progress: Progress | None):
    points: list[TcPoint] = []
    guess = None
    for i, h in enumerate(zeeman):
        if len(points) >= 2 and points[-1].superconducting and points[-2].superconducting:
            # linear predictor along the sweep (continuation)
            a, b = points[-2], points[-1]
            f = (h - b.zeeman) / (b.zeeman - a.zeeman) if b.zeeman != a.zeeman else 0.0
            f = float(np.clip(f, -1.0, 1.0))
            tc_pred = max(b.tc + f * (b.tc - a.tc), 0.5 * b.tc)
            guess = replace(b, tc=tc_pred, q=b.q + f * (b.q - a.q))
        # global Q search at the first field, after a normal point and every 4th field;
        # continuation (local refinement from the previous optimum) in between
        search = i % 4 == 0 or guess is None or not guess.superconducting
        point = solver.solve(float(h), guess, tc_start, search)
        points.append(point)
        guess = point
        if progress is not None:
            progress(i + 1, len(zeeman))
    return points


def tc_curve(
    susceptibility: PairSusceptibility,
    zeeman: Sequence[float] | np.ndarray,
    *,
    tolerance: float = 1e-3,
    uniform: bool = False,
    t_min: float | None = None,
    tc_start: float = 1.0,
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0),
    check_points: int = 3,
    progress: Progress | None = None,
    describe: Callable[[int], str] | None = None,
) -> xr.Dataset:
    """T_c, optimal Q and channel weights over a sweep of Zeeman energies.

    Parameters
    ----------
    susceptibility
        Model, interaction, resolution and band projection.
    zeeman
        Zeeman energies h (coefficient of h.sigma), model units, along ``direction``.
    tolerance
        Relative tolerance on T_c (root search, and the refinement check).
    uniform
        Fix Q = 0.
    t_min
        Lowest temperature searched (default ``tolerance``-independent ``1e-2 * tc_start``).
    tc_start
        Starting temperature of the first field (e.g. T_c0).
    check_points
        Number of points re-solved on a refined grid for the error estimate (0: none).
    progress
        Callback ``progress(done, total)``.
    describe
        ``describe(i)`` names the i-th sweep point in warnings (default ``zeeman=<h>``), e.g.
        the field in tesla for physical units.

    Returns
    -------
    xarray.Dataset
        Variables ``tc``, ``q_x``, ``q_y``, ``singlet_weight``, ``triplet_weight``,
        ``superconducting``, ``tc_error``; coordinate ``zeeman``.
    """
    h = validate.finite_array("zeeman", zeeman).ravel()
    tolerance = validate.positive("tolerance", tolerance)
    t_min = 1e-2 * tc_start if t_min is None else validate.positive("t_min", t_min)
    solver = TcSolver(susceptibility, tolerance, t_min, 1e3 * tc_start, uniform, direction)
    points = _sweep(solver, h, tc_start, progress)
    tc = np.array([p.tc for p in points])
    error = np.full(h.size, np.nan)
    if check_points > 0:
        fine = PairSusceptibility(
            susceptibility.model,
            susceptibility.interaction,
            susceptibility.resolution.refined(),
            susceptibility.bands,
        )
        sc = np.flatnonzero(tc > 0)
        if sc.size:
            picks = np.unique(
                sc[np.linspace(0, sc.size - 1, min(check_points, sc.size)).astype(int)]
            )
            unit = np.asarray(direction, float) / np.linalg.norm(direction)
            for i in picks:
                p = points[i]
                lam = fine.eigenvalue(p.q, h[i] * unit, p.tc)
                error[i] = abs(np.expm1((lam - 1.0) / max(abs(p.slope), 1e-12)))
    max_error = float(np.nanmax(error)) if np.any(np.isfinite(error)) else float("nan")
    converged = bool(not np.isfinite(max_error) or max_error <= tolerance)
    if not converged:
        worst = int(np.nanargmax(error))
        slope = abs(points[worst].slope)
        why = (
            f"; there |dlambda/dlnT| = {slope:.1e} is small: T_c(h) is nearly vertical, so the "
            "transition field is well defined but T_c at this field is not"
            if slope < 0.02
            else "; the grid is too coarse for this tolerance (see Resolution)"
        )
        where = describe(worst) if describe is not None else f"zeeman={h[worst]:.4g}"
        warnings.warn(
            f"T_c at {where} changed by {max_error:.2e} (relative) on grid "
            f"refinement, more than the tolerance {tolerance:.1e}{why}",
            ConvergenceWarning,
            stacklevel=2,
        )
    weights = np.array([np.pad(p.weights, (0, 2 - p.weights.size)) for p in points])
    res = susceptibility.resolution
    return xr.Dataset(
        {
            "tc": ("zeeman", tc, {"long_name": "transition temperature", "units": "model energy"}),
            "q_x": ("zeeman", np.array([p.q[0] for p in points]), {"units": "model momentum"}),
            "q_y": ("zeeman", np.array([p.q[1] for p in points]), {"units": "model momentum"}),
            "singlet_weight": ("zeeman", weights[:, 0], {"units": "1"}),
            "triplet_weight": ("zeeman", weights[:, 1], {"units": "1"}),
            "superconducting": ("zeeman", tc > 0, {"long_name": "T_c above t_min"}),
            "tc_error": (
                "zeeman",
                error,
                {"long_name": "relative change of T_c on grid refinement", "units": "1"},
            ),
        },
        coords={"zeeman": ("zeeman", h, {"long_name": "Zeeman energy h", "units": "model energy"})},
        attrs={
            "tolerance": tolerance,
            "tc_error_estimate": max_error,
            "converged": int(converged),
            "uniform": int(uniform),
            "bands": susceptibility.bands,
            "t_min": t_min,
            "resolution": repr(res),
        },
    )


def solver_for(model, cutoff: float, tc0: float, *, tolerance: float = 1e-3, bands: str = "all",
               triplet_ratio: float = 0.0) -> PairSusceptibility:  # fmt: skip
    """Pair susceptibility of ``model`` with the coupling calibrated to give T_c0 = ``tc0``.

    The calibration uses the same band projection ``bands``, so every approximation has the
    same zero-field T_c and curves compare as T_c(B)/T_c(0).
    """
    res = resolution_for(tolerance)
    interaction = calibrate_interaction(
        lambda i: PairSusceptibility(model, i, res, bands), cutoff, tc0, triplet_ratio
    )
    return PairSusceptibility(model, interaction, res, bands)


__all__ = ["PairingInteraction", "solver_for", "tc_curve"]
