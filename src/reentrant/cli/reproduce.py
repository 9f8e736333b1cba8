"""``reentrant reproduce``: the paper's figures and numbers as data.nc, summary.json, index.html."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reentrant.cli.app import app, print_json
from reentrant.cli.options import check_points
from reentrant.cli.progress import progress_bar
from reentrant.validate import one_of

#: Most worker processes: the steps are few, and each worker holds a whole solver.
MAX_JOBS = 64


@app.command("reproduce")
def reproduce_command(
    out: Annotated[
        Path, typer.Option(help="output directory (created if missing; its parent must exist)")
    ] = Path("demo-output"),
    preset: Annotated[
        str | None, typer.Option(help="built-in physical preset (default lto-kto-110)")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="TOML file: report parameters and a model table of preset overrides"),
    ] = None,
    quick: Annotated[bool, typer.Option("--quick", help="coarse grids (tests, previews)")] = False,
    jobs: Annotated[
        int,
        typer.Option(help=f"dask worker processes, 1 to {MAX_JOBS}; 1: all in this process"),
    ] = 1,
    recompute: Annotated[
        bool, typer.Option("--recompute", help="recompute every step, ignoring the cache")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="replace output files that reentrant did not write")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option(help="cache directory (default OUT/.cache)")
    ] = None,
    format_: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Compute the paper's figures and headline numbers and write them as a report."""
    from reentrant.report import load_config, make_config, reproduce  # matplotlib: slow import

    one_of("--format", format_, ("text", "json"))
    check_points(jobs, "--jobs", max_points=MAX_JOBS)
    settings = load_config(config) if config is not None else None
    parameters = make_config(preset, settings, quick=quick)
    err = Console(stderr=True)
    report = reproduce(
        parameters, out, cache_dir=cache_dir, recompute=recompute, force=force, jobs=jobs,
        progress=progress_bar, log=lambda line: err.print(line),
    )  # fmt: skip
    files = [report.data, report.summary, report.index]
    files += [path for record in report.figures for path in (record.png, record.pdf)]
    if format_ == "json":
        print_json({"out": str(out), "files": [str(p) for p in files]})
    else:
        typer.echo(str(report.index))
    err.print(f"wrote {len(files)} files to {out}")
