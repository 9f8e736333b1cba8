"""A long table as read from a file, and its conversion to canonical quantities in SI-like units."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from reentrant.errors import InputFileError
from reentrant.io.columns import COORDINATES, select_columns


class MissingColumnsError(InputFileError):
    """A table has no column for a swept coordinate or for a measured quantity."""


#: Quantities that are measured (data variables), as opposed to swept coordinates.
MEASURED: tuple[str, ...] = ("r_xx", "r_xy", "current", "voltage", "voltage_xy")


@dataclass(frozen=True)
class RawTable:
    """Columns of one file before unit conversion.

    Attributes
    ----------
    source
        File name for messages.
    labels
        Column labels as written in the file.
    cells
        One object array per column (strings, numbers or ``None``), all of the same length.
    lines
        File line number (or database row id) of each row, for messages.
    label_units
        Units known from metadata, per column (``None`` where the label must say).
    label_aliases
        Alternative names per column (QCoDeS parameter labels), also used to recognise it.
    row_name
        What ``lines`` count (``'line'`` for text files, ``'row id'`` for databases).
    """

    source: str
    labels: tuple[str, ...]
    cells: tuple[np.ndarray, ...]
    lines: np.ndarray
    label_units: tuple[str | None, ...] | None = None
    label_aliases: tuple[str | None, ...] | None = None
    row_name: str = "line"


def _to_float(table: RawTable, index: int) -> np.ndarray:
    """Convert one column to float; empty cells and ``None`` become NaN."""
    raw = table.cells[index]
    try:
        return np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        pass
    out = np.empty(raw.shape, dtype=float)
    for k, cell in enumerate(raw):
        if cell is None or (isinstance(cell, str) and cell.strip() == ""):
            out[k] = np.nan
            continue
        try:
            out[k] = float(cell)
        except (TypeError, ValueError):
            raise InputFileError(
                f"{table.source} {table.row_name} {table.lines[k]}, column "
                f"{table.labels[index]!r}: cannot read {cell!r} as a number"
            ) from None
    return out


def quantities(
    table: RawTable,
    columns: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    resistance_from_vi: bool = False,
) -> dict[str, np.ndarray]:
    """Canonical quantities of a raw table, converted to K, T, V, Ohm, A.

    Rows in which a recognised column is NaN are dropped with a warning naming their lines.
    With ``resistance_from_vi`` the resistances are computed as R_xx = V / I and R_xy = V_xy / I
    (Ohm's law) where they are not measured directly.

    Raises
    ------
    InputFileError
        No data rows, non-numeric cells, nothing to analyse, or zero current when V / I is asked.
    """
    if table.lines.size == 0:
        raise InputFileError(f"{table.source}: no data rows")
    choice = select_columns(
        table.labels, table.source, columns, units, table.label_units, table.label_aliases
    )
    values = {q: _to_float(table, c.index) * c.factor for q, c in choice.items()}
    if resistance_from_vi:
        _resistance_from_vi(values, table.source)
    for wanted, what in ((COORDINATES, "temperature, field or gate_voltage"),
                         (MEASURED, "resistance, current or voltage")):  # fmt: skip
        if not any(q in values for q in wanted):
            raise MissingColumnsError(
                f"{table.source}: no column for {what} among "
                f"{', '.join(repr(lb) for lb in table.labels)}; name them with "
                "--columns QUANTITY=LABEL (columns= in the API)"
            )
    stacked = np.column_stack(list(values.values()))
    bad = ~np.all(np.isfinite(stacked), axis=1)
    if np.all(bad):
        raise InputFileError(f"{table.source}: every row has a missing or non-finite value")
    if np.any(bad):
        shown = ", ".join(str(x) for x in table.lines[bad][:5])
        more = "" if bad.sum() <= 5 else f" and {bad.sum() - 5} more"
        warnings.warn(
            f"{table.source}: dropped {bad.sum()} row(s) with NaN or missing values "
            f"({table.row_name}s {shown}{more})",
            UserWarning,
            stacklevel=2,
        )
    return {q: v[~bad] for q, v in values.items()}


def _resistance_from_vi(values: dict[str, np.ndarray], source: str) -> None:
    """Add R_xx = V / I and R_xy = V_xy / I where the voltages and the current are present."""
    if "current" not in values:
        raise InputFileError(f"{source}: resistance from V/I needs a current column")
    current = values["current"]
    pairs = [(r, v) for r, v in (("r_xx", "voltage"), ("r_xy", "voltage_xy")) if v in values]
    if not pairs:
        raise InputFileError(f"{source}: resistance from V/I needs a voltage column")
    if np.any(current == 0):
        raise InputFileError(f"{source}: current column is zero in some rows; cannot form V/I")
    for r_name, v_name in pairs:
        values.setdefault(r_name, values[v_name] / current)
