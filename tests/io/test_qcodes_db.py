"""QCoDeS SQLite databases built in the test with sqlite3, in the layout qcodes writes."""

import json
import sqlite3

import numpy as np
import pytest
from qcodes_schema import SCHEMA

from reentrant.errors import InputFileError
from reentrant.io import load
from reentrant.io.qcodes_db import list_runs

PARAMS = [  # name, label, unit, depends_on
    ("fridge_T", "Temperature", "mK", []),
    ("magnet_B", "Magnetic field", "T", []),
    ("lockin_R", "R_xx", "kOhm", ["fridge_T", "magnet_B"]),
]


def _description(version):
    if version == 0:
        specs = [
            {
                "name": n,
                "paramtype": "numeric",
                "label": lb,
                "unit": u,
                "inferred_from": [],
                "depends_on": d,
            }
            for n, lb, u, d in PARAMS
        ]
        return {"version": 0, "interdependencies": {"paramspecs": specs}}
    return {
        "version": 3,
        "interdependencies": {"paramspecs": []},
        "interdependencies_": {
            "parameters": {
                n: {"name": n, "paramtype": "numeric", "label": lb, "unit": u}
                for n, lb, u, _ in PARAMS
            },
            "dependencies": {n: d for n, _, _, d in PARAMS if d},
            "inferences": {},
            "standalones": [],
        },
        "shapes": None,
    }


def _r(t_mk, b):
    return 0.5 + 1e-4 * t_mk + 0.2 * b  # kOhm


def make_db(path, n_runs=1, description=3):
    """A QCoDeS-layout database; run k sweeps B at T = 100 k mK."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT INTO experiments VALUES (1, 'rsc', 'LTO-KTO', 0, 0, ?, '{}-{}-{}')", (n_runs,)
    )
    layout_id = 0
    for run in range(1, n_runs + 1):
        table = f"results-1-{run}"
        desc = json.dumps(_description(description)) if description is not None else None
        conn.execute(
            "INSERT INTO runs (run_id, exp_id, name, result_table_name, result_counter,"
            " run_timestamp, is_completed, parameters, guid, run_description)"
            " VALUES (?, 1, 'sweep', ?, ?, 0, 1, ?, 'guid', ?)",
            (run, table, run, ",".join(p[0] for p in PARAMS), desc),
        )
        ids = {}
        for name, label, unit, _ in PARAMS:
            layout_id += 1
            ids[name] = layout_id
            conn.execute(
                "INSERT INTO layouts VALUES (?, ?, ?, ?, ?, '')",
                (layout_id, run, name, label, unit),
            )
        for name, _, _, deps in PARAMS:
            for axis, dep in enumerate(deps):
                conn.execute(
                    "INSERT INTO dependencies VALUES (?, ?, ?)", (ids[name], ids[dep], axis)
                )
        conn.execute(
            f'CREATE TABLE "{table}" (id INTEGER PRIMARY KEY, "fridge_T" numeric,'
            ' "magnet_B" numeric, "lockin_R" numeric)'
        )
        for b in np.linspace(0, 2, 21):
            t = 100.0 * run
            conn.execute(
                f'INSERT INTO "{table}" (fridge_T, magnet_B, lockin_R) VALUES (?,?,?)',
                (t, float(b), _r(t, b)),
            )
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("description", [3, 0, None])
def test_read_run(tmp_path, description):
    path = make_db(tmp_path / "exp.db", n_runs=2, description=description)
    assert list_runs(path) == [1, 2]
    ds = load(path, run_id=2)
    assert float(ds.temperature) == pytest.approx(0.2)  # 200 mK
    np.testing.assert_allclose(ds.field, np.linspace(0, 2, 21), atol=1e-12)
    np.testing.assert_allclose(ds.r_xx, 1e3 * _r(200.0, ds.field.values), rtol=1e-12)


def test_explicit_columns_by_parameter_name(tmp_path):
    path = make_db(tmp_path / "exp.db")
    ds = load(path, columns={"r_xx": "lockin_R", "field": "magnet_B"})
    np.testing.assert_allclose(ds.r_xx, 1e3 * _r(100.0, ds.field.values), rtol=1e-12)


def test_ambiguous_run(tmp_path):
    path = make_db(tmp_path / "exp.db", n_runs=2)
    with pytest.raises(
        InputFileError,
        match=r"exp.db holds runs 1, 2 \(with recognisable columns: 1, 2\); choose one with "
        "--run-id",
    ):
        load(path)


def test_missing_run(tmp_path):
    path = make_db(tmp_path / "exp.db")
    with pytest.raises(InputFileError, match="exp.db has no run 7; runs present: 1"):
        load(path, run_id=7)


def test_not_sqlite(tmp_path):
    path = tmp_path / "fake.db"
    path.write_text("T,R\n1,2\n")
    with pytest.raises(InputFileError, match="fake.db: not an SQLite database"):
        load(path)


def test_sqlite_but_not_qcodes(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stuff (a INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(InputFileError, match="other.db: not a QCoDeS database"):
        load(path)
