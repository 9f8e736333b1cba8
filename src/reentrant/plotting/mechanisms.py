"""Comparison figure of T_c(B) / T_c0 for several mechanisms on one set of axes."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from reentrant.analysis.reentrance import as_curve, tc_minimum
from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism

CurveSpec = Mechanism | tuple[str, Mechanism] | tuple[str, ArrayLike, ArrayLike]


def _resolve(spec: CurveSpec, field_t: ArrayLike | None) -> tuple[str, np.ndarray, np.ndarray]:
    """``(label, field, tc)`` of a mechanism (on ``field_t``) or of a ``(label, field, tc)``."""
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], Mechanism):
        label, mechanism = spec
        _, field, tc = _resolve(mechanism, field_t)
        return str(label), field, tc
    if isinstance(spec, Mechanism):
        if field_t is None:
            raise ParameterError(f"a field grid is needed to plot mechanism {spec.name!r}")
        field, tc = as_curve(field_t, spec)
        return spec.name, field, tc
    if not (isinstance(spec, tuple) and len(spec) == 3):
        raise ParameterError(
            f"each curve must be a Mechanism, (label, Mechanism) or (label, field, tc): {spec!r}"
        )
    label, field, tc = spec
    field, tc = as_curve(field, tc)
    return str(label), field, tc


def plot_mechanisms(
    curves: Sequence[CurveSpec],
    field_t: ArrayLike | None = None,
    *,
    ax: Axes | None = None,
    normalise: bool = True,
    mark_minima: bool = True,
    field_max: float | None = None,
    legend: bool = True,
) -> Figure:
    """Plot ``T_c(B)`` of several mechanisms (or measured/computed curves) on one set of axes.

    Parameters
    ----------
    curves
        Mechanisms or ``(label, mechanism)`` pairs (evaluated on ``field_t``) and/or
        ``(label, field, tc)`` tuples (T, K), so the paper's model or data can join the
        comparison.
    field_t
        Field grid in T for the mechanisms.
    ax
        Axes to draw on (default: a new figure).
    normalise
        Plot ``T_c(B) / T_c(B_lowest)`` (``T_c / T_c0`` for grids starting at 0) instead of K.
    mark_minima
        Mark each curve's re-entrant minimum ``(B_min, T_c^min)`` (see
        :func:`~reentrant.analysis.reentrance.tc_minimum`) where ``T_c^min > 0`` (a curve that
        vanishes over an interval has no minimum point to mark).
    field_max
        Upper end of the field axis (T); default the data's.
    legend
        Draw the legend (beside the axes).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.
    """
    if len(curves) == 0:
        raise ParameterError("plot_mechanisms needs at least one curve")
    resolved = [_resolve(spec, field_t) for spec in curves]
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
    else:
        fig = ax.figure
    for label, field, tc in resolved:
        scale = tc[0] if normalise else 1.0
        if scale <= 0:
            raise ParameterError(f"curve {label!r} has T_c = 0 at its lowest field")
        (line,) = ax.plot(field, tc / scale, label=label)
        minimum = tc_minimum(field, tc)
        if mark_minima and minimum.found and minimum.tc_min > 0:
            ax.plot(minimum.field_min, minimum.tc_min / scale, "o", color=line.get_color())
    ax.set_xlabel("in-plane field B (T)")
    ax.set_ylabel("$T_c(B)/T_{c0}$" if normalise else "$T_c$ (K)")
    ax.set_ylim(bottom=0)
    if field_max is not None:
        ax.set_xlim(0, field_max)
    if legend:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return fig
