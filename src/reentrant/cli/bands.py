"""``reentrant bands``: the tight-binding (110) interface at a density and its fit to Eq. (1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reentrant.cli.app import app, print_json
from reentrant.errors import ParameterError
from reentrant.io.output import check_outputs
from reentrant.validate import one_of, positive

#: cm^-2 per nm^-2.
CM2_PER_NM2 = 1e14
#: Largest sheet density accepted, cm^-2: two electrons per (110) cell of sqrt(2) a0^2.
MAX_DENSITY_CM2 = 1e15
#: Thickest starting slab accepted (the slab grows by itself where the gas needs it).
MAX_LAYERS = 400
#: Files written into ``--out``.
OUTPUTS = ("bands.nc", "fig1b_orbital.png", "fig1b_orbital.pdf", "fig1b_spin.png")
#: Units of the printed numbers.
UNITS = {
    "mass_heavy": "m_e",
    "mass_light": "m_e",
    "beta": "meV nm",
    "delta": "meV",
    "rms": "meV",
    "max_error": "meV",
    "van_hove_energy": "meV",
    "mu": "meV",
    "g_factor": "1",
    "density": "cm^-2",
}


@app.command("bands")
def bands_command(
    density: Annotated[
        float, typer.Option(help="Sheet density (cm^-2); default the device's n at V_BG = 0.")
    ] = 3.0e13,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Directory for bands.nc and the Fig. 1b analogue (created if missing; its "
            "parent must exist)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace output files that reentrant did not write.")
    ] = False,
    confinement: Annotated[
        str, typer.Option(help="triangular (interface field) or self-consistent.")
    ] = "triangular",
    layers: Annotated[
        int, typer.Option(help=f"Starting slab thickness, 1..{MAX_LAYERS} (grown if needed).")
    ] = 30,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Fit the paper's Eq. (1) to the tight-binding (110) KTaO3 interface at a sheet density."""
    from reentrant.bands.interface import CONFINEMENTS, interface_state
    from reentrant.bands.saddle import fit_saddle
    from reentrant.bands.slab import SlabModel

    one_of("format", output_format, ("text", "json"))
    one_of("confinement", confinement, CONFINEMENTS)
    if positive("--density", density) > MAX_DENSITY_CM2:
        raise ParameterError(
            f"--density {density:.3g} cm^-2 exceeds {MAX_DENSITY_CM2:.0e} cm^-2 (two electrons "
            "per (110) cell)"
        )
    if not 1 <= layers <= MAX_LAYERS:
        raise ParameterError(f"--layers must be between 1 and {MAX_LAYERS}, got {layers}")
    if force and out is None:
        raise ParameterError("--force applies to files in --out; no --out given")
    if out is not None:
        check_outputs(out, OUTPUTS, force=force)
    options = {"model": SlabModel(layers=layers), "confinement": confinement}
    n_nm2 = density / CM2_PER_NM2
    if out is None:
        state = interface_state(n_nm2, **options)
        fit = fit_saddle(state.model, state.mu)
    else:
        fit, state = _write(n_nm2, out, force, options)
    numbers = {k: v for k, v in fit.as_dict().items() if k in UNITS or k == "stderr"}
    payload = {
        "fit": numbers,
        "density": density,
        "layers": state.model.layers,
        "confinement": confinement,
        "units": UNITS,
        "files": [] if out is None else [str(out / name) for name in OUTPUTS],
    }
    if output_format == "json":
        print_json(payload)
        return
    for name in ("mass_heavy", "mass_light", "beta", "delta", "g_factor", "rms"):
        typer.echo(f"{name} = {numbers[name]:.6g} {UNITS[name]}")
    typer.echo(f"at n = {density:.4g} cm^-2, {state.model.layers} layers, {confinement} well")


def _write(density_nm2: float, out: Path, force: bool, options: dict):
    """Compute the overview, write the NetCDF file and the figures; return (fit, state)."""
    from reentrant.bands.overview import overview
    from reentrant.io.output import write_netcdf
    from reentrant.plotting.analysis import save_figure
    from reentrant.plotting.bands import plot_fig1b

    data, fit, state = overview(density_nm2, **options)
    out.mkdir(exist_ok=True)
    netcdf, orbital_png, orbital_pdf, spin_png = (out / name for name in OUTPUTS)
    write_netcdf(data, netcdf, force=force)
    save_figure(plot_fig1b(data, colour="orbital"), orbital_png, force=force)
    save_figure(plot_fig1b(data, colour="orbital"), orbital_pdf, force=force)
    save_figure(plot_fig1b(data, colour="spin"), spin_png, force=force)
    typer.echo(f"wrote {len(OUTPUTS)} files to {out}", err=True)
    return fit, state
