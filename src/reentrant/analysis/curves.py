"""Helpers shared by the extraction modules: level crossings and applying a 1-D rule per curve."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import xarray as xr

from reentrant.errors import ParameterError
from reentrant.validate import finite


def clean_curve(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop points where ``x`` or ``y`` is NaN and sort by ``x``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    order = np.argsort(x[ok], kind="stable")
    return x[ok][order], y[ok][order]


def fit_window(
    x: np.ndarray,
    y: np.ndarray,
    window: tuple[float, float] | None,
    name: str,
    what: str,
    points: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Clean (x, y), keep ``window[0] <= x <= window[1]`` and require two distinct x values.

    ``name`` is the window's parameter name; ``what`` (the fit) and ``points`` (what x is) make
    the error message.
    """
    x, y = clean_curve(x, y)
    if window is not None:
        lo, hi = (finite(name, v) for v in window)
        keep = (x >= lo) & (x <= hi)
        x, y = x[keep], y[keep]
    if x.size < 2 or np.ptp(x) == 0:
        raise ParameterError(f"{what} needs at least two distinct {points}")
    return x, y


def crossings(x: np.ndarray, y: np.ndarray, level: float) -> np.ndarray:
    """All ``x`` at which ``y`` crosses ``level``, by linear interpolation, in ascending order.

    ``x`` must be sorted.  A point lying exactly on the level counts once.
    """
    d = y - level
    on = np.flatnonzero(d == 0)
    sign_change = np.flatnonzero(d[:-1] * d[1:] < 0)
    x0, x1, d0, d1 = x[sign_change], x[sign_change + 1], d[sign_change], d[sign_change + 1]
    between = x0 + (x1 - x0) * d0 / (d0 - d1)
    return np.sort(np.concatenate([between, x[on]]))


def highest_crossing(x: np.ndarray, y: np.ndarray, level: float) -> float:
    """The largest ``x`` at which ``y`` crosses ``level`` (NaN when it never does)."""
    found = crossings(x, y, level)
    return float(found[-1]) if found.size else float("nan")


def crossing_bracket(x: np.ndarray, at: float) -> float:
    """Width of the sampled interval of ``x`` that contains ``at`` (NaN if ``at`` is NaN).

    For a crossing found by interpolation this bounds its sampling uncertainty.
    """
    if not np.isfinite(at):
        return float("nan")
    k = int(np.clip(np.searchsorted(x, at), 1, x.size - 1))
    return float(x[k] - x[k - 1]) if x[k - 1] < at < x[k] else 0.0


def positive_branch(field: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``B >= 0`` half of a sweep, or ``|B|`` of an all-negative one (sorted by field)."""
    field, y = clean_curve(field, y)
    if np.any(field > 0):
        keep = field >= 0
        return field[keep], y[keep]
    return clean_curve(-field, y)


def check_fraction(name: str, value: float) -> float:
    """Return ``value`` if it lies strictly between 0 and 1, else raise naming it."""
    value = float(value)
    if not 0.0 < value < 1.0:
        raise ParameterError(f"{name} must lie strictly between 0 and 1, got {value!r}")
    return value


def map_curves(
    data: xr.DataArray,
    dim: str,
    rule: Callable[[np.ndarray, np.ndarray, dict[str, float]], dict[str, float]],
    attrs: Mapping[str, Mapping[str, str]],
    extra: Mapping[str, xr.DataArray | float] | None = None,
) -> xr.Dataset:
    """Apply a rule to every 1-D curve of ``data`` along ``dim``.

    Parameters
    ----------
    data
        Values over ``dim`` and any number of other dimensions.
    dim
        The swept dimension.
    rule
        ``rule(x, y, extras) -> {name: float}`` for one curve.
    attrs
        ``{name: attrs}`` of every output, with ``units``.
    extra
        Per-curve scalars (DataArrays over the other dimensions, or plain numbers) handed to
        ``rule`` in ``extras``.

    Returns
    -------
    xarray.Dataset
        One variable per name, over the other dimensions of ``data``.
    """
    if dim not in data.dims:
        raise ParameterError(f"{data.name or 'data'} has no dimension {dim!r} (has {data.dims})")
    other = [d for d in data.dims if d != dim]
    arr = data.transpose(*other, dim)
    x = np.asarray(data[dim].values, dtype=float)
    curves = arr.values.reshape(-1, x.size)
    shape = arr.shape[:-1]
    extras = {
        k: np.broadcast_to(
            v.broadcast_like(arr.isel({dim: 0})).transpose(*other).values
            if isinstance(v, xr.DataArray)
            else np.asarray(v, dtype=float),
            shape,
        ).reshape(-1)
        for k, v in (extra or {}).items()
    }
    results = [
        rule(x, y, {k: float(v[i]) for k, v in extras.items()}) for i, y in enumerate(curves)
    ]
    coords = {k: v for k, v in arr.coords.items() if dim not in v.dims}
    return xr.Dataset(
        {
            name: (other, np.array([r[name] for r in results]).reshape(shape), dict(a))
            for name, a in attrs.items()
        },
        coords=coords,
    )
