r"""Adaptive field points for a T_c(B) curve: refined where T_c changes fast or has a minimum.

On a fixed grid a T_c(B) curve hides what matters: a Pauli-limited drop of T_c to zero can
take less than a tenth of a tesla, and a re-entrant minimum falls between two grid points.
:func:`refine_curve` starts from a coarse grid and, round by round, bisects every interval
``[B_i, B_{i+1}]`` wider than ``min_step`` that

* has ``|T_c(B_{i+1}) - T_c(B_i)| > tc_step`` (T_c changes fast: the drop),
* has T_c = 0 at one end only (superconductivity ends or returns inside it), or
* touches an interior local minimum of T_c deeper than ``tc_noise`` below both neighbours
  (so that ``B_min`` and ``T_c^min`` are resolved to ``min_step``),

evaluating each round's new fields in one call.  This is the recursive bisection of adaptive
function plotting (refine until every piece is resolved to a tolerance or a minimum width;
e.g. Press et al., *Numerical Recipes*, 3rd ed., Sec. 4.7 on adaptive quadrature, whose
interval tests it mirrors).  It stops when no interval needs splitting (``converged``) or
when ``max_points`` fields are used; then ``converged`` is False and ``largest_jump`` says by
how much the result misses ``tc_step``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reentrant.errors import ParameterError
from reentrant.validate import count, finite_array, non_negative, positive


@dataclass(frozen=True)
class RefinedCurve:
    """A T_c(B) curve on adaptive field points.

    Attributes
    ----------
    field, tc
        Sorted fields (T) and T_c there (K).
    converged
        True if no interval still needs splitting (see the module notes).
    largest_jump
        Largest ``|Delta T_c|`` (K) across an interval still wider than ``min_step``; at most
        ``tc_step`` when converged (0 if no such interval).
    rounds
        Number of refinement rounds done.
    """

    field: np.ndarray
    tc: np.ndarray
    converged: bool
    largest_jump: float
    rounds: int


def _needs_split(
    b: np.ndarray, tc: np.ndarray, tc_step: float, min_step: float, tc_noise: float
) -> tuple[np.ndarray, np.ndarray]:
    """(intervals to split, their priority): minima and zero edges first, then by |Delta T_c|."""
    jump = np.abs(np.diff(tc))
    wide = np.diff(b) > min_step
    superconducting = tc > 0
    edge = superconducting[:-1] != superconducting[1:]
    near_min = np.zeros(b.size - 1, dtype=bool)
    if b.size >= 3:
        inner = tc[1:-1]
        deep = superconducting[1:-1] & (np.minimum(tc[:-2], tc[2:]) - inner > tc_noise)
        for i in np.flatnonzero(deep) + 1:
            near_min[i - 1] = near_min[i] = True
    need = wide & ((jump > tc_step) | edge | near_min)
    priority = jump + np.where(edge | near_min, np.inf, 0.0)
    return need, priority


def refine_curve(
    evaluate: Callable[[np.ndarray], np.ndarray],
    field: np.ndarray,
    *,
    tc_step: float,
    min_step: float,
    max_points: int,
    tc_noise: float = 0.0,
    max_rounds: int = 20,
) -> RefinedCurve:
    """T_c(B) on adaptive field points (see the module notes for the splitting rules).

    Parameters
    ----------
    evaluate
        ``evaluate(fields) -> T_c`` (T -> K, finite and non-negative), called once per round
        with the new fields in ascending order.
    field
        Initial grid (T), at least 2 distinct values.
    tc_step
        Largest change of T_c (K) allowed across an interval wider than ``min_step``.
    min_step
        Narrowest interval (T) that is still split.
    max_points
        Most fields in all, the initial ones included.
    tc_noise
        A local minimum is refined only if it lies more than this (K) below both neighbours
        (the solver's own error, so that noise on a plateau does not spend the budget).
    max_rounds
        Most rounds of bisection.

    Raises
    ------
    ParameterError
        Bad steps or counts, fewer than 2 initial fields, or ``evaluate`` returning values
        that are not finite and non-negative, or of the wrong shape.
    """
    tc_step = positive("tc_step", tc_step)
    min_step = positive("min_step", min_step)
    tc_noise = non_negative("tc_noise", tc_noise)
    b = np.unique(finite_array("field", field))
    if b.size < 2:
        raise ParameterError("refine_curve needs at least 2 distinct initial fields")
    max_points = count("max_points", max_points, low=b.size)
    count("max_rounds", max_rounds)

    def run(points: np.ndarray) -> np.ndarray:
        values = np.asarray(evaluate(points), dtype=float)
        if values.shape != points.shape or not np.all(np.isfinite(values)) or np.any(values < 0):
            raise ParameterError("evaluate must return finite, non-negative T_c, one per field")
        return values

    tc = run(b)
    rounds = 0
    while rounds < max_rounds:
        need, priority = _needs_split(b, tc, tc_step, min_step, tc_noise)
        room = max_points - b.size
        if not need.any() or room <= 0:
            break
        chosen = np.flatnonzero(need)
        chosen = chosen[np.argsort(-priority[chosen], kind="stable")][:room]
        new = np.sort(0.5 * (b[chosen] + b[chosen + 1]))
        b = np.concatenate([b, new])
        tc = np.concatenate([tc, run(new)])
        order = np.argsort(b, kind="stable")
        b, tc = b[order], tc[order]
        rounds += 1
    need, _ = _needs_split(b, tc, tc_step, min_step, tc_noise)
    wide = np.diff(b) > min_step
    jumps = np.abs(np.diff(tc))[wide]
    return RefinedCurve(
        field=b,
        tc=tc,
        converged=not bool(need.any()),
        largest_jump=float(jumps.max()) if jumps.size else 0.0,
        rounds=rounds,
    )
