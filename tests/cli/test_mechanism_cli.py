"""``reentrant mechanism``: every mechanism by name, settings, the JSON, and user mistakes."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from reference_formulas import pauli_pair_breaking, solve_tc
from typer.testing import CliRunner

from reentrant.cli import app, run_guarded
from reentrant.mechanisms import MECHANISMS
from reentrant.units import K_B_MEV_PER_K, MU_B_MEV_PER_T

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, ["mechanism", *args])


def test_pauli_json_against_the_sarma_equation():
    result = invoke("pauli", "--field", "0:0.6:4", "--set", "tc0_k=0.5", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"field", "tc", "q", "flags", "units"}
    assert doc["field"] == pytest.approx([0.0, 0.2, 0.4, 0.6])
    assert doc["units"] == {"field": "T", "tc": "K", "q": None}
    assert doc["q"] is None and doc["flags"] == [[], [], [], []]
    for b, tc in zip(doc["field"], doc["tc"], strict=True):
        h = MU_B_MEV_PER_T * b / (K_B_MEV_PER_K * 0.5)
        expected = 0.5 * solve_tc(lambda t, h=h: np.log(1 / t) - pauli_pair_breaking(h, t))
        assert tc == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("name", [n for n in MECHANISMS if n != "paper-model"])
def test_every_closed_form_mechanism_runs(name):
    result = invoke(name, "--field", "0:2:3", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["tc"]) == 3


def test_list_names_every_mechanism_with_its_defaults():
    table = invoke("--list")
    assert table.exit_code == 0
    for name in MECHANISMS:
        assert name in table.stdout
    doc = json.loads(invoke("--list", "--format", "json").stdout)
    assert list(doc) == list(MECHANISMS)
    assert doc["spin-orbit-scattering"]["orbital_field_t"] is None


def test_table_output_and_optional_term_switched_on():
    result = invoke("spin-orbit-scattering", "--field", "0:4:3", "--set", "orbital_field_t=3")
    assert result.exit_code == 0, result.output
    assert "T_c of spin-orbit-scattering" in result.stdout and "field [T]" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pauli", "--field", "0:1:3", "--set", "spin=1"), "known: tc0_k, g_factor"),
        (("nonsense", "--field", "0:1:3"), "unknown mechanism 'nonsense'"),
        (("pauli",), "--field START:STOP:N is required"),
        ((), "give a mechanism NAME or --list"),
        (("pauli", "--field", "0:1"), "--field must be START:STOP:N"),
        (("pauli", "--field", "0:1:3", "--set", "tc0_k=-1"), "tc0_k must be positive"),
        (("pauli", "--field", "0:1:3", "--format", "xml"), "unknown format 'xml'"),
    ],
)
def test_user_mistakes_exit_2_with_one_error_line(args, message, capsys, monkeypatch):
    # in-process through the same guard as the console script
    monkeypatch.setattr(sys, "argv", ["reentrant", "mechanism", *args])
    code = run_guarded(app)
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]


def test_installed_script_json_and_exit_status():
    script = str(Path(sys.executable).parent / "reentrant")
    ok = subprocess.run(
        [script, "mechanism", "thin-film-gl", "--field", "0:10:3", "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    # T_c0 (1 - (B/B_c||(0))^2) with the defaults T_c0 = 0.4 K, B_c||(0) = 10 T
    assert json.loads(ok.stdout)["tc"] == pytest.approx([0.4, 0.3, 0.0], rel=1e-12)
    bad = subprocess.run(
        [script, "mechanism", "pauli", "--field", "0:1:3", "--set", "g=1"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and not bad.stdout
