"""``reentrant analyze`` end to end on hand-made files with known answers."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr
from typer.testing import CliRunner

from reentrant.cli import app
from reentrant.cli.app import run_guarded

RN = 1000.0
runner = CliRunner()


def step(x, x0, w):
    return 0.5 * (1 + np.tanh((x - x0) / w))


def write_rt(path, tcs=(0.30, 0.45), gates=(50.0, -100.0)):
    """pymeasure-style R(T) file, temperatures in mK, two gate voltages."""
    t_mk = np.arange(50.0, 900.0 + 0.5, 1.0)
    lines = ["#Procedure: <RT>", "#Data:", "Temperature (mK),Gate (V),Resistance (kOhm)"]
    for tc, v in zip(tcs, gates, strict=True):
        r = RN * step(t_mk * 1e-3, tc, 0.02) / 1e3
        lines += [f"{t:.1f},{v},{x:.9f}" for t, x in zip(t_mk, r, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def dome(b, c, a, h):
    x = (b - c) / a
    return np.where(np.abs(x) < 1, h * (1 - x**2), 0.0)


def write_rb(path, n_m2=5e17):
    """Field sweeps 0..9 T at 0.1 K (no pocket) and 0.3 K (pocket at 0.9 T), with R_xy."""
    b = np.round(np.arange(0.0, 9.0 + 1e-9, 0.01), 10)
    lines = ["T (mK)\tB (T)\tRxx (Ohm)\tRxy (Ohm)"]
    for t_mk, h, bc in ((100.0, 0.0, 6.0), (300.0, 0.05 * RN, 4.0)):
        rxx = dome(b, 0.9, 0.1, h) + RN * step(b, bc, 0.1)
        rxy = -b / (sc.e * n_m2)
        lines += [f"{t_mk}\t{x}\t{y:.10g}\t{z:.10g}" for x, y, z in zip(b, rxx, rxy, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def invoke(*args):
    return runner.invoke(app, ["analyze", *map(str, args)])


def run_main(monkeypatch, capsys, *args):
    """Run the command as the console script does (errors become one line and status 2)."""
    monkeypatch.setattr(sys, "argv", ["reentrant", "analyze", *map(str, args)])
    code = run_guarded(app)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def by_temperature(values):
    return {round(rec["temperature"], 9): rec["value"] for rec in values}


def test_rt_json(tmp_path):
    path = write_rt(tmp_path / "rt.csv")
    result = invoke(path, "--out", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    tc = {rec["gate_voltage"]: rec["value"] for rec in doc["results"]["tc"]["values"]}
    # 50 % of R_N lies exactly at the tanh centre; 1 mK grid, interpolation error < 1e-5 K
    assert tc[50.0] == pytest.approx(0.30, abs=1e-4)
    assert tc[-100.0] == pytest.approx(0.45, abs=1e-4)
    bp = {rec["gate_voltage"]: rec["value"] for rec in doc["results"]["b_pauli"]["values"]}
    delta0 = np.pi * np.exp(-np.euler_gamma) * sc.k * tc[50.0]
    mu_b = sc.physical_constants["Bohr magneton"][0]
    assert bp[50.0] == pytest.approx(delta0 / (np.sqrt(2) * mu_b), rel=1e-9)
    out = tmp_path / "out"
    assert (out / "extracted.nc").is_file()
    assert (out / "transition.png").is_file()
    saved = xr.load_dataset(out / "extracted.nc")
    np.testing.assert_allclose(saved.tc.sel(gate_voltage=50.0), tc[50.0], rtol=1e-12)


def test_rb_peaks_bc_hall(tmp_path):
    path = write_rb(tmp_path / "rb.tsv")
    result = invoke(path, "--out", tmp_path / "out", "--format", "json", "--xi", "51")
    assert result.exit_code == 0, result.output
    res = json.loads(result.stdout)["results"]
    bc = by_temperature(res["bc"]["values"])
    assert bc[0.1] == pytest.approx(6.0, abs=1e-4)
    assert bc[0.3] == pytest.approx(4.0, abs=1e-4)
    pos = by_temperature(res["peak_position"]["values"])
    amp = by_temperature(res["peak_amplitude"]["values"])
    assert pos[0.1] is None and amp[0.1] == 0.0
    assert pos[0.3] == pytest.approx(0.9, abs=1e-9)
    assert amp[0.3] == pytest.approx(0.05 * RN, rel=1e-6)
    w = by_temperature(res["w"]["values"])
    phi0 = sc.h / (2 * sc.e)
    assert w[0.3] == pytest.approx(phi0 / (0.9 * 51e-9) * 1e9, rel=1e-6)
    dens = [rec["value"] for rec in res["density"]["values"]]
    np.testing.assert_allclose(dens, 0.5, rtol=1e-6)  # 5e17 m^-2 = 0.5 nm^-2
    assert (tmp_path / "out" / "peak_amplitude.png").is_file()


def test_text_output(tmp_path):
    path = write_rt(tmp_path / "rt.csv")
    result = invoke(path, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert "tc [K]" in result.stdout


def test_explicit_columns_and_units(tmp_path):
    path = tmp_path / "odd.csv"
    t = np.arange(50.0, 900.0, 2.0)
    r = RN * step(t * 1e-3, 0.35, 0.02)
    path.write_text("sensor,lockin\n" + "\n".join(f"{a},{b}" for a, b in zip(t, r, strict=True)))
    result = invoke(
        path,
        "--out",
        tmp_path / "o",
        "--format",
        "json",
        "--columns",
        "temperature=sensor,r_xx=lockin",
        "--units",
        "temperature=mK",
    )
    assert result.exit_code == 0, result.output
    tc = json.loads(result.stdout)["results"]["tc"]["values"][0]["value"]
    assert tc == pytest.approx(0.35, abs=1e-4)


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("", [], "file is empty"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,x\n", [], "line 3, column 'R (Ohm)': cannot read 'x'"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--columns", "r_xx=Rxx"], "no column 'Rxx'"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--columns", "r_xx"], "KEY=VALUE pairs"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--units", "temperature=F"], "unknown unit 'F'"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--format", "yaml"], "unknown --format"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--criterion", "1.5"], "criterion must lie"),
        ("T (K),R (Ohm)\n0.1,1\n0.2,2\n", ["--normal-fit", "0.5"], "--normal-fit expects"),
    ],
)
def test_bad_input_exit_2(tmp_path, monkeypatch, capsys, content, args, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    code, out, err = run_main(monkeypatch, capsys, path, "--out", tmp_path / "o", *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""
    assert not (tmp_path / "o" / "extracted.nc").exists()


def test_warnings_go_to_stderr(tmp_path):
    path = tmp_path / "nan.csv"
    t = np.arange(0.05, 0.9, 0.005)
    rows = [f"{a},{RN * step(a, 0.3, 0.02)}" for a in t]
    rows[10] = f"{t[10]},nan"
    path.write_text("T (K),R (Ohm)\n" + "\n".join(rows) + "\n")
    result = invoke(path, "--out", tmp_path / "o", "--format", "json")
    assert result.exit_code == 0
    assert "warning: nan.csv: dropped 1 row(s)" in result.stderr
    json.loads(result.stdout)


def _script():
    found = shutil.which("reentrant")
    return found or str(Path(sys.executable).parent / "reentrant")


def test_installed_script_exit_status(tmp_path):
    path = tmp_path / "missing.db"
    path.write_text("not a database")
    proc = subprocess.run(
        [_script(), "analyze", str(path), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: missing.db: not an SQLite database (QCoDeS .db expected)"
    assert "Traceback" not in proc.stderr


def _qcodes_db(path):
    """A minimal QCoDeS-layout database: run 1 empty description, run 2 a field sweep."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE experiments (exp_id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE runs (run_id INTEGER PRIMARY KEY, exp_id INTEGER, name TEXT,"
        " result_table_name TEXT, run_description TEXT);"
        "CREATE TABLE layouts (layout_id INTEGER PRIMARY KEY, run_id INTEGER, parameter TEXT,"
        " label TEXT, unit TEXT, inferred_from TEXT);"
        "CREATE TABLE dependencies (dependent INTEGER, independent INTEGER, axis_num INTEGER);"
        'CREATE TABLE "results-1-2" (id INTEGER PRIMARY KEY, "B" numeric, "R" numeric);'
    )
    params = {
        "B": {"name": "B", "label": "field", "unit": "mT", "paramtype": "numeric"},
        "R": {"name": "R", "label": "R_xx", "unit": "Ohm", "paramtype": "numeric"},
    }
    desc = {
        "version": 3,
        "interdependencies_": {"parameters": params, "dependencies": {"R": ["B"]}},
    }
    conn.execute("INSERT INTO experiments VALUES (1, 'e')")
    conn.execute("INSERT INTO runs VALUES (1, 1, 'a', 'results-1-1', NULL)")
    conn.execute("INSERT INTO runs VALUES (2, 1, 'b', 'results-1-2', ?)", (json.dumps(desc),))
    b = np.arange(0.0, 9000.0 + 0.5, 10.0)
    conn.executemany(
        'INSERT INTO "results-1-2" (B, R) VALUES (?, ?)',
        [(float(x), float(RN * step(x / 1e3, 4.0, 0.1))) for x in b],
    )
    conn.commit()
    conn.close()
    return path


def test_qcodes_database(tmp_path):
    path = _qcodes_db(tmp_path / "exp.db")
    result = invoke(path, "--out", tmp_path / "o", "--format", "json", "--run-id", "2")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["dims"] == {"field": 901}
    assert doc["results"]["bc"]["values"][0]["value"] == pytest.approx(4.0, abs=1e-4)


def test_resolution_option(tmp_path):
    # temperature setpoints 0.5 mK apart are one level at the default 1 mK resolution
    path = tmp_path / "close.csv"
    rows = [f"{t},{b},{b}" for t in (0.1, 0.1005) for b in np.linspace(0, 1, 11)]
    path.write_text("T (K),B (T),R (Ohm)\n" + "\n".join(rows) + "\n")
    doc = json.loads(invoke(path, "--out", tmp_path / "a", "--format", "json").stdout)
    assert doc["dims"] == {"field": 11}
    result = invoke(
        path, "--out", tmp_path / "b", "--format", "json", "--resolution", "temperature=1e-4"
    )
    assert json.loads(result.stdout)["dims"] == {"temperature": 2, "field": 11}


def test_normal_state_fit_option(tmp_path):
    # metallic background R_N(T) = 800 + 500 T: the criterion follows the line fitted above T_c
    path = tmp_path / "bg.csv"
    t = np.arange(0.05, 0.9 + 1e-9, 1e-3)
    r = (800.0 + 500.0 * t) * step(t, 0.3, 0.02)
    path.write_text("T (K),R (Ohm)\n" + "\n".join(f"{a},{b}" for a, b in zip(t, r, strict=True)))
    result = invoke(path, "--out", tmp_path / "o", "--format", "json", "--normal-fit", "0.6,0.9")
    assert result.exit_code == 0, result.output
    tc = json.loads(result.stdout)["results"]["tc"]["values"][0]["value"]
    assert tc == pytest.approx(0.3, abs=1e-4)


def test_extracted_nc_records_source_and_options(tmp_path):
    import hashlib

    path = write_rt(tmp_path / "rt.csv")
    result = invoke(path, "--out", tmp_path / "out", "--criterion", "0.4", "--units",
                    "temperature=mK")  # fmt: skip
    assert result.exit_code == 0, result.output
    saved = xr.load_dataset(tmp_path / "out" / "extracted.nc")
    assert saved.attrs["source_file"] == str(path.resolve())
    assert saved.attrs["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    options = json.loads(saved.attrs["options"])
    assert options["criterion"] == 0.4 and options["units"] == {"temperature": "mK"}
    assert saved.attrs["created_by"].startswith("reentrant ")


def test_stale_figures_removed_foreign_files_kept(tmp_path):
    out = tmp_path / "out"
    assert invoke(write_rb(tmp_path / "rb.tsv"), "--out", out).exit_code == 0
    first = {p.name for p in out.glob("*.png")}
    assert {"field_sweeps.png", "critical_field.png"} <= first
    (out / "notes.png").write_bytes(b"the user's own picture")
    result = invoke(write_rt(tmp_path / "rt.csv"), "--out", out)
    assert result.exit_code == 0, result.output
    # R(T) data: the R(B) figures of the earlier run would describe other data; removed
    second = {p.name for p in out.glob("*.png")} - {"notes.png"}
    assert "transition.png" in second and not first & second
    assert (out / "notes.png").read_bytes() == b"the user's own picture"
    assert f"removed {len(first)} stale figure(s)" in result.stderr


def test_foreign_file_in_the_output_directory_needs_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "tc.png").write_bytes(b"a figure from a paper draft")
    path = write_rt(tmp_path / "rt.csv")
    refused = invoke(path, "--out", out)
    assert (
        refused.exit_code != 0 and (out / "tc.png").read_bytes() == b"a figure from a paper draft"
    )
    assert not (out / "extracted.nc").exists()  # refused before any work
    assert invoke(path, "--out", out, "--force").exit_code == 0
    assert (out / "tc.png").read_bytes()[:4] == b"\x89PNG"


def test_json_carries_brackets_and_flags(tmp_path):
    # R(T) at the paper's temperatures: T_c of 0.5 K falls between 0.33 and 0.9 K
    path = tmp_path / "sparse.csv"
    temps = [0.09, 0.15, 0.2, 0.25, 0.33, 0.9]
    rows = [f"{t},{RN * step(t, 0.5, 0.02)}" for t in temps]
    path.write_text("T (K),R (Ohm)\n" + "\n".join(rows) + "\n")
    result = invoke(path, "--out", tmp_path / "o", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "T_c not given (NaN)" in result.stderr
    tc = json.loads(result.stdout)["results"]["tc"]["values"][0]
    assert tc["value"] is None and tc["bracket"] == [0.33, 0.9]
    assert "bracket_too_wide" in tc["flags"]
    text = invoke(path, "--out", tmp_path / "t").stdout
    assert "NaN, measured between 0.33 and 0.9 K [bracket_too_wide" in text


def test_decimal_option_and_european_file(tmp_path):
    path = tmp_path / "eu.csv"
    t = np.arange(50.0, 900.0, 2.0)
    lines = ["T_mK;Rxx_Ohm"] + [f"{a:.0f};{RN * step(a * 1e-3, 0.35, 0.02):.6f}".replace(".", ",")
                                for a in t]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    for extra in ([], ["--decimal", ","]):
        result = invoke(path, "--out", tmp_path / "o", "--format", "json", *extra)
        assert result.exit_code == 0, result.output
        tc = json.loads(result.stdout)["results"]["tc"]["values"][0]["value"]
        assert tc == pytest.approx(0.35, abs=1e-4)  # tanh centre; 2 mK grid, 1e-6 Ohm digits
