"""Run a sweep on dask.distributed and write every point to its store as it finishes.

Without a client, :func:`run` starts a :class:`distributed.LocalCluster` of single-threaded
worker processes on this machine (loopback only); with one (``Client("tcp://HOST:PORT")``, or any
cluster object's client: dask-jobqueue, Kubernetes, ...) it uses that cluster.  Each missing
point is one task (:func:`reentrant.sweep.task.compute_point`); results come back to this
process, the store's only writer, which writes each point as soon as it arrives.

Losing nothing:

* a worker that dies takes its running tasks with it; the scheduler re-runs them on another
  worker (up to ``distributed.scheduler.allowed-failures`` deaths per task; a point that kills
  more workers than that is recorded as failed with dask's ``KilledWorker`` message);
* an exception in the task outside the solver is retried ``retries`` times (dask's
  ``retries=``); a failure of the solver itself is not retried but recorded with its reason;
* a killed client loses only the points in flight: they are still missing in the store, and the
  same call resumes with them.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import xarray as xr
from dask.system import CPU_COUNT
from distributed import Client, Future, LocalCluster, as_completed

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.sweep.spec import SweepSpec, load_spec
from reentrant.sweep.store import SweepStore, open_sweep
from reentrant.sweep.task import PointResult, compute_point

#: ``progress(done, failed, total)`` of the points computed in this run.
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class SweepCounts:
    """Points of one run: all of them, computed now (of which failed), skipped (already stored)."""

    total: int
    computed: int
    skipped: int
    failed: int

    def as_dict(self) -> dict[str, int]:
        """``{"total", "computed", "skipped", "failed"}``."""
        return {
            "total": self.total,
            "computed": self.computed,
            "skipped": self.skipped,
            "failed": self.failed,
        }


@contextmanager
def local_client(workers: int, *, processes: bool = True) -> Iterator[Client]:
    """A :class:`~distributed.LocalCluster` of ``workers`` single-threaded workers, its client.

    With processes, the scheduler listens on loopback only; ``processes=False`` runs the workers
    as threads of this process, talking in memory (no start-up cost; one worker gives a serial
    run).  The scheduler's HTTP server takes a free port (``:0``: two sweeps or a test suite
    beside a running cluster never collide on dask's default 8787), and dask's own logging is
    silenced: what happens to each point is in the store, and shutting a busy machine's workers
    down logs spurious heartbeat errors.
    """
    workers = int(validate.positive("workers", workers))
    network = {"host": "127.0.0.1"} if processes else {}
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes,
            dashboard_address=":0", silence_logs=logging.CRITICAL, **network,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        yield client


@contextmanager
def scheduler_client(address: str) -> Iterator[Client]:
    """A client of the running dask scheduler at ``address`` (e.g. ``tcp://HOST:8786``)."""
    try:
        client = Client(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ParameterError(f"cannot reach the dask scheduler at {address!r} ({exc})") from None
    with client:
        yield client


def run(
    spec: SweepSpec | str | Path,
    store: str | Path,
    client: Client | None = None,
    *,
    workers: int | None = None,
    retries: int = 2,
    retry_failed: bool = False,
    progress: Progress | None = None,
) -> SweepCounts:
    """Compute the points of ``spec`` that ``store`` lacks, on a dask cluster.

    Parameters
    ----------
    spec
        The sweep, or the path of its TOML file (:func:`reentrant.sweep.spec.load_spec`).
    store
        Zarr store: created if absent, resumed if it holds the same spec (and package
        version), refused otherwise (:class:`~reentrant.errors.ParameterError`).
    client
        Client of the cluster to use; None starts a local cluster of ``workers`` processes
        (default: one per core available to this process) for this call.  No cluster is
        started when nothing is missing.
    retries
        Re-runs of a task that raised outside the solver (dask's ``retries=``).
    retry_failed
        Compute the points recorded as failed again as well.
    progress
        Called after every point written.

    Returns
    -------
    SweepCounts
    """
    spec = spec if isinstance(spec, SweepSpec) else load_spec(spec)
    retries = int(validate.non_negative("retries", retries))
    with SweepStore.for_spec(store, spec).locked() as sweep:
        todo = sweep.todo(retry_failed)
        skipped = spec.size - len(todo)
        if not todo:
            return SweepCounts(spec.size, 0, skipped, 0)
        if client is None:
            with local_client(workers or CPU_COUNT) as own:
                failed = _compute(sweep, todo, own, retries, progress)
        else:
            failed = _compute(sweep, todo, client, retries, progress)
    return SweepCounts(spec.size, len(todo), skipped, failed)


def run_sweeps(
    specs: Mapping[str, SweepSpec],
    store: str | Path | None = None,
    client: Client | None = None,
    *,
    workers: int = CPU_COUNT,
    processes: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, xr.Dataset]:
    """Run several sweeps, each into ``<store>/<name>.zarr``, on one cluster; load their stores.

    Parameters
    ----------
    specs
        Name -> sweep; the name is the store's file name.
    store
        Directory of the stores (an interrupted call resumes from it); None: a temporary
        directory, removed afterwards.
    client
        Client of the cluster to use; None starts a :func:`local_client` of ``workers``
        (``processes``) once, at the first sweep with missing points.
    progress
        ``progress(done, total)`` over all points of all sweeps (stored ones count as done).

    Returns
    -------
    dict
        Name -> the loaded store (:func:`reentrant.sweep.store.open_sweep`).
    """
    total = sum(spec.size for spec in specs.values())
    with ExitStack() as stack:
        if store is None:
            store = stack.enter_context(tempfile.TemporaryDirectory(prefix="reentrant-sweeps-"))
        directory = Path(store)
        directory.mkdir(parents=True, exist_ok=True)
        sweeps, before = {}, 0
        for name, spec in specs.items():
            path = directory / f"{name}.zarr"
            if client is None and SweepStore.for_spec(path, spec).todo():
                client = stack.enter_context(local_client(workers, processes=processes))
            update = None if progress is None else (
                lambda done, failed, todo, before=before, n=spec.size:
                progress(before + n - todo + done, total)
            )  # fmt: skip
            run(spec, path, client, progress=update)
            sweeps[name] = open_sweep(path).load()
            before += spec.size
        return sweeps


def _result(future: Future, index: tuple[int, ...], n_field: int) -> PointResult:
    """The task's result; a task that errored (e.g. ``KilledWorker``) is a failed point."""
    if future.status == "error":
        exc = future.exception()
        return PointResult.failure(index, n_field, f"{type(exc).__name__}: {exc}")
    return future.result()


def _compute(
    sweep: SweepStore,
    todo: list[tuple[int, ...]],
    client: Client,
    retries: int,
    progress: Progress | None,
) -> int:
    """Submit ``todo``, write each result as it arrives; the number of failed points."""
    spec = sweep.spec
    n = len(todo)
    futures = client.map(
        compute_point, todo, [spec.model] * n, [spec.parameters(i) for i in todo],
        [spec.field] * n, [dict(spec.options)] * n, retries=retries, pure=False,
    )  # fmt: skip
    index_of = dict(zip(futures, todo, strict=True))
    failed = 0
    try:
        for done, future in enumerate(as_completed(futures), start=1):
            result = _result(future, index_of.pop(future), len(spec.field))
            sweep.write(result)
            failed += result.failed
            future.release()
            if progress is not None:
                progress(done, failed, n)
    finally:
        client.cancel(list(index_of))
    return failed
