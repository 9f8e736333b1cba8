"""Figures of quantities extracted from measured data (T_c, B_c, resistive peaks, Hall)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from reentrant.errors import ParameterError
from reentrant.io.atomic import atomic_path


def _label(da: xr.DataArray) -> str:
    name = da.attrs.get("long_name", da.name or "")
    units = da.attrs.get("units")
    return f"{name} ({units})" if units else str(name)


def _lines(ax, da: xr.DataArray, x_dim: str, marker: str = "o-", max_lines: int = 24) -> None:
    """One line per combination of the other dimensions of ``da`` (at most ``max_lines``,
    evenly spread over the combinations)."""
    if x_dim not in da.dims:
        raise ParameterError(f"{da.name} has no dimension {x_dim!r} to plot against")
    other = [d for d in da.dims if d != x_dim]
    shape = tuple(da.sizes[d] for d in other)
    curves = da.transpose(*other, x_dim).values.reshape(-1, da.sizes[x_dim])
    x = da[x_dim].values
    picks = np.unique(np.linspace(0, curves.shape[0] - 1, min(curves.shape[0], max_lines)))
    coords = [da[d].values for d in other]
    for k in picks.round().astype(int):
        index = np.unravel_index(k, shape) if shape else ()
        label = ", ".join(
            f"{d}={c[i]:.4g}" if np.issubdtype(c.dtype, np.number) else f"{d}={c[i]}"
            for d, c, i in zip(other, coords, index, strict=True)
        )
        ax.plot(x, curves[k], marker, ms=3, label=label or None)
    ax.set_xlabel(_label(da[x_dim]))
    ax.set_ylabel(_label(da))
    if other and len(ax.lines) <= 12:
        ax.legend(fontsize="small")


def plot_transitions(resistance: xr.DataArray, transition: xr.Dataset) -> Figure:
    """R / R_N against temperature (at most 24 curves), with the criterion line and T_c marks.

    Parameters
    ----------
    resistance
        R_xx over ``temperature`` and other dimensions (Ohm).
    transition
        Output of :func:`reentrant.analysis.transition.extract_transition`.
    """
    fig, ax = plt.subplots(figsize=(5, 3.5))
    norm = (resistance / transition.r_normal).assign_attrs(long_name="R / R_N", units="")
    _lines(ax, norm, "temperature", marker="-")
    criterion = transition.attrs.get("criterion", 0.5)
    ax.axhline(criterion, color="0.5", lw=0.8, ls="--")
    tc = transition.tc.values.ravel()
    ax.plot(tc, np.full(tc.size, criterion), "kx")
    ax.set_ylabel("R / R_N")
    fig.tight_layout()
    return fig


def plot_extracted(values: xr.DataArray, x_dim: str) -> Figure:
    """An extracted quantity (T_c, B_c, peak amplitude, density ...) against ``x_dim``.

    The paper's Fig. 2d is ``plot_extracted(peaks.peak_amplitude, "gate_voltage")``: one line
    per temperature.
    """
    fig, ax = plt.subplots(figsize=(5, 3.5))
    _lines(ax, values, x_dim)
    fig.tight_layout()
    return fig


def save_figure(fig: Figure, path: str | Path, dpi: int = 120) -> Path:
    """Save a figure whole or not at all (temporary file, then :func:`os.replace`) and close it."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=dpi)
    finally:
        plt.close(fig)
    return path
