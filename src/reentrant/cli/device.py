"""``reentrant simulate``: run the virtual LaTiO3-KTaO3 device and write a NetCDF file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from reentrant.cli.app import app, print_json
from reentrant.cli.options import MAX_POINTS, parse_numbers
from reentrant.cli.progress import progress_bar
from reentrant.device import CHANNELS, NoiseModel, default_device, paper_grid
from reentrant.device.export import csv_paths, write_csv, write_netcdf
from reentrant.device.simulate import TC_SOURCES
from reentrant.errors import ParameterError
from reentrant.io.output import check_output
from reentrant.pairing.model import PairingModel
from reentrant.validate import one_of

#: Largest in-plane field of a simulation (T), and the step of the field grid.
MAX_FIELD_T = 100.0
FIELD_STEP_T = 0.1
#: Largest temperature of a simulation (K).
MAX_TEMPERATURE_K = 300.0
#: Largest T_c0 (K): the coupling is calibrated in weak coupling, and (110) LaTiO3-KTaO3
#: interfaces superconduct below about 1 K.
MAX_TC0_K = 10.0


@app.command()
def simulate(
    out: Annotated[Path, typer.Option("--out", help="NetCDF file to write; must end in .nc.")],
    tc0: Annotated[
        float | None,
        typer.Option(
            help=f"T_c at B = 0, V_BG = 0 (K), in (0, {MAX_TC0_K:g}] (pairing and bcs only; "
            "default: the lto-kto-110 preset's, 0.4 K)."
        ),
    ] = None,
    tc_source: Annotated[
        str,
        typer.Option(
            help="T_c(B, V_BG) of the best candidate of the recorded scorecard (best), from the "
            "pairing solver of the paper's Eq. (1) (pairing, minutes) or the weak-coupling BCS "
            "estimate with the Pauli-limited field dependence (bcs, seconds)."
        ),
    ] = "best",
    temperatures: Annotated[
        str,
        typer.Option(
            help=f"Comma-separated temperatures (K), each in (0, {MAX_TEMPERATURE_K:g}], at "
            f"most {MAX_POINTS}."
        ),
    ] = "0.09,0.15,0.2,0.25,0.33,0.9",
    field_max: Annotated[
        float,
        typer.Option(help=f"Largest in-plane field (T), in (0, {MAX_FIELD_T:g}]; 0.1 T steps."),
    ] = 9.0,
    seed: Annotated[int, typer.Option(help="Seed of the measurement noise.")] = 0,
    noise: Annotated[bool, typer.Option(help="Add measurement noise.")] = True,
    csv: Annotated[
        Path | None, typer.Option(help="Also write <CSV>_001.csv and <CSV>_1-10.csv.")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace output files that reentrant did not write."),
    ] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Simulate R_xx, R_xy over (temperature, field, gate_voltage, channel); write NetCDF.

    Default device (:func:`reentrant.device.default_device`); V_BG from -200 to +180 V in
    10 V steps, B in 0.1 T steps.  Outputs are checked before the simulation starts.
    """
    one_of("--format", output_format, ("text", "json"))
    if not 0 < field_max <= MAX_FIELD_T:
        raise ParameterError(f"--field-max must lie in (0, {MAX_FIELD_T:g}] T, got {field_max}")
    one_of("--tc-source", tc_source, TC_SOURCES)
    if tc_source == "best" and tc0 is not None:
        raise ParameterError("--tc0 applies to --tc-source pairing or bcs (best brings its own)")
    if tc0 is not None and not 0 < tc0 <= MAX_TC0_K:
        raise ParameterError(f"--tc0 must lie in (0, {MAX_TC0_K:g}] K, got {tc0}")
    temps = parse_numbers(temperatures, "--temperatures", low=0.0, high=MAX_TEMPERATURE_K)
    check_output(out, ".nc", force=force)
    for path in [] if csv is None else csv_paths(csv, CHANNELS):
        check_output(path, ".csv", force=force)
    grid = paper_grid()
    field = np.round(np.arange(0.0, field_max + 1e-9, FIELD_STEP_T), 10)
    start = time.perf_counter()
    with progress_bar("T_c(B) per gate voltage") as update:
        if tc_source == "best":
            device = default_device()
        else:
            overrides = {} if tc0 is None else {"tc0": tc0}
            model = PairingModel.from_preset("lto-kto-110", **overrides)
            device = default_device(model, tc_source=tc_source)
        ds = device.simulate(
            temps,
            field,
            grid["gate_voltage_v"],
            noise=NoiseModel(seed=seed) if noise else None,
            progress=update,
        )
    path = write_netcdf(ds, out, force=force)
    written_csv = [] if csv is None else [str(p) for p in write_csv(ds, csv, force=force)]
    seconds = time.perf_counter() - start
    tc0_line = ds.tc.isel(field=0).values
    summary = {
        "out": str(path),
        "csv": written_csv,
        "sizes": {str(k): int(v) for k, v in ds.sizes.items()},
        "tc_zero_field_k": [float(tc0_line.min()), float(tc0_line.max())],
        "seconds": round(seconds, 3),
    }
    if output_format == "json":
        print_json(summary)
    else:
        typer.echo(f"wrote {path}: sizes {summary['sizes']}", err=True)
        typer.echo(str(path))
