"""Figures of the extended re-entrance search: T_c(B) per route, and the map of minima."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from reentrant.errors import ParameterError

#: Line style per pairing channel, so that routes of one channel read as a family.
_STYLE = {"singlet": "-", "triplet": "--", "both": ":"}


def plot_route_curves(routes: xr.Dataset) -> Figure:
    """T_c(B) of every route, one panel per field angle, at one ``delta``.

    Parameters
    ----------
    routes
        Result of :func:`reentrant.sweep.routes.search_routes` with ``delta`` selected (a
        scalar coordinate).  Re-entrant curves (minimum above the noise threshold) are marked
        at their minimum (open circle), their field-by-field re-solve ``tc_cold`` (if any) by
        crosses; a dotted line shows the temperature of the critical field.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if "delta" in routes.dims:
        raise ParameterError("select one delta first (routes.sel(delta=...))")
    angles = routes["angle"].values
    fig, axes = plt.subplots(
        1, len(angles), figsize=(4.6 * len(angles), 4.4), layout="constrained", squeeze=False
    )
    field, tc = routes["field"], routes["tc"]
    cycle = plt.get_cmap("tab20")(np.linspace(0.0, 1.0, 20))
    for ax, angle in zip(axes[0], angles, strict=True):
        for k, name in enumerate(routes["route"].values):
            one = routes.sel(route=name, angle=angle)
            style = _STYLE.get(str(one["channel"].values), "-")
            ax.plot(field, one["tc"], style, color=cycle[k % 20], label=str(name))
            if "tc_cold" in one and np.isfinite(one["tc_cold"]).any():
                ax.plot(field, one["tc_cold"], "x", color=cycle[k % 20], ms=4)
            if bool(one["reentrant"]):
                ax.plot(one["field_min"], one["tc_min_sampled"], "o", color=cycle[k % 20], mfc="w")
        ax.axhline(routes.attrs["temperature"], color="0.5", lw=0.8, ls=(0, (1, 3)))
        ax.set_xlim(float(field[0]), float(field[-1]))
        ax.set_ylim(0.0, None)
        ax.set_xlabel(f"{field.attrs.get('long_name', 'field')} ({field.attrs['units']})")
        ax.set_ylabel(f"T_c ({tc.attrs['units']})")
        ax.set_title(f"{routes.attrs['model']}, angle {angle:g} deg from x")
    delta = routes["delta"]
    axes[0][-1].legend(
        fontsize=7, loc="lower left", title=f"route (delta = {float(delta):g} "
        f"{delta.attrs.get('units', '')})\no: minimum by the metrics; x: re-solved field by field",
        title_fontsize=7,
    )  # fmt: skip
    return fig


def plot_route_map(routes: xr.Dataset) -> Figure:
    """Map of the rise of T_c after its minimum over route x (angle, delta).

    With the field-by-field re-solve of :func:`reentrant.sweep.routes.check_minima`
    (``confirmed``, ``rise_cold``) the colour is the re-solved curve's rise where the minimum
    is confirmed, and cells whose metrics found a minimum that the re-solve does not confirm
    (a corner where the leading channel switches, or a switch between pair-momentum branches)
    carry the metrics' rise and "not confirmed"; without it the colour is the metrics' rise.
    Grey cells were not computed or did not converge.

    Returns
    -------
    matplotlib.figure.Figure
    """
    order = ("route", "angle", "delta")
    found = routes["reentrant"].transpose(*order).values
    checked = "confirmed" in routes
    confirmed = routes["confirmed"].transpose(*order).values if checked else found
    rise = routes["rise_cold"] if checked else routes["rise"]
    data = rise.where(routes["confirmed"] if checked else routes["reentrant"], 0.0)
    data = data.where(routes["converged"]).transpose(*order)
    n_route, n_angle, n_delta = data.shape
    shape = (n_route, n_angle * n_delta)
    values = data.values.reshape(shape)
    width = max(5.5, 1.0 + 0.75 * n_angle * n_delta)
    fig, ax = plt.subplots(figsize=(width, 1.4 + 0.36 * n_route), layout="constrained")
    finite = values[np.isfinite(values)]
    vmax = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    mesh = ax.pcolormesh(values, vmin=0.0, vmax=vmax, cmap="viridis", edgecolors="0.85", lw=0.3)
    ax.set_facecolor("0.8")
    metrics_rise = routes["rise"].transpose(*order).values.reshape(shape)
    found, confirmed = found.reshape(shape), confirmed.reshape(shape)
    for i, j in zip(*np.nonzero(found), strict=True):
        if confirmed[i, j]:
            colour = "k" if values[i, j] > 0.6 * vmax else "w"
            text = f"{values[i, j]:.2g}"
        else:
            colour, text = "w", f"{metrics_rise[i, j]:.2g}\nnot\nconfirmed"
        ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=6, color=colour)
    delta_units = routes["delta"].attrs.get("units", "")
    labels = [f"{a:g} deg\n{d:g}" for a in routes["angle"].values for d in routes["delta"].values]
    ax.set_xticks(np.arange(n_angle * n_delta) + 0.5, labels, fontsize=7)
    ax.set_yticks(np.arange(n_route) + 0.5, [str(r) for r in routes["route"].values], fontsize=7)
    ax.set_xlabel(f"field angle from x / delta = mu - E_vH ({delta_units})")
    ax.set_ylabel("route")
    units = routes["rise"].attrs.get("units", "1")
    ax.set_title(
        f"{routes.attrs['model']}: rise of T_c after its minimum\n(0: none; grey: not computed"
        " or not converged)",
        fontsize=8,
    )
    fig.colorbar(mesh, ax=ax, label=f"rise ({units})")
    return fig
