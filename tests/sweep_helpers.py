"""Helpers of the sweep tests: file snapshots of a store, search stores of known curves."""

import hashlib
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.sweep.metrics import METRICS, curve_metrics
from reentrant.sweep.search import search_spec
from reentrant.sweep.store import STATUS


def snapshot(path: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``path`` -> (modification time in ns, SHA-256 of its bytes)."""
    return {
        str(p.relative_to(path)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def fake_sweep(spec, curve) -> xr.Dataset:
    """What the store of ``spec`` holds if the solver returned ``curve(params, field)``.

    Every point done, with its metrics from :func:`reentrant.sweep.metrics.curve_metrics`.
    """
    field = np.asarray(spec.field)
    tc = np.empty((*spec.shape, field.size))
    metrics = {name: np.empty(spec.shape) for name in METRICS}
    for index in spec.points():
        tc[index] = curve(spec.parameters(index), field)
        for name, value in curve_metrics(field, tc[index]).items():
            metrics[name][index] = value
    dims = spec.dims
    return xr.Dataset(
        {
            "tc": ((*dims, "field"), tc),
            "status": (dims, np.full(spec.shape, STATUS["done"], np.int8)),
            **{name: (dims, values) for name, values in metrics.items()},
        },
        coords={**{name: list(values) for name, values in spec.vary}, "field": field},
    )


def fake_search_sweep(grid, approx: str, curve) -> xr.Dataset:
    """What the search's store of ``approx`` holds if the solver returned ``curve``.

    ``curve(approx, delta, beta, mass_ratio, cutoff, h) -> T_c(h)``; every point done, with its
    metrics from :func:`reentrant.sweep.metrics.curve_metrics`.
    """
    return fake_sweep(
        search_spec(grid, approx),
        lambda p, h: curve(approx, p["delta"], p["beta"], p["mass_heavy"], p["cutoff"], h),
    )
