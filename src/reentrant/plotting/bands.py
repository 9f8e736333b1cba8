"""Fig. 1b analogue: subbands of the (110) slab along Y-Gamma-X and the Eq. (1) fit at X.

The data come from :func:`reentrant.bands.spectrum.band_path` and
:func:`reentrant.bands.saddle.saddle_cut`; this module only draws them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from reentrant.validate import one_of


def _helicity(path: xr.Dataset) -> xr.DataArray:
    """In-plane spin across the path, ``<sigma> . (z x k/|k|)`` (0 at Gamma)."""
    norm = np.hypot(path.kx, path.ky)
    safe = xr.where(norm > 0, norm, 1.0)
    return (path.kx * path.spin.sel(component="y") - path.ky * path.spin.sel(component="x")) / safe


#: colour mode -> (value per k and band, colormap, range, colourbar label).
_COLOURS = {
    "orbital": (lambda p: p.orbital.sel(orbital_name="xy"), "viridis", (0.0, 1.0),
                r"$d_{xy}$ weight (flat along [001])"),
    "spin": (_helicity, "coolwarm", (-1.0, 1.0),
             r"$\langle\sigma\rangle\cdot(\hat z\times\hat k)$ (in-plane, across $k$)"),
}  # fmt: skip


def _coloured_panel(
    ax: Axes | None,
    figsize: tuple[float, float],
    x: np.ndarray,
    ys: np.ndarray,
    cs: np.ndarray,
    colours: tuple[str, tuple[float, float], str],
) -> tuple[Figure, Axes]:
    """Draw one line per column of ``ys`` over x, each segment coloured by the mean of ``cs``.

    ``colours`` is (colormap, value range, colour-bar label); a new figure of ``figsize`` if
    ``ax`` is None.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    cmap, limits, label = colours
    norm = Normalize(*limits)
    for y, c in zip(ys.T, cs.T, strict=True):
        points = np.stack([x, y], axis=-1)
        segments = np.stack([points[:-1], points[1:]], axis=1)
        lines = LineCollection(segments, cmap=cmap, norm=norm, linewidths=1.4)
        lines.set_array(0.5 * (c[:-1] + c[1:]))
        ax.add_collection(lines)
    fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, label=label)
    return fig, ax


def plot_band_path(
    path: xr.Dataset,
    *,
    colour: str = "orbital",
    van_hove: float | None = None,
    energy_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Subbands along Y-Gamma-X, energies from E_F, coloured by orbital or spin character.

    Parameters
    ----------
    path
        :func:`reentrant.bands.spectrum.band_path` output (``mu_mev`` in its attrs).
    colour
        ``"orbital"`` (weight of d_xy) or ``"spin"`` (in-plane spin across the path,
        ``<sigma> . (z x k/|k|)``: <sigma_y> on Gamma-X, -<sigma_x> on Gamma-Y).  Kramers
        partners overlap where their splitting is below the line width.
    van_hove
        Van Hove energy (meV, absolute) to mark, e.g. ``SaddleFit.van_hove_energy``.
    energy_range
        (low, high) of the energy axis in meV from E_F; default: the path's window.
    ax
        Axes to draw on (default: a new figure).
    """
    value, cmap, limits, label = _COLOURS[one_of("colour", colour, _COLOURS)]
    mu = float(path.attrs["mu_mev"])
    k = path.k.values
    energy = path.energy.values - mu
    fig, ax = _coloured_panel(ax, (5.0, 3.8), k, energy, value(path).values, (cmap, limits, label))
    ax.axhline(0.0, color="k", lw=0.8, ls="--", label="$E_F$")
    if van_hove is not None:
        ax.axhline(van_hove - mu, color="C3", lw=0.8, ls=":", label="$E_{vH}$ (Eq. 1 fit at X)")
    for position in (k[0], 0.0, k[-1]):
        ax.axvline(position, color="0.6", lw=0.5)
    ax.set_xticks([k[0], 0.0, k[-1]], ["Y", r"$\Gamma$", "X"])
    ax.set_xlim(k[0], k[-1])
    ax.set_ylim(*(energy_range or path.attrs["window_mev"]))
    ax.set_xlabel(r"$k$ (nm$^{-1}$): $\Gamma$-Y along [1$\bar{1}$0], $\Gamma$-X along [001]")
    ax.set_ylabel(r"$E - E_F$ (meV)")
    ax.legend(frameon=True, loc="lower right", fontsize="small")
    return fig


def plot_saddle_cut(cut: xr.Dataset, *, ax: Axes | None = None) -> Figure:
    """The fitted subband pair along p_x through X (colour: <sigma_y>) and its Eq. (1) fit.

    ``cut`` is :func:`reentrant.bands.saddle.saddle_cut` output; energies from the saddle
    energy E_s of the fit.
    """
    es = float(cut.attrs["saddle_energy"])
    px = cut.px.values
    colours = ("coolwarm", (-1.0, 1.0), r"$\langle\sigma_y\rangle$")
    fig, ax = _coloured_panel(
        ax, (4.5, 3.6), px, cut.pair_energy.values - es, cut.pair_spin_y.values, colours
    )
    ax.plot([], [], color="tab:red", lw=1.4, label=r"slab pair (colour $\langle\sigma_y\rangle$)")
    for branch, style in zip(cut.branch.values, ("--", ":"), strict=True):
        ax.plot(px, cut.pair_fitted.sel(branch=branch) - es, "k", ls=style, lw=1.0,
                label=f"Eq. (1) fit, {branch} branch")  # fmt: skip
    ax.set_xlim(px[0], px[-1])
    ax.set_xlabel(r"$p_x = k_x - \pi/a_0$ (nm$^{-1}$), $p_y = 0$")
    ax.set_ylabel(r"$E - E_s$ (meV)")
    a = cut.attrs
    ax.set_title(
        f"M = {a['mass_heavy']:.3g} $m_e$, m = {a['mass_light']:.3g} $m_e$, "
        f"$\\beta$ = {a['beta']:.2g} meV nm\n$\\delta = E_F - E_{{vH}}$ = {a['delta']:.4g} meV, "
        f"rms {a['rms']:.2g} meV",
        fontsize="small",
    )
    ax.legend(frameon=False, fontsize="small", loc="lower center")
    return fig


def plot_fig1b(overview: xr.Dataset, *, colour: str = "orbital") -> Figure:
    """Fig. 1b analogue: the Y-Gamma-X subbands (left) and the Eq. (1) fit at X (right).

    ``overview`` is :func:`reentrant.bands.overview.overview` output (band path and saddle cut
    in one dataset).
    """
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(10.0, 4.0), layout="constrained", gridspec_kw={"width_ratios": (1.4, 1)}
    )
    van_hove = float(overview.attrs["van_hove_energy"])
    plot_band_path(overview, colour=colour, van_hove=van_hove, ax=left)
    plot_saddle_cut(overview, ax=right)
    return fig
