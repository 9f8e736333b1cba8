"""Write the two reference files of this directory that are made here, not taken from others.

``european_rt.csv``: R(T) at two gate voltages as Excel saves "CSV (semicolon delimited)" in a
German or French locale: ``;`` between fields, decimal commas, CRLF line ends, cp1252 text,
unit-suffix column names (``T_mK``, ``Vg_V``, ``Rxx_kOhm``).  Each transition is
R = R_N (1 + tanh((T - T_c)/w)) / 2, which crosses R_N / 2 exactly at T_c.

``qcodes_per_parameter.db``: a QCoDeS database built with sqlite3 in the schema qcodes writes
(``tests/qcodes_schema.py``: ``qcodes/dataset/sqlite/initial_schema.py`` plus the columns and
run_description of schema version 9), where ``DataSaver.add_result`` was called once per
dependent parameter: every setpoint (T, B) has one row with ``lockin_Rxx`` and another with
``lockin_Rxy``, the other NULL.  Run 1 ("field sweeps"): B from 0 to 2 T at T = 100 and
300 mK, R_xx a tanh step of width 0.05 T centred at B_c = 1.2 and 0.8 T, R_xy = -B / (e n)
with n = 0.4 nm^-2 (both in kOhm).  Run 2 ("noise"): only time and a lock-in phase, nothing the
analysis recognises.

Run ``python tests/io/reference_data/make_reference_data.py`` to rewrite both files; the tests
read the committed files and compare with the formulas above.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import numpy as np
import scipy.constants as sc

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for the shared QCoDeS schema

from qcodes_schema import SCHEMA  # noqa: E402

#: European CSV: gate voltage (V) -> T_c (K); normal resistance (kOhm) and width (K).
CSV_TC = {-100.0: 0.45, 50.0: 0.30}
CSV_RN_KOHM, CSV_WIDTH_K = 1.25, 0.02

#: QCoDeS run 1: temperature (mK) -> B_c (T); width (T), R_N (kOhm), density (m^-2).
DB_BC = {100.0: 1.2, 300.0: 0.8}
DB_WIDTH_T, DB_RN_KOHM, DB_DENSITY_M2 = 0.05, 2.0, 0.4e18
DB_FIELDS_T = np.round(np.linspace(0.0, 2.0, 201), 10)


def step(x: np.ndarray, centre: float, width: float) -> np.ndarray:
    """(1 + tanh((x - centre)/width)) / 2: one half at the centre."""
    return 0.5 * (1.0 + np.tanh((x - centre) / width))


def excel_number(value: float) -> str:
    """A number as Excel's general format writes it in a decimal-comma locale."""
    return f"{value:.10g}".replace(".", ",")


def write_european_csv(path: Path) -> None:
    temperatures_mk = np.arange(50.0, 900.0 + 0.5, 5.0)
    lines = ["T_mK;Vg_V;Rxx_kOhm"]
    for gate, tc in CSV_TC.items():
        r = CSV_RN_KOHM * step(temperatures_mk * 1e-3, tc, CSV_WIDTH_K)
        lines += [
            ";".join(excel_number(v) for v in (t, gate, x))
            for t, x in zip(temperatures_mk, r, strict=True)
        ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _description(params: list[tuple[str, str, str, list[str]]]) -> str:
    """run_description JSON (version 3 layout, as qcodes >= 0.21 writes it)."""
    specs = {
        name: {
            "name": name,
            "paramtype": "numeric",
            "label": label,
            "unit": unit,
            "inferred_from": [],
            "depends_on": deps,
        }  # fmt: skip
        for name, label, unit, deps in params
    }
    old = [dict(spec, depends_on=", ".join(spec["depends_on"])) for spec in specs.values()]
    return json.dumps(
        {
            "version": 3,
            "interdependencies": {"paramspecs": old},
            "interdependencies_": {
                "parameters": {
                    n: {k: v for k, v in s.items() if k != "depends_on"} for n, s in specs.items()
                },  # fmt: skip
                "dependencies": {n: s["depends_on"] for n, s in specs.items() if s["depends_on"]},
                "inferences": {},
                "standalones": [
                    n
                    for n, s in specs.items()
                    if not s["depends_on"] and not any(n in t["depends_on"] for t in specs.values())
                ],
            },  # fmt: skip
            "shapes": None,
        }
    )


def _add_run(conn, run_id, name, params, rows):
    table = f"results-1-{run_id}"
    conn.execute(
        "INSERT INTO runs (run_id, exp_id, name, result_table_name, result_counter,"
        " run_timestamp, completed_timestamp, is_completed, parameters, guid,"
        " run_description, snapshot, captured_run_id, captured_counter, parent_datasets)"
        " VALUES (?, 1, ?, ?, ?, ?, ?, 1, ?, ?, ?, NULL, ?, ?, '[]')",
        (run_id, name, table, run_id, 1.7e9 + run_id, 1.7e9 + run_id + 60,
         ",".join(p[0] for p in params), f"aaaaaaaa-0000-0000-0000-00000000000{run_id}",
         _description(params), run_id, run_id),
    )  # fmt: skip
    ids = {}
    for pname, label, unit, _ in params:
        cur = conn.execute(
            "INSERT INTO layouts (run_id, parameter, label, unit, inferred_from)"
            " VALUES (?, ?, ?, ?, '')",
            (run_id, pname, label, unit),
        )
        ids[pname] = cur.lastrowid
    for pname, _, _, deps in params:
        for axis, dep in enumerate(deps):
            conn.execute("INSERT INTO dependencies VALUES (?, ?, ?)", (ids[pname], ids[dep], axis))
    columns = ", ".join(f'"{p[0]}" numeric' for p in params)
    conn.execute(f'CREATE TABLE "{table}" (id INTEGER PRIMARY KEY, {columns})')
    for row in rows:
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))


def write_qcodes_db(path: Path) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute("PRAGMA user_version = 9")
    conn.execute(
        "INSERT INTO experiments VALUES (1, 'reentrance', 'LTO-KTO (110)', 1.7e9, NULL, 2,"
        " '{}-{}-{}')"
    )
    sweep = [
        ("fridge_T", "Mixing chamber temperature", "mK", []),
        ("magnet_B", "Magnetic field", "T", []),
        ("lockin_Rxx", "R_xx", "kOhm", ["fridge_T", "magnet_B"]),
        ("lockin_Rxy", "R_xy", "kOhm", ["fridge_T", "magnet_B"]),
    ]
    rows = []
    for t_mk, bc in DB_BC.items():
        rxx = DB_RN_KOHM * step(DB_FIELDS_T, bc, DB_WIDTH_T)
        rxy = -DB_FIELDS_T / (sc.e * DB_DENSITY_M2) / 1e3
        for b, x, y in zip(DB_FIELDS_T, rxx, rxy, strict=True):
            # datasaver.add_result((T, t), (B, b), (Rxx, x)); then the same for Rxy
            rows.append({"fridge_T": t_mk, "magnet_B": float(b), "lockin_Rxx": float(x)})
            rows.append({"fridge_T": t_mk, "magnet_B": float(b), "lockin_Rxy": float(y)})
    _add_run(conn, 1, "field sweeps", sweep, rows)
    noise = [("clock", "Time", "s", []), ("lockin_phase", "Phase", "deg", ["clock"])]
    _add_run(conn, 2, "noise", noise,
             [{"clock": float(k), "lockin_phase": 0.1 * k} for k in range(20)])  # fmt: skip
    conn.commit()
    conn.close()


if __name__ == "__main__":
    write_european_csv(HERE / "european_rt.csv")
    write_qcodes_db(HERE / "qcodes_per_parameter.db")
