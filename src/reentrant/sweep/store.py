"""The Zarr store of a sweep: layout, creation, resume checks and per-point writes.

Layout (xarray on Zarr; dimensions = the varied parameters in spec order, then ``field``):

* ``tc``, ``q_x``, ``q_y`` (float) and ``flags`` (int16, CF ``flag_masks``) over
  ``(*vary, field)``: the curve of every point;
* ``tc0``, ``tc_min``, ``field_min``, ``depth``, ``rise`` over ``vary``: its re-entrance
  metrics (:mod:`reentrant.sweep.metrics`);
* ``status`` (int8, CF ``flag_values`` 0 missing / 1 done / 2 failed) and ``reason`` (text, why
  a point failed) over ``vary``;
* coordinates: the varied parameters and ``field``; attributes ``sweep_spec`` (the spec as JSON)
  and ``reentrant_version``.

Every array is chunked one point per chunk along the varied dimensions (the whole field axis in
one chunk), so writing a point touches only chunks of its own: no two points share a chunk,
and only one process (the client) writes.  A point's data is written first and its ``status``
last, each value straight into its chunk through Zarr (xarray creates and reads the store);
Zarr writes each chunk file whole (a temporary file, then a rename), so a point whose status
says done is complete, and a point interrupted half-way is still missing.  Variable
units come from the first point that is done.  A lock on the store's directory (``flock``) keeps
a second client from writing to the same store at the same time.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import dask.array as da
import numpy as np
import xarray as xr
import zarr

import reentrant
from reentrant.errors import InputFileError, ParameterError
from reentrant.sweep.metrics import METRICS
from reentrant.sweep.spec import SweepSpec
from reentrant.sweep.task import PointResult

#: Values of the ``status`` variable.
STATUS = {"missing": 0, "done": 1, "failed": 2}
_CURVE = {
    "tc": "transition temperature",
    "q_x": "optimal pair momentum x",
    "q_y": "optimal pair momentum y",
    "flags": "per-field solver flags",
}


def _template(spec: SweepSpec) -> xr.Dataset:
    """The empty store: dask arrays, so that creating it writes metadata and coordinates only."""
    dims, shape, n_field = spec.dims, spec.shape, len(spec.field)
    ones = (1,) * len(dims)

    def curve(dtype, fill):
        return da.full((*shape, n_field), fill, dtype=dtype, chunks=(*ones, n_field))

    def per_point(dtype, fill):
        return da.full(shape, fill, dtype=dtype, chunks=ones)

    data = {}
    for name, long_name in _CURVE.items():
        dtype, fill = (np.int16, 0) if name == "flags" else (float, np.nan)
        data[name] = ((*dims, "field"), curve(dtype, fill), {"long_name": long_name})
    data.update(
        {name: (dims, per_point(float, np.nan), {"long_name": m[0]}) for name, m in METRICS.items()}
    )
    data["status"] = (
        dims,
        per_point(np.int8, STATUS["missing"]),
        {"long_name": "point status", "flag_values": list(STATUS.values()),
         "flag_meanings": " ".join(STATUS)},
    )  # fmt: skip
    data["reason"] = (
        dims,
        per_point(np.dtypes.StringDType(), ""),
        {"long_name": "why the point failed"},
    )
    coords = {name: (name, list(values), {"long_name": "preset parameter"}) for name, values in
              spec.vary}  # fmt: skip
    coords["field"] = ("field", list(spec.field))
    return xr.Dataset(
        data,
        coords=coords,
        attrs={
            "sweep_spec": spec.to_json(),
            "reentrant_version": reentrant.__version__,
            "model": spec.model,
            "description": "T_c(B) curves of a parameter sweep (reentrant sweep)",
        },
    )


def _read_attrs_of(path: Path, name: str) -> dict:
    return dict(zarr.open_array(path / name, mode="r").attrs)


def _is_store(path: Path) -> bool:
    return (path / "zarr.json").is_file() or (path / ".zgroup").is_file()


def _read_attrs(path: Path) -> dict:
    try:
        attrs = dict(zarr.open_group(path, mode="r").attrs)
    except Exception as exc:  # any unreadable store is the same user-facing problem
        raise InputFileError(f"{path}: not a readable sweep store ({exc})") from None
    if "sweep_spec" not in attrs:
        raise InputFileError(f"{path}: a Zarr store, but not one written by reentrant sweep")
    return attrs


class SweepStore:
    """An open sweep store at ``path`` for ``spec``; see the module docstring."""

    def __init__(self, path: str | Path, spec: SweepSpec) -> None:
        self.path = Path(path)
        self.spec = spec
        self._units = "units" in _read_attrs_of(self.path, "tc")

    @classmethod
    def create(cls, path: str | Path, spec: SweepSpec) -> SweepStore:
        """Write the empty store at ``path`` (whole or not at all: built beside it, renamed)."""
        path = Path(path)
        if not path.parent.is_dir():
            raise InputFileError(f"{path.parent}: no such directory")
        if path.exists():
            raise InputFileError(f"{path}: already exists")
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
        try:
            _template(spec).to_zarr(
                tmp, mode="w", compute=False, consolidated=False,
                encoding={"status": {"fill_value": 0}, "flags": {"fill_value": 0}},
            )  # fmt: skip
            os.rename(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return cls(path, spec)

    @classmethod
    def open(cls, path: str | Path) -> SweepStore:
        """Open an existing store with the spec it records."""
        path = Path(path)
        if not _is_store(path):
            raise InputFileError(f"{path}: no sweep store there")
        attrs = _read_attrs(path)
        try:
            spec = SweepSpec.from_json(attrs["sweep_spec"])
        except (ParameterError, ValueError) as exc:
            raise InputFileError(f"{path}: the store's spec is not valid ({exc})") from None
        return cls(path, spec)

    @classmethod
    def for_spec(cls, path: str | Path, spec: SweepSpec) -> SweepStore:
        """Create the store, or open it to resume if it holds this very spec; else refuse.

        Raises
        ------
        ParameterError
            If the store holds another spec or was written by another version of reentrant.
        """
        path = Path(path)
        if not path.exists():
            return cls.create(path, spec)
        if not _is_store(path):
            raise InputFileError(f"{path}: exists and is not a sweep store")
        attrs = _read_attrs(path)
        if attrs.get("sweep_spec") != spec.to_json():
            stored = json.loads(attrs["sweep_spec"])
            new = spec.as_dict()
            keys = sorted(k for k in set(stored) | set(new) if stored.get(k) != new.get(k))
            raise ParameterError(
                f"{path} holds a different sweep (spec differs in: {', '.join(keys) or 'order'});"
                " resume with the spec it was made with, or choose another store"
            )
        version = attrs.get("reentrant_version")
        if version != reentrant.__version__:
            raise ParameterError(
                f"{path} was written by reentrant {version}, this is {reentrant.__version__}; "
                "choose another store"
            )
        return cls(path, spec)

    @contextmanager
    def locked(self) -> Iterator[SweepStore]:
        """Hold the store's write lock (released when the process ends, however it ends)."""
        handle = os.open(self.path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ParameterError(
                    f"{self.path}: another sweep is writing to this store"
                ) from None
            yield self
        finally:
            os.close(handle)

    def dataset(self) -> xr.Dataset:
        """The store as a Dataset (lazily loaded numpy arrays)."""
        return xr.open_zarr(self.path, consolidated=False, chunks=None)

    def status(self) -> np.ndarray:
        """``status`` of every point (:data:`STATUS`), shape ``spec.shape``."""
        return self.dataset()["status"].values

    def todo(self, retry_failed: bool = False) -> list[tuple[int, ...]]:
        """Indices of the points still to compute: missing ones (and failed ones if asked)."""
        status = self.status()
        wanted = status == STATUS["missing"]
        if retry_failed:
            wanted |= status == STATUS["failed"]
        return [tuple(int(i) for i in index) for index in np.argwhere(wanted)]

    @cached_property
    def _arrays(self) -> dict[str, zarr.Array]:
        """The store's data arrays, opened once for writing."""
        group = zarr.open_group(self.path, mode="r+")
        return {name: group[name] for name in (*_CURVE, *METRICS, "status", "reason")}

    def write(self, result: PointResult) -> None:
        """Write one point: its data first, then its status (see the module docstring).

        Each assignment covers exactly the point's own chunk of an array (Zarr directly: the
        same values xarray would write, without re-opening the store for every point).
        """
        arrays, index = self._arrays, result.index
        for name, values in result.curve.items():
            arrays[name][index] = np.asarray(values, arrays[name].dtype)
        for name, value in result.metrics.items():
            arrays[name][index] = value
        arrays["reason"][index] = result.reason
        if result.attrs and not result.failed and not self._units:
            self._record_units(result)
        arrays["status"][index] = STATUS["failed" if result.failed else "done"]

    def _record_units(self, result: PointResult) -> None:
        """Copy the curve's attrs (units, flag meanings) into the store, once."""
        group = zarr.open_group(self.path, mode="r+")
        for name, attrs in result.attrs.items():
            group[name].attrs.update(attrs)
        units = {"tc": result.attrs["tc"].get("units"), "field": result.attrs["field"].get("units")}
        for name, (_, source) in METRICS.items():
            group[name].attrs["units"] = units[source] if source else "1"
        self._units = True


@dataclass(frozen=True)
class StoreStatus:
    """How far a sweep store is: counts and the reason of every failed point."""

    total: int
    done: int
    failed: int
    missing: int
    failures: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict:
        """JSON-able form."""
        return {
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
            "missing": self.missing,
            "failures": [{"point": point, "reason": reason} for point, reason in self.failures],
        }


def store_status(path: str | Path) -> StoreStatus:
    """Summarise the store at ``path``: points done, failed (with reasons) and missing."""
    store = SweepStore.open(path)
    ds = store.dataset()
    status, reason = ds["status"].values, ds["reason"].values
    failed = [tuple(int(i) for i in index) for index in np.argwhere(status == STATUS["failed"])]
    return StoreStatus(
        total=int(status.size),
        done=int(np.sum(status == STATUS["done"])),
        failed=len(failed),
        missing=int(np.sum(status == STATUS["missing"])),
        failures=tuple((store.spec.describe(i), str(reason[i])) for i in failed),
    )


def open_sweep(path: str | Path) -> xr.Dataset:
    """The results of the sweep store at ``path`` (check ``status`` before using a point)."""
    return SweepStore.open(path).dataset()
