"""Write a simulated measurement to disk in the formats the loaders of :mod:`reentrant.io` read.

NetCDF (classic format) keeps the whole dataset (all variables, units in attrs).  CSV mimics a
lab log: one file per channel, one row per reading in the order they were taken (the gate swept
fastest at fixed field and temperature), columns labelled ``name (unit)``.  Files are written
whole or not at all (a temporary file in the same directory, then :func:`os.replace`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.io.atomic import atomic_path

#: CSV columns: (label, variable).
_CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("T (K)", "temperature"),
    ("B (T)", "field"),
    ("V_BG (V)", "gate_voltage"),
    ("R_xx (Ohm)", "r_xx"),
    ("R_xy (Ohm)", "r_xy"),
)


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)


def write_netcdf(ds: xr.Dataset, path: str | Path) -> Path:
    """Write ``ds`` to a NetCDF file atomically; return the path.

    NetCDF-4 (HDF5) through h5netcdf.
    """
    return _atomic(Path(path), lambda tmp: ds.to_netcdf(tmp, engine="h5netcdf"))


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
