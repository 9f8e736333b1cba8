"""``reentrant explain``: every candidate mechanism scored against the paper's observations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reentrant import __version__
from reentrant.cli.app import app, print_json
from reentrant.cli.progress import progress_bar
from reentrant.explain.candidates import CANDIDATES, PRESET
from reentrant.explain.observations import OBSERVATIONS
from reentrant.explain.scorecard import (
    best_candidate,
    run_scorecard,
    scorecard_dataset,
    scorecard_json,
)
from reentrant.io.output import check_outputs, write_netcdf, write_text
from reentrant.validate import one_of

#: Files written into ``--out``.
OUTPUTS = ("scorecard.nc", "scorecard.json")


def scorecard_table(document: dict, best: str) -> Table:
    """Rows: candidates; columns: the observations (yes/no) and whether the fit is physical."""
    table = Table(title="which mechanism explains which observation (yes = reproduced)")
    table.add_column("candidate")
    for o in OBSERVATIONS:
        table.add_column(o.key, justify="center")
    table.add_column("physical", justify="center")
    for name, row in document.items():
        marks = ["yes" if row["observations"][o.key]["reproduced"] else "no" for o in OBSERVATIONS]
        label = f"{name} (best)" if name == best else name
        table.add_row(label, *marks, "yes" if row["physical"] else "no")
    return table


@app.command("explain")
def explain_command(
    preset: Annotated[str, typer.Option(help="physical preset of the device's band")] = PRESET,
    candidates: Annotated[
        list[str] | None,
        typer.Option(
            "--candidate",
            help=f"candidates to score, of {', '.join(CANDIDATES)} (default: all but "
            "paper-fixed-density, whose fit takes hours)",
        ),
    ] = None,
    quick: Annotated[bool, typer.Option("--quick", help="coarser gate grid")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            help="directory for scorecard.nc and scorecard.json (created if missing; its "
            "parent must exist)"
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace output files that reentrant did not write")
    ] = False,
    format_: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Fit every candidate to the observations and say which ones it reproduces."""
    one_of("format", format_, ("table", "json"))
    for name in candidates or []:
        one_of("candidate", name, CANDIDATES)
    if out is not None:
        check_outputs(out, OUTPUTS, force=force)
    with progress_bar("candidates fitted and judged") as update:
        scores = run_scorecard(candidates, preset=preset, quick=quick, progress=update)
    document = scorecard_json(scores)
    best = best_candidate(scores).candidate.name
    whole = {"best": best, "preset": preset, "quick": quick, "version": __version__,
             "candidates": document}  # fmt: skip
    if out is not None:
        out.mkdir(exist_ok=True)
        write_netcdf(scorecard_dataset(scores), out / "scorecard.nc", force=force)
        write_text(json.dumps(whole, indent=2), out / "scorecard.json", force=force)
    if format_ == "json":
        print_json(whole)
        return
    Console().print(scorecard_table(document, best))
    for name, row in document.items():
        failed = [f"{k}: {v['reason']}" for k, v in row["observations"].items()
                  if not v["reproduced"]]  # fmt: skip
        Console(stderr=True).print(f"{name}: " + "; ".join(failed or ["all reproduced"]))
