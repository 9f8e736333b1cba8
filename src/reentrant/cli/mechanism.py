"""``reentrant mechanism``: T_c(B) of any rival mechanism, or the list of mechanisms."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reentrant.cli.app import app, print_json
from reentrant.cli.curve_output import curve_json
from reentrant.cli.options import parse_range, parse_settings
from reentrant.errors import ParameterError
from reentrant.mechanisms import MECHANISMS, configure, default_mechanism, settable_parameters
from reentrant.validate import one_of


def _format(value: float | None, none: str = "nan") -> str:
    """A table cell: 6 significant digits, ``none`` for None."""
    return none if value is None else f"{value:.6g}"


def _list_table() -> Table:
    """Every mechanism with its default parameters."""
    table = Table(title="mechanisms (defaults; change with --set KEY=VALUE)")
    table.add_column("name")
    table.add_column("parameters")
    for name in MECHANISMS:
        params = settable_parameters(default_mechanism(name))
        table.add_row(name, ", ".join(f"{k}={_format(v, 'off')}" for k, v in params.items()))
    return table


@app.command("mechanism")
def mechanism_command(
    name: Annotated[str | None, typer.Argument(help="mechanism name (see --list)")] = None,
    field: Annotated[
        str | None, typer.Option(help="START:STOP:N in tesla (both ends included)")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="change a parameter, KEY=VALUE")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="list the mechanisms and their defaults")
    ] = False,
    format_: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """T_c(B) in K of a rival mechanism (Pauli, FF, orbital, JP, spin-orbit scattering, ...)."""
    one_of("format", format_, ("table", "json"))
    if list_:
        if format_ == "json":
            print_json({n: settable_parameters(default_mechanism(n)) for n in MECHANISMS})
        else:
            Console().print(_list_table())
        return
    if name is None:
        raise ParameterError("give a mechanism NAME or --list")
    if field is None:
        raise ParameterError("--field START:STOP:N is required")
    fields = parse_range(field, "--field")
    mechanism = configure(name, parse_settings(set_))
    doc = curve_json(mechanism.curve(fields))
    if format_ == "json":
        print_json(doc)
        return
    units = doc["units"]
    table = Table(title=f"T_c of {name}")
    table.add_column(f"field [{units['field']}]", justify="right")
    table.add_column(f"tc [{units['tc']}]", justify="right")
    if doc["q"] is not None:
        table.add_column(f"q_x [{units['q']}]", justify="right")
        table.add_column("q_y", justify="right")
    table.add_column("flags")
    for i, (b, tc) in enumerate(zip(doc["field"], doc["tc"], strict=True)):
        q = [] if doc["q"] is None else [_format(v) for v in doc["q"][i]]
        table.add_row(_format(b), _format(tc), *q, " ".join(doc["flags"][i]))
    Console().print(table)
