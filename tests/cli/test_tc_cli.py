"""``reentrant tc`` and ``reentrant demo``: output format, ranges, and user mistakes (exit 2)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from reference_formulas import pauli_pair_breaking, solve_tc
from typer.testing import CliRunner

from reentrant.cli import app, run_guarded

SCRIPT = str(Path(sys.executable).parent / "reentrant")
runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=600)


def test_json_output_has_field_tc_q_flags_units_with_both_ends():
    result = run("tc", "--model", "bcs-2d", "--field", "0:1.0:3", "--uniform", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"field", "tc", "q", "flags", "units"}
    assert data["field"] == [0.0, 0.5, 1.0]
    assert data["units"]["field"] == "T_c0" and data["units"]["tc"] == "T_c0"
    assert isinstance(data["units"]["q"], str)
    assert np.shape(data["q"]) == (3, 2)
    assert len(data["flags"]) == 3 and all(isinstance(f, list) for f in data["flags"])
    expected = [solve_tc(lambda t, h=h: np.log(1 / t) - pauli_pair_breaking(h, t)) for h in
                data["field"]]  # fmt: skip
    np.testing.assert_allclose(data["tc"], expected, rtol=2e-3)


def test_zeeman_is_an_alias_of_field_and_one_point_ranges_work():
    a = runner.invoke(app, ["tc", "--model", "bcs-2d", "--zeeman", "0.5:0.5:1", "--uniform",
                            "--format", "json"])  # fmt: skip
    b = runner.invoke(app, ["tc", "--model", "bcs-2d", "--field", "0.5:0.5:1", "--uniform",
                            "--format", "json"])  # fmt: skip
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    assert json.loads(a.stdout) == json.loads(b.stdout)
    assert json.loads(a.stdout)["field"] == [0.5]


def test_physical_preset_reports_tesla_and_kelvin():
    result = runner.invoke(app, ["tc", "--model", "lto-kto-110", "--units", "physical", "--field",
                                 "0:0:1", "--tolerance", "1e-2", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["units"]["field"] == "T" and data["units"]["tc"] == "K"
    # the preset's calibration: T_c(0) = tc0 = 0.4 K (documented in the preset)
    np.testing.assert_allclose(data["tc"], [0.4], rtol=1e-2)


def test_table_output():
    result = runner.invoke(app, ["tc", "--model", "bcs-2d", "--zeeman", "0:0.5:2", "--uniform"])
    assert result.exit_code == 0
    assert "T_c of bcs-2d" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "nope", "--zeeman", "0:1:2"], "unknown model 'nope'"),
        (["--model", "bcs-2d", "--zeeman", "0:1"], "START:STOP:N"),
        (["--model", "bcs-2d", "--zeeman", "a:1:2"], "START:STOP:N"),
        (["--model", "bcs-2d", "--zeeman", "0:1:0"], "integer from 1 to 1000"),
        (["--model", "bcs-2d", "--zeeman", "0:nan:2"], "finite"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--set", "cutoff=-1"], "cutoff"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--set", "mass=nan"], "mass"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--set", "spin=1"], "unknown parameter"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--set", "mass"], "KEY=VALUE"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--units", "si"], "units"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--units", "physical"], "reduced units"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--approx", "x"], "approximation"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--format", "xml"], "format"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--tolerance", "0"], "tolerance"),
        (["--model", "bcs-2d", "--zeeman", "0:1:2", "--bogus"], "No such option"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(args, message, capsys, monkeypatch):
    # in-process through the same guard as the console script
    monkeypatch.setattr(sys, "argv", ["reentrant", "tc", *args])
    code = run_guarded(app)
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]


def test_installed_script_reports_a_mistake_in_one_line():
    result = run("tc", "--model", "bcs-2d", "--zeeman", "0:1:2", "--set", "mass=-1")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: mass must be positive, got -1.0"


def test_installed_script_shows_a_convergence_warning_in_one_line():
    # a tolerance finer than the finest default grid: the result comes with a warning line
    result = run("tc", "--model", "bcs-2d", "--zeeman", "0.5:0.5:1", "--tolerance", "1e-7",
                 "--format", "json")  # fmt: skip
    assert result.returncode == 0
    warning_lines = [x for x in result.stderr.splitlines() if x.startswith("warning: ")]
    assert len(warning_lines) == 1 and "T_c at h=0.5 T_c0 changed by" in warning_lines[0]
    assert "ConvergenceWarning" not in result.stderr and "tc_curve(" not in result.stderr


def test_demo_writes_figure_and_data(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path), "--points", "4"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bcs_2d_tc.png").stat().st_size > 0
    assert (tmp_path / "bcs_2d_tc.nc").stat().st_size > 0
