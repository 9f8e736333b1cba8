"""Figures of the paper's model: the Fig. 3b analogue and the re-entrance search map."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from reentrant.errors import ParameterError

_SWEEPS = ("field", "zeeman")


def _sweep_of(curve: xr.Dataset | xr.DataArray, label: str) -> str:
    for name in _SWEEPS:
        if name in curve.coords:
            return name
    raise ParameterError(f"curve {label!r} has neither a 'field' nor a 'zeeman' coordinate")


def _units(curve: xr.Dataset | xr.DataArray) -> str:
    """Units of a curve's field coordinate (tesla unless stated)."""
    return curve["field"].attrs.get("units", "T")


def plot_tc_ratio(
    curves: Mapping[str, xr.Dataset | xr.DataArray], *, ax: Axes | None = None
) -> Figure:
    """Fig. 3b analogue: ``T_c(B) / T_c(0)`` of several computed curves on one set of axes.

    Parameters
    ----------
    curves
        Label -> result of :meth:`reentrant.pairing.model.PairingModel.tc_curve` (a Dataset
        with ``tc``) or a ``tc`` DataArray, over coordinate ``field`` (T) or ``zeeman``
        (k_B T_c0); typically ``{"upper branch (a)": ..., "full (b)": ...}``.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not curves:
        raise ParameterError("plot_tc_ratio needs at least one curve")
    if ax is None:
        fig, ax = plt.subplots(figsize=(6.2, 3.6), layout="constrained")
    else:
        fig = ax.figure
    sweeps = set()
    for label, curve in curves.items():
        tc = curve["tc"] if isinstance(curve, xr.Dataset) else curve
        sweep = _sweep_of(tc, label)
        sweeps.add(sweep)
        tc = tc.sortby(sweep)
        x, y = tc[sweep].values, tc.values
        if y[0] <= 0:
            raise ParameterError(f"curve {label!r} has T_c = 0 at its lowest field")
        ax.plot(x, y / y[0], marker=".", label=label)
    if sweeps == {"field"}:
        units = {str(_units(c)) for c in curves.values()}
        if len(units) != 1:
            raise ParameterError("curves mix field units; plot them separately")
        unit = units.pop()
        ax.set_xlabel(
            "in-plane field B (T)" if unit == "T" else r"Zeeman energy $h$ ($k_B T_{c0}$)"
        )
    elif sweeps == {"zeeman"}:
        ax.set_xlabel(r"Zeeman energy $\lambda B$ ($k_B T_{c0}$)")
    else:
        raise ParameterError("curves mix 'field' and 'zeeman' sweeps; plot them separately")
    ax.set_ylabel("$T_c(B)/T_c(0)$")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return fig


def _axis_label(coord: xr.DataArray) -> str:
    """``long name (units)``; dimensionless coordinates (units "1") without the units."""
    name = coord.attrs.get("long_name", coord.name)
    units = coord.attrs.get("units", "1")
    return name if units == "1" else f"{name} ({units})"


def plot_search_map(
    search: xr.Dataset, x: str = "delta", y: str = "mass_ratio", variable: str = "depth"
) -> Figure:
    """Map of the re-entrance search: ``variable`` over two parameters, one panel per approx.

    The other searched parameters are reduced by their maximum (the deepest minimum found over
    them).  Points where the minimum passed the noise threshold (``reentrant``) are circled.
    A panel whose values are all zero says so in words (no minimum anywhere on the grid).

    Parameters
    ----------
    search
        Result of :func:`reentrant.sweep.search.search_reentrance`.
    x, y
        Two of ``delta``, ``beta``, ``mass_ratio``, ``cutoff``.
    variable
        ``depth`` (default), ``rise`` or ``zeeman_min``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    params = ("delta", "beta", "mass_ratio", "cutoff")
    for name in (x, y):
        if name not in params:
            raise ParameterError(f"map axis {name!r} must be one of {', '.join(params)}")
    if x == y:
        raise ParameterError("map axes x and y must differ")
    if variable not in ("depth", "rise", "zeeman_min"):
        raise ParameterError(f"variable must be depth, rise or zeeman_min, got {variable!r}")
    others = [p for p in params if p not in (x, y)]
    approxes = list(search["approx"].values)
    fig, axes = plt.subplots(
        1, len(approxes), figsize=(4.2 * len(approxes), 3.4), layout="constrained", squeeze=False
    )
    data = search[variable].max(others, skipna=True).transpose("approx", y, x)
    flags = search["reentrant"].any(others).transpose("approx", y, x)
    finite = data.values[np.isfinite(data.values)]
    vmax = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    xs, ys = np.arange(search.sizes[x]), np.arange(search.sizes[y])
    for ax, approx in zip(axes[0], approxes, strict=True):
        mesh = ax.pcolormesh(
            xs, ys, data.sel(approx=approx).values, vmin=0.0, vmax=vmax, shading="nearest"
        )
        yy, xx = np.nonzero(flags.sel(approx=approx).values)
        ax.plot(xx, yy, "o", mfc="none", mec="w", ms=12)
        values = data.sel(approx=approx).values
        if not np.any(values[np.isfinite(values)] > 0):
            ax.text(
                0.5, 0.5, f"{variable} = 0 at every point:\nno T_c(h) minimum found",
                transform=ax.transAxes, ha="center", va="center", color="w",
            )  # fmt: skip
        ax.set_xticks(xs, [f"{v:g}" for v in search[x].values])
        ax.set_yticks(ys, [f"{v:g}" for v in search[y].values])
        ax.set_xlabel(_axis_label(search[x]))
        ax.set_ylabel(_axis_label(search[y]))
        ax.set_title(str(approx))
    units = search[variable].attrs.get("units", "")
    fig.colorbar(mesh, ax=axes[0].tolist(), label=f"{variable} ({units})")
    return fig
