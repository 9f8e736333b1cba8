"""Tests of ``reentrant simulate``."""

import json
import sys

import xarray as xr
from typer.testing import CliRunner

from reentrant.cli import app
from reentrant.cli.app import run_guarded


def _args(*args):
    # typer runs a lone registered command without its name
    return (["simulate"] if len(app.registered_commands) > 1 else []) + list(args)


def test_simulate_writes_netcdf_and_json(tmp_path):
    out = tmp_path / "sim.nc"
    args = _args(
        "--csv",
        str(tmp_path / "sim"),
        "--out",
        str(out),
        "--temperatures",
        "0.1,0.9",
        "--field-max",
        "1",
        "--format",
        "json",
        "--tc-source",
        "bcs",
    )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["csv"] == [str(tmp_path / "sim_001.csv"), str(tmp_path / "sim_1-10.csv")]
    assert summary["sizes"] == {"temperature": 2, "field": 11, "gate_voltage": 39, "channel": 2}
    with xr.open_dataset(out) as ds:
        assert ds.r_xx.attrs["units"] == "Ohm"
        assert list(ds.channel.values) == ["001", "1-10"]


def test_bad_input_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    bad_args = (
        ("--temperatures", "x"),
        ("--format", "xml"),
        ("--field-max", "-1"),
        ("--tc-source", "magic"),
    )
    for bad in bad_args:
        monkeypatch.setattr(
            sys, "argv", ["reentrant", *_args("--out", str(tmp_path / "a.nc"), *bad)]
        )
        assert run_guarded(app) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error:") and "\n" not in err
    assert not (tmp_path / "a.nc").exists()
