"""Delimited text tables: CSV, TSV, semicolon- or whitespace-separated, and Quantum Design .dat.

Lines starting with ``#`` or ``%`` are comments (pymeasure writes its procedure parameters and
``#Data:`` that way); blank lines are skipped.  The first non-comment line is the header of
column labels, e.g. ``Temperature (K),Magnetic Field (T),R_xx (Ohm)``.  A file whose first
non-comment line is numeric takes its labels from the last comment line when that has the right
number of fields, else the columns are called ``col0, col1, ...``.  The delimiter is the first of
comma, tab, semicolon found in the header line, otherwise runs of whitespace.

Decimal commas, as Excel writes numbers in most of Europe (``0,05`` in ``;``-separated CSV or
tab-separated text), are recognised when the delimiter is not a comma and the numbers use a
comma and never a point; ``decimal=","`` (``--decimal ,``) or ``"."`` states it explicitly.

A header row repeated inside the file (files concatenated, or a logger restarted) is skipped
with a warning naming its lines.

Quantum Design MultiVu files (PPMS, MPMS, DynaCool ``.dat``) start with a ``[Header]`` section
(``TITLE``, ``BYAPP``, ``INFO``, ``;`` comments ...), then ``[Data]``, the comma-separated column
labels and the rows.  MultiVu writes every column of the option (unused channels left empty)
and drops the empty fields at the end of a row; rows are padded back to the header's length
and columns that are empty throughout are dropped.
"""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import numpy as np

from reentrant.errors import InputFileError, ParameterError
from reentrant.io.table import RawTable

_COMMENT = ("#", "%")
_QD_HEADER = "[Header]"
_QD_DATA = "[Data]"

#: A number written with a decimal comma: ``-0,05``, ``1,5E-3``, ``,5``.
_COMMA_NUMBER = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
#: A number written with a decimal point.
_POINT_NUMBER = re.compile(r"^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$")

#: Decimal marks accepted by ``decimal``.
DECIMAL_MARKS = (".", ",")


def _split(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return line.split()
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def _delimiter(line: str, decimal: str | None) -> str | None:
    for candidate in (",", "\t", ";"):
        if candidate == "," and decimal == ",":
            continue
        if candidate in line:
            return candidate
    return None


def _is_numeric(cells: list[str], decimal: str) -> bool:
    try:
        [float(c.replace(",", ".") if decimal == "," else c) for c in cells]
    except ValueError:
        return False
    return True


def _decimal_mark(source: str, rows: list[list[str]], delimiter: str | None) -> str:
    """``','`` if the numbers use decimal commas (see the module docstring), else ``'.'``."""
    cells = [c for row in rows for c in row]
    commas = any(_COMMA_NUMBER.match(c) for c in cells)
    if not commas or delimiter == ",":
        return "."
    if any(_POINT_NUMBER.match(c) for c in cells):
        raise InputFileError(
            f"{source}: numbers are written with both decimal commas and points; "
            "state the decimal mark with --decimal (decimal= in the API)"
        )
    return ","


def _lines(path: Path) -> tuple[list[tuple[int, str]], bool]:
    """Numbered non-blank lines (after a Quantum Design ``[Header]`` section if there is one)
    and whether there was one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    if lines and lines[0][1] == _QD_HEADER:
        starts = [k for k, (_, line) in enumerate(lines) if line == _QD_DATA]
        if not starts:
            raise InputFileError(f"{path.name}: Quantum Design file without a [Data] section")
        return lines[starts[0] + 1 :], True
    return lines, False


def read_delimited(path: str | Path, decimal: str | None = None) -> RawTable:
    """Read a delimited text file into a :class:`~reentrant.io.table.RawTable` of strings.

    Parameters
    ----------
    path
        The file (any of the layouts of the module docstring).
    decimal
        ``"."`` or ``","``; recognised from the numbers when ``None``.

    Raises
    ------
    InputFileError
        The file is empty, has no data rows, mixes decimal marks, or a row has the wrong number
        of fields (the message names the line).
    ParameterError
        An unknown decimal mark.
    """
    path = Path(path)
    source = path.name
    if decimal is not None and decimal not in DECIMAL_MARKS:
        raise ParameterError(f"unknown decimal mark {decimal!r}; choose '.' or ','")
    numbered, quantum_design = _lines(path)
    content = [(n, line) for n, line in numbered if not line.startswith(_COMMENT)]
    if not content:
        raise InputFileError(f"{source}: file is empty (no header and no data)")
    first = content[0][1]
    delimiter = _delimiter(first, decimal)
    sample = [_split(line, delimiter) for _, line in content[:50]]
    mark = decimal or _decimal_mark(source, sample, delimiter)
    cells = sample[0]
    if _is_numeric(cells, mark):
        comments = [line for n, line in numbered if n < content[0][0] and line.startswith(_COMMENT)]
        guess = _split(comments[-1].lstrip("#%").strip(), delimiter) if comments else []
        use_comment = len(guess) == len(cells) and not _is_numeric(guess, mark)
        header = guess if use_comment else [f"col{i}" for i in range(len(cells))]
        body = content
    else:
        header = cells
        body = content[1:]
    if not body:
        raise InputFileError(f"{source}: header found but no data rows")
    if delimiter is None:
        rows = [line.split() for _, line in body]
    else:
        reader = csv.reader([line for _, line in body], delimiter=delimiter)
        rows = [[c.strip() for c in row] for row in reader]
    numbers = [n for n, _ in body]
    repeated = [k for k, row in enumerate(rows) if row == header]
    if repeated:
        shown = ", ".join(str(numbers[k]) for k in repeated[:5])
        warnings.warn(
            f"{source}: repeated header row skipped (line {shown}"
            f"{'' if len(repeated) <= 5 else f' and {len(repeated) - 5} more'})",
            UserWarning,
            stacklevel=3,
        )
        keep = sorted(set(range(len(rows))) - set(repeated))
        rows, numbers = [rows[k] for k in keep], [numbers[k] for k in keep]
    for number, row in zip(numbers, rows, strict=True):
        if quantum_design and len(row) < len(header):
            row.extend([""] * (len(header) - len(row)))
        if len(row) != len(header):
            raise InputFileError(
                f"{source} line {number}: expected {len(header)} fields, found {len(row)}"
            )
    if mark == ",":
        rows = [[c.replace(",", ".") for c in row] for row in rows]
    columns = [np.array(col, dtype=object) for col in zip(*rows, strict=True)]
    labels = list(header)
    if quantum_design:
        used = [k for k, col in enumerate(columns) if any(c != "" for c in col)]
        labels, columns = [labels[k] for k in used], [columns[k] for k in used]
    return RawTable(
        source=source,
        labels=tuple(labels),
        cells=tuple(columns),
        lines=np.asarray(numbers),
    )
