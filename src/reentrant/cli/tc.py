"""``reentrant tc``: T_c(B) with finite-momentum pairing for a built-in model."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reentrant.cli.app import app, print_json
from reentrant.cli.curve_output import curve_json
from reentrant.cli.options import check_tolerance, parse_range, parse_settings
from reentrant.cli.progress import progress_bar
from reentrant.errors import ParameterError
from reentrant.pairing.model import PairingModel
from reentrant.validate import one_of


@app.command("tc")
def tc_command(
    model: Annotated[str, typer.Option(help="preset: bcs-2d, rashba, ising, saddle-soc, ...")],
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            "--zeeman",
            help="START:STOP:N (both ends included; 1 <= N <= 1000, |START|, |STOP| <= 1000): "
            "tesla for physical models, h/T_c0 for reduced ones",
        ),
    ] = None,
    angle: Annotated[
        float, typer.Option(help="in-plane field angle in degrees from the model's x axis")
    ] = 0.0,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="override a model parameter, KEY=VALUE")
    ] = None,
    units: Annotated[
        str | None,
        typer.Option(help="reduced (T_c0) or physical (T, K); must match the model's own units"),
    ] = None,
    uniform: Annotated[bool, typer.Option("--uniform", help="fix Q = 0")] = False,
    approx: Annotated[str, typer.Option(help="full or upper-branch (Eq. 2)")] = "full",
    channel: Annotated[
        str,
        typer.Option(
            help="pairing channel: singlet, triplet or both (V_t/V_s: --set triplet_ratio=...)"
        ),
    ] = "singlet",
    d_vector: Annotated[
        str, typer.Option("--d-vector", help="triplet d-vector: soc (along the SOC field), x, y, z")
    ] = "soc",
    form_factor: Annotated[
        str, typer.Option("--form-factor", help="p-wave form factor of a fixed d: px or py")
    ] = "py",
    fixed_density: Annotated[
        bool, typer.Option("--fixed-density", help="hold the carrier density, not mu, fixed")
    ] = False,
    tolerance: Annotated[float, typer.Option(help="relative tolerance on T_c, in (0, 0.1]")] = 1e-3,
    format_: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """T_c(B) and the optimal pair momentum Q over a field sweep."""
    one_of("format", format_, ("table", "json"))
    if field is None:
        raise ParameterError("--field START:STOP:N is required")
    fields = parse_range(field, "--field")
    check_tolerance(tolerance)
    pairing = PairingModel.from_preset(
        model, channel=channel, d_vector=d_vector, form_factor=form_factor,
        **parse_settings(set_),
    )  # fmt: skip
    if units is not None and one_of("units", units, ("reduced", "physical")) != pairing.units:
        raise ParameterError(
            f"model {model!r} is in {pairing.units} units (field in {pairing.field_units}, "
            f"T_c in {pairing.temperature_units}); drop --units {units}"
        )
    with progress_bar("T_c(B)") as update:
        ds = pairing.tc_curve(
            fields, angle, uniform=uniform, approx=approx, tolerance=tolerance,
            fixed_density=fixed_density, progress=update,
        )  # fmt: skip
    if format_ == "json":
        print_json(curve_json(ds))
    else:
        table = Table(title=f"T_c of {model} ({pairing.units} units, angle {angle:g} deg)")
        for col in (f"field [{ds.field.attrs['units']}]", f"tc [{ds.tc.attrs['units']}]",
                    f"q_x [{ds.q_x.attrs['units']}]", "q_y", "flags"):  # fmt: skip
            table.add_column(col, justify="right")
        doc = curve_json(ds)
        for x, tc, (qx, qy), flags in zip(doc["field"], doc["tc"], doc["q"], doc["flags"],
                                          strict=True):  # fmt: skip
            table.add_row(*(f"{v:.6g}" for v in (x, tc, qx, qy)), " ".join(flags))
        Console().print(table)
    Console(stderr=True).print(
        f"grid-refinement error estimate of T_c: {ds.attrs['tc_error_estimate']:.2e} "
        f"(tolerance {ds.attrs['tolerance']:.1e})"
    )
