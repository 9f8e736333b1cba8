"""``reentrant demo``: a showcase of the T_c solver on a 2D BCS superconductor.

The Pauli-limited uniform line and the Fulde-Ferrell line (Q optimised) of the ``bcs-2d`` preset,
printed as a table and written as a figure and a NetCDF file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer
import xarray as xr
from rich.console import Console
from rich.table import Table

from reentrant.cli.app import app
from reentrant.cli.options import MAX_POINTS, check_points
from reentrant.cli.progress import progress_bar
from reentrant.io.output import check_outputs, write_netcdf
from reentrant.pairing.model import PairingModel

#: Files written into the output directory.
FIGURE, NETCDF = "bcs_2d_tc.png", "bcs_2d_tc.nc"


@app.command("demo")
def demo_command(
    out: Annotated[
        Path, typer.Option(help="output directory (created if missing; its parent must exist)")
    ] = Path("demo-output"),
    points: Annotated[int, typer.Option(help=f"number of fields, 1 to {MAX_POINTS}")] = 15,
    force: Annotated[
        bool, typer.Option("--force", help="replace output files that reentrant did not write")
    ] = False,
) -> None:
    """Pauli-limited and Fulde-Ferrell T_c(h) of a 2D BCS superconductor (reduced units)."""
    from reentrant.plotting.analysis import save_figure
    from reentrant.plotting.pairing import plot_tc_lines

    check_points(points)
    check_outputs(out, (FIGURE, NETCDF), force=force)
    out.mkdir(exist_ok=True)
    zeeman = np.linspace(0.0, 1.6, points)
    model = PairingModel.from_preset("bcs-2d")
    with progress_bar("uniform (Pauli) line") as update:
        uniform = model.tc_curve(zeeman, uniform=True, progress=update)
    with progress_bar("Fulde-Ferrell line") as update:
        ff = model.tc_curve(zeeman, progress=update)
    table = Table(title="2D BCS: T_c(h) / T_c0, Q optimised vs uniform")
    for col in ("h / T_c0", "T_c uniform", "T_c FF", "|Q| FF"):
        table.add_column(col, justify="right")
    q = np.hypot(ff.q_x.values, ff.q_y.values)
    for row in zip(zeeman, uniform.tc.values, ff.tc.values, q, strict=True):
        table.add_row(*(f"{v:.4f}" for v in row))
    Console().print(table)
    fig = plot_tc_lines([("uniform (Pauli)", uniform), ("Fulde-Ferrell", ff)], title="bcs-2d")
    save_figure(fig, out / FIGURE, dpi=150, force=force)
    data = xr.Dataset(
        {
            "tc_uniform": uniform.tc,
            "tc_ff": ff.tc,
            "q_x_ff": ff.q_x,
            "q_y_ff": ff.q_y,
        }
    )
    write_netcdf(data, out / NETCDF, force=force)
    Console(stderr=True).print(f"wrote {out / FIGURE} and {out / NETCDF}")
