"""Figures of the virtual device, analogues of the paper's Figs. 1c, 1d, 1e, 2b, 2c and 2d.

Every function draws what it is given -- the :class:`xarray.Dataset` of
:meth:`reentrant.device.simulate.VirtualDevice.simulate` (or measured data with the same
canonical names) and, for T_c and the resistive peaks, what the analysis code extracted from
it (:func:`reentrant.report.device_analysis.analyse_device`) -- on ``ax`` (a new figure when
omitted) and returns the figure.  Legends sit beside the axes, never on the curves.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from reentrant.errors import ParameterError

#: Sheet densities are converted from nm^-2 to 10^13 cm^-2 for display.
_E13_CM2_PER_NM2 = 10.0
#: R_xx below this fraction of the largest R_N counts as zero on the colour scale of Fig. 2b.
ZERO_FRACTION = 1e-3
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def _axes(ax: Axes | None) -> tuple[Figure, Axes]:
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
        return fig, ax
    return ax.figure, ax


def _exact(ds: xr.Dataset | xr.DataArray, **coords: float) -> xr.Dataset | xr.DataArray:
    """``ds`` at exactly these coordinate values (within 1e-9), or an error naming them."""
    for name, value in coords.items():
        if name not in ds.dims:
            raise ParameterError(f"dataset has no {name} coordinate")
        if not np.any(np.isclose(ds[name].values, value, rtol=0, atol=1e-9)):
            raise ParameterError(f"the data have no {name} = {value:g}")
    return ds.sel(coords, method="nearest")


def outside_legend(ax: Axes, **kwargs: object) -> None:
    """A legend to the right of ``ax``, outside the data area."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, **kwargs)


def transition_field_limit(
    ds: xr.Dataset, temperature: float | None = None, channel: str = "001", margin: float = 1.5
) -> float:
    """Upper end (T) of a field axis that shows the transition rather than the normal state.

    ``margin`` times the highest field at which R_xx at ``temperature`` (default the lowest) is
    still below 90 % of R_N at any gate voltage, at least 0.5 T, at most the largest field of
    ``ds``.
    """
    t = float(ds.temperature.min()) if temperature is None else temperature
    r = _exact(ds, temperature=t).r_xx.sel(channel=channel)
    ratio = (r / ds.r_normal.sel(channel=channel)).transpose("field", "gate_voltage").values
    below = np.flatnonzero(np.any(ratio < 0.9, axis=1))
    top = float(ds.field.max())
    if below.size == 0:
        return top
    return float(min(top, max(0.5, margin * float(ds.field.values[below[-1]]))))


def plot_resistance_vs_gate(
    ds: xr.Dataset, temperature: float | None = None, field: float = 0.0, ax: Axes | None = None
) -> Figure:
    """Fig. 1c: R_xx vs V_BG of every channel at one temperature (default: the highest)."""
    fig, ax = _axes(ax)
    t = float(ds.temperature.max()) if temperature is None else temperature
    cut = _exact(ds, temperature=t, field=field)
    for channel in cut.channel.values:
        r = cut.r_xx.sel(channel=channel)
        ax.plot(cut.gate_voltage, r / 1e3, label=f"I along [{channel}]")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel=r"$R_{xx}$ (k$\Omega$)")
    ax.set_title(f"T = {float(cut.temperature):g} K, B = {float(cut.field):g} T", fontsize="medium")
    outside_legend(ax, fontsize="small")
    return fig


def plot_normalized_transition(
    ds: xr.Dataset,
    gate_voltages: Sequence[float],
    tc: xr.DataArray | None = None,
    channel: str = "001",
    field: float = 0.0,
    reference_temperature: float = 0.9,
    ax: Axes | None = None,
) -> Figure:
    """Fig. 1d: R_xx / R_xx(0.9 K) vs T at several V_BG; ``tc`` (K, over gate_voltage) marked.

    Each curve has its own marker and line style, so curves that coincide stay visible.
    """
    fig, ax = _axes(ax)
    cut = _exact(ds, field=field).r_xx.sel(channel=channel)
    t = cut.temperature.values
    styles = ("-", "--", "-.", ":")
    for k, v in enumerate(gate_voltages):
        r = _exact(cut, gate_voltage=v)
        norm = r / _exact(r, temperature=reference_temperature)
        (line,) = ax.plot(
            t, norm, marker=_MARKERS[k % len(_MARKERS)], ms=3.5, ls=styles[k % len(styles)],
            label=f"{float(r.gate_voltage):+g} V",
        )  # fmt: skip
        if tc is not None:
            at = float(_exact(tc, gate_voltage=v))
            if np.isfinite(at):
                ax.plot([at], [0.5], "o", ms=9, mfc="none", mew=1.5, color=line.get_color())
    ax.axhline(0.5, color="0.6", lw=0.8, ls="--")
    ax.set(xlabel="T (K)", ylabel=f"$R_{{xx}}/R_{{xx}}$({reference_temperature:g} K)")
    outside_legend(ax, title="$V_{BG}$", fontsize="small")
    return fig


def plot_tc_and_density(tc: xr.DataArray, density: xr.DataArray, ax: Axes | None = None) -> Figure:
    """Fig. 1e: T_c(V_BG) (K, left axis) and the sheet density n(V_BG) (nm^-2 in, right axis)."""
    fig, ax = _axes(ax)
    (t_line,) = ax.plot(tc.gate_voltage, tc, "o-", color="C3", ms=4, label="$T_c$ (50 % of $R_N$)")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel="$T_c$ (K)")
    right = ax.twinx()
    (n_line,) = right.plot(
        density.gate_voltage, density * _E13_CM2_PER_NM2, "s-", color="C0", ms=4,
        label="$n$ (gate electrostatics)",
    )  # fmt: skip
    right.set_ylabel(r"$n$ ($10^{13}$ cm$^{-2}$)")
    ax.legend(handles=[t_line, n_line], loc="upper center", bbox_to_anchor=(0.5, -0.22),
              ncols=2, fontsize="small")  # fmt: skip
    return fig


def plot_resistance_map(
    ds: xr.Dataset,
    temperature: float,
    channel: str = "001",
    field_max: float | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Fig. 2b: R_xx on a log colour scale over (V_BG, B) at one temperature.

    The scale runs from :data:`ZERO_FRACTION` x the largest R_N to the largest R_N of ``ds``
    (the same at every temperature); lower values (R_xx = 0, the superconducting state) are
    drawn white, marked in the legend, so that zero resistance is not confused with a low
    normal-state resistance.  A map that is white everywhere says so.
    """
    fig, ax = _axes(ax)
    cut = _exact(ds, temperature=temperature).r_xx.sel(channel=channel)
    r = cut.transpose("field", "gate_voltage").values
    top = float(ds.r_normal.sel(channel=channel).max())
    vmin = ZERO_FRACTION * top
    cmap = plt.get_cmap("viridis").with_extremes(under="white", bad="white")
    mesh = ax.pcolormesh(
        cut.gate_voltage, cut.field, r, cmap=cmap, shading="nearest",
        norm=LogNorm(vmin=vmin, vmax=max(top, float(np.max(r)))),
    )  # fmt: skip
    fig.colorbar(mesh, ax=ax, label=r"$R_{xx}$ ($\Omega$)", extend="min")
    ax.set(xlabel="$V_{BG}$ (V)", ylabel="in-plane B (T)")
    if field_max is not None:
        ax.set_ylim(0, field_max)
    shown = cut.field.values <= (np.inf if field_max is None else field_max)
    if not np.any(r[shown] >= vmin):
        ax.text(
            0.5, 0.5, f"superconducting everywhere\n(up to {float(cut.field[shown].max()):g} T)",
            transform=ax.transAxes, ha="center", va="center",
        )  # fmt: skip
    zero = Patch(
        facecolor="white",
        edgecolor="0.3",
        label=rf"$R_{{xx}} < 10^{{{np.log10(ZERO_FRACTION):.0f}}}\,R_N$",
    )
    ax.legend(handles=[zero], loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize="small",
              frameon=False)  # fmt: skip
    ax.set_title(f"T = {1e3 * float(cut.temperature):.0f} mK", loc="right", fontsize="medium")
    return fig


def plot_magnetoresistance(
    ds: xr.Dataset,
    gate_voltage: float,
    temperatures: Sequence[float],
    channel: str = "001",
    field_max: float | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Fig. 2c: R_xx(B) at one V_BG (exactly on the grid) for the given temperatures (K)."""
    fig, ax = _axes(ax)
    cut = _exact(ds, gate_voltage=gate_voltage).r_xx.sel(channel=channel)
    colours = plt.get_cmap("plasma")(np.linspace(0.0, 0.85, len(temperatures)))
    for t, colour in zip(temperatures, colours, strict=True):
        trace = _exact(cut, temperature=t)
        ax.plot(cut.field, trace, color=colour, label=f"{1e3 * float(trace.temperature):.0f} mK")
    ax.set(xlabel="in-plane B (T)", ylabel=r"$R_{xx}$ ($\Omega$)")
    if field_max is not None:
        ax.set_xlim(0, field_max)
    ax.set_title(f"$V_{{BG}}$ = {float(cut.gate_voltage):+g} V", loc="right", fontsize="medium")
    outside_legend(ax, title="T", fontsize="small")
    return fig


def plot_peak_amplitude(
    peaks: xr.Dataset, temperatures: Sequence[float], ax: Axes | None = None
) -> Figure:
    """Fig. 2d: amplitude of the resistive peak vs V_BG, one line per temperature (K).

    ``peaks`` holds ``peak_amplitude`` (Ohm) over (temperature, gate_voltage), as extracted by
    :func:`reentrant.analysis.peaks.track_peaks`.  Where no sweep at these temperatures has a
    peak, the panel says so instead of drawing lines at zero.
    """
    fig, ax = _axes(ax)
    amplitude = xr.concat(
        [_exact(peaks.peak_amplitude, temperature=t) for t in temperatures], dim="temperature"
    )
    ax.set(xlabel="$V_{BG}$ (V)", ylabel=r"peak amplitude ($\Omega$)")
    if not np.any(amplitude.values > 0):
        low, high = (1e3 * float(amplitude.temperature[i]) for i in (0, -1))
        ax.text(
            0.5, 0.5, f"no resistive peak between two\nsuperconducting intervals in any\n"
            f"$R_{{xx}}(B)$ sweep at {low:.0f}-{high:.0f} mK", transform=ax.transAxes,
            ha="center", va="center",
        )  # fmt: skip
        ax.set_xlim(float(peaks.gate_voltage.min()), float(peaks.gate_voltage.max()))
        ax.set_yticks([])
        return fig
    colours = plt.get_cmap("plasma")(np.linspace(0.0, 0.85, amplitude.sizes["temperature"]))
    for k, (t, colour) in enumerate(zip(amplitude.temperature.values, colours, strict=True)):
        ax.plot(
            amplitude.gate_voltage, amplitude.sel(temperature=t), marker=_MARKERS[k % 7],
            ms=4, color=colour, label=f"{1e3 * t:.0f} mK",
        )  # fmt: skip
    ax.set_ylim(bottom=0)
    outside_legend(ax, title="T", fontsize="small")
    return fig
