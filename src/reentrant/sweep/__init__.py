"""Parameter sweeps of T_c(B) on dask.distributed, into a resumable Zarr store.

>>> from reentrant.sweep import load_spec, run, open_sweep
>>> counts = run(load_spec("sweep.toml"), "sweep.zarr")          # doctest: +SKIP
>>> ds = open_sweep("sweep.zarr")                                 # doctest: +SKIP

Needs the ``sweep`` extra (``pip install 'reentrant[sweep]'``: dask.distributed and zarr).
See ``docs/sweeps.md`` for clusters and the store layout.
"""

from reentrant.errors import MissingDependencyError

try:
    import distributed  # noqa: F401
    import zarr  # noqa: F401
except ImportError as exc:  # pragma: no cover - the test extra installs both
    raise MissingDependencyError(
        f"reentrant.sweep needs dask.distributed and zarr ({exc.name} is missing): "
        "pip install 'reentrant[sweep]'"
    ) from exc

from reentrant.sweep.engine import SweepCounts, local_client, run, scheduler_client  # noqa: E402
from reentrant.sweep.search import SearchGrid, search_reentrance  # noqa: E402
from reentrant.sweep.spec import SweepSpec, load_spec  # noqa: E402
from reentrant.sweep.store import StoreStatus, open_sweep, store_status  # noqa: E402

__all__ = [
    "SearchGrid",
    "StoreStatus",
    "SweepCounts",
    "SweepSpec",
    "load_spec",
    "local_client",
    "open_sweep",
    "run",
    "scheduler_client",
    "search_reentrance",
    "store_status",
]
