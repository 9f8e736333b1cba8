"""Figures of the virtual device, analogues of the paper's Figs. 1c, 1d, 1e, 2b, 2c and 2d.

Every function takes the :class:`xarray.Dataset` of
:meth:`reentrant.device.simulate.VirtualDevice.simulate` (or measured data with the same
canonical names), draws on ``ax`` (a new figure when omitted) and returns the figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from reentrant.errors import ParameterError

#: Sheet densities are converted from nm^-2 to 10^13 cm^-2 for display.
_E13_CM2_PER_NM2 = 10.0


def _axes(ax: Axes | None) -> tuple[Figure, Axes]:
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
        return fig, ax
    return ax.figure, ax


def _nearest(ds: xr.Dataset, **coords: float) -> xr.Dataset:
    for name in coords:
        if name not in ds.dims:
            raise ParameterError(f"dataset has no {name} coordinate")
    return ds.sel(coords, method="nearest")


def plot_resistance_vs_gate(
    ds: xr.Dataset, temperature: float | None = None, field: float = 0.0, ax: Axes | None = None
) -> Figure:
    """Fig. 1c: R_xx vs V_BG of every channel at one temperature (default: the highest)."""
    fig, ax = _axes(ax)
    t = float(ds.temperature.max()) if temperature is None else temperature
    cut = _nearest(ds, temperature=t, field=field)
    for channel in cut.channel.values:
        r = cut.r_xx.sel(channel=channel)
        ax.plot(cut.gate_voltage, r / 1e3, label=f"[{channel}]")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel=r"$R_{xx}$ (k$\Omega$)")
    ax.set_title(f"T = {float(cut.temperature):g} K, B = {float(cut.field):g} T")
    ax.legend()
    return fig


def _crossing(x: np.ndarray, y: np.ndarray, level: float) -> float:
    """Lowest x where y rises through ``level`` (linear interpolation); NaN if never."""
    above = np.nonzero(y >= level)[0]
    if above.size == 0 or above[0] == 0:
        return float("nan")
    i = above[0]
    return float(x[i - 1] + (level - y[i - 1]) * (x[i] - x[i - 1]) / (y[i] - y[i - 1]))


def plot_normalized_transition(
    ds: xr.Dataset,
    gate_voltages: list[float],
    channel: str = "001",
    field: float = 0.0,
    reference_temperature: float = 0.9,
    ax: Axes | None = None,
) -> Figure:
    """Fig. 1d: R_xx / R_xx(0.9 K) vs T at several V_BG, T_c marked at the 50 % criterion."""
    fig, ax = _axes(ax)
    cut = _nearest(ds, field=field).r_xx.sel(channel=channel)
    t = cut.temperature.values
    for v in gate_voltages:
        r = cut.sel(gate_voltage=v, method="nearest")
        norm = r / r.sel(temperature=reference_temperature, method="nearest")
        (line,) = ax.plot(t, norm, marker=".", label=f"{float(r.gate_voltage):+g} V")
        tc = _crossing(t, norm.values, 0.5)
        if np.isfinite(tc):
            ax.plot([tc], [0.5], "o", mfc="none", color=line.get_color())
    ax.axhline(0.5, color="0.6", lw=0.8, ls="--")
    ax.set(xlabel="T (K)", ylabel=f"$R_{{xx}}/R_{{xx}}$({reference_temperature:g} K)")
    ax.legend(title="$V_{BG}$")
    return fig


def plot_tc_and_density(ds: xr.Dataset, field: float = 0.0, ax: Axes | None = None) -> Figure:
    """Fig. 1e: input T_c(V_BG) (left axis) and sheet density n(V_BG) (right axis)."""
    fig, ax = _axes(ax)
    tc = _nearest(ds, field=field).tc
    ax.plot(ds.gate_voltage, tc, "o-", color="C3")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel="$T_c$ (K)")
    right = ax.twinx()
    right.plot(ds.gate_voltage, ds.density * _E13_CM2_PER_NM2, "s-", color="C0")
    right.set_ylabel(r"$n$ ($10^{13}$ cm$^{-2}$)")
    return fig


def plot_resistance_map(
    ds: xr.Dataset, temperature: float, channel: str = "001", ax: Axes | None = None
) -> Figure:
    """Fig. 2b: R_xx on a log colour scale over (V_BG, B) at one temperature.

    Values at or below the smallest positive resistance (zero, or negative noise) are shown
    at that floor, since a log scale has no zero.
    """
    fig, ax = _axes(ax)
    cut = _nearest(ds, temperature=temperature).r_xx.sel(channel=channel)
    r = cut.transpose("field", "gate_voltage").values
    positive = r[r > 0]
    floor = positive.min() if positive.size else 1.0
    mesh = ax.pcolormesh(
        cut.gate_voltage,
        cut.field,
        np.maximum(r, floor),
        norm=LogNorm(vmin=floor, vmax=max(floor * 10, float(np.max(r)))),
        shading="nearest",
    )
    fig.colorbar(mesh, ax=ax, label=r"$R_{xx}$ ($\Omega$)")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel="B (T)")
    ax.set_title(f"T = {1e3 * float(cut.temperature):.0f} mK")
    return fig


def plot_magnetoresistance(
    ds: xr.Dataset, gate_voltage: float = 50.0, channel: str = "001", ax: Axes | None = None
) -> Figure:
    """Fig. 2c: R_xx(B) at one V_BG for every temperature of the dataset."""
    fig, ax = _axes(ax)
    cut = _nearest(ds, gate_voltage=gate_voltage).r_xx.sel(channel=channel)
    for t in cut.temperature.values:
        ax.plot(cut.field, cut.sel(temperature=t), label=f"{1e3 * t:.0f} mK")
    ax.set(xlabel="B (T)", ylabel=r"$R_{xx}$ ($\Omega$)")
    ax.set_title(f"$V_{{BG}}$ = {float(cut.gate_voltage):+g} V")
    ax.legend()
    return fig


def peak_amplitude(
    r: np.ndarray, field: np.ndarray, window: tuple[float, float], min_prominence: float = 0.0
) -> float:
    """Largest prominence (Ohm) of a local maximum of R(B) with B inside ``window``; 0 if none.

    The prominence is the height of the peak above the higher of the two minima that separate
    it from higher ground (``scipy.signal.peak_prominences``); peaks less prominent than
    ``min_prominence`` (Ohm), e.g. noise, are ignored.
    """
    from scipy.signal import find_peaks, peak_prominences  # imported here: 1-2 s at start-up

    peaks, _ = find_peaks(r)
    peaks = peaks[(field[peaks] >= window[0]) & (field[peaks] <= window[1])]
    if peaks.size == 0:
        return 0.0
    best = float(peak_prominences(r, peaks)[0].max())
    return best if best >= min_prominence else 0.0


def plot_peak_amplitude(
    ds: xr.Dataset,
    window: tuple[float, float] = (0.3, 2.0),
    channel: str = "001",
    relative_threshold: float = 0.02,
    ax: Axes | None = None,
) -> Figure:
    """Fig. 2d: amplitude of the resistive peak in ``window`` (T) vs V_BG, one line per T.

    Peaks less prominent than ``relative_threshold`` times the largest R_xx of their sweep are
    counted as noise (amplitude 0).
    """
    fig, ax = _axes(ax)
    r_xx = ds.r_xx.sel(channel=channel).transpose("temperature", "gate_voltage", "field")
    field = ds.field.values
    for i, t in enumerate(ds.temperature.values):
        amp = [
            peak_amplitude(r, field, window, relative_threshold * float(np.max(r)))
            for r in r_xx.values[i]
        ]
        ax.plot(ds.gate_voltage, amp, "o-", label=f"{1e3 * t:.0f} mK")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel=r"peak amplitude ($\Omega$)")
    ax.legend()
    return fig
