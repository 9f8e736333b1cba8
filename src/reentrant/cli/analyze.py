"""``reentrant analyze``: extract T_c, B_c, peaks, Hall density and estimates from a data file."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
import xarray as xr

from reentrant.analysis.curves import check_max_bracket, flag_names
from reentrant.analysis.extract import extract_all
from reentrant.analysis.transition import MAX_BRACKET
from reentrant.cli.app import app, print_json
from reentrant.cli.options import parse_pairs, parse_settings
from reentrant.errors import ParameterError
from reentrant.io import load
from reentrant.io.delimited import DECIMAL_MARKS
from reentrant.io.output import check_outputs, remove_stale, sha256, write_netcdf
from reentrant.validate import one_of

NETCDF = "extracted.nc"
_COMPANIONS = ("_low", "_high", "_flags")


def _window(text: str | None, option: str) -> tuple[float, float] | None:
    """``'0.6,0.9'`` -> ``(0.6, 0.9)``; error naming the option."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise ParameterError(f"{option} expects two numbers 'low,high', got {text!r}") from None
    return low, high


def _shown(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float | int) else str(value)


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def records(extracted: xr.Dataset, name: str) -> list[dict]:
    """One JSON-safe record per element of ``extracted[name]``: coordinates and ``value``.

    A value with a bracket (``<name>_low``, ``<name>_high``) carries ``bracket``; one with
    flags (``<name>_flags``) carries the names of the flags set.  The value of a flag variable
    is the list of its flags' names.
    """
    da = extracted[name]
    low, high = extracted.get(f"{name}_low"), extracted.get(f"{name}_high")
    flags = extracted.get(f"{name}_flags")
    coords = [(str(d), da[d].values.tolist()) for d in da.dims]
    out = []
    for index in np.ndindex(da.shape):
        rec: dict = {d: c[i] for (d, c), i in zip(coords, index, strict=True)}
        if "flag_meanings" in da.attrs:
            rec["value"] = flag_names(int(da.values[index]), da.attrs)
        else:
            rec["value"] = _number(float(da.values[index]))
        if low is not None and high is not None:
            rec["bracket"] = [_number(float(low.values[index])), _number(float(high.values[index]))]
        if flags is not None:
            rec["flags"] = flag_names(int(flags.values[index]), flags.attrs)
        out.append(rec)
    return out


def _reported(extracted: xr.Dataset) -> list[str]:
    """Variables reported on their own: all but the brackets and flags of another variable."""
    return [
        str(name)
        for name in extracted.data_vars
        if not any(
            str(name).endswith(end) and str(name)[: -len(end)] in extracted for end in _COMPANIONS
        )  # fmt: skip
    ]


#: Most values listed one per line in the text output; larger results are summarised.
MAX_LISTED = 24


def _text_lines(extracted: xr.Dataset) -> list[str]:
    """Human-readable summary: ranges; bracketed or flagged values listed (or counted)."""
    lines = []
    for name in _reported(extracted):
        da = extracted[name]
        units = da.attrs.get("units", "")
        if "flag_meanings" in da.attrs:
            lines.append(_flag_summary(name, da.values, da.attrs))
            continue
        finite = da.values[np.isfinite(da.values)]
        span = f"{finite.min():.4g} .. {finite.max():.4g}" if finite.size else "none"
        lines.append(f"{name} [{units}] over {list(da.dims)}: {span}")
        if f"{name}_low" not in extracted and f"{name}_flags" not in extracted:
            continue
        if da.size > MAX_LISTED:
            if f"{name}_flags" in extracted:
                flags = extracted[f"{name}_flags"]
                lines.append("  " + _flag_summary(f"{name}_flags", flags.values, flags.attrs))
            continue
        for rec in records(extracted, name):
            where = ", ".join(f"{d}={_shown(rec[d])}" for d in da.dims) or name
            value = "NaN" if rec["value"] is None else f"{rec['value']:.4g}"
            bracket = rec.get("bracket", [None, None])
            if None not in bracket and bracket[0] != bracket[1]:
                value += f", measured between {bracket[0]:.4g} and {bracket[1]:.4g}"
            note = f" [{', '.join(rec['flags'])}]" if rec.get("flags") else ""
            lines.append(f"  {where}: {value} {units}{note}")
    return lines


def _flag_summary(name: str, values: np.ndarray, attrs: dict) -> str:
    """``'tc_flags: 12 of 39 flagged (bracket_too_wide 10, ...)'``."""
    values = np.asarray(values, dtype=np.int64).ravel()
    counts = {}
    for value in values[values != 0]:
        for flag in flag_names(int(value), attrs):
            counts[flag] = counts.get(flag, 0) + 1
    detail = ", ".join(f"{flag} {n}" for flag, n in counts.items())
    return f"{name}: {np.count_nonzero(values)} of {values.size} flagged" + (
        f" ({detail})" if detail else ""
    )


@app.command()
def analyze(
    file: Annotated[
        Path, typer.Argument(help="CSV/TSV/text, Quantum Design .dat, NetCDF or QCoDeS .db file.")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Directory for figures and extracted.nc (created if missing; its parent "
            "must exist).",
        ),
    ],
    columns: Annotated[
        list[str] | None,
        typer.Option(help="quantity=column pairs, e.g. 'temperature=T_mc,r_xx=Lockin X'."),
    ] = None,
    units: Annotated[
        list[str] | None, typer.Option(help="quantity=unit pairs, e.g. 'temperature=mK'.")
    ] = None,
    criterion: Annotated[float, typer.Option(help="Fraction of R_N defining T_c, B_c.")] = 0.5,
    run_id: Annotated[int | None, typer.Option(help="QCoDeS run id (QCoDeS .db only).")] = None,
    from_vi: Annotated[bool, typer.Option("--from-vi", help="Resistance as V / I.")] = False,
    normal_at: Annotated[
        float | None,
        typer.Option(help="Temperature (K) of the normal-state reference; within the data."),
    ] = None,
    normal_fit: Annotated[
        str | None, typer.Option(help="'T_low,T_high' (K): fit the normal state R_N(T) there.")
    ] = None,
    r_normal: Annotated[
        float | None, typer.Option(help="Normal-state resistance (Ohm) for B_c and peaks.")
    ] = None,
    g_factor: Annotated[float, typer.Option("--g", help="g factor of the Pauli limit.")] = 2.0,
    squares: Annotated[float, typer.Option(help="L/W between the voltage contacts.")] = 1.0,
    orientation: Annotated[
        str, typer.Option(help="Field orientation: parallel or perpendicular.")
    ] = "parallel",
    resolution: Annotated[
        list[str] | None,
        typer.Option(
            help="Gridding resolution per coordinate, finite and positive, e.g. "
            "'temperature=0.002' (K, T, V; defaults 0.0045 K, 0.001 T, 0.01 V)."
        ),
    ] = None,
    xi: Annotated[
        float | None, typer.Option(help="Coherence length (nm) for w and thickness.")
    ] = None,
    max_bracket: Annotated[
        float,
        typer.Option(
            help="Largest spacing of the measured points around T_c or B_c, as a fraction of "
            "the value, for which a value is given; wider brackets give NaN and the bracket."
        ),
    ] = MAX_BRACKET,
    decimal: Annotated[
        str | None,
        typer.Option(help="Decimal mark of a text file, '.' or ','; recognised by default."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace output files that reentrant did not write."),
    ] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Analyse measured magnetotransport: T_c, B_c, resistive peaks, Hall n, B_P, xi, w.

    T_c and B_c come with the measured points around them; flags say where R_N was not
    reached or a Hall fit lost its superconducting points.  Writes OUT/extracted.nc (with
    the source file and options) and the figures; figures of an earlier run that no longer
    apply are removed.
    """
    from reentrant.plotting.analysis import FIGURE_STEMS, analysis_figures, save_figure

    one_of("--format", output_format, ("text", "json"))
    if decimal is not None:
        one_of("--decimal", decimal, DECIMAL_MARKS)
    check_max_bracket(max_bracket)
    names = [NETCDF, *(f"{stem}.png" for stem in FIGURE_STEMS)]
    check_outputs(out, names, force=force)
    options = {
        "columns": parse_pairs(columns, "--columns"),
        "units": parse_pairs(units, "--units"),
        "resolution": parse_settings(resolution, "--resolution"),
        "normal_fit": _window(normal_fit, "--normal-fit"),
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = load(
            file,
            options["columns"],
            options["units"],
            run_id=run_id,
            resistance_from_vi=from_vi,
            resolution=options["resolution"],
            decimal=decimal,
        )
        extracted = extract_all(
            data,
            criterion,
            normal_at=normal_at,
            normal_fit=options["normal_fit"],
            r_normal=r_normal,
            g_factor=g_factor,
            squares=squares,
            orientation=orientation,
            xi_nm=xi,
            max_bracket=max_bracket,
        )
    for w in caught:
        typer.echo(f"warning: {w.message}", err=True)
    options.update(
        criterion=criterion, run_id=run_id, from_vi=from_vi, normal_at=normal_at,
        r_normal=r_normal, g_factor=g_factor, squares=squares, orientation=orientation,
        xi=xi, max_bracket=max_bracket, decimal=decimal,
    )  # fmt: skip
    extracted.attrs.update(
        source_file=str(file.resolve()),
        source_sha256=sha256(file),
        options=json.dumps(options, sort_keys=True),
    )
    out.mkdir(exist_ok=True)
    nc_path = write_netcdf(extracted, out / NETCDF, force=force)
    drawn = analysis_figures(extracted, data)
    figures = [save_figure(fig, out / f"{stem}.png", force=force) for stem, fig in drawn.items()]
    stale = remove_stale(out, [f"{stem}.png" for stem in FIGURE_STEMS if stem not in drawn])
    typer.echo(
        f"wrote {nc_path} and {len(figures)} figure(s) in {out}"
        + (f"; removed {len(stale)} stale figure(s)" if stale else ""),
        err=True,
    )
    if output_format == "json":
        print_json(
            {
                "file": str(file),
                "dims": {str(k): int(v) for k, v in data.sizes.items()},
                "criterion": criterion,
                "max_bracket": max_bracket,
                "netcdf": str(nc_path),
                "figures": [str(p) for p in figures],
                "results": {
                    name: {
                        "units": extracted[name].attrs.get("units", ""),
                        "values": records(extracted, name),
                    }
                    for name in _reported(extracted)
                },
            }
        )
        return
    if not extracted.data_vars:
        typer.echo("nothing to extract from these data")
    for line in _text_lines(extracted):
        typer.echo(line)
