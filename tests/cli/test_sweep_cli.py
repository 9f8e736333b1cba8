"""``reentrant sweep``: JSON last line, --status, and user mistakes (exit 2, nothing written)."""

import io
import json
import sys
from contextlib import redirect_stdout
from types import SimpleNamespace

import pytest
from sweep_helpers import snapshot

from reentrant.cli import app, run_guarded
from reentrant.sweep import store_status

SPEC = """model = "bcs-2d"
tolerance = 1e-2
[vary]
cutoff = [20.0, 40.0]
[field]
start = 0.0
stop = 1.0
num = 3
"""


@pytest.fixture
def invoke(capsys, monkeypatch):
    """Run ``reentrant sweep ARGS`` in-process through the console script's guard."""

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["reentrant", "sweep", *map(str, args)])
        code = run_guarded(app)
        out, err = capsys.readouterr()
        return SimpleNamespace(exit_code=code, stdout=out, stderr=err)

    return run


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A sweep run once through the CLI on its own local cluster (one worker process)."""
    tmp = tmp_path_factory.mktemp("sweep")
    (tmp / "spec.toml").write_text(SPEC)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        args = ["spec.toml", "--out", "s.zarr", "--workers", "1", "--format", "json"]
        patch.setattr(sys, "argv", ["reentrant", "sweep", *args])
        patch.chdir(tmp)
        assert run_guarded(app) == 0
    return tmp, out.getvalue()


def test_json_is_the_last_line(finished, invoke):
    tmp, stdout = finished
    last = stdout.strip().splitlines()[-1]
    assert json.loads(last) == {"total": 2, "computed": 2, "skipped": 0, "failed": 0}
    assert store_status(tmp / "s.zarr").done == 2
    again = invoke(tmp / "spec.toml", "--out", tmp / "s.zarr", "--format", "json")
    assert again.exit_code == 0
    assert json.loads(again.stdout.strip().splitlines()[-1])["skipped"] == 2


def test_status(finished, invoke):
    tmp, _ = finished
    result = invoke("--status", tmp / "s.zarr", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "total": 2, "done": 2, "failed": 0, "missing": 0, "failures": []
    }  # fmt: skip
    text = invoke("--status", tmp / "s.zarr")
    assert "2 points, 2 done, 0 failed, 0 missing" in text.stdout


def test_mismatched_resume_exits_2_and_leaves_the_store_alone(finished, invoke):
    tmp, _ = finished
    before = snapshot(tmp / "s.zarr")
    (tmp / "other.toml").write_text(SPEC.replace("40.0", "30.0"))
    result = invoke(tmp / "other.toml", "--out", tmp / "s.zarr")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp / 's.zarr'} holds a different sweep (spec differs in: vary); resume with "
        "the spec it was made with, or choose another store"
    ]
    assert snapshot(tmp / "s.zarr") == before


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s + "colour = 1\n", "field range needs exactly the keys"),
        (lambda s: "colour = 1\n" + s, "unknown spec key 'colour'"),
        (lambda s: s.replace("cutoff =", "kappa ="), "unknown parameter 'kappa'"),
        (lambda s: s.replace("[20.0, 40.0]", "[]"), "vary.cutoff: empty range"),
        (lambda s: s.replace("num = 3", "num = 0"), "field: empty range"),
        (lambda s: s.replace("1e-2", '"loose"'), "tolerance must be of type float"),
        (lambda s: s.replace("[20.0, 40.0]", '["a"]'), r"vary.cutoff[0] must be a number"),
        (lambda s: s.replace("bcs-2d", "bcs-3d"), "unknown model 'bcs-3d'"),
        (lambda s: s.replace("= [", "= ["[:-1]), "invalid TOML"),
    ],
)
def test_bad_spec_exits_2_with_one_line_and_writes_nothing(tmp_path, invoke, edit, message):
    (tmp_path / "spec.toml").write_text(edit(SPEC))
    result = invoke(tmp_path / "spec.toml", "--out", tmp_path / "s.zarr")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.toml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "nowhere.zarr"], "nowhere.zarr: no sweep store there"),
        (["spec.toml"], "give SPEC.toml and --out STORE"),
        (["spec.toml", "--out", "s.zarr", "--workers", "0"], "--workers must be an integer from 1"),
        (["spec.toml", "--out", "s.zarr", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
         "--workers and --scheduler exclude each other"),
        (["--status", "s.zarr", "--out", "t.zarr"], "--status takes only a store"),
        (["spec.toml", "--out", "s.zarr", "--format", "yaml"], "unknown format 'yaml'"),
    ],
)  # fmt: skip
def test_bad_command_lines(tmp_path, monkeypatch, invoke, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.toml").write_text(SPEC)
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.toml"]
