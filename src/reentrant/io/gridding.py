"""Long tables (one row per measured point) to a gridded :class:`xarray.Dataset`.

How a table is gridded:

1. A coordinate (``temperature``, ``field``, ``gate_voltage``) whose whole spread is within its
   resolution is constant: it becomes a scalar coordinate (its median).
2. Of the varying coordinates the *fast* (swept) one is that which most often moves twice in a
   row in the same direction; the others are *slow* (stepped, or merely noisy).
3. Rows are split into sweeps where the fast coordinate reverses, where it jumps back to start
   a new sweep (a reversing step more than 3 times longer than the next one), and where a slow
   coordinate jumps (by more than its resolution and 5 times its median row-to-row change).
   Each sweep is ``up`` or ``down``.  The median slow coordinates of the sweeps are grouped into
   levels (sorted neighbours within the resolution share a level, whose value is their median;
   a slow coordinate with one level becomes scalar); each combination of levels is one curve.
   Repeated sweeps of one curve and direction are **averaged**, as are duplicated points.  If
   up and down sweeps of any curve differ by more than ``hysteresis_rtol`` of the largest value,
   a ``sweep_direction`` dimension ('up', 'down') is kept; otherwise the two directions are
   averaged too.  Rows not in sweep order are sorted, with a warning, and their slow
   coordinates grouped row by row.
4. If all curves share their fast-axis values (instrument setpoints) those values are the grid;
   otherwise each curve is linearly interpolated onto a uniform grid spanning all curves, with
   as many points as the longest curve, NaN outside each curve's own range.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import xarray as xr

from reentrant.errors import InputFileError, ParameterError
from reentrant.io.columns import CANONICAL, COORDINATES, LONG_NAMES
from reentrant.io.table import MEASURED
from reentrant.validate import positive

#: Default resolution per coordinate (K, T, V): spreads below it count as constant, and sweeps
#: whose median slow coordinates differ by less belong to one level.  4.5 mK keeps a
#: temperature setpoint read by a thermometer scattering by +-2 mK (4 mK peak to peak, also
#: between sweeps) one level, while setpoints 5 mK apart stay distinct; finer setpoint steps
#: need an explicit resolution.
DEFAULT_RESOLUTION: dict[str, float] = {"temperature": 4.5e-3, "field": 1e-3, "gate_voltage": 0.01}


def check_resolution(resolution: Mapping[str, float] | None) -> dict[str, float]:
    """The default resolutions updated by ``resolution``, every value finite and positive.

    Raises
    ------
    ParameterError
        An unknown coordinate, or a value that is not a finite positive number.
    """
    out = dict(DEFAULT_RESOLUTION)
    for name, value in dict(resolution or {}).items():
        if name not in DEFAULT_RESOLUTION:
            raise ParameterError(
                f"unknown coordinate {name!r} in resolution (--resolution); choose from "
                f"{', '.join(DEFAULT_RESOLUTION)}"
            )
        out[name] = positive(f"resolution of {name} (--resolution)", value)
    return out


_DIRECTIONS = ("up", "down")


def group_medians(labels: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Median of ``values`` per integer label ``0 .. labels.max()`` (every label present).

    The median keeps setpoint values exact (a mean of many equal floats drifts in the last
    digits) and ignores outliers of a noisy thermometer.
    """
    order = np.lexsort((values, labels))
    counts = np.bincount(labels)
    starts = np.cumsum(counts) - counts
    ordered = values[order]
    return 0.5 * (ordered[starts + (counts - 1) // 2] + ordered[starts + counts // 2])


def cluster_levels(x: np.ndarray, resolution: float) -> tuple[np.ndarray, np.ndarray]:
    """Group values into levels: sorted neighbours closer than ``resolution`` share a level.

    Returns the level index of every value and the median value of every level (ascending).
    """
    order = np.argsort(x, kind="stable")
    breaks = np.diff(x[order]) > resolution
    sorted_labels = np.concatenate([[0], np.cumsum(breaks)])
    labels = np.empty_like(sorted_labels)
    labels[order] = sorted_labels
    return labels, group_medians(labels, x)


def _persistence(x: np.ndarray) -> int:
    """How often ``x`` moves twice in a row in the same direction (high for a swept axis)."""
    step = np.sign(np.diff(x))
    return int(np.sum((step[1:] != 0) & (step[1:] == step[:-1])))


def _sweeps(
    x: np.ndarray, slow: list[np.ndarray], resolution: list[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Direction (+1/-1) of every row and the row indices where a new sweep starts (rule 3).

    A row's direction is the sign of the step arriving at it; a zero step (a repeated value,
    e.g. the end point measured again at the start of the reverse sweep) takes the sign of the
    next non-zero step; the first row of a new sweep takes the sign of the step leaving it.
    """
    n = x.size
    d = np.diff(x)
    raw = np.sign(d)
    nonzero = np.flatnonzero(raw)
    if nonzero.size == 0:
        return np.ones(n, dtype=int), np.zeros(n, dtype=bool)
    nxt = np.minimum.accumulate(np.where(raw != 0, np.arange(raw.size), raw.size)[::-1])[::-1]
    step = raw[np.where(nxt < raw.size, nxt, nonzero[-1])]
    new = np.zeros(n, dtype=bool)
    # a reversing step much longer than the step that follows it restarts a sweep
    new[1:-1] = (step[:-1] != step[1:]) & (d[1:] != 0) & (np.abs(d[:-1]) > 3 * np.abs(d[1:]))
    for v, res in zip(slow, resolution, strict=True):
        dv = np.abs(np.diff(v))
        new[1:] |= dv > max(res, 5 * float(np.median(dv)))
    direction = np.concatenate([[step[0]], step]).astype(int)
    restart = np.flatnonzero(new[:-1])
    direction[restart] = step[restart]
    new[1:] |= direction[1:] != direction[:-1]
    new[0] = True
    return direction, new


def _average_groups(keys: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Mean of ``values`` per integer key in ``range(n)``; NaN where a key has no value."""
    count = np.bincount(keys, minlength=n)
    total = np.bincount(keys, weights=values, minlength=n)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def grid_table(
    values: Mapping[str, np.ndarray],
    source: str,
    resolution: Mapping[str, float] | None = None,
    hysteresis_rtol: float = 0.01,
) -> xr.Dataset:
    """Grid a long table of canonical quantities (see the module docstring for the rules).

    Parameters
    ----------
    values
        ``{canonical name: 1-D array}`` of equal lengths, in canonical units.
    source
        File name for messages.
    resolution
        Per-coordinate resolution overriding :data:`DEFAULT_RESOLUTION` (finite, positive).
    hysteresis_rtol
        Relative difference between up and down sweeps above which both are kept.

    Returns
    -------
    xarray.Dataset
        Data variables ``r_xx``, ``r_xy``, ``current``, ``voltage``... over the slow
        coordinates, the fast coordinate and, when kept, ``sweep_direction``.
    """
    res = check_resolution(resolution)
    if not values or min(np.size(v) for v in values.values()) == 0:
        raise InputFileError(f"{source}: no rows to grid")
    coords = [c for c in COORDINATES if c in values]
    data = [q for q in MEASURED if q in values]
    varying = [c for c in coords if np.ptp(values[c]) > res[c]]
    if not varying:
        raise InputFileError(
            f"{source}: nothing is swept ({', '.join(coords)} constant within "
            f"{', '.join(f'{res[c]:g} {CANONICAL[c][0]}' for c in coords)})"
        )
    fast = max(varying, key=lambda c: _persistence(values[c]))
    slow = [c for c in varying if c != fast]
    x = values[fast]
    direction, new = _sweeps(x, [values[c] for c in slow], [res[c] for c in slow])
    segment = np.cumsum(new) - 1
    seg_len = np.bincount(segment)
    ordered = np.mean(seg_len[segment] < 3) <= 0.5
    if not ordered:
        warnings.warn(
            f"{source}: rows are not in sweep order along {fast}; sorted, sweep direction ignored",
            UserWarning,
            stacklevel=2,
        )
        direction = np.ones_like(direction)
    levels = {}
    for c in slow:
        if ordered:
            labels, centres = cluster_levels(group_medians(segment, values[c]), res[c])
            levels[c] = (labels[segment], centres)
        else:
            levels[c] = cluster_levels(values[c], res[c])
    constant = [c for c in coords if c not in varying or (c in levels and levels[c][1].size == 1)]
    slow = [c for c in slow if c not in constant]
    shape = tuple(levels[c][1].size for c in slow)
    curve = (
        np.ravel_multi_index(tuple(levels[c][0] for c in slow), shape)
        if slow
        else np.zeros(x.size, dtype=int)
    )
    if not ordered:
        segment = curve
    group = curve * 2 + (direction < 0)
    _warn_repeats(source, group, segment, x)
    grid_x, index = _fast_grid(x, group)
    n_curves = int(np.prod(shape)) if slow else 1
    arrays = {q: _fill(values[q], x, group, grid_x, index, n_curves) for q in data}
    keep_direction = _hysteresis(arrays, hysteresis_rtol)
    dims = [*slow, fast]
    out_shape = (*shape, grid_x.size)
    variables = {}
    for q, arr in arrays.items():
        if keep_direction:
            var = np.moveaxis(arr, 0, -1).reshape(*out_shape, 2)
            vdims = [*dims, "sweep_direction"]
        else:
            count = np.sum(~np.isnan(arr), axis=0)
            var = np.where(count > 0, np.nansum(arr, axis=0) / np.maximum(count, 1), np.nan)
            var = var.reshape(out_shape)
            vdims = dims
        variables[q] = (vdims, var, _attrs(q))
    coord_vars = {c: ([c], levels[c][1], _attrs(c)) for c in slow}
    coord_vars[fast] = ([fast], grid_x, _attrs(fast))
    for c in constant:
        coord_vars[c] = ((), float(np.median(values[c])), _attrs(c))
    if keep_direction:
        coord_vars["sweep_direction"] = (["sweep_direction"], list(_DIRECTIONS))
    return xr.Dataset(
        variables,
        coords=coord_vars,
        attrs={
            "source": source,
            "swept": fast,
            "repeated_sweeps": "averaged",
            "sweep_directions": "kept" if keep_direction else "averaged",
        },
    )


def _attrs(name: str) -> dict[str, str]:
    return {"units": CANONICAL[name][0], "long_name": LONG_NAMES[name]}


def _warn_repeats(source: str, group: np.ndarray, segment: np.ndarray, x: np.ndarray) -> None:
    """Warn when a curve/direction was swept more than once or points are duplicated."""
    n_seg = int(segment.max()) + 1
    groups_of_segments = np.unique(group.astype(np.int64) * n_seg + segment) // n_seg
    if np.any(np.bincount(groups_of_segments) > 1):
        warnings.warn(f"{source}: repeated sweeps averaged", UserWarning, stacklevel=3)
    _, x_index = np.unique(x, return_inverse=True)
    keys = segment.astype(np.int64) * (int(x_index.max()) + 1) + x_index
    if np.unique(keys).size < keys.size:
        warnings.warn(f"{source}: duplicated points averaged", UserWarning, stacklevel=3)


def _fast_grid(x: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The common fast-axis grid and, for setpoint data, each row's index on it.

    The data are on setpoints when at least 90 % of each sweep group's distinct values (to 1e-9
    of the axis scale) also occur in another group, or when there is only one group.
    """
    quantum = max(np.ptp(x), np.abs(x).max()) * 1e-9
    keys = np.round(x / quantum).astype(np.int64)
    unique, index = np.unique(keys, return_inverse=True)
    pair_keys = np.unique(group.astype(np.int64) * unique.size + index)
    pair_group, pair_index = np.divmod(pair_keys, unique.size)
    groups_per_key = np.bincount(pair_index, minlength=unique.size)
    n_groups = np.unique(group).size
    shared = np.mean(groups_per_key[pair_index] > 1)
    if n_groups == 1 or shared >= 0.9:
        return _average_groups(index, x, unique.size), index
    longest = int(np.max(np.bincount(pair_group)))
    return np.linspace(x.min(), x.max(), longest), None


def _fill(
    y: np.ndarray,
    x: np.ndarray,
    group: np.ndarray,
    grid_x: np.ndarray,
    index: np.ndarray | None,
    n_curves: int,
) -> np.ndarray:
    """Array ``(direction, curve, fast)`` of the averaged values of every group on the grid."""
    nx = grid_x.size
    if index is not None:
        # group = 2 curve + down, while the output is ordered (down, curve)
        key = ((group % 2) * n_curves + group // 2) * nx + index
        return _average_groups(key, y, 2 * n_curves * nx).reshape(2, n_curves, nx)
    out = np.full((2, n_curves, nx), np.nan)
    order = np.argsort(group, kind="stable")
    starts = np.flatnonzero(np.diff(group[order], prepend=-1))
    for rows in np.split(order, starts[1:]):
        curve, down = divmod(int(group[rows[0]]), 2)
        xs, inverse = np.unique(x[rows], return_inverse=True)
        ys = _average_groups(inverse, y[rows], xs.size)
        out[down, curve] = np.interp(grid_x, xs, ys, left=np.nan, right=np.nan)
    return out


def _hysteresis(arrays: Mapping[str, np.ndarray], rtol: float) -> bool:
    """Whether up and down sweeps differ by more than ``rtol`` of the largest value."""
    for arr in arrays.values():
        both = ~np.isnan(arr[0]) & ~np.isnan(arr[1])
        if not np.any(both):
            continue
        scale = np.max(np.abs(arr[:, both]))
        if np.max(np.abs(arr[0][both] - arr[1][both])) > rtol * scale:
            return True
    return False
