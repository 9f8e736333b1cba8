r"""Re-entrance tools for any T_c(B) curve: minimum, normal intervals, re-entrant region, depth.

A curve is given as ``(field, tc)`` numpy arrays (T, K), as an :class:`xarray.DataArray` of
``tc`` over coordinate ``field``, or as a :class:`~reentrant.mechanisms.base.Mechanism`
evaluated on a field grid.  Following the paper's Discussion, re-entrance means that ``T_c(B)``
has an interior minimum ``T_c^min`` at ``B_min``: at a temperature ``T_c^min < T`` below the
superconducting maxima on both sides, a resistive field interval opens between two
superconducting ones.  The region of such ``(B, T)`` points is

.. math::

    T_c(B) < T < \min\Big(\max_{B' \le B} T_c(B'),\ \max_{B' \ge B} T_c(B')\Big).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.validate import finite, finite_array, non_negative

Curve = xr.DataArray | ArrayLike


@dataclass(frozen=True)
class TcMinimum:
    """Interior minimum of a ``T_c(B)`` curve; ``found`` is False (and values NaN) if none."""

    tc_min: float
    field_min: float
    found: bool


def as_curve(
    field: Curve, tc: ArrayLike | Mechanism | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(field, tc)`` as float arrays sorted by field.

    Parameters
    ----------
    field
        Field values in T, or a DataArray of ``tc`` (K) over coordinate ``field`` (then ``tc``
        must be None).
    tc
        ``T_c`` values in K (same length as ``field``), or a mechanism evaluated on ``field``.

    Raises
    ------
    ParameterError
        On mismatched lengths, fewer than 3 points, NaN, repeated fields or negative ``T_c``.
    """
    if isinstance(field, xr.DataArray):
        if tc is not None:
            raise ParameterError("tc must be omitted when field is a DataArray of tc")
        if "field" not in field.coords or field.ndim != 1:
            raise ParameterError("tc DataArray must be one-dimensional over coordinate 'field'")
        b = finite_array("field", field["field"].values)
        values = finite_array("tc", field.values)
    else:
        b = finite_array("field", field)
        if tc is None:
            raise ParameterError("tc is required with a field array")
        values = tc.tc(b) if isinstance(tc, Mechanism) else finite_array("tc", tc)
    if b.ndim != 1 or values.shape != b.shape:
        raise ParameterError(
            f"field and tc must be 1-D of equal length, got {b.shape}, {values.shape}"
        )
    if b.size < 3:
        raise ParameterError(f"a T_c(B) curve needs at least 3 points, got {b.size}")
    if np.any(values < 0):
        raise ParameterError("tc must be non-negative (0 marks no superconductivity)")
    order = np.argsort(b, kind="stable")
    b, values = b[order], values[order]
    if np.any(np.diff(b) == 0):
        raise ParameterError("field values must be distinct")
    return b, values


def _envelope(tc: np.ndarray) -> np.ndarray:
    """``min(running max from the left, running max from the right)`` of ``tc``."""
    left = np.maximum.accumulate(tc)
    right = np.maximum.accumulate(tc[::-1])[::-1]
    return np.minimum(left, right)


def tc_minimum(field: Curve, tc: ArrayLike | Mechanism | None = None) -> TcMinimum:
    """Interior minimum ``(T_c^min, B_min)`` of a ``T_c(B)`` curve.

    A point qualifies when ``T_c`` is strictly higher somewhere at lower *and* somewhere at
    higher field (a decrease before it and an increase after it); the lowest qualifying point is
    the minimum.  For an isolated sampled minimum the vertex of the parabola through it and its
    two neighbours refines ``(B_min, T_c^min)`` (exact for a locally quadratic curve); on a flat
    bottom (e.g. a ``T_c = 0`` gap) the centre of the flat run is returned.  A monotonic curve
    gives ``found=False`` with NaN values.

    Returns
    -------
    TcMinimum
        ``tc_min`` in K, ``field_min`` in T, ``found``.
    """
    b, values = as_curve(field, tc)
    interior = values < _envelope(values)
    if not interior.any():
        return TcMinimum(float("nan"), float("nan"), False)
    lowest = values[interior].min()
    run = np.flatnonzero(interior & (values == lowest))
    i0, i1 = run[0], run[0]
    while i1 + 1 < values.size and values[i1 + 1] == lowest:
        i1 += 1
    if i1 > i0:
        return TcMinimum(float(lowest), float(0.5 * (b[i0] + b[i1])), True)
    x, y = b[i0 - 1 : i0 + 2], values[i0 - 1 : i0 + 2]
    a2, a1, a0 = np.polyfit(x - x[1], y, 2)
    if a2 <= 0:
        return TcMinimum(float(lowest), float(b[i0]), True)
    shift = float(np.clip(-a1 / (2 * a2), x[0] - x[1], x[2] - x[1]))
    return TcMinimum(float(a0 + a1 * shift + a2 * shift**2), float(x[1] + shift), True)


def _crossing(b0: float, b1: float, t0: float, t1: float, level: float) -> float:
    """Field where the straight line through ``(b0, t0)``, ``(b1, t1)`` reaches ``level``."""
    return b0 + (level - t0) * (b1 - b0) / (t1 - t0)


def normal_intervals(
    field: Curve, tc: ArrayLike | Mechanism | None = None, *, temperature: float
) -> list[tuple[float, float]]:
    """Field intervals that are normal at ``temperature`` between two superconducting intervals.

    A sample is superconducting when ``T_c(B) > T``.  Each run of normal samples with a
    superconducting sample on both sides is one interval; its ends are the crossings of
    ``T_c(B) = T`` found by linear interpolation between neighbouring samples.

    Parameters
    ----------
    field, tc
        The curve (see :func:`as_curve`).
    temperature
        Temperature ``T`` in K (>= 0).

    Returns
    -------
    list of (float, float)
        ``(B_start, B_end)`` in T, in increasing field; empty when ``T < T_c^min`` or the
        curve is not re-entrant.
    """
    level = non_negative("temperature", temperature)
    b, values = as_curve(field, tc)
    sc = values > level
    intervals = []
    i = 0
    while i < b.size:
        if sc[i]:
            i += 1
            continue
        j = i
        while j + 1 < b.size and not sc[j + 1]:
            j += 1
        if i > 0 and j + 1 < b.size:
            start = _crossing(b[i - 1], b[i], values[i - 1], values[i], level)
            end = _crossing(b[j], b[j + 1], values[j], values[j + 1], level)
            intervals.append((float(start), float(end)))
        i = j + 1
    return intervals


def reentrant_region(
    field: Curve,
    tc: ArrayLike | Mechanism | None = None,
    *,
    temperature: ArrayLike | None = None,
) -> xr.Dataset:
    """The re-entrant region of the ``(B, T)`` plane, for plotting and analysis.

    Returns
    -------
    xarray.Dataset
        Over coordinate ``field`` (T): ``lower`` = ``T_c(B)`` and ``upper`` =
        ``max(T_c, min(left max, right max))`` (K), so the region is ``lower < T < upper``
        (``fill_between(field, lower, upper)``).  If ``temperature`` (K) is given, also a
        boolean ``mask`` over ``(temperature, field)``: True where the point is normal but
        has superconductivity at both lower and higher field.
    """
    b, values = as_curve(field, tc)
    upper = np.maximum(values, _envelope(values))
    coords = {"field": ("field", b, {"units": "T", "long_name": "in-plane field"})}
    ds = xr.Dataset(
        {
            "lower": ("field", values, {"units": "K", "long_name": "T_c(B)"}),
            "upper": ("field", upper, {"units": "K", "long_name": "top of re-entrant region"}),
        },
        coords=coords,
        attrs={"description": "re-entrant region: lower < T < upper"},
    )
    if temperature is not None:
        temps = finite_array("temperature", temperature)
        if temps.ndim != 1:
            raise ParameterError("temperature must be a 1-D grid")
        mask = (values[None, :] <= temps[:, None]) & (temps[:, None] < upper[None, :])
        ds = ds.assign_coords(temperature=("temperature", temps, {"units": "K"}))
        ds["mask"] = (("temperature", "field"), mask, {"long_name": "re-entrant (normal) point"})
    return ds


def reentrance_depth(field: Curve, tc: ArrayLike | Mechanism | None = None) -> float:
    """Relative depth ``(T_c(0) - T_c^min) / T_c(0)`` of the re-entrant minimum.

    ``T_c(0)`` is the value at the lowest sampled field (linearly interpolated at ``B = 0`` when
    the samples straddle zero).  A curve without an interior minimum has depth 0.

    Raises
    ------
    ParameterError
        If ``T_c(0)`` is not positive.
    """
    b, values = as_curve(field, tc)
    tc0 = float(np.interp(0.0, b, values)) if b[0] <= 0 <= b[-1] else float(values[0])
    finite("T_c(0)", tc0)
    if tc0 <= 0:
        raise ParameterError("the curve has T_c(0) = 0; the re-entrance depth is undefined")
    minimum = tc_minimum(b, values)
    return (tc0 - minimum.tc_min) / tc0 if minimum.found else 0.0
