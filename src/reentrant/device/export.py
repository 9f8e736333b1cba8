"""Write a simulated measurement to disk in the formats the loaders of :mod:`reentrant.io` read.

NetCDF keeps the whole dataset (all variables, units in attrs): the package's one NetCDF writer,
:func:`reentrant.io.output.write_netcdf`, re-exported here.  CSV mimics a lab log: one file per
channel, one row per reading in the order they were taken (the gate swept fastest at fixed
field and temperature), columns labelled ``name (unit)``.  Files are written whole or not at
all and never replace a file ``reentrant`` did not write unless ``force`` (see
:mod:`reentrant.io.output`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.io.output import write_netcdf, write_text

__all__ = ["csv_paths", "write_csv", "write_netcdf"]

#: CSV columns: (label, variable).
_CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("T (K)", "temperature"),
    ("B (T)", "field"),
    ("V_BG (V)", "gate_voltage"),
    ("R_xx (Ohm)", "r_xx"),
    ("R_xy (Ohm)", "r_xy"),
)


def csv_paths(stem: str | Path, channels: Iterable[str]) -> list[Path]:
    """The CSV files :func:`write_csv` writes for ``channels``: ``<stem>_<channel>.csv``."""
    stem = Path(stem)
    return [stem.with_name(f"{stem.name}_{channel}.csv") for channel in channels]


def write_csv(ds: xr.Dataset, stem: str | Path, *, force: bool = False) -> list[Path]:
    """Write one CSV per channel, ``<stem>_<channel>.csv``, in measurement order.

    Returns the paths written.
    """
    paths = []
    header = ",".join(label for label, _ in _CSV_COLUMNS)
    for channel, target in zip(ds.channel.values, csv_paths(stem, ds.channel.values), strict=True):
        cut = ds.sel(channel=channel).transpose("temperature", "field", "gate_voltage")
        grids = np.meshgrid(cut.temperature, cut.field, cut.gate_voltage, indexing="ij")
        table = np.column_stack(
            [g.ravel() for g in grids] + [cut.r_xx.values.ravel(), cut.r_xy.values.ravel()]
        )
        text = io.StringIO()
        np.savetxt(text, table, delimiter=",", header=header, comments="", fmt="%.10g")
        paths.append(write_text(text.getvalue(), target, force=force))
    return paths
