"""The whole of ``reentrant reproduce``: steps -> ``data.nc``, ``summary.json``, figures, page."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xarray as xr

from reentrant.io.output import check_directory, check_outputs, write_netcdf, write_text
from reentrant.report.config import ReportConfig
from reentrant.report.device_analysis import analyse_device
from reentrant.report.figures import FIGURES, FigureRecord, save_figures
from reentrant.report.html import render
from reentrant.report.pipeline import ProgressFactory, assemble, run_steps
from reentrant.report.scoring import scorecard_summary, scores_from
from reentrant.report.summary import estimates, summary

#: Groups of ``data.nc``: the assembled steps, what the analysis code extracts from each
#: device, and the derived ``estimates``.
GROUPS = (
    "device",
    "device_analysis",
    "best_device",
    "best_device_analysis",
    "paper_full",
    "paper_upper",
    "mechanisms",
    "search",
    "bands",
    "scorecard",
    "estimates",
)


@dataclass(frozen=True)
class Report:
    """Files written by :func:`reproduce`."""

    data: Path
    summary: Path
    index: Path
    figures: tuple[FigureRecord, ...]


def write_data(datasets: dict[str, xr.Dataset], path: Path, *, force: bool = False) -> Path:
    """Write each dataset as a NetCDF group of one file (whole or not at all)."""
    return write_netcdf({name: datasets[name] for name in GROUPS}, path, force=force)


def read_data(path: str | Path) -> dict[str, xr.Dataset]:
    """Read the groups of a ``data.nc`` written by :func:`write_data`."""
    return {name: xr.load_dataset(path, group=name, engine="h5netcdf") for name in GROUPS}


def output_names() -> list[str]:
    """Names of the files :func:`reproduce` writes into its output directory."""
    figures = [f"{name}.{suffix}" for name in FIGURES for suffix in ("png", "pdf")]
    return ["data.nc", "summary.json", "index.html", *figures]


def reproduce(
    config: ReportConfig,
    out: str | Path,
    *,
    cache_dir: str | Path | None = None,
    recompute: bool = False,
    force: bool = False,
    jobs: int = 1,
    progress: ProgressFactory | None = None,
    log: Callable[[str], None] | None = None,
) -> Report:
    """Compute (or read from the cache) every step and write the report into ``out``.

    Parameters
    ----------
    config
        The parameters.
    out
        Output directory (created if missing; its parent must exist).  Its files
        (:func:`output_names`) are checked before any computation.
    cache_dir
        Cache directory (default ``out/.cache``).
    recompute
        Recompute every step, ignoring the cache (``force`` of
        :func:`reentrant.report.pipeline.run_steps`).
    force
        Replace existing output files that ``reentrant`` did not write
        (see :mod:`reentrant.io.output`).
    jobs, progress, log
        As :func:`reentrant.report.pipeline.run_steps`.

    Raises
    ------
    OutputFileError
        An output cannot or may not be written (checked before computing).
    """
    out = check_outputs(out, output_names(), force=force)
    if cache_dir is not None:
        check_directory(cache_dir, what="cache directory")
    out.mkdir(exist_ok=True)
    cache_dir = out / ".cache" if cache_dir is None else Path(cache_dir)
    steps = run_steps(config, cache_dir, force=recompute, jobs=jobs, progress=progress, log=log)
    results = assemble(steps)
    for device in ("device", "best_device"):
        results[f"{device}_analysis"] = analyse_device(results[device])
    est = estimates(results, config)
    data = write_data({**results, "estimates": est}, out / "data.nc", force=force)
    numbers = summary(est, config) | scorecard_summary(scores_from(results["scorecard"]))
    summary_path = write_text(
        json.dumps(numbers, indent=2, allow_nan=False) + "\n", out / "summary.json", force=force
    )
    figures = tuple(save_figures(results, est, config, out, force=force))
    index = write_text(render(numbers, figures), out / "index.html", force=force)
    return Report(data, summary_path, index, figures)
