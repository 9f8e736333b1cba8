"""Resistive peaks between two superconducting intervals of a field sweep (re-entrance).

In the paper (Fig. 2c, d) a resistive peak appears near B = 0.9 T at temperatures above
T_c^min: R_xx rises from zero, peaks, and falls back to zero before the sample turns normal at
higher field.  For one R(B) sweep, a peak is a local maximum of R whose two bases (the lowest
points between it and higher ground on either side, as in :func:`scipy.signal.find_peaks`) are
both superconducting, R <= ``sc_fraction`` x R_N, and whose prominence is at least
``min_prominence`` x R_N.  Its

- position and height R_peak are the vertex of the parabola through the maximum and its two
  neighbours;
- amplitude is the prominence, R_peak minus the higher of the two bases (Ohm);
- width is the full width at half prominence, interpolated linearly (T).

R_N is the resistance at the sweep's highest field unless given.  Tracked over temperature and
gate voltage, the amplitude of the most prominent peak per sweep is the paper's Fig. 2d; a sweep
without a peak has amplitude 0 and NaN position and width.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from reentrant.analysis.curves import check_fraction, map_curves, positive_branch
from reentrant.validate import positive


@dataclass(frozen=True)
class ResistivePeak:
    """One resistive peak of a field sweep (fields in T, resistances in Ohm)."""

    position: float
    amplitude: float
    relative_amplitude: float
    width: float
    left_base: float
    right_base: float


def _vertex(x: np.ndarray, y: np.ndarray, i: int) -> tuple[float, float]:
    """Vertex (x, y) of the parabola through points i-1, i, i+1 (the point itself at the ends,
    or where the three points are not concave)."""
    if i == 0 or i == x.size - 1:
        return float(x[i]), float(y[i])
    coeffs = np.polyfit(x[i - 1 : i + 2], y[i - 1 : i + 2], 2)
    if coeffs[0] >= 0:
        return float(x[i]), float(y[i])
    xv = float(np.clip(-coeffs[1] / (2 * coeffs[0]), x[i - 1], x[i + 1]))
    return xv, float(np.polyval(coeffs, xv))


def resistive_peaks(
    field: np.ndarray,
    resistance: np.ndarray,
    *,
    r_normal: float | None = None,
    sc_fraction: float = 0.1,
    min_prominence: float = 0.01,
) -> list[ResistivePeak]:
    """All resistive peaks flanked by superconducting intervals, most prominent first.

    Parameters
    ----------
    field, resistance
        One sweep (T, Ohm); NaN points are dropped, negative fields handled as in
        :func:`reentrant.analysis.curves.positive_branch`.
    r_normal
        Normal-state resistance (Ohm); by default R at the highest field.
    sc_fraction
        A base counts as superconducting when R <= sc_fraction x R_N.
    min_prominence
        Smallest prominence, as a fraction of R_N, that counts as a peak.
    """
    check_fraction("sc_fraction", sc_fraction)
    check_fraction("min_prominence", min_prominence)
    b, r = positive_branch(field, resistance)
    if b.size < 3:
        return []
    r_n = r[-1] if r_normal is None else positive("r_normal", r_normal)
    if not r_n > 0:
        return []
    from scipy.signal import find_peaks, peak_widths  # imported here: 1-2 s at start-up

    index, props = find_peaks(r, prominence=min_prominence * r_n)
    if index.size == 0:
        return []
    widths = peak_widths(
        r,
        index,
        rel_height=0.5,
        prominence_data=(props["prominences"], props["left_bases"], props["right_bases"]),
    )
    samples = np.arange(b.size)
    peaks = []
    for k, i in enumerate(index):
        lb, rb = props["left_bases"][k], props["right_bases"][k]
        if r[lb] > sc_fraction * r_n or r[rb] > sc_fraction * r_n:
            continue
        left, right = np.interp([widths[2][k], widths[3][k]], samples, b)
        position, height = _vertex(b, r, int(i))
        amplitude = height - max(r[lb], r[rb])
        peaks.append(
            ResistivePeak(
                position=position,
                amplitude=float(amplitude),
                relative_amplitude=float(amplitude / r_n),
                width=float(right - left),
                left_base=float(b[lb]),
                right_base=float(b[rb]),
            )
        )
    return sorted(peaks, key=lambda p: -p.amplitude)


def track_peaks(
    resistance: xr.DataArray,
    *,
    dim: str = "field",
    r_normal: xr.DataArray | float | None = None,
    sc_fraction: float = 0.1,
    min_prominence: float = 0.01,
) -> xr.Dataset:
    """The most prominent resistive peak of every sweep, over temperature, gate voltage, ...

    Returns
    -------
    xarray.Dataset
        ``peak_position`` (T), ``peak_amplitude`` (Ohm), ``peak_relative_amplitude`` (1) and
        ``peak_width`` (T) over the other dimensions of ``resistance``; amplitude 0 and NaN
        position and width where a sweep has no peak.
    """
    extra = {} if r_normal is None else {"r_normal": r_normal}

    def rule(b: np.ndarray, r: np.ndarray, ex: dict[str, float]) -> dict[str, float]:
        found = resistive_peaks(
            b,
            r,
            r_normal=ex.get("r_normal"),
            sc_fraction=sc_fraction,
            min_prominence=min_prominence,
        )
        if not found:
            return {
                "peak_position": np.nan,
                "peak_amplitude": 0.0,
                "peak_relative_amplitude": 0.0,
                "peak_width": np.nan,
            }
        p = found[0]
        return {
            "peak_position": p.position,
            "peak_amplitude": p.amplitude,
            "peak_relative_amplitude": p.relative_amplitude,
            "peak_width": p.width,
        }

    return map_curves(
        resistance,
        dim,
        rule,
        {
            "peak_position": {"units": "T", "long_name": "resistive peak position"},
            "peak_amplitude": {"units": "Ohm", "long_name": "resistive peak amplitude"},
            "peak_relative_amplitude": {"units": "1", "long_name": "peak amplitude / R_N"},
            "peak_width": {"units": "T", "long_name": "peak full width at half prominence"},
        },
        extra,
    )
