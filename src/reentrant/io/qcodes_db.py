"""QCoDeS SQLite databases read with the standard library (no qcodes dependency).

Layout of a QCoDeS database (qcodes ``dataset/sqlite/initial_schema.py`` and its upgrades):

- ``experiments(exp_id, name, sample_name, ...)``;
- ``runs(run_id, exp_id, name, result_table_name, ..., run_description)`` where
  ``run_description`` is JSON: ``{"version": v, "interdependencies": {"paramspecs": [{"name",
  "paramtype", "label", "unit", "inferred_from", "depends_on"}, ...]}}`` and, from version 1
  on, ``"interdependencies_": {"parameters": {name: {"name", "label", "unit", ...}},
  "dependencies": {dependent: [setpoints]}, ...}``;
- ``layouts(layout_id, run_id, parameter, label, unit, inferred_from)`` and
  ``dependencies(dependent, independent, axis_num)`` (layout ids), in every version;
- one results table per run, named by ``result_table_name``, with an ``id`` column and one
  column per parameter; a row holds NULL for parameters not measured at that point.

Parameters are taken from ``run_description`` when it is present, else from ``layouts``.  The
dependent parameters and their setpoints are both returned as columns; the package then maps
them to canonical quantities by name (or by the explicit ``columns`` mapping).  Rows that hold
one dependent parameter each (``add_result`` called once per parameter) are merged on their
setpoints.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np

from reentrant.errors import InputFileError
from reentrant.io.columns import COORDINATES, FOREIGN_UNITS, canonical_name, parse_label
from reentrant.io.table import MEASURED, RawTable


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    return {r[0] for r in rows}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _from_description(text: str | None) -> dict[str, dict] | None:
    """Parameters ``{name: {"label", "unit", "depends_on"}}`` from a run_description JSON."""
    if not text:
        return None
    try:
        description = json.loads(text)
    except json.JSONDecodeError:
        return None
    new = description.get("interdependencies_")
    if isinstance(new, dict) and isinstance(new.get("parameters"), dict):
        deps = new.get("dependencies", {})
        return {
            name: {
                "label": spec.get("label", ""),
                "unit": spec.get("unit", ""),
                "depends_on": list(deps.get(name, [])),
            }
            for name, spec in new["parameters"].items()
        }
    old = description.get("interdependencies", {})
    specs = old.get("paramspecs") if isinstance(old, dict) else None
    if not isinstance(specs, list):
        return None
    out = {}
    for spec in specs:
        depends = spec.get("depends_on", [])
        if isinstance(depends, str):
            depends = [d.strip() for d in depends.split(",") if d.strip()]
        out[spec["name"]] = {
            "label": spec.get("label", ""),
            "unit": spec.get("unit", ""),
            "depends_on": list(depends),
        }
    return out


def _from_layouts(conn: sqlite3.Connection, run_id: int) -> dict[str, dict]:
    """Parameters of a run from the ``layouts`` and ``dependencies`` tables."""
    rows = conn.execute(
        "SELECT layout_id, parameter, label, unit FROM layouts WHERE run_id = ?", (run_id,)
    ).fetchall()
    by_id = {lid: name for lid, name, _, _ in rows}
    out = {
        name: {"label": label or "", "unit": unit or "", "depends_on": []}
        for _, name, label, unit in rows
    }
    if "dependencies" in _tables(conn) and by_id:
        for dependent, independent, _ in conn.execute(
            "SELECT dependent, independent, axis_num FROM dependencies ORDER BY axis_num"
        ).fetchall():
            if dependent in by_id and independent in by_id:
                out[by_id[dependent]]["depends_on"].append(by_id[independent])
    return out


def list_runs(path: str | Path) -> list[int]:
    """Run ids stored in a QCoDeS database."""
    with _connect(Path(path)) as conn:
        return [r[0] for r in conn.execute("SELECT run_id FROM runs ORDER BY run_id")]


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = _tables(conn)
    except sqlite3.DatabaseError as exc:
        raise InputFileError(f"{path.name}: not an SQLite database ({exc})") from None
    if "runs" not in tables:
        conn.close()
        raise InputFileError(f"{path.name}: not a QCoDeS database (no 'runs' table)")
    return conn


def _run_info(conn: sqlite3.Connection, run_id: int) -> tuple[str, str, dict[str, dict]]:
    """Name, results table and parameters of one run (parameters empty if undescribed)."""
    run_cols = _columns(conn, "runs")
    wanted = "name, result_table_name" + (
        ", run_description" if "run_description" in run_cols else ""
    )
    row = conn.execute(f"SELECT {wanted} FROM runs WHERE run_id = ?", (run_id,)).fetchone()
    params = _from_description(row[2] if len(row) > 2 else None)
    if params is None and "layouts" in _tables(conn):
        params = _from_layouts(conn, run_id)
    return row[0] or "", row[1], params or {}


def _recognisable(params: dict[str, dict]) -> bool:
    """Whether a run's parameters name a swept coordinate and a measured quantity."""
    found = set()
    for name, spec in params.items():
        if (spec["unit"] or parse_label(name)[1]) in FOREIGN_UNITS:
            continue
        for label in (name, spec["label"]):
            quantity = canonical_name(parse_label(label)[0]) if label else None
            if quantity is not None:
                found.add(quantity)
    return bool(found & set(COORDINATES)) and bool(found & set(MEASURED))


def recognisable_runs(path: str | Path) -> list[int]:
    """Runs whose parameters are recognised as a swept coordinate and a measured quantity."""
    with _connect(Path(path)) as conn:
        runs = [r[0] for r in conn.execute("SELECT run_id FROM runs ORDER BY run_id")]
        return [run for run in runs if _recognisable(_run_info(conn, run)[2])]


def _merge_parameter_rows(
    rows: list[tuple], names: list[str], params: dict[str, dict]
) -> list[tuple]:
    """Merge consecutive rows that hold different dependent parameters of one setpoint.

    ``DataSaver.add_result`` called once per dependent parameter (``Rxx`` then ``Rxy`` at the
    same setpoints) stores one row each, the other dependents NULL.  Such rows are joined when
    their setpoint values are equal and no dependent is given twice.
    """
    setpoints = {d for spec in params.values() for d in spec["depends_on"]}
    index_of = {n: k + 1 for k, n in enumerate(names)}  # column 0 is the row id
    keys = [index_of[n] for n in names if n in setpoints]
    dependents = [index_of[n] for n in names if params[n]["depends_on"]]
    if not keys or not dependents:
        return rows
    merged: list[list] = []
    for row in rows:
        last = merged[-1] if merged else None
        if (
            last is not None
            and all(last[k] == row[k] for k in keys)
            and all(last[k] is None or row[k] is None for k in dependents)
        ):
            for k in dependents:
                if row[k] is not None:
                    last[k] = row[k]
        else:
            merged.append(list(row))
    return [tuple(row) for row in merged]


def read_qcodes(path: str | Path, run_id: int | None = None) -> RawTable:
    """Read one run of a QCoDeS database into a :class:`~reentrant.io.table.RawTable`.

    Rows written one dependent parameter at a time are merged on their setpoints
    (:func:`_merge_parameter_rows`).

    Parameters
    ----------
    path
        The ``.db`` file.
    run_id
        The run to read; may be omitted when the database holds exactly one run.

    Raises
    ------
    InputFileError
        Not an SQLite or not a QCoDeS database, the run is missing or ambiguous (the message
        lists the runs with recognisable columns), or its results table or parameters cannot
        be found.
    """
    path = Path(path)
    source = path.name
    conn = _connect(path)
    try:
        runs = [r[0] for r in conn.execute("SELECT run_id FROM runs ORDER BY run_id")]
        if not runs:
            raise InputFileError(f"{source}: the database holds no runs")
        if run_id is None and len(runs) > 1:
            usable = [run for run in runs if _recognisable(_run_info(conn, run)[2])]
            raise InputFileError(
                f"{source} holds runs {', '.join(map(str, runs))} (with recognisable columns: "
                f"{', '.join(map(str, usable)) or 'none'}); choose one with --run-id "
                "(run_id= in the API)"
            )
        run_id = runs[0] if run_id is None else run_id
        if run_id not in runs:
            raise InputFileError(
                f"{source} has no run {run_id}; runs present: {', '.join(map(str, runs))}"
            )
        run_name, table_name, params = _run_info(conn, run_id)
        label = f"{source} run {run_id}" + (f" ({run_name!r})" if run_name else "")
        if not params:
            raise InputFileError(f"{label}: no parameters described")
        if table_name not in _tables(conn):
            raise InputFileError(f"{label}: results table {table_name!r} missing")
        present = set(_columns(conn, table_name))
        names = [n for n in params if n in present]
        if not names:
            raise InputFileError(f"{label}: results table has no parameter columns")
        quoted = ", ".join(f'"{n}"' for n in names)
        order = "id" if "id" in present else "rowid"
        data = conn.execute(f'SELECT {order}, {quoted} FROM "{table_name}" ORDER BY {order}')
        rows = _merge_parameter_rows(data.fetchall(), names, params)
    finally:
        conn.close()
    if not rows:
        raise InputFileError(f"{label}: no data rows")
    columns = list(zip(*rows, strict=True))
    return RawTable(
        source=label,
        labels=tuple(names),
        cells=tuple(np.array(col, dtype=object) for col in columns[1:]),
        lines=np.asarray(columns[0]),
        label_units=tuple(params[n]["unit"] or None for n in names),
        label_aliases=tuple(params[n]["label"] or None for n in names),
        row_name="row id",
    )
