"""``reentrant bands``: the tight-binding (110) interface at a density and its fit to Eq. (1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reentrant.cli.app import app, print_json
from reentrant.errors import ParameterError
from reentrant.validate import one_of, positive

#: cm^-2 per nm^-2.
CM2_PER_NM2 = 1e14
#: Files written by ``--out``.
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


def _targets(out: Path, force: bool) -> list[Path]:
    """The output files; refuse to replace a file this command is not told to replace."""
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out} exists and is not a directory")
    paths = [out / name for name in OUTPUTS]
    existing = [str(p) for p in paths if p.exists()]
    if existing and not force:
        raise ParameterError(f"{existing[0]} exists; use --force to overwrite it")
    return paths


@app.command("bands")
def bands_command(
    density: Annotated[
        float, typer.Option(help="Sheet density (cm^-2); default the device's n at V_BG = 0.")
    ] = 3.0e13,
    out: Annotated[
        Path | None, typer.Option(help="Directory for bands.nc and the Fig. 1b analogue.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")] = False,
    confinement: Annotated[
        str, typer.Option(help="triangular (interface field) or self-consistent.")
    ] = "triangular",
    layers: Annotated[int, typer.Option(help="Starting slab thickness (grown if needed).")] = 30,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Fit the paper's Eq. (1) to the tight-binding (110) KTaO3 interface at a sheet density."""
    from reentrant.bands.interface import CONFINEMENTS, interface_state
    from reentrant.bands.saddle import fit_saddle
    from reentrant.bands.slab import SlabModel

    one_of("format", output_format, ("text", "json"))
    one_of("confinement", confinement, CONFINEMENTS)
    n_nm2 = positive("--density", density) / CM2_PER_NM2
    targets = _targets(out, force) if out is not None else []
    options = {"model": SlabModel(layers=layers), "confinement": confinement}
    if out is None:
        state = interface_state(n_nm2, **options)
        fit = fit_saddle(state.model, state.mu)
    else:
        fit, state = _write(n_nm2, out, targets, options)
    numbers = {k: v for k, v in fit.as_dict().items() if k in UNITS or k == "stderr"}
    payload = {
        "fit": numbers,
        "density": density,
        "layers": state.model.layers,
        "confinement": confinement,
        "units": UNITS,
        "files": [str(p) for p in targets],
    }
    if output_format == "json":
        print_json(payload)
        return
    for name in ("mass_heavy", "mass_light", "beta", "delta", "g_factor", "rms"):
        typer.echo(f"{name} = {numbers[name]:.6g} {UNITS[name]}")
    typer.echo(f"at n = {density:.4g} cm^-2, {state.model.layers} layers, {confinement} well")


def _write(density_nm2: float, out: Path, targets: list[Path], options: dict):
    """Compute the overview, write the NetCDF file and the figures; return (fit, state)."""
    from reentrant.bands.overview import overview
    from reentrant.device.export import write_netcdf
    from reentrant.plotting.analysis import save_figure
    from reentrant.plotting.bands import plot_fig1b

    data, fit, state = overview(density_nm2, **options)
    out.mkdir(parents=True, exist_ok=True)
    netcdf, orbital_png, orbital_pdf, spin_png = targets
    write_netcdf(data, netcdf)
    save_figure(plot_fig1b(data, colour="orbital"), orbital_png)
    save_figure(plot_fig1b(data, colour="orbital"), orbital_pdf)
    save_figure(plot_fig1b(data, colour="spin"), spin_png)
    typer.echo(f"wrote {len(targets)} files to {out}", err=True)
    return fit, state
