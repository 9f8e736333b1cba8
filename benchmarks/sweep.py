"""Parallel efficiency of the sweep engine: the same sweep on 1 and on 2 local worker processes.

The sweep is the re-entrance search's grid in the full two-band calculation
(:func:`reentrant.sweep.search.search_spec` of the default
:class:`~reentrant.sweep.search.SearchGrid`: 12 saddle-soc curves of 13 fields, tolerance
1e-2), or its first four curves with ``--quick``.  For each worker count a fresh local cluster
is started and every worker solves one small curve first (imports, numba's cached kernels),
so the timed run is the sweep itself: submitting, solving, writing every point to a new store.
The efficiency is ``seconds_1 / (2 seconds_2)`` (1 = perfect use of two cores).

Also reports the CPU time the workers used (how much of their cores they got on a shared
machine) and the client's cost of writing one point to the store (synthetic results), which
bounds the points per second a single client can take.

Prints details on stderr; the last line of stdout is
``points=<n> seconds_1=<s> seconds_2=<s> efficiency=<e>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from reentrant.sweep.engine import local_client, run
from reentrant.sweep.metrics import METRICS
from reentrant.sweep.search import SearchGrid, search_spec
from reentrant.sweep.spec import SweepSpec
from reentrant.sweep.store import SweepStore
from reentrant.sweep.task import PointResult


def log(message: str) -> None:
    """Details go to stderr."""
    print(message, file=sys.stderr, flush=True)


def warm() -> None:
    """Load the package and its compiled kernels in a worker."""
    from reentrant.sweep.point import solve_point

    solve_point("bcs-2d", {}, np.array([0.0, 0.5, 1.0]), tolerance=1e-2)


def benchmark_spec(quick: bool) -> SweepSpec:
    """The search grid's full-calculation sweep (its first four curves if ``quick``)."""
    grid = SearchGrid(delta=(0.25, 1.0), beta=(-1.0,)) if quick else SearchGrid()
    return search_spec(grid, "full")


def time_sweep(spec: SweepSpec, workers: int, directory: Path) -> float:
    """Wall time of the whole sweep on ``workers`` warm local worker processes.

    Also logs the CPU time the workers used and the load average: on a shared machine, a CPU
    time well below ``workers x wall`` means the workers waited for cores held by others.
    """
    with local_client(workers) as client:
        client.run(warm)
        cpu = client.run(time.process_time)
        start = time.perf_counter()
        counts = run(spec, directory / f"workers-{workers}.zarr", client)
        seconds = time.perf_counter() - start
        used = sum(client.run(time.process_time).values()) - sum(cpu.values())
    log(f"{workers} worker(s): {counts.computed} points ({counts.failed} failed) in "
        f"{seconds:.1f} s wall, {used:.1f} s CPU in the workers "
        f"({used / (workers * seconds):.0%} of {workers} cores); "
        f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    return seconds


def time_writes(spec: SweepSpec, directory: Path) -> float:
    """Seconds the client needs to write one point (data, metrics, status) to the store."""
    store = SweepStore.create(directory / "writes.zarr", spec)
    n = len(spec.field)
    points = list(spec.points())
    start = time.perf_counter()
    for index in points:
        curve = {"tc": np.ones(n), "q_x": np.zeros(n), "q_y": np.zeros(n),
                 "flags": np.zeros(n, np.int8)}  # fmt: skip
        store.write(PointResult(index, False, "", curve, dict.fromkeys(METRICS, 0.0)))
    return (time.perf_counter() - start) / len(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="four curves only")
    args = parser.parse_args()
    spec = benchmark_spec(args.quick)
    log(f"sweep: {spec.size} curves of {len(spec.field)} fields, {spec.model}, "
        f"{dict(spec.options)}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        seconds_1 = time_sweep(spec, 1, directory)
        seconds_2 = time_sweep(spec, 2, directory)
        write = time_writes(spec, directory)
    log(f"client writes one point in {1e3 * write:.0f} ms ({1 / write:.0f} points/s at most)")
    efficiency = seconds_1 / (2 * seconds_2)
    print(f"points={spec.size} seconds_1={seconds_1:.1f} seconds_2={seconds_2:.1f} "
          f"efficiency={efficiency:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
