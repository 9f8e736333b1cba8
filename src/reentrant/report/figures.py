"""The report's figures: drawn from the pipeline's datasets, saved as PNG and PDF with captions.

Each figure is one function of :data:`FIGURES` taking ``(results, estimates, config)`` and
returning a matplotlib figure; :func:`save_figures` writes ``<name>.png`` and ``<name>.pdf``
(:func:`reentrant.io.output.save_figure`) and returns the records the HTML page is built from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from reentrant.analysis.reentrance import reentrant_region
from reentrant.io.output import save_figure
from reentrant.plotting.bands import plot_fig1b
from reentrant.plotting.device import (
    plot_magnetoresistance,
    plot_normalized_transition,
    plot_peak_amplitude,
    plot_resistance_map,
    plot_resistance_vs_gate,
    plot_tc_and_density,
)
from reentrant.plotting.fermi_surface import plot_fermi_surface
from reentrant.plotting.mechanisms import plot_mechanisms
from reentrant.plotting.tc_curves import plot_search_map, plot_tc_ratio
from reentrant.report.config import ReportConfig
from reentrant.units import zeeman_mev

Results = dict[str, xr.Dataset]


@dataclass(frozen=True)
class FigureRecord:
    """A saved figure: file stem, title, caption and the two files written."""

    name: str
    title: str
    caption: str
    png: Path
    pdf: Path


def fig_1b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Subbands of the tight-binding (110) slab along Y-Gamma-X and the Eq. (1) fit at X."""
    return plot_fig1b(results["bands"])


def fig_1c(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx vs V_BG of both channels in the normal state."""
    return plot_resistance_vs_gate(results["device"])


def fig_1d(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Normalised R_xx(T) at five gate voltages."""
    return plot_normalized_transition(results["device"], [-200.0, -100.0, 0.0, 100.0, 180.0])


def fig_1e(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """T_c(V_BG) and n(V_BG)."""
    return plot_tc_and_density(results["device"])


def fig_2b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx(V_BG, B) maps at 90 mK and at the window temperature."""
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.6), layout="constrained")
    for ax, t in zip(axes, (0.09, config.window_temperature_k), strict=True):
        plot_resistance_map(results["device"], temperature=t, ax=ax)
    return fig


def fig_2c(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """R_xx(B) at V_BG = +50 V for every temperature."""
    return plot_magnetoresistance(results["device"], gate_voltage=50.0)


def fig_2d(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Amplitude of the resistive peak near the cusp vs V_BG."""
    return plot_peak_amplitude(results["device"])


def _marked_field(est: xr.Dataset, config: ReportConfig) -> float:
    """B_min of the full curve if re-entrant, else the paper's cusp field."""
    b = float(est.field_min.sel(approx="full"))
    return b if np.isfinite(b) else config.flux_field_t


def fig_3a(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Fermi surface of Eq. (1) at zero field and at the marked field."""
    band = config.pairing_model().band
    h = float(zeeman_mev(_marked_field(est, config), config.parameters["g_factor"]))
    return plot_fermi_surface(band, h, points=801 if config.quick else 2001)


def fig_3b(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """T_c(B)/T_c(0) of Eq. (1) in both approximations."""
    return plot_tc_ratio(
        {"upper branch (Eq. 2)": results["paper_upper"], "both branches": results["paper_full"]}
    )


def _region(ax, field: np.ndarray, tc: np.ndarray, label: str) -> None:
    region = reentrant_region(field, tc)
    (line,) = ax.plot(region.field, region.lower, marker=".", label=f"$T_c(B)$, {label}")
    ax.fill_between(
        region.field, region.lower, region.upper, color=line.get_color(), alpha=0.3, lw=0
    )


def phase_diagram(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """(B, T) phase diagrams with the re-entrant region shaded: Eq. (1) and Jaccarino-Peter."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.6), layout="constrained")
    for label, step in (("both branches", "paper_full"), ("upper branch", "paper_upper")):
        curve = results[step].tc
        _region(left, curve.field.values, curve.values, label)
    left.axvline(config.flux_field_t, color="C3", ls=":", lw=0.8, label="paper's cusp")
    left.set_title("paper's model, Eq. (1)")
    mech = results["mechanisms"]
    _region(right, mech.field.values, mech.tc.sel(mechanism="jaccarino-peter").values, "JP")
    right.set_title("Jaccarino-Peter (reference)")
    cut = f"{1e3 * config.window_temperature_k:.0f} mK"
    for ax in (left, right):
        ax.axhline(config.window_temperature_k, color="0.5", ls="--", lw=0.8, label=cut)
        ax.set(xlabel="in-plane field B (T)", ylabel="T (K)", ylim=(0, None))
        ax.legend(frameon=False, fontsize="small")
    return fig


def mechanism_comparison(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """T_c(B)/T_c0 of every mechanism, minima marked."""
    mech = results["mechanisms"]
    curves = [
        (str(n), mech.field.values, mech.tc.sel(mechanism=n).values) for n in mech.mechanism.values
    ]
    for label, step in (("paper (full)", "paper_full"), ("paper (upper)", "paper_upper")):
        curves.append((label, results[step].field.values, results[step].tc.values))
    return plot_mechanisms(curves)


def search_map(results: Results, est: xr.Dataset, config: ReportConfig) -> Figure:
    """Depth of the T_c minimum over the searched (delta, M/m) grid."""
    return plot_search_map(results["search"], x="delta", y="mass_ratio")


Drawer = Callable[[Results, xr.Dataset, ReportConfig], Figure]

#: name -> (drawer, title, caption).
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
        "Fig. 1c analogue: R_xx vs back-gate voltage",
        "Normal-state sheet resistance of the virtual Hall bar, both channels: Drude "
        "R = 1/(n e mu) with n(V_BG) from the KTaO3 gate electrostatics "
        "(reentrant.device.gate) and a density-dependent mobility.",
    ),
    "fig1d": (
        fig_1d,
        "Fig. 1d analogue: superconducting transitions",
        "R_xx(T) / R_xx(0.9 K) at several V_BG (Aslamazov-Larkin fluctuations in an "
        "inhomogeneous effective medium); circles mark T_c by the paper's 50 % criterion.",
    ),
    "fig1e": (
        fig_1e,
        "Fig. 1e analogue: T_c and carrier density vs gate",
        "T_c(B = 0, V_BG) from the pairing solver of Eq. (1) at the gate-set chemical potential, "
        "with one coupling calibrated at V_BG = 0 (reentrant.device.tc_provider.PairingTc); the "
        "trend comes from the band's density of states.  Right axis: n(V_BG).",
    ),
    "fig2b": (
        fig_2b,
        "Fig. 2b analogue: R_xx(V_BG, B) at 90 mK and 330 mK",
        "Log-scale R_xx over gate voltage and in-plane field on the paper's measurement grid.  "
        "The device's T_c(B, V_BG) is Eq. (1)'s from the pairing solver (both spin branches, "
        "maximised over the pair momentum), with the Fermi level 3 meV above the van Hove "
        "energy at V_BG = 0.",
    ),
    "fig2c": (
        fig_2c,
        "Fig. 2c analogue: magnetoresistance at V_BG = +50 V",
        "R_xx(B) at each temperature of the grid; the paper sees a peak grow at 0.9 T.  A peak "
        "appears here only where the device's Eq. (1) T_c(B) has a re-entrant minimum.",
    ),
    "fig2d": (
        fig_2d,
        "Fig. 2d analogue: resistive-peak amplitude vs gate",
        "Prominence of the largest R_xx(B) peak between 0.3 and 2 T, per temperature.",
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
        "(the paper's Eq. (2)) and both branches.",
    ),
    "phase_diagram": (
        phase_diagram,
        "(B, T) phase diagram with the re-entrant region",
        "Left: T_c(B) of Eq. (1); right: the Jaccarino-Peter mechanism as a reference that is "
        "re-entrant by construction.  Shaded: points that are normal with superconductivity at "
        "both lower and higher field, T_c(B) < T < min(max_{B'<B} T_c, max_{B'>B} T_c).",
    ),
    "mechanisms": (
        mechanism_comparison,
        "Mechanism comparison",
        "T_c(B)/T_c0 at the preset's T_c0 and g: Pauli limit (Maki-Tsuneto digamma equation), "
        "Fulde-Ferrell (q optimised), Abrikosov-Gor'kov orbital pair breaking, "
        "Jaccarino-Peter compensation, and the paper's Eq. (1); dots mark minima.",
    ),
    "search_map": (
        search_map,
        "Parameter search: where Eq. (1) is re-entrant",
        "Depth (T_c(0) - T_c^min)/T_c0 of the T_c(h) minimum over the Fermi-level offset delta "
        "and the mass ratio M/m (reduced units); circles mark minima above solver noise.",
    ),
}


def save_figures(
    results: Results, est: xr.Dataset, config: ReportConfig, out: Path, *, force: bool = False
) -> list[FigureRecord]:
    """Draw every figure of :data:`FIGURES` and write ``out/<name>.png`` and ``.pdf``.

    ``force`` replaces files that ``reentrant`` did not write (:mod:`reentrant.io.output`).
    """
    records = []
    for name, (draw, title, caption) in FIGURES.items():
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
