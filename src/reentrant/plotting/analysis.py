"""Figures of measured data and of the quantities extracted from them (T_c, B_c, peaks, Hall).

Every curve is named in a legend with its coordinates and units (``V_BG = 50 V``,
``T = 0.3 K``); every axis states its unit.  Values known only as a bracket (T_c, B_c, B_P
between two widely spaced measured points) are drawn as the bracket: an error bar spanning
the measured points around the crossing, or, where the value itself is NaN, the bare bar.
:func:`analysis_figures` draws every figure the data allow, by file stem.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from reentrant.errors import ParameterError
from reentrant.io.output import save_figure as _save

#: Most curves drawn in one figure (evenly spread over the others), all in the legend.
MAX_CURVES = 10

#: Symbols of the canonical coordinates in legends.
_SYMBOLS = {
    "temperature": "T",
    "field": "B",
    "gate_voltage": "V_BG",
    "channel": "channel",
    "sweep_direction": "sweep",
}

#: Figure stem -> (extracted variable, preferred x dimensions) of :func:`analysis_figures`.
EXTRACTED_FIGURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tc": ("tc", ("gate_voltage", "field", "temperature")),
    "critical_field": ("bc", ("temperature", "gate_voltage", "field")),
    "peak_amplitude": ("peak_amplitude", ("gate_voltage", "temperature", "field")),
    "hall_density": ("density", ("gate_voltage", "temperature", "field")),
    "pauli_limit": ("b_pauli", ("gate_voltage", "field", "temperature")),
    "coherence_length": ("xi", ("gate_voltage", "field", "temperature")),
}

#: Every figure :func:`analysis_figures` may draw, by file stem.
FIGURE_STEMS: tuple[str, ...] = ("transition", "field_sweeps", *EXTRACTED_FIGURES)


def _label(da: xr.DataArray) -> str:
    name = da.attrs.get("long_name", da.name or "")
    units = da.attrs.get("units")
    return f"{name} ({units})" if units else str(name)


def _coordinate_text(da: xr.DataArray, dim: str, value: object) -> str:
    """``'V_BG = 50 V'``: a coordinate value with its symbol and unit."""
    units = da[dim].attrs.get("units", "") if dim in da.coords else ""
    shown = f"{value:.4g}" if isinstance(value, float | int | np.number) else str(value)
    return f"{_SYMBOLS.get(dim, dim)} = {shown}{' ' + units if units else ''}"


def _curves(da: xr.DataArray, x_dim: str) -> list[tuple[str, dict[str, int]]]:
    """Legend text and index of at most :data:`MAX_CURVES` curves along ``x_dim``."""
    if x_dim not in da.dims:
        raise ParameterError(f"{da.name} has no dimension {x_dim!r} to plot against")
    other = [d for d in da.dims if d != x_dim]
    shape = tuple(da.sizes[d] for d in other)
    count = int(np.prod(shape)) if shape else 1
    picks = np.unique(np.linspace(0, count - 1, min(count, MAX_CURVES)).round().astype(int))
    out = []
    for k in picks:
        index = dict(zip(other, np.unravel_index(k, shape), strict=True)) if shape else {}
        text = ", ".join(_coordinate_text(da, d, da[d].values[i].item()) for d, i in index.items())
        out.append((text, {d: int(i) for d, i in index.items()}))
    return out


def _finish(ax: Axes, title_note: str = "") -> None:
    """Legend when more than one artist is labelled; note how many curves are shown."""
    handles, labels = ax.get_legend_handles_labels()
    if len(labels) > 1 or (labels and title_note):
        ax.legend(fontsize="small", ncols=2 if len(labels) > 6 else 1)
    if title_note:
        ax.set_title(title_note, fontsize="small")


def _count_note(da: xr.DataArray, x_dim: str) -> str:
    total = int(np.prod([da.sizes[d] for d in da.dims if d != x_dim]))
    return f"{min(total, MAX_CURVES)} of {total} curves" if total > MAX_CURVES else ""


def plot_extracted(
    values: xr.DataArray,
    x_dim: str,
    low: xr.DataArray | None = None,
    high: xr.DataArray | None = None,
) -> Figure:
    """An extracted quantity (T_c, B_c, peak amplitude, density ...) against ``x_dim``.

    One line per combination of the other dimensions (at most :data:`MAX_CURVES`), named in
    the legend with units.  With ``low`` and ``high`` (the bracket of the value), error bars
    span the bracket, and where the value is NaN the bracket alone is drawn as a bar.  The
    paper's Fig. 2d is ``plot_extracted(peaks.peak_amplitude, "gate_voltage")``.
    """
    curves = _curves(values, x_dim)
    fig, ax = plt.subplots(figsize=(5.5, 3.8), layout="constrained")
    x = values[x_dim].values
    symbol = _label(values).split(" (")[0]
    bracket_shown = False
    for text, index in curves:
        y = np.asarray(values.isel(index).values, dtype=float)
        label = text or symbol
        if low is None or high is None:
            ax.plot(x, y, "o-", ms=3, label=label)
            continue
        lo = np.asarray(low.isel(index).values, dtype=float)
        hi = np.asarray(high.isel(index).values, dtype=float)
        ok = np.isfinite(y)
        line = ax.errorbar(
            x[ok], y[ok], yerr=[y[ok] - lo[ok], hi[ok] - y[ok]], fmt="o-", ms=3, capsize=2,
            label=label,
        )  # fmt: skip
        only = ~ok & np.isfinite(lo) & np.isfinite(hi)
        if np.any(only):
            ax.vlines(
                x[only], lo[only], hi[only], colors=line[0].get_color(), lw=4, alpha=0.35,
                label=None if bracket_shown else "bracket only (too wide for a value)",
            )  # fmt: skip
            bracket_shown = True
    ax.set_xlabel(_label(values[x_dim]))
    ax.set_ylabel(_label(values))
    _finish(ax, _count_note(values, x_dim))
    return fig


def plot_transitions(resistance: xr.DataArray, transition: xr.Dataset) -> Figure:
    """R / R_N against temperature, with the criterion line, T_c marks and T_c brackets.

    Parameters
    ----------
    resistance
        R_xx over ``temperature`` and other dimensions (Ohm).
    transition
        Output of :func:`reentrant.analysis.transition.extract_transition`.
    """
    fig, ax = plt.subplots(figsize=(5.5, 3.8), layout="constrained")
    norm = resistance / transition.r_normal
    t = resistance.temperature.values
    for text, index in _curves(resistance, "temperature"):
        ax.plot(t, norm.isel(index).values, "-", label=text or "R_xx / R_N")
    criterion = transition.attrs.get("criterion", 0.5)
    ax.axhline(criterion, color="0.5", lw=0.8, ls="--", label=f"{criterion:.0%} of R_N")
    tc = transition.tc.values.ravel()
    ax.plot(tc, np.full(tc.size, criterion), "kx", label="T_c")
    if "tc_low" in transition:
        lo, hi = transition.tc_low.values.ravel(), transition.tc_high.values.ravel()
        ok = np.isfinite(lo) & np.isfinite(hi)
        ax.hlines(np.full(ok.sum(), criterion), lo[ok], hi[ok], colors="k", lw=3, alpha=0.35,
                  label="T_c bracket (measured T around it)")  # fmt: skip
    ax.set_xlabel(_label(resistance.temperature))
    ax.set_ylabel("R_xx / R_N (1)")
    _finish(ax, _count_note(resistance, "temperature"))
    return fig


def plot_field_sweeps(resistance: xr.DataArray, critical: xr.Dataset | None = None) -> Figure:
    """R_xx against field for each sweep (at most :data:`MAX_CURVES`), with B_c marks."""
    fig, ax = plt.subplots(figsize=(5.5, 3.8), layout="constrained")
    b = resistance.field.values
    for text, index in _curves(resistance, "field"):
        ax.plot(b, resistance.isel(index).values, "-", label=text or "R_xx")
    if critical is not None and "bc" in critical:
        bc = np.atleast_1d(critical.bc.values.ravel())
        criterion = critical.attrs.get("criterion", 0.5)
        r_at = np.full(bc.size, np.nan)
        flat = resistance.transpose(*critical.bc.dims, "field").values.reshape(bc.size, -1)
        for k in np.flatnonzero(np.isfinite(bc)):
            r_at[k] = np.interp(bc[k], b, flat[k])
        ax.plot(bc, r_at, "kx", label=f"B_c ({criterion:.0%} of R_N)")
    ax.set_xlabel(_label(resistance.field))
    ax.set_ylabel(_label(resistance.assign_attrs(long_name="R_xx")))
    _finish(ax, _count_note(resistance, "field"))
    return fig


def _x_dim(da: xr.DataArray, preferred: tuple[str, ...]) -> str | None:
    return next((d for d in preferred if d in da.dims), da.dims[0] if da.dims else None)


def analysis_figures(extracted: xr.Dataset, data: xr.Dataset) -> dict[str, Figure]:
    """Every figure the data and the extracted quantities allow, by file stem.

    ``transition`` (R/R_N vs T at the lowest field), ``field_sweeps`` (R_xx vs B, also for a
    single sweep) and one figure per extracted quantity of :data:`EXTRACTED_FIGURES` that
    varies over a dimension and has a finite value or bracket.
    """
    figures: dict[str, Figure] = {}
    r_xx = data.get("r_xx")
    if "tc" in extracted and r_xx is not None and "temperature" in r_xx.dims:
        names = [n for n in ("tc", "tc_low", "tc_high", "r_normal") if n in extracted]
        transition = extracted[names].assign_attrs(criterion=extracted.attrs["criterion"])
        curves = r_xx
        if "field" in r_xx.dims:  # the zero-field transitions
            nearest = {"field": int(np.argmin(np.abs(r_xx.field.values)))}
            curves, transition = r_xx.isel(nearest), transition.isel(nearest)
        figures["transition"] = plot_transitions(curves, transition)
    if r_xx is not None and "field" in r_xx.dims and r_xx.sizes["field"] > 2:
        critical = extracted[["bc"]].assign_attrs(extracted.attrs) if "bc" in extracted else None
        figures["field_sweeps"] = plot_field_sweeps(r_xx, critical)
    for stem, (name, preferred) in EXTRACTED_FIGURES.items():
        if name not in extracted or extracted[name].ndim == 0:
            continue
        da = extracted[name]
        low, high = extracted.get(f"{name}_low"), extracted.get(f"{name}_high")
        shown = [v for v in (da, low, high) if v is not None]
        if not any(np.any(np.isfinite(v.values)) for v in shown):
            continue
        figures[stem] = plot_extracted(da, _x_dim(da, preferred), low, high)
    return figures


def save_figure(fig: Figure, path: str | Path, dpi: int = 120, *, force: bool = False) -> Path:
    """Save a figure through :func:`reentrant.io.output.save_figure` and close it."""
    try:
        return _save(fig, path, force=force, dpi=dpi)
    finally:
        plt.close(fig)
