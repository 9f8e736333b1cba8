"""The whole of ``reentrant reproduce``: steps -> ``data.nc``, ``summary.json``, figures, page."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xarray as xr

from reentrant.io.atomic import atomic_path
from reentrant.report.config import ReportConfig
from reentrant.report.figures import FigureRecord, save_figures
from reentrant.report.html import render
from reentrant.report.pipeline import ProgressFactory, assemble, run_steps
from reentrant.report.summary import estimates, summary

#: Groups of ``data.nc``: the assembled steps and the derived ``estimates``.
GROUPS = ("device", "paper_full", "paper_upper", "mechanisms", "search", "bands", "estimates")


@dataclass(frozen=True)
class Report:
    """Files written by :func:`reproduce`."""

    data: Path
    summary: Path
    index: Path
    figures: tuple[FigureRecord, ...]


def write_data(datasets: dict[str, xr.Dataset], path: Path) -> Path:
    """Write each dataset as a NetCDF group of one file (whole or not at all)."""
    with atomic_path(path) as tmp:
        for k, name in enumerate(GROUPS):
            datasets[name].to_netcdf(
                tmp, mode="w" if k == 0 else "a", group=name, engine="h5netcdf"
            )
    return path


def read_data(path: str | Path) -> dict[str, xr.Dataset]:
    """Read the groups of a ``data.nc`` written by :func:`write_data`."""
    return {name: xr.load_dataset(path, group=name, engine="h5netcdf") for name in GROUPS}


def reproduce(
    config: ReportConfig,
    out: str | Path,
    *,
    cache_dir: str | Path | None = None,
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
        Output directory (created if missing).
    cache_dir
        Cache directory (default ``out/.cache``).
    force, jobs, progress, log
        As :func:`reentrant.report.pipeline.run_steps`.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache_dir = out / ".cache" if cache_dir is None else Path(cache_dir)
    steps = run_steps(config, cache_dir, force=force, jobs=jobs, progress=progress, log=log)
    results = assemble(steps)
    est = estimates(results, config)
    data = write_data({**results, "estimates": est}, out / "data.nc")
    numbers = summary(est, config)
    with atomic_path(out / "summary.json") as tmp:
        tmp.write_text(json.dumps(numbers, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    figures = tuple(save_figures(results, est, config, out))
    with atomic_path(out / "index.html") as tmp:
        tmp.write_text(render(numbers, figures), encoding="utf-8")
    return Report(data, out / "summary.json", out / "index.html", figures)
