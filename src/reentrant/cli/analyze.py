"""``reentrant analyze``: extract T_c, B_c, peaks, Hall density and estimates from a data file."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
import xarray as xr

from reentrant.analysis.extract import extract_all
from reentrant.cli.app import app, print_json
from reentrant.errors import ParameterError
from reentrant.io import load
from reentrant.io.atomic import atomic_path

_FIGURES = {  # variable -> file stem
    "tc": "tc",
    "bc": "critical_field",
    "peak_amplitude": "peak_amplitude",
    "density": "hall_density",
    "b_pauli": "pauli_limit",
    "xi": "coherence_length",
}


def parse_pairs(items: list[str] | None, option: str) -> dict[str, str]:
    """``['a=x,b=y', 'c=z']`` -> ``{'a': 'x', 'b': 'y', 'c': 'z'}``; error naming the option."""
    out: dict[str, str] = {}
    for item in items or []:
        for pair in item.split(","):
            if not pair.strip():
                continue
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise ParameterError(f"{option} expects name=value pairs, got {pair!r}")
            out[key.strip()] = value.strip()
    return out


def _floats(pairs: dict[str, str], option: str) -> dict[str, float]:
    try:
        return {k: float(v) for k, v in pairs.items()}
    except ValueError:
        raise ParameterError(f"{option} values must be numbers, got {pairs}") from None


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


def records(da: xr.DataArray) -> list[dict]:
    """One JSON-safe record per element: its coordinates and ``value`` (None for NaN)."""
    coords = [(str(d), da[d].values.tolist()) for d in da.dims]
    values = np.asarray(da.values, dtype=float)
    out = []
    for index in np.ndindex(values.shape):
        rec = {d: c[i] for (d, c), i in zip(coords, index, strict=True)}
        v = float(values[index])
        rec["value"] = v if math.isfinite(v) else None
        out.append(rec)
    return out


def _write_netcdf(ds: xr.Dataset, path: Path) -> None:
    """Write NetCDF whole or not at all."""
    with atomic_path(path) as tmp:
        ds.to_netcdf(tmp, engine="h5netcdf")


def _figures(extracted: xr.Dataset, data: xr.Dataset, out: Path) -> list[Path]:
    """Save the figures the extracted data allow; return their paths."""
    from reentrant.plotting.analysis import plot_extracted, plot_transitions, save_figure

    written = []
    if "tc" in extracted and "r_xx" in data:
        transition = extracted[["tc", "r_normal"]].assign_attrs(
            criterion=extracted.attrs["criterion"]
        )
        r_xx = data.r_xx
        if "field" in r_xx.dims:  # the zero-field transitions
            nearest = {"field": int(np.argmin(np.abs(r_xx.field.values)))}
            r_xx, transition = r_xx.isel(nearest), transition.isel(nearest)
        fig = plot_transitions(r_xx, transition)
        written.append(save_figure(fig, out / "transition.png"))
    for name, stem in _FIGURES.items():
        if name not in extracted or extracted[name].ndim == 0:
            continue
        da = extracted[name]
        x_dim = next((d for d in ("gate_voltage", "temperature", "field") if d in da.dims), None)
        if x_dim is None or not np.any(np.isfinite(da.values)):
            continue
        written.append(save_figure(plot_extracted(da, x_dim), out / f"{stem}.png"))
    return written


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="CSV/TSV/text, NetCDF or QCoDeS .db file.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for figures and NetCDF.")],
    columns: Annotated[
        list[str] | None,
        typer.Option(help="quantity=column pairs, e.g. 'temperature=T_mc,r_xx=Lockin X'."),
    ] = None,
    units: Annotated[
        list[str] | None, typer.Option(help="quantity=unit pairs, e.g. 'temperature=mK'.")
    ] = None,
    criterion: Annotated[float, typer.Option(help="Fraction of R_N defining T_c, B_c.")] = 0.5,
    run_id: Annotated[int | None, typer.Option(help="QCoDeS run id.")] = None,
    from_vi: Annotated[bool, typer.Option("--from-vi", help="Resistance as V / I.")] = False,
    normal_at: Annotated[
        float | None, typer.Option(help="Temperature (K) of the normal-state reference.")
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
            help="Gridding resolution per coordinate, e.g. 'temperature=0.002' (K, T, V)."
        ),
    ] = None,
    xi: Annotated[
        float | None, typer.Option(help="Coherence length (nm) for w and thickness.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Analyse measured magnetotransport: T_c, B_c, resistive peaks, Hall n, B_P, xi, w."""
    if output_format not in ("text", "json"):
        raise ParameterError(f"unknown --format {output_format!r}; choose text or json")
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out} exists and is not a directory")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = load(
            file,
            parse_pairs(columns, "--columns"),
            parse_pairs(units, "--units"),
            run_id=run_id,
            resistance_from_vi=from_vi,
            resolution=_floats(parse_pairs(resolution, "--resolution"), "--resolution"),
        )
        extracted = extract_all(
            data,
            criterion,
            normal_at=normal_at,
            normal_fit=_window(normal_fit, "--normal-fit"),
            r_normal=r_normal,
            g_factor=g_factor,
            squares=squares,
            orientation=orientation,
            xi_nm=xi,
        )
    for w in caught:
        typer.echo(f"warning: {w.message}", err=True)
    out.mkdir(parents=True, exist_ok=True)
    nc_path = out / "extracted.nc"
    _write_netcdf(extracted, nc_path)
    figures = _figures(extracted, data, out)
    typer.echo(f"wrote {nc_path} and {len(figures)} figure(s) in {out}", err=True)
    if output_format == "json":
        print_json(
            {
                "file": str(file),
                "dims": {str(k): int(v) for k, v in data.sizes.items()},
                "criterion": criterion,
                "netcdf": str(nc_path),
                "figures": [str(p) for p in figures],
                "results": {
                    str(name): {"units": da.attrs.get("units", ""), "values": records(da)}
                    for name, da in extracted.data_vars.items()
                },
            }
        )
        return
    if not extracted.data_vars:
        typer.echo("nothing to extract from these data")
    for name, da in extracted.data_vars.items():
        finite = da.values[np.isfinite(da.values)]
        span = f"{finite.min():.4g} .. {finite.max():.4g}" if finite.size else "none"
        typer.echo(f"{name} [{da.attrs.get('units', '')}] over {list(da.dims)}: {span}")
