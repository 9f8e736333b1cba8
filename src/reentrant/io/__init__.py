"""Reading measured magnetotransport data, and writing every output file.

:func:`load` reads any supported file (text tables including Quantum Design ``.dat``, NetCDF,
QCoDeS databases) into an :class:`xarray.Dataset` with canonical names (``temperature`` K,
``field`` T, ``gate_voltage`` V, ``r_xx``/``r_xy`` Ohm, ``current`` A, ``voltage`` V) gridded
over the swept coordinates.  Every file the package writes goes through
:mod:`reentrant.io.output` (atomic, checked first, never clobbering a foreign file).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import xarray as xr

from reentrant.errors import InputFileError, ParameterError
from reentrant.io.columns import CANONICAL, parse_label, unit_factor
from reentrant.io.delimited import read_delimited
from reentrant.io.gridding import check_resolution, grid_table
from reentrant.io.netcdf import read_netcdf
from reentrant.io.qcodes_db import read_qcodes, recognisable_runs
from reentrant.io.table import MissingColumnsError, quantities

__all__ = [
    "CANONICAL",
    "file_kind",
    "grid_table",
    "load",
    "parse_label",
    "read_delimited",
    "read_netcdf",
    "read_qcodes",
    "unit_factor",
]


def file_kind(path: str | Path) -> str:
    """Kind of a data file from its first bytes: ``'qcodes'``, ``'netcdf'`` or ``'text'``.

    Raises
    ------
    InputFileError
        The file does not exist, is a directory or is empty.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    with path.open("rb") as fh:
        head = fh.read(16)
    if not head:
        raise InputFileError(f"{path.name}: file is empty")
    if head.startswith(b"SQLite format 3\x00"):
        return "qcodes"
    if head.startswith((b"\x89HDF\r\n\x1a\n", b"CDF\x01", b"CDF\x02", b"CDF\x05")):
        return "netcdf"
    if path.suffix.lower() in {".db", ".sqlite", ".sqlite3"}:
        raise InputFileError(f"{path.name}: not an SQLite database (QCoDeS .db expected)")
    if path.suffix.lower() in {".nc", ".nc4", ".netcdf", ".h5"}:
        raise InputFileError(f"{path.name}: not a NetCDF file")
    return "text"


def load(
    path: str | Path,
    columns: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    *,
    run_id: int | None = None,
    resistance_from_vi: bool = False,
    resolution: Mapping[str, float] | None = None,
    hysteresis_rtol: float = 0.01,
    decimal: str | None = None,
) -> xr.Dataset:
    """Load a measurement file into a gridded dataset with canonical names and units.

    Parameters
    ----------
    path
        Delimited text (CSV/TSV/semicolon/whitespace, Quantum Design ``.dat``), NetCDF, or
        QCoDeS SQLite ``.db``; the kind is recognised from the file's first bytes.
    columns
        ``{canonical name: column label}`` for columns not recognised by name.
    units
        ``{canonical name: unit}`` overriding units in the labels (``mK``, ``mT``, ``Oe``,
        ``kOhm``, ``uA``, ...).
    run_id
        The QCoDeS run to read (needed when the database holds several; an error for other
        files).
    resistance_from_vi
        Form R_xx = V / I (and R_xy = V_xy / I) from voltage and current columns.
    resolution
        Per-coordinate resolutions used in gridding (see :mod:`reentrant.io.gridding`).
    hysteresis_rtol
        Up/down sweep difference above which ``sweep_direction`` is kept as a dimension.
    decimal
        Decimal mark of a text file, ``"."`` or ``","``; recognised when ``None`` (see
        :mod:`reentrant.io.delimited`); an error for other files.

    Returns
    -------
    xarray.Dataset
        Gridded over the swept coordinates; units in every variable's ``attrs``.

    Raises
    ------
    InputFileError
        The file is missing, empty, malformed, or lacks the needed columns (the message names
        the file and the line or column at fault).
    ParameterError
        An explicit column quantity or unit is unknown, or an option does not apply to this
        kind of file (``run_id`` for a non-QCoDeS file, ``decimal`` for a binary one).
    """
    check_resolution(resolution)
    kind = file_kind(path)
    if run_id is not None and kind != "qcodes":
        raise ParameterError(f"run_id (--run-id) applies to QCoDeS databases, not to {kind} files")
    if decimal is not None and kind != "text":
        raise ParameterError(f"decimal (--decimal) applies to text files, not to {kind} files")
    if kind == "netcdf":
        return read_netcdf(path, columns, units, resistance_from_vi, resolution)
    table = read_qcodes(path, run_id) if kind == "qcodes" else read_delimited(path, decimal)
    try:
        values = quantities(table, columns, units, resistance_from_vi)
    except MissingColumnsError as exc:
        if kind != "qcodes":
            raise
        usable = ", ".join(map(str, recognisable_runs(path))) or "none"
        raise InputFileError(
            f"{exc}; runs with recognisable columns: {usable} (choose with --run-id)"
        ) from None
    return grid_table(values, table.source, resolution, hysteresis_rtol)
