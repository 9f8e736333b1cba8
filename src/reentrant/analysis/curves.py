"""Helpers shared by the extraction modules: level crossings and applying a 1-D rule per curve."""

from __future__ import annotations

import warnings
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


#: Flag bits of a crossing (T_c, B_c), written as CF ``flag_masks`` / ``flag_meanings``.
CROSSING_FLAGS: dict[str, int] = {
    "bracket_too_wide": 1,
    "normal_state_not_reached": 2,
    "no_crossing": 4,
}


def flag_attrs(flags: Mapping[str, int], long_name: str) -> dict[str, object]:
    """Attributes of a flag variable (CF conventions, Sec. 3.5): masks and their meanings."""
    return {
        "long_name": long_name,
        "flag_masks": list(flags.values()),
        "flag_meanings": " ".join(flags),
    }


def flag_names(value: int, attrs: Mapping[str, object]) -> list[str]:
    """The meanings of the bits set in ``value`` of a flag variable with ``attrs``."""
    masks = list(attrs.get("flag_masks", []))
    names = str(attrs.get("flag_meanings", "")).split()
    return [name for mask, name in zip(masks, names, strict=True) if int(value) & int(mask)]


def crossing_bracket(x: np.ndarray, at: float) -> tuple[float, float]:
    """The measured ``x`` on either side of a crossing at ``at`` (both ``at`` on a point).

    For a crossing found by linear interpolation these bound where it can lie: between two
    samples the data say nothing about the shape of the curve.  ``(nan, nan)`` if ``at`` is
    NaN.
    """
    if not np.isfinite(at):
        return float("nan"), float("nan")
    k = int(np.clip(np.searchsorted(x, at), 1, x.size - 1))
    if x[k - 1] < at < x[k]:
        return float(x[k - 1]), float(x[k])
    return float(at), float(at)


def bracketed_crossing(
    x: np.ndarray, ratio: np.ndarray, level: float, max_bracket: float
) -> tuple[float, float, float, int]:
    """The highest crossing of ``ratio`` with ``level``, its bracket and flag bits.

    Returns ``(value, low, high, flags)``: ``value`` is the linear interpolation, replaced by
    NaN (flag ``bracket_too_wide``) when the bracket ``high - low`` exceeds ``max_bracket``
    times the value; NaN with ``no_crossing`` when the level is never crossed.
    """
    value = highest_crossing(x, ratio, level)
    if not np.isfinite(value):
        return value, float("nan"), float("nan"), CROSSING_FLAGS["no_crossing"]
    low, high = crossing_bracket(x, value)
    if high - low > max_bracket * abs(value):
        return float("nan"), low, high, CROSSING_FLAGS["bracket_too_wide"]
    return value, low, high, 0


def log_slope(x: np.ndarray, y: np.ndarray, low: float, high: float) -> float:
    """Least-squares slope of ln y against ln x over ``low <= x <= high``.

    Fewer than two points in the window: the two points nearest to it from below are used
    (``x`` sorted, positive).  NaN if any ``y`` used is not positive.
    """
    inside = np.flatnonzero((x >= low) & (x <= high))
    if inside.size < 2:
        below = np.flatnonzero(x <= high)
        inside = below[-2:] if below.size >= 2 else np.arange(min(2, x.size))
    xs, ys = x[inside], y[inside]
    if xs.size < 2 or np.any(ys <= 0) or np.any(xs <= 0) or np.ptp(xs) == 0:
        return float("nan")
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def check_max_bracket(value: float) -> float:
    """Return ``value`` if it is a positive fraction (inf: no limit), else raise naming it."""
    value = float(value)
    if not value > 0:
        raise ParameterError(f"max_bracket must be a positive fraction of the value, got {value!r}")
    return value


def warn_flags(
    flags: np.ndarray, messages: Mapping[str, str], meanings: Mapping[str, int], what: str
) -> None:
    """One warning per flag set in any element: ``'<message> in n of N <what>(s)'``."""
    flags = np.asarray(flags, dtype=np.int64)
    for name, message in messages.items():
        count = int(np.count_nonzero(flags & meanings[name]))
        if count:
            warnings.warn(f"{message} in {count} of {flags.size} {what}(s)", UserWarning, 3)


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
    rule: Callable[[np.ndarray, np.ndarray, dict], dict[str, float]],
    attrs: Mapping[str, Mapping[str, object]],
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
        Per-curve values handed to ``rule`` in ``extras``: plain numbers and DataArrays over
        the other dimensions as floats; DataArrays that also span ``dim`` (a second measured
        quantity) as the matching curve, an array over ``dim``.

    Returns
    -------
    xarray.Dataset
        One variable per name, over the other dimensions of ``data``.
    """
    if dim not in data.dims:
        raise ParameterError(f"{data.name or 'data'} has no dimension {dim!r} (has {data.dims})")
    if data.size == 0:
        raise ParameterError(f"{data.name or 'data'} is empty (sizes {dict(data.sizes)})")
    other = [d for d in data.dims if d != dim]
    arr = data.transpose(*other, dim)
    x = np.asarray(data[dim].values, dtype=float)
    curves = arr.values.reshape(-1, x.size)
    shape = arr.shape[:-1]
    extras = {}
    for k, v in (extra or {}).items():
        if isinstance(v, xr.DataArray) and dim in v.dims:
            extras[k] = v.broadcast_like(arr).transpose(*other, dim).values.reshape(-1, x.size)
        elif isinstance(v, xr.DataArray):
            values = v.broadcast_like(arr.isel({dim: 0})).transpose(*other).values
            extras[k] = np.broadcast_to(values, shape).reshape(-1)
        else:
            extras[k] = np.broadcast_to(np.asarray(v, dtype=float), shape).reshape(-1)
    results = [
        rule(x, y, {k: v[i] if v.ndim > 1 else float(v[i]) for k, v in extras.items()})
        for i, y in enumerate(curves)
    ]
    coords = {k: v for k, v in arr.coords.items() if dim not in v.dims}
    return xr.Dataset(
        {
            name: (other, np.array([r[name] for r in results]).reshape(shape), dict(a))
            for name, a in attrs.items()
        },
        coords=coords,
    )
