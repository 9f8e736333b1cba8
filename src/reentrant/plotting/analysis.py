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

from reentrant.analysis.curves import CROSSING_FLAGS
from reentrant.errors import ParameterError
from reentrant.io.columns import CANONICAL
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


def _units(da: xr.DataArray) -> str:
    """The ``units`` attribute, or the canonical unit of a canonical quantity without one."""
    return da.attrs.get("units") or CANONICAL.get(str(da.name), ("",))[0]


def _label(da: xr.DataArray) -> str:
    name = da.attrs.get("long_name", da.name or "")
    units = _units(da)
    return f"{name} ({units})" if units else str(name)


def _coordinate_text(da: xr.DataArray, dim: str, value: object) -> str:
    """``'V_BG = 50 V'``: a coordinate value with its symbol and unit."""
    units = _units(da[dim]) if dim in da.coords else ""
    shown = f"{value:.4g}" if isinstance(value, float | int | np.number) else str(value)
    return f"{_SYMBOLS.get(dim, dim)} = {shown}{' ' + units if units else ''}"


def _curves(
    da: xr.DataArray, x_dim: str, *companions: xr.DataArray | None
) -> tuple[list[tuple[str, dict[str, int]]], str]:
    """Legend text and index of at most :data:`MAX_CURVES` curves along ``x_dim``, and a note.

    Only curves with a finite value in ``da`` or in a companion (a bracket) are candidates;
    they are spread evenly over the candidates.  The note says how many are shown when not
    all.
    """
    if x_dim not in da.dims:
        raise ParameterError(f"{da.name} has no dimension {x_dim!r} to plot against")
    other = [d for d in da.dims if d != x_dim]
    shape = tuple(da.sizes[d] for d in other)
    finite = np.zeros(shape, dtype=bool)
    for arr in (da, *(c for c in companions if c is not None)):
        values = np.asarray(arr.transpose(*other, x_dim).values, dtype=float)
        finite |= np.isfinite(values).any(axis=-1)
    candidates = np.flatnonzero(finite.ravel())
    count = min(candidates.size, MAX_CURVES)
    picks = candidates[np.unique(np.linspace(0, candidates.size - 1, count).round().astype(int))]
    out = []
    for k in picks if candidates.size else []:
        index = dict(zip(other, np.unravel_index(k, shape), strict=True)) if shape else {}
        text = ", ".join(_coordinate_text(da, d, da[d].values[i].item()) for d, i in index.items())
        out.append((text, {d: int(i) for d, i in index.items()}))
    note = f"{len(out)} of {candidates.size} curves" if candidates.size > len(out) else ""
    return out, note


def _finish(ax: Axes, note: str = "") -> None:
    """Legend (beside the axes when long) when more than one artist is labelled; a note."""
    handles, labels = ax.get_legend_handles_labels()
    # the curves first, then the marks and lines explaining them
    order = sorted(range(len(labels)), key=lambda k: " = " not in labels[k])
    handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    if len(labels) > 4:
        ax.legend(handles, labels, fontsize="small", loc="upper left",
                  bbox_to_anchor=(1.02, 1.0), borderaxespad=0)  # fmt: skip
    elif len(labels) > 1:
        ax.legend(handles, labels, fontsize="small")
    if note:
        ax.set_title(note, fontsize="small")


def plot_extracted(
    values: xr.DataArray,
    x_dim: str,
    low: xr.DataArray | None = None,
    high: xr.DataArray | None = None,
    doubtful: xr.DataArray | None = None,
) -> Figure:
    """An extracted quantity (T_c, B_c, peak amplitude, density ...) against ``x_dim``.

    One line per combination of the other dimensions with data (at most
    :data:`MAX_CURVES`), named in the legend with units.  With ``low`` and ``high`` (the
    bracket of the value), error bars span the bracket, and where the value is NaN the
    bracket alone is drawn as a bar.  Values where ``doubtful`` is true (e.g. R_N not reached)
    are drawn as open circles.  The paper's Fig. 2d is
    ``plot_extracted(peaks.peak_amplitude, "gate_voltage")``.
    """
    curves, note = _curves(values, x_dim, low, high)
    fig, ax = plt.subplots(figsize=(6.5, 3.8), layout="constrained")
    x = values[x_dim].values
    symbol = _label(values).split(" (")[0]
    extra = {"bracket": False, "doubtful": False}
    for text, index in curves:
        y = np.asarray(values.isel(index).values, dtype=float)
        label = text or symbol
        if low is None or high is None:
            (line,) = ax.plot(x, y, "o-", ms=3, label=label)
        else:
            lo = np.asarray(low.isel(index).values, dtype=float)
            hi = np.asarray(high.isel(index).values, dtype=float)
            ok = np.isfinite(y)
            (line, *_) = ax.errorbar(
                x[ok], y[ok], yerr=[y[ok] - lo[ok], hi[ok] - y[ok]], fmt="o-", ms=3, capsize=2,
                label=label,
            )  # fmt: skip
            only = ~ok & np.isfinite(lo) & np.isfinite(hi)
            if np.any(only):
                ax.vlines(x[only], lo[only], hi[only], colors=line.get_color(), lw=4, alpha=0.35)
                extra["bracket"] = True
        if doubtful is not None:
            bad = np.asarray(doubtful.isel(index).values, dtype=bool) & np.isfinite(y)
            if np.any(bad):
                ax.plot(x[bad], y[bad], "o", ms=8, mfc="white", mec=line.get_color(), zorder=3)
                extra["doubtful"] = True
    # one legend entry each, in grey, for the marks of every curve
    if extra["bracket"]:
        ax.vlines([], [], [], colors="0.5", lw=4, alpha=0.35,
                  label="bracket only (too wide for a value)")  # fmt: skip
    if extra["doubtful"]:
        ax.plot([], [], "o", ms=8, mfc="white", mec="0.5", label="doubtful: R_N not reached")
    ax.set_xlabel(_label(values[x_dim]))
    ax.set_ylabel(_label(values))
    _finish(ax, note)
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
    curves, note = _curves(resistance, "temperature")
    fig, ax = plt.subplots(figsize=(6.5, 3.8), layout="constrained")
    criterion = transition.attrs.get("criterion", 0.5)
    t = resistance.temperature.values
    has_bracket = "tc_low" in transition
    labels = {"tc": "T_c", "bracket": "T_c bracket (measured T around it)"}
    for text, index in curves:
        cut = transition.isel(index)
        (line,) = ax.plot(t, (resistance.isel(index) / cut.r_normal).values, "-",
                          label=text or "R_xx / R_N")  # fmt: skip
        color = line.get_color()
        if np.isfinite(float(cut.tc)):
            ax.plot(float(cut.tc), criterion, "x", color=color, ms=7, label=labels.pop("tc", None))
        if has_bracket and np.isfinite(float(cut.tc_low)):
            ax.plot([float(cut.tc_low), float(cut.tc_high)], [criterion, criterion], "|-",
                    color=color, lw=2, alpha=0.5, ms=10,
                    label=labels.pop("bracket", None))  # fmt: skip
    ax.axhline(criterion, color="0.5", lw=0.8, ls="--", label=f"{criterion:.0%} of R_N")
    ax.set_xlabel(_label(resistance.temperature))
    ax.set_ylabel("R_xx / R_N (1)")
    _finish(ax, note)
    return fig


def plot_field_sweeps(resistance: xr.DataArray, critical: xr.Dataset | None = None) -> Figure:
    """R_xx against field for each sweep (at most :data:`MAX_CURVES`), with B_c marks."""
    curves, note = _curves(resistance, "field")
    fig, ax = plt.subplots(figsize=(6.5, 3.8), layout="constrained")
    b = resistance.field.values
    criterion = critical.attrs.get("criterion", 0.5) if critical is not None else 0.5
    mark = f"B_c ({criterion:.0%} of R_N)"
    for text, index in curves:
        r = resistance.isel(index).values
        (line,) = ax.plot(b, r, "-", label=text or "R_xx")
        bc = float(critical.bc.isel(index)) if critical is not None else np.nan
        if np.isfinite(bc):
            ax.plot(bc, np.interp(bc, b, r), "x", color=line.get_color(), ms=7, label=mark)
            mark = None
    ax.set_xlabel(_label(resistance.field))
    ax.set_ylabel(f"R_xx ({_units(resistance) or 'Ohm'})")
    _finish(ax, note)
    return fig


def _x_dim(da: xr.DataArray, preferred: tuple[str, ...]) -> str | None:
    return next((d for d in preferred if d in da.dims), da.dims[0] if da.dims else None)


def analysis_figures(extracted: xr.Dataset, data: xr.Dataset) -> dict[str, Figure]:
    """Every figure the data and the extracted quantities allow, by file stem.

    ``transition`` (R/R_N vs T at the lowest field), ``field_sweeps`` (R_xx vs B, also for a
    single sweep) and one figure per extracted quantity of :data:`EXTRACTED_FIGURES` that
    varies over a dimension and has a finite value or bracket; T_c over more than the field
    is drawn at the lowest field (T_c(V_BG) of the paper's Fig. 1e).
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
        flags = extracted.get(f"{name}_flags")
        doubtful = (
            None if flags is None else (flags & CROSSING_FLAGS["normal_state_not_reached"]) > 0
        )
        if name == "tc" and "field" in da.dims and da.ndim > 1:  # T_c(V_BG ...) at B = 0
            lowest = {"field": int(np.argmin(np.abs(da.field.values)))}
            da, low, high, doubtful = (
                v.isel(lowest) if v is not None else None for v in (da, low, high, doubtful)
            )
        shown = [v for v in (da, low, high) if v is not None]
        if not any(np.any(np.isfinite(v.values)) for v in shown):
            continue
        figures[stem] = plot_extracted(da, _x_dim(da, preferred), low, high, doubtful)
    return figures


def save_figure(fig: Figure, path: str | Path, dpi: int = 120, *, force: bool = False) -> Path:
    """Save a figure through :func:`reentrant.io.output.save_figure` and close it."""
    try:
        return _save(fig, path, force=force, dpi=dpi)
    finally:
        plt.close(fig)
