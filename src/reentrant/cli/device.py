"""``reentrant simulate``: run the virtual LaTiO3-KTaO3 device and write a NetCDF file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from reentrant.cli.app import app, print_json
from reentrant.cli.progress import progress_bar
from reentrant.device import NoiseModel, default_device, paper_grid
from reentrant.device.export import write_csv, write_netcdf
from reentrant.errors import ParameterError
from reentrant.pairing.model import PairingModel


def _floats(text: str, name: str) -> np.ndarray:
    try:
        return np.array([float(x) for x in text.split(",") if x.strip()])
    except ValueError:
        raise ParameterError(f"{name} must be comma-separated numbers, got {text!r}") from None


@app.command()
def simulate(
    out: Annotated[Path, typer.Option("--out", help="NetCDF file to write (.nc).")],
    tc0: Annotated[float, typer.Option(help="T_c at B = 0, V_BG = 0 (K).")] = 0.4,
    tc_source: Annotated[
        str,
        typer.Option(
            help="T_c(B, V_BG) from the pairing solver of Eq. (1) (pairing, minutes) or the "
            "weak-coupling BCS estimate with the Pauli-limited field dependence (bcs, seconds)."
        ),
    ] = "pairing",
    temperatures: Annotated[
        str, typer.Option(help="Comma-separated temperatures (K).")
    ] = "0.09,0.15,0.2,0.25,0.33,0.9",
    field_max: Annotated[
        float, typer.Option(help="Largest in-plane field (T), 0.1 T steps.")
    ] = 9.0,
    seed: Annotated[int, typer.Option(help="Seed of the measurement noise.")] = 0,
    noise: Annotated[bool, typer.Option(help="Add measurement noise.")] = True,
    csv: Annotated[
        Path | None, typer.Option(help="Also write <CSV>_001.csv and <CSV>_1-10.csv.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Simulate R_xx, R_xy over (temperature, field, gate_voltage, channel); write NetCDF.

    Default device (:func:`reentrant.device.default_device`); V_BG from -200 to +180 V in
    10 V steps, B in 0.1 T steps.
    """
    if output_format not in ("text", "json"):
        raise ParameterError(f"unknown --format {output_format!r}; choose text or json")
    if field_max <= 0:
        raise ParameterError(f"--field-max must be positive, got {field_max}")
    grid = paper_grid()
    field = np.round(np.arange(0.0, field_max + 1e-9, 0.1), 10)
    start = time.perf_counter()
    with progress_bar("T_c(B) per gate voltage") as update:
        model = PairingModel.from_preset("lto-kto-110", tc0=tc0)
        ds = default_device(model, tc_source=tc_source).simulate(
            _floats(temperatures, "--temperatures"),
            field,
            grid["gate_voltage_v"],
            noise=NoiseModel(seed=seed) if noise else None,
            progress=update,
        )
    path = write_netcdf(ds, out)
    csv_paths = [] if csv is None else [str(p) for p in write_csv(ds, csv)]
    seconds = time.perf_counter() - start
    tc0_line = ds.tc.isel(field=0).values
    summary = {
        "out": str(path),
        "csv": csv_paths,
        "sizes": {str(k): int(v) for k, v in ds.sizes.items()},
        "tc_zero_field_k": [float(tc0_line.min()), float(tc0_line.max())],
        "seconds": round(seconds, 3),
    }
    if output_format == "json":
        print_json(summary)
    else:
        typer.echo(f"wrote {path}: sizes {summary['sizes']}", err=True)
        typer.echo(str(path))
