"""The report's figures: drawn from the pipeline's datasets, saved as PNG and PDF with captions.

Each figure is one function of :data:`FIGURES` taking ``(results, estimates, config)`` and
returning a matplotlib figure; :func:`save_figures` writes ``<name>.png`` and ``<name>.pdf``
(:func:`reentrant.io.output.save_figure`) and returns the records the HTML page is built from.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from reentrant.analysis.reentrance import reentrant_region
from reentrant.explain.extract import TRACE_GATE_V
from reentrant.explain.observations import BASE_TEMPERATURE_K
from reentrant.io.output import save_figure
from reentrant.plotting.bands import plot_fig1b
from reentrant.plotting.device import (
    outside_legend,
    plot_magnetoresistance,
    plot_normalized_transition,
    plot_peak_amplitude,
    plot_resistance_map,
    plot_resistance_vs_gate,
    plot_tc_and_density,
    transition_field_limit,
)
from reentrant.plotting.fermi_surface import plot_fermi_surface
from reentrant.plotting.mechanisms import plot_mechanisms
from reentrant.plotting.tc_curves import plot_search_map, plot_tc_ratio
from reentrant.report.config import ReportConfig
from reentrant.report.pipeline import PAPER_TEMPERATURES_K
from reentrant.units import zeeman_mev

Results = dict[str, xr.Dataset]
#: Upper end (T) of the low-field panel of the mechanism comparison.
ZOOM_FIELD_T = 1.5


@dataclass(frozen=True)
class FigureRecord:
    """A saved figure: file stem, title, caption and the two files written."""

    name: str
    title: str
    caption: str
    png: Path
    pdf: Path


#: (device group, its analysis group) of the two devices drawn side by side.
DEVICES = (("device", "device_analysis"), ("best_device", "best_device_analysis"))
#: Gate voltages (V) of the Fig. 1d transitions (the grid's nearest are drawn).
FIG1D_GATES = (-200.0, -100.0, 0.0, 100.0, 180.0)
#: Temperatures (K) of Fig. 2d: the paper's below 900 mK (where the peak can exist).
PEAK_TEMPERATURES_K = tuple(float(t) for t in PAPER_TEMPERATURES_K if t < 0.9)

DeviceDrawer = Callable[[xr.Dataset, xr.Dataset, Sequence[Axes]], None]


def nearest_on_grid(grid: np.ndarray, targets: Sequence[float]) -> list[float]:
    """The grid values nearest to ``targets``, each once, in ascending order."""
    return sorted({float(grid[np.argmin(np.abs(grid - t))]) for t in targets})


def side_by_side(results: Results, draw: DeviceDrawer, rows: int = 1) -> Figure:
    """The paper's model's device (left) and the best candidate's (right), each titled."""
    fig = plt.figure(figsize=(12.0, 0.4 + 3.3 * rows), layout="constrained")
    for sub, (device, analysis) in zip(fig.subfigures(1, 2, wspace=0.04), DEVICES, strict=True):
        data = results[device]
        sub.suptitle(textwrap.fill(data.attrs["device"], 60), fontsize="medium", fontweight="bold")
        draw(data, results[analysis], sub.subplots(rows, 1, squeeze=False)[:, 0])
    return fig


def fig_1b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Subbands of the tight-binding (110) slab along Y-Gamma-X and the Eq. (1) fit at X."""
    return plot_fig1b(results["bands"])


def fig_1c(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx vs V_BG of both channels in the normal state."""
    return side_by_side(results, lambda ds, ana, axes: plot_resistance_vs_gate(ds, ax=axes[0]))


def fig_1d(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Normalised R_xx(T) at five gate voltages, T_c (50 % criterion) circled."""
    return side_by_side(
        results,
        lambda ds, ana, axes: plot_normalized_transition(
            ds,
            nearest_on_grid(ds.gate_voltage.values, FIG1D_GATES),
            tc=ana.tc_resistive,
            ax=axes[0],
        ),
    )


def fig_1e(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Resistive T_c(V_BG) and n(V_BG)."""
    return side_by_side(
        results, lambda ds, ana, axes: plot_tc_and_density(ana.tc_resistive, ana.density, axes[0])
    )


def fig_2b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx(V_BG, B) maps at 90 mK and at the window temperature."""

    def draw(ds: xr.Dataset, ana: xr.Dataset, axes: Sequence[Axes]) -> None:
        top = transition_field_limit(ds, BASE_TEMPERATURE_K)
        for ax, t in zip(axes, (BASE_TEMPERATURE_K, config.window_temperature_k), strict=True):
            plot_resistance_map(ds, temperature=t, field_max=top, ax=ax)

    return side_by_side(results, draw, rows=2)


def fig_2c(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx(B) at V_BG = +50 V from 90 mK to 900 mK."""
    return side_by_side(
        results,
        lambda ds, ana, axes: plot_magnetoresistance(
            ds, TRACE_GATE_V, PAPER_TEMPERATURES_K,
            field_max=transition_field_limit(ds, BASE_TEMPERATURE_K), ax=axes[0],
        ),
    )  # fmt: skip


def fig_2d(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Amplitude of the resistive peak vs V_BG at the paper's temperatures."""
    return side_by_side(
        results, lambda ds, ana, axes: plot_peak_amplitude(ana, PEAK_TEMPERATURES_K, axes[0])
    )


def _marked_field(est: xr.Dataset, config: ReportConfig) -> float:
    """B_min of the full curve if re-entrant, else the paper's cusp field."""
    full = est.sel(approx="full")
    return float(full.field_min) if bool(full.paper_reentrant) else config.flux_field_t


def fig_3a(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Fermi surface of Eq. (1) at zero field and at the marked field."""
    band = config.pairing_model().band
    h = float(zeeman_mev(_marked_field(est, config), config.parameters["g_factor"]))
    return plot_fermi_surface(
        band, h, points=801 if config.quick else 2001, momentum_unit="nm$^{-1}$",
        energy_unit="meV",
    )  # fmt: skip


def fig_3b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """T_c(B)/T_c(0) of Eq. (1) in both approximations."""
    return plot_tc_ratio(
        {"upper branch (Eq. 2)": results["paper_upper"], "both branches": results["paper_full"]}
    )


def _region(ax, field: np.ndarray, tc: np.ndarray, label: str, marker: str = ".") -> None:
    region = reentrant_region(field, tc)
    (line,) = ax.plot(region.field, region.lower, marker=marker, label=f"$T_c(B)$, {label}")
    ax.fill_between(
        region.field, region.lower, region.upper, color=line.get_color(), alpha=0.3, lw=0
    )


def phase_diagram(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """(B, T) phase diagrams with the re-entrant region shaded: Eq. (1) and Jaccarino-Peter."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.0, 3.6), layout="constrained")
    for label, step in (("both branches", "paper_full"), ("upper branch", "paper_upper")):
        curve = results[step].tc
        _region(left, curve.field.values, curve.values, label)
    left.axvline(config.flux_field_t, color="C3", ls=":", lw=0.8, label="paper's cusp")
    left.set_title("paper's model, Eq. (1)")
    mech = results["mechanisms"]
    jp = mech.tc.sel(mechanism="jaccarino-peter").values
    _region(right, mech.field.values, jp, "JP", marker="")
    right.set_title("Jaccarino-Peter (reference)")
    cut = f"{1e3 * config.window_temperature_k:.0f} mK"
    for ax in (left, right):
        ax.axhline(config.window_temperature_k, color="0.5", ls="--", lw=0.8, label=cut)
        ax.set(xlabel="in-plane field B (T)", ylabel="T (K)", ylim=(0, None))
        outside_legend(ax, frameon=False, fontsize="small")
    return fig


def mechanism_comparison(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """T_c(B) of every mechanism and of Eq. (1): the low-field region and the whole range.

    Minima are marked where T_c^min > 0; on the Eq. (1) curves only where the estimates count
    them as re-entrance (not at a jump of the optimal pair momentum).
    """
    mech = results["mechanisms"]
    curves = [
        (str(n), mech.field.values, mech.tc.sel(mechanism=n).values) for n in mech.mechanism.values
    ]
    paper = (("full", "paper, Eq. (1), both branches", "paper_full"),
             ("upper-branch", "paper, Eq. (2), upper branch", "paper_upper"))  # fmt: skip
    fig, axes = plt.subplots(
        1, 2, figsize=(12.0, 3.8), layout="constrained", width_ratios=(1, 1.25)
    )
    for ax, top in zip(axes, (ZOOM_FIELD_T, None), strict=True):
        plot_mechanisms(curves, ax=ax, normalise=False, field_max=top, legend=False)
        for k, (approx, label, step) in enumerate(paper):
            curve = (label, results[step].field.values, results[step].tc.values)
            plot_mechanisms(
                [curve], ax=ax, normalise=False, field_max=top,
                mark_minima=bool(est.paper_reentrant.sel(approx=approx)),
                legend=top is None and k == len(paper) - 1,
            )  # fmt: skip
    zoom, whole = axes
    zoom.set_title(f"0-{ZOOM_FIELD_T:g} T: Pauli-limited curves and the paper's cusp",
                   fontsize="medium")  # fmt: skip
    zoom.axvline(config.flux_field_t, color="0.5", ls=":", lw=0.8)
    whole.set_title("whole field range", fontsize="medium")
    return fig


def search_map(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Depth of the T_c minimum over the searched (delta, M/m) grid."""
    return plot_search_map(results["search"], x="delta", y="mass_ratio")


Drawer = Callable[[Results, xr.Dataset, ReportConfig], Figure]

#: What the two columns of every device figure are (formatted by :func:`caption_context`).
_SIDES = (
    " Left: the paper's model, Eq. (1), on the preset's band, T_c(B, V_BG) from the pairing "
    "solver with one coupling calibrated at V_BG = 0.  Right: {best} with its fitted values "
    "({parameters}), on the shared device whose gate trend is calibrated to the measured T_c "
    "span (reentrant.explain.candidates)."
)

#: name -> (drawer, title, caption); captions may use the fields of :func:`caption_context`.
FIGURES: dict[str, tuple[Drawer, str, str]] = {
    "fig1b": (
        fig_1b,
        "Fig. 1b analogue: subbands of a tight-binding (110) KTaO3 slab",
        "Ta t2g x spin slab (nearest/next-nearest hoppings, Ta SOC, orbital Rashba at the "
        "interface) in the triangular well of the interface field at the device's V_BG = 0 "
        "density (reentrant.bands).  Left: subbands along Y-Gamma-X, colour the d_xy weight "
        "(the orbital flat along [001]); dashed E_F, dotted the X van Hove energy of the Eq. (1) "
        "fit.  Right: the subband pair with the X saddle nearest E_F along p_x and the fitted "
        "Eq. (1); its M, m, beta, delta are in the title and in data.nc (group bands).",
    ),
    "fig1c": (
        fig_1c,
        "Fig. 1c analogue: R_xx vs back-gate voltage at 0.9 K, B = 0",
        "Normal-state sheet resistance of the virtual Hall bar, current along [001] and "
        "[1-10]: Drude R = 1/(n e mu) with n(V_BG) from the KTaO3 gate electrostatics "
        "(reentrant.device.gate) and a density-dependent mobility.  Both devices share the "
        "gate and transport model, so their normal states coincide." + _SIDES,
    ),
    "fig1d": (
        fig_1d,
        "Fig. 1d analogue: superconducting transitions at five V_BG, B = 0",
        "R_xx(T) / R_xx(0.9 K) every 25 mK (Aslamazov-Larkin fluctuations in an inhomogeneous "
        "effective medium); open circles mark T_c where the curve crosses 50 %, the paper's "
        "criterion, extracted by the analysis code (reentrant.analysis.transition)." + _SIDES,
    ),
    "fig1e": (
        fig_1e,
        "Fig. 1e analogue: T_c and carrier density vs gate",
        "T_c(V_BG) extracted from the simulated R_xx(T) at B = 0 by the paper's 50 % criterion "
        "(red, left axis) and the sheet density n(V_BG) of the gate electrostatics (blue, "
        "right axis).  In both devices the gate trend of T_c comes from the band's density "
        "of states at the gate-set chemical potential." + _SIDES,
    ),
    "fig2b": (
        fig_2b,
        "Fig. 2b analogue: R_xx(V_BG, B) at 90 mK and {window_mk:.0f} mK",
        "R_xx on a log colour scale over gate voltage and in-plane field; white is R_xx below "
        "1e-3 of the largest R_N (superconducting), so zero is not confused with a low "
        "normal resistance.  The field axis ends at 1.5 x the highest field that is not yet "
        "normal at 90 mK (or at 9 T)." + _SIDES,
    ),
    "fig2c": (
        fig_2c,
        f"Fig. 2c analogue: R_xx(B) at V_BG = {TRACE_GATE_V:+g} V, 90-900 mK",
        f"R_xx(B) at V_BG = {TRACE_GATE_V:+g} V at the paper's temperatures, 90, 150, 200, "
        "250, 330 and 900 mK; the paper sees a peak grow at 0.9 T with temperature.  A peak "
        "can appear only where the device's T_c(B) has a minimum." + _SIDES,
    ),
    "fig2d": (
        fig_2d,
        "Fig. 2d analogue: resistive-peak amplitude vs gate",
        "Amplitude (prominence) of the most prominent peak of each simulated R_xx(B) sweep that "
        "lies between two superconducting intervals, at the paper's temperatures below 900 mK, "
        "found by the analysis code (reentrant.analysis.peaks.track_peaks).  The paper: a "
        "minimum of the amplitude near V_BG = -50 V." + _SIDES,
    ),
    "fig3a": (
        fig_3a,
        "Fig. 3a analogue: Fermi surface of Eq. (1)",
        "H = -p_x^2/2M + p_y^2/2m + (beta p_x + lambda B) sigma_x for the preset, at B = 0 and "
        "at the marked field (B_min if re-entrant, else 0.9 T); filled circles are pairing "
        "partners.",
    ),
    "fig3b": (
        fig_3b,
        "Fig. 3b analogue: T_c(B)/T_c(0) of the paper's model",
        "Linearized gap equation of Eq. (1) with a contact singlet attraction, maximised over "
        "the pair momentum Q, coupling calibrated to T_c(0) = T_c0; upper-branch projection "
        "(the paper's Eq. (2)) and both branches.  Dots are the computed fields: adaptive, "
        "refined where T_c changes by more than 5 % of T_c0 or has a minimum, down to "
        "{resolution:g} T.",
    ),
    "phase_diagram": (
        phase_diagram,
        "(B, T) phase diagram with the re-entrant region",
        "Left: T_c(B) of Eq. (1); right: the Jaccarino-Peter mechanism as a reference that is "
        "re-entrant by construction.  Shaded: points that are normal with superconductivity at "
        "both lower and higher field, T_c(B) < T < min(max_{{B'<B}} T_c, max_{{B'>B}} T_c).",
    ),
    "mechanisms": (
        mechanism_comparison,
        "Mechanism comparison: T_c(B) of every mechanism",
        "T_c(B) of every closed-form mechanism of reentrant.mechanisms at the preset's T_c0 = "
        "{tc0:g} K and g = {g:g} (the registry's defaults otherwise; values in data.nc, group "
        "mechanisms), and the paper's Eq. (1) in both approximations; dots mark minima with "
        "T_c^min > 0 (on Eq. (1) only those counted as re-entrance).  Fields refined where "
        "T_c changes fast.  Left: 0-1.5 T, the dotted line "
        "the paper's 0.9 T cusp; right: the whole range.",
    ),
    "search_map": (
        search_map,
        "Parameter search: where Eq. (1) is re-entrant",
        "Depth (T_c(0) - T_c^min)/T_c0 of the T_c(h) minimum over the Fermi-level offset delta "
        "and the mass ratio M/m (reduced units); circles mark minima above solver noise.",
    ),
}


def caption_context(results: Results, config: ReportConfig) -> dict[str, object]:
    """Values the titles and captions name: the best candidate, its fit, grid choices."""
    best = results["best_device"].attrs
    values = json.loads(best["fitted_parameters"])
    return {
        "best": best["device"],
        "parameters": ", ".join(f"{k} = {v:.3g}" for k, v in values.items()) or "none",
        "window_mk": 1e3 * config.window_temperature_k,
        "resolution": config.field_resolution_t,
        "tc0": config.parameters["tc0"],
        "g": config.parameters["g_factor"],
    }


def save_figures(
    results: Results, est: xr.Dataset, config: ReportConfig, out: Path, *, force: bool = False
) -> list[FigureRecord]:
    """Draw every figure of :data:`FIGURES` and write ``out/<name>.png`` and ``.pdf``.

    ``force`` replaces files that ``reentrant`` did not write (:mod:`reentrant.io.output`).
    """
    records = []
    context = caption_context(results, config)
    for name, (draw, title, caption) in FIGURES.items():
        title, caption = title.format(**context), caption.format(**context)
        fig = draw(results, est, config)
        try:
            paths = [
                save_figure(fig, Path(out) / f"{name}.{suffix}", force=force, dpi=110)
                for suffix in ("png", "pdf")
            ]
        finally:
            plt.close(fig)
        records.append(FigureRecord(name, title, caption, *paths))
    return records
