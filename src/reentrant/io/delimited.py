"""Delimited text tables: CSV, TSV, semicolon- or whitespace-separated, with comments and headers.

Lines starting with ``#`` or ``%`` are comments (pymeasure writes its procedure parameters and
``#Data:`` that way); blank lines are skipped.  The first non-comment line is the header of
column labels, e.g. ``Temperature (K),Magnetic Field (T),R_xx (Ohm)``.  A file whose first
non-comment line is numeric takes its labels from the last comment line when that has the right
number of fields, else the columns are called ``col0, col1, ...``.  The delimiter is the first of
comma, tab, semicolon found in the header line, otherwise runs of whitespace.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from reentrant.errors import InputFileError
from reentrant.io.table import RawTable

_COMMENT = ("#", "%")


def _split(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return line.split()
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def _delimiter(line: str) -> str | None:
    for candidate in (",", "\t", ";"):
        if candidate in line:
            return candidate
    return None


def _is_numeric(cells: list[str]) -> bool:
    try:
        [float(c) for c in cells]
    except ValueError:
        return False
    return True


def read_delimited(path: str | Path) -> RawTable:
    """Read a delimited text file into a :class:`~reentrant.io.table.RawTable` of strings.

    Raises
    ------
    InputFileError
        The file is empty, has no data rows, or a row has the wrong number of fields (the
        message names the line).
    """
    path = Path(path)
    source = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    last_comment: str | None = None
    header: list[str] | None = None
    delimiter: str | None = None
    body: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(_COMMENT):
            if header is None:
                last_comment = stripped.lstrip("#%").strip()
            continue
        if header is None:
            delimiter = _delimiter(stripped)
            cells = _split(stripped, delimiter)
            if not _is_numeric(cells):
                header = cells
                continue
            guess = _split(last_comment, delimiter) if last_comment else []
            use_comment = len(guess) == len(cells) and not _is_numeric(guess)
            header = guess if use_comment else [f"col{i}" for i in range(len(cells))]
        body.append(stripped)
        numbers.append(number)
    if header is None:
        raise InputFileError(f"{source}: file is empty (no header and no data)")
    if not body:
        raise InputFileError(f"{source}: header found but no data rows")
    if delimiter is None:
        rows = [line.split() for line in body]
    else:
        rows = [[c.strip() for c in row] for row in csv.reader(body, delimiter=delimiter)]
    for number, cells in zip(numbers, rows, strict=True):
        if len(cells) != len(header):
            raise InputFileError(
                f"{source} line {number}: expected {len(header)} fields, found {len(cells)}"
            )
    cells_by_column = tuple(np.array(col, dtype=object) for col in zip(*rows, strict=True))
    return RawTable(
        source=source,
        labels=tuple(header),
        cells=cells_by_column,
        lines=np.asarray(numbers),
    )
