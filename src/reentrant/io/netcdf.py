"""NetCDF files (read with xarray): gridded datasets or long tables with one row dimension.

A dataset already written with the canonical names and units (``temperature`` in K, ``field``
in T, ``gate_voltage`` in V, ``r_xx``/``r_xy`` in Ohm, ...; the device simulator's output) is
returned unchanged.  Other variable names are mapped like the columns of a text file, with their
units taken from the ``units`` attribute.  A dataset whose variables all lie along one dimension
that is not a swept coordinate is a long table and is gridded like a text file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.errors import InputFileError
from reentrant.io.columns import CANONICAL, COORDINATES, LONG_NAMES, select_columns
from reentrant.io.gridding import grid_table
from reentrant.io.table import MEASURED, RawTable, quantities


def read_netcdf(
    path: str | Path,
    columns: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    resistance_from_vi: bool = False,
    resolution: Mapping[str, float] | None = None,
) -> xr.Dataset:
    """Load a NetCDF file as a dataset with canonical names and units.

    Raises
    ------
    InputFileError
        The file cannot be read as NetCDF, or lacks a swept coordinate or a measured variable.
    """
    path = Path(path)
    source = path.name
    try:
        ds = xr.load_dataset(path)
    except Exception as exc:  # xarray raises many types for unreadable files
        raise InputFileError(f"{source}: cannot read as NetCDF ({exc})") from None
    names = [str(v) for v in ds.variables]
    choice = select_columns(
        names, source, columns, units, [ds[v].attrs.get("units") for v in names]
    )
    found = ", ".join(names) or "none"
    if not any(q in choice for q in COORDINATES):
        raise InputFileError(
            f"{source}: no variable for temperature, field or gate_voltage (found: {found})"
        )
    if not any(q in choice for q in MEASURED):
        raise InputFileError(f"{source}: no variable for {', '.join(MEASURED)} (found: {found})")
    chosen = {q: c.label for q, c in choice.items()}
    row_dims = {ds[v].dims for v in chosen.values()}
    if len(row_dims) == 1 and len(next(iter(row_dims))) == 1:
        dim = next(iter(row_dims))[0]
        if dim not in chosen.values():
            table = RawTable(
                source=source,
                labels=tuple(chosen.values()),
                cells=tuple(ds[v].values.astype(object) for v in chosen.values()),
                lines=np.arange(ds.sizes[dim]),
                label_units=tuple(ds[v].attrs.get("units") for v in chosen.values()),
                row_name=f"{dim} index",
            )
            values = quantities(table, chosen, units, resistance_from_vi)
            return grid_table(values, source, resolution)
    if all(q == c.label and c.factor == 1.0 for q, c in choice.items()) and not resistance_from_vi:
        return ds
    ds = ds.rename({c.label: q for q, c in choice.items() if c.label != q})
    for q, c in choice.items():
        attrs = {**ds[q].attrs, "units": CANONICAL[q][0]}
        attrs.setdefault("long_name", LONG_NAMES[q])
        scaled = ds[q] * c.factor if c.factor != 1.0 else ds[q]
        if q in ds.coords:
            ds = ds.assign_coords({q: scaled.assign_attrs(attrs)})
        else:
            ds[q] = scaled.assign_attrs(attrs)
    if resistance_from_vi:
        if "current" not in ds or "voltage" not in ds:
            raise InputFileError(f"{source}: resistance from V/I needs current and voltage")
        ds["r_xx"] = (ds["voltage"] / ds["current"]).assign_attrs(
            units="Ohm", long_name=LONG_NAMES["r_xx"]
        )
    return ds
