"""On-disk cache of the pipeline's datasets, keyed by all parameters and the package version.

Each entry is one NetCDF file ``<step>-<key>.nc`` where ``key`` is the SHA-256 of the step name,
the full parameter mapping (canonical JSON), :data:`reentrant.__version__` and a hash of the
package's own source files (:func:`source_hash`), so an edited solver never serves stale
results.  Entries are written by the package's NetCDF writer
(:func:`reentrant.io.output.write_netcdf`), atomically, so an interrupted run leaves either the
old state or a complete file; an entry that cannot be read is recomputed and replaced (the cache
directory and its hash-named files belong to ``reentrant``, so replacing is forced).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import xarray as xr

import reentrant
from reentrant.io.output import CREATED_BY, write_netcdf


@lru_cache(maxsize=1)
def source_hash() -> str:
    """SHA-256 of the package's ``.py`` files (relative paths and contents, in sorted order)."""
    root = Path(reentrant.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(step: str, parameters: Mapping[str, Any]) -> str:
    """Hex digest identifying ``step`` computed from ``parameters`` by this package's source."""
    payload = json.dumps(
        {
            "step": step,
            "parameters": parameters,
            "version": reentrant.__version__,
            "source": source_hash(),
        },
        sort_keys=True,
        allow_nan=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def cache_path(directory: Path, step: str, parameters: Mapping[str, Any]) -> Path:
    """File of the cache entry of ``step`` with ``parameters`` in ``directory``."""
    return Path(directory) / f"{step}-{cache_key(step, parameters)[:24]}.nc"


def load(directory: Path, step: str, parameters: Mapping[str, Any]) -> xr.Dataset | None:
    """The cached dataset (without the writer's mark), or None if absent or unreadable."""
    path = cache_path(directory, step, parameters)
    if not path.is_file():
        return None
    try:
        data = xr.load_dataset(path, engine="h5netcdf")
    except (OSError, ValueError):
        return None
    data.attrs.pop(CREATED_BY, None)
    return data


def store(directory: Path, step: str, parameters: Mapping[str, Any], data: xr.Dataset) -> Path:
    """Write ``data`` as the cache entry of ``step`` (whole or not at all)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return write_netcdf(data, cache_path(directory, step, parameters), force=True)
