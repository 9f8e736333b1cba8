"""Figures of T_c(h) curves from the pairing solver (matplotlib only here)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr
from matplotlib.figure import Figure


def plot_tc_lines(curves: Sequence[tuple[str, xr.Dataset]], *, title: str = "") -> Figure:
    """T_c versus Zeeman energy for several solver results, with |Q| below.

    ``curves`` are (label, dataset) pairs of :meth:`reentrant.pairing.model.PairingModel.tc_curve`
    results in reduced units (coordinate ``zeeman`` in T_c0, ``tc`` in T_c0).
    """
    fig, (ax_t, ax_q) = plt.subplots(
        2, 1, figsize=(5.0, 5.6), sharex=True, gridspec_kw={"height_ratios": [2.2, 1]}
    )
    styles = ("o-", "s--", "^:", "d-.")
    for i, (label, ds) in enumerate(curves):
        x = ds[ds.tc.dims[0]]
        sc = ds.superconducting.values
        style = styles[i % len(styles)]
        ax_t.plot(x[sc], ds.tc[sc], style, ms=4, mfc="none", label=label)
        ax_q.plot(x[sc], np.hypot(ds.q_x, ds.q_y)[sc], style, ms=4, mfc="none", label=label)
    x_attrs = curves[0][1][curves[0][1].tc.dims[0]].attrs
    ax_q.set_xlabel(f"{x_attrs.get('long_name', 'h')} [{x_attrs.get('units', '')}]")
    ax_t.set_ylabel(f"T_c [{curves[0][1].tc.attrs.get('units', '')}]")
    ax_q.set_ylabel(f"|Q| [{curves[0][1].q_x.attrs.get('units', '')}]")
    ax_t.set_ylim(bottom=0)
    ax_t.legend(frameon=False)
    ax_t.set_title(title)
    fig.tight_layout()
    return fig
