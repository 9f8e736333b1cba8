"""``reentrant tc``: T_c(B) with finite-momentum pairing for a built-in model."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reentrant.cli.app import app, print_json
from reentrant.cli.options import parse_range, parse_settings
from reentrant.cli.progress import progress_bar
from reentrant.pairing.calculate import calculate_tc_curve
from reentrant.validate import one_of


@app.command("tc")
def tc_command(
    model: Annotated[str, typer.Option(help="preset: bcs-2d, rashba, ising, saddle-soc, ...")],
    zeeman: Annotated[
        str, typer.Option(help="START:STOP:N (both ends included); T_c0 units or tesla")
    ],
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="override a model parameter, KEY=VALUE")
    ] = None,
    units: Annotated[str, typer.Option(help="reduced (T_c0) or physical (T, K)")] = "reduced",
    uniform: Annotated[bool, typer.Option("--uniform", help="fix Q = 0")] = False,
    approx: Annotated[str, typer.Option(help="full or upper-branch (Eq. 2)")] = "full",
    tolerance: Annotated[float, typer.Option(help="relative tolerance on T_c")] = 1e-3,
    format_: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """T_c(B) and the optimal pair momentum Q over a field sweep."""
    one_of("format", format_, ("table", "json"))
    fields = parse_range(zeeman)
    overrides = parse_settings(set_)
    with progress_bar("T_c(B)") as update:
        ds = calculate_tc_curve(
            model, fields, units=units, overrides=overrides, uniform=uniform, approx=approx,
            tolerance=tolerance, progress=update,
        )  # fmt: skip
    sweep = "field" if units == "physical" else "zeeman"
    x = ds[sweep].values
    if format_ == "json":
        print_json(
            {
                "zeeman": [float(v) for v in x],
                "tc": [float(v) for v in ds.tc.values],
                "q": [
                    [float(a), float(b)] for a, b in zip(ds.q_x.values, ds.q_y.values, strict=True)
                ],
            }
        )
    else:
        table = Table(title=f"T_c of {model} ({units} units)")
        for col in (f"{sweep} [{ds[sweep].attrs['units']}]", f"tc [{ds.tc.attrs['units']}]",
                    "q_x", "q_y"):  # fmt: skip
            table.add_column(col, justify="right")
        for row in zip(x, ds.tc.values, ds.q_x.values, ds.q_y.values, strict=True):
            table.add_row(*(f"{v:.6g}" for v in row))
        Console().print(table)
    Console(stderr=True).print(
        f"grid-refinement error estimate of T_c: {ds.attrs['tc_error_estimate']:.2e} "
        f"(tolerance {ds.attrs['tolerance']:.1e})"
    )
