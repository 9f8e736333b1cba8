"""T_c(h) curves: a field sweep with continuation, an error estimate, flags, an xarray result.

The curve is solved at the requested resolution (:class:`reentrant.pairing.tc.TcSolver`, each
field continued from the previous ones).  Then at a few points (first, middle, last
superconducting one) and at every ill-conditioned one the leading eigenvalue is evaluated on a
refined grid (:meth:`reentrant.pairing.quadrature.Resolution.refined`) at the solution (T_c, Q).
Since ``lambda = 1`` there on the working grid, one Newton step in ``ln T`` gives the refined
grid's ``T_c``: ``ln(T_c'/T_c) = (lambda' - 1) / |dlambda/dlnT|``; re-optimising Q changes lambda
only at second order (Q is a stationary point), so this is the change of T_c on refinement up to
terms quadratic in it (tested against a full re-solve on the refined grid).  The largest
relative change is reported as ``tc_error_estimate``; where it exceeds the tolerance the point
is flagged and a :class:`reentrant.errors.ConvergenceWarning` is issued.

Flags follow the CF convention (``flag_masks``, ``flag_meanings``; :data:`reentrant.pairing.tc.
FLAGS`): an integer ``flags`` over the sweep whose bits name what is doubtful about a point.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import xarray as xr

from reentrant import validate
from reentrant.errors import ConvergenceWarning
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import (
    FLAGS,
    ILL_CONDITIONED_SLOPE,
    TcPoint,
    TcSolver,
    calibrate_interaction,
    resolution_for,
    zero_field_tc,
)

Progress = Callable[[int, int], None]


def sweep(solver: TcSolver, zeeman: np.ndarray, progress: Progress | None = None) -> list[TcPoint]:
    """Solve every field in order, each continued from the two before (explicitly)."""
    points: list[TcPoint] = []
    for i, h in enumerate(zeeman):
        points.append(solver.solve(float(h), points[-2:]))
        if progress is not None:
            progress(i + 1, len(zeeman))
    return points


def tc_curve(
    susceptibility: PairSusceptibility,
    zeeman: Sequence[float] | np.ndarray,
    *,
    tolerance: float = 1e-3,
    uniform: bool = False,
    tc0: float | None = None,
    t_min: float | None = None,
    t_max: float | None = None,
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0),
    check_points: int = 3,
    progress: Progress | None = None,
    describe: Callable[[int], str] | None = None,
) -> xr.Dataset:
    """T_c, optimal Q, channel weights and flags over a sweep of Zeeman energies.

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
    tc0
        Zero-field T_c of the model (model energy units): the temperature scale of the search
        range.  Computed by :func:`reentrant.pairing.tc.zero_field_tc` if not given.
    t_min, t_max
        Temperature range searched (model energy units); default ``1e-2`` and ``2`` times
        ``tc0`` (:class:`reentrant.pairing.tc.TcSolver`).  ``T_c = 0`` means normal down to
        ``t_min``.
    check_points
        Number of superconducting points re-evaluated on a refined grid for the error estimate
        (0: none); ill-conditioned points are always checked.
    progress
        Callback ``progress(done, total)``.
    describe
        ``describe(i)`` names the i-th sweep point in warnings (default ``zeeman=<h>``), e.g.
        the field in tesla for physical units.

    Returns
    -------
    xarray.Dataset
        Variables ``tc``, ``q_x``, ``q_y``, ``singlet_weight``, ``triplet_weight``,
        ``superconducting``, ``tc_error``, ``slope`` and ``flags``; coordinate ``zeeman``.
    """
    h = validate.finite_array("zeeman", zeeman).ravel()
    tolerance = validate.positive("tolerance", tolerance)
    if tc0 is None:
        tc0 = zero_field_tc(susceptibility, tolerance)
    solver = TcSolver(
        susceptibility, tc0, tolerance, uniform, direction, t_min=t_min, t_max=t_max
    )  # fmt: skip
    points = sweep(solver, h, progress)
    tc = np.array([p.tc for p in points])
    slope = np.array([p.slope for p in points])
    flags = np.array([p.flags for p in points], dtype=np.int32)
    error = _refinement_errors(solver, points, check_points)
    exceeded = np.isfinite(error) & (error > tolerance)
    flags[exceeded] |= FLAGS["refinement_exceeds_tolerance"]
    max_error = float(np.nanmax(error)) if np.any(np.isfinite(error)) else float("nan")
    converged = bool(not np.any(exceeded))
    describe = describe or (lambda i: f"zeeman={h[i]:.4g}")
    if np.any(exceeded):
        worst = int(np.nanargmax(np.where(exceeded, error, np.nan)))
        warnings.warn(
            _refinement_warning(describe(worst), error[worst], tolerance, slope[worst],
                                int(np.count_nonzero(exceeded))),
            ConvergenceWarning, stacklevel=2,
        )  # fmt: skip
    stuck = np.flatnonzero(flags & FLAGS["not_converged"])
    if stuck.size:
        warnings.warn(
            f"T_c at {describe(int(stuck[0]))} ({stuck.size} point(s) flagged not_converged): "
            "T_c and the pair momentum did not settle together; the last estimate is kept",
            ConvergenceWarning, stacklevel=2,
        )  # fmt: skip
    weights = np.array([p.weights for p in points])
    names = list(FLAGS)
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
            "slope": (
                "zeeman",
                slope,
                {"long_name": "dlambda/dlnT at T_c (0 where normal)", "units": "1"},
            ),
            "flags": (
                "zeeman",
                flags,
                {
                    "long_name": "solution quality flags",
                    "flag_masks": [FLAGS[n] for n in names],
                    "flag_meanings": " ".join(names),
                },
            ),
        },
        coords={"zeeman": ("zeeman", h, {"long_name": "Zeeman energy h", "units": "model energy"})},
        attrs={
            "tolerance": tolerance,
            "tc_error_estimate": max_error,
            "converged": int(converged),
            "uniform": int(uniform),
            "bands": susceptibility.bands,
            "tc0": float(solver.tc0),
            "t_min": float(solver.t_min),
            "t_max": float(solver.t_max),
            "resolution": repr(susceptibility.resolution),
        },
    )


def _refinement_errors(solver: TcSolver, points: list[TcPoint], check_points: int) -> np.ndarray:
    """Relative change of T_c on the refined grid at the checked points (NaN elsewhere)."""
    error = np.full(len(points), np.nan)
    sc = np.flatnonzero([p.superconducting for p in points])
    picks = set()
    if check_points > 0 and sc.size:
        picks |= set(sc[np.linspace(0, sc.size - 1, min(check_points, sc.size)).astype(int)])
    picks |= {i for i in sc if abs(points[i].slope) < ILL_CONDITIONED_SLOPE}
    if not picks:
        return error
    sus = solver.susceptibility
    fine = sus.with_resolution(sus.resolution.refined())
    unit = np.asarray(solver.direction)
    for i in sorted(picks):
        p = points[i]
        lam = fine.eigenvalue(p.q, p.zeeman * unit, p.tc)
        error[i] = abs(np.expm1((lam - 1.0) / max(abs(p.slope), 1e-12)))
    return error


def _refinement_warning(where: str, error: float, tolerance: float, slope: float, count: int):
    """The ConvergenceWarning text for points whose refinement check exceeds the tolerance."""
    why = (
        f"; there |dlambda/dlnT| = {abs(slope):.1e} is small: T_c(h) is nearly vertical, so the "
        "transition field is well defined but T_c at this field is not"
        if abs(slope) < ILL_CONDITIONED_SLOPE
        else "; the grid is too coarse for this tolerance (see Resolution)"
    )
    others = f" ({count} points flagged refinement_exceeds_tolerance)" if count > 1 else ""
    return (
        f"T_c at {where} changed by {error:.2e} (relative) on grid refinement, more than the "
        f"tolerance {tolerance:.1e}{why}{others}"
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


__all__ = ["PairingInteraction", "solver_for", "sweep", "tc_curve"]
