"""Write a simulated measurement to disk in the formats the loaders of :mod:`reentrant.io` read.

NetCDF (classic format) keeps the whole dataset (all variables, units in attrs).  CSV mimics a
lab log: one file per channel, one row per reading in the order they were taken (the gate swept
fastest at fixed field and temperature), columns labelled ``name (unit)``.  Files are written
whole or not at all (a temporary file in the same directory, then :func:`os.replace`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.errors import InputFileError

#: CSV columns: (label, variable).
_CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("T (K)", "temperature"),
    ("B (T)", "field"),
    ("V_BG (V)", "gate_voltage"),
    ("R_xx (Ohm)", "r_xx"),
    ("R_xy (Ohm)", "r_xy"),
)


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path = Path(path)
    if not path.parent.is_dir():
        raise InputFileError(f"{path.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_netcdf(ds: xr.Dataset, path: str | Path) -> Path:
    """Write ``ds`` to a NetCDF file atomically; return the path.

    The classic (NetCDF-3) format is written with scipy, which needs no HDF5 library.
    """
    return _atomic(Path(path), lambda tmp: ds.to_netcdf(tmp, engine="scipy"))


def write_csv(ds: xr.Dataset, stem: str | Path) -> list[Path]:
    """Write one CSV per channel, ``<stem>_<channel>.csv``, in measurement order.

    Returns the paths written.
    """
    stem = Path(stem)
    paths = []
    for channel in ds.channel.values:
        cut = ds.sel(channel=channel).transpose("temperature", "field", "gate_voltage")
        grids = np.meshgrid(cut.temperature, cut.field, cut.gate_voltage, indexing="ij")
        table = np.column_stack(
            [g.ravel() for g in grids] + [cut.r_xx.values.ravel(), cut.r_xy.values.ravel()]
        )
        header = ",".join(label for label, _ in _CSV_COLUMNS)
        target = stem.with_name(f"{stem.name}_{channel}.csv")
        paths.append(
            _atomic(
                target,
                lambda tmp, t=table, h=header: np.savetxt(
                    tmp, t, delimiter=",", header=h, comments="", fmt="%.10g"
                ),
            )
        )
    return paths
