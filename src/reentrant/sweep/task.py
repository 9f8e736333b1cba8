"""What a worker does for one point: solve it, keep its warnings, compute its metrics.

Runs inside a dask worker (one task per worker thread).  A solver exception, a
:class:`~reentrant.errors.ConvergenceWarning` or a ``RuntimeWarning`` makes the point *failed*,
with the messages as its reason; nothing is silenced.  Exceptions outside the solver (a lost
worker, a bug) are left to dask, which retries the task.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np

from reentrant.errors import ConvergenceWarning, show_package_warnings_in_one_line
from reentrant.sweep.metrics import METRICS, curve_metrics
from reentrant.sweep.point import solve_point

#: Curve variables over ``field`` that every point returns.
CURVE = ("tc", "q_x", "q_y", "flags")
#: Warning categories that make a point failed.
FAILING_WARNINGS = (ConvergenceWarning, RuntimeWarning)


@dataclass(frozen=True)
class PointResult:
    """Result of one point: status, reason, curve arrays and their attrs, metrics."""

    index: tuple[int, ...]
    failed: bool
    reason: str
    curve: dict[str, np.ndarray]
    metrics: dict[str, float]
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = float("nan")

    @classmethod
    def failure(cls, index: tuple[int, ...], n_field: int, reason: str) -> PointResult:
        """A failed point without a curve (NaN everywhere, flags 0)."""
        curve = {name: np.full(n_field, np.nan) for name in CURVE[:-1]}
        curve["flags"] = np.zeros(n_field, np.int8)
        return cls(index, True, reason, curve, dict.fromkeys(METRICS, np.nan))


def single_threaded() -> None:
    """Set up the calling worker thread: one numba thread, one-line package warnings.

    numba's thread count is per calling thread, so this runs at the start of every task; a
    worker process then uses one core, as dask assumes of a single-threaded worker.
    """
    numba.set_num_threads(1)
    show_package_warnings_in_one_line()


def compute_point(
    index: tuple[int, ...],
    model: str,
    params: Mapping[str, float],
    field_values: tuple[float, ...],
    options: Mapping[str, Any],
) -> PointResult:
    """Solve point ``index`` (:func:`~reentrant.sweep.point.solve_point`) and its metrics."""
    single_threaded()
    start = time.perf_counter()
    field_values = np.asarray(field_values, float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            ds = solve_point(model, params, field_values, **options)
            curve = {name: ds[name].values for name in CURVE}
            metrics = curve_metrics(field_values, curve["tc"])
        except Exception as exc:  # the point fails, the sweep goes on
            return PointResult.failure(index, field_values.size, f"{type(exc).__name__}: {exc}")
    problems = []
    for item in caught:
        if issubclass(item.category, FAILING_WARNINGS):
            problems.append(f"{item.category.__name__}: {item.message}")
        else:
            warnings.showwarning(item.message, item.category, item.filename, item.lineno)
    if problems:
        metrics = dict.fromkeys(METRICS, np.nan)
    attrs = {name: dict(ds[name].attrs) for name in (*CURVE, "field")}
    seconds = time.perf_counter() - start
    return PointResult(index, bool(problems), "; ".join(problems), curve, metrics, attrs, seconds)
