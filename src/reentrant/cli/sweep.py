"""``reentrant sweep``: T_c(B) curves over a parameter grid on dask, into a resumable store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reentrant.cli.app import app, fail, print_json
from reentrant.cli.options import check_points
from reentrant.cli.progress import sweep_progress_bar
from reentrant.cli.reproduce import MAX_JOBS
from reentrant.io.output import check_directory
from reentrant.validate import one_of


def _show_status(store: Path, format_: str) -> None:
    from reentrant.sweep import store_status

    status = store_status(store)
    if format_ == "json":
        print_json(status.as_dict())
        return
    typer.echo(
        f"{store}: {status.total} points, {status.done} done, {status.failed} failed, "
        f"{status.missing} missing"
    )
    for point, reason in status.failures:
        typer.echo(f"failed: {point}: {reason}")


@app.command("sweep")
def sweep_command(
    spec: Annotated[
        Path | None,
        typer.Argument(
            metavar="SPEC.toml", help="model, options, and the tables fixed, vary, derived, field"
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Zarr store: created, or resumed if it holds this spec")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help=f"local worker processes, 1 to {MAX_JOBS} (default: one per core)"),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="a running dask scheduler instead, tcp://HOST:PORT")
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="compute the failed points again")
    ] = False,
    status: Annotated[
        Path | None, typer.Option("--status", metavar="STORE", help="summarise a store, exit")
    ] = None,
    format_: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Solve T_c(B) over a parameter grid on a dask cluster, writing each point as it finishes.

    Without --scheduler, a local cluster of single-threaded worker processes is started.

    An interrupted sweep resumes with the same command: only the missing points are computed.
    """
    one_of("format", format_, ("text", "json"))
    if status is not None:
        if spec is not None or out is not None or workers is not None or scheduler is not None:
            fail("--status takes only a store (and --format)")
        _show_status(status, format_)
        return
    if spec is None or out is None:
        fail("give SPEC.toml and --out STORE (or --status STORE)")
    if workers is not None and scheduler is not None:
        fail("--workers and --scheduler exclude each other")
    if workers is not None:
        check_points(workers, "--workers", max_points=MAX_JOBS)
    check_directory(out, what="--out")
    from reentrant.sweep import load_spec, run, scheduler_client

    sweep_spec = load_spec(spec)
    with sweep_progress_bar(f"sweep {spec.name}") as update:
        if scheduler is None:
            counts = run(sweep_spec, out, workers=workers, retry_failed=retry_failed,
                         progress=update)  # fmt: skip
        else:
            with scheduler_client(scheduler) as client:
                counts = run(sweep_spec, out, client, retry_failed=retry_failed, progress=update)
    if counts.failed:
        typer.echo(
            f"warning: {counts.failed} points failed; `reentrant sweep --status {out}` lists why",
            err=True,
        )
    if format_ == "json":
        print_json(counts.as_dict())
    else:
        typer.echo(
            f"{out}: {counts.total} points, {counts.computed} computed ({counts.failed} failed), "
            f"{counts.skipped} already there"
        )
