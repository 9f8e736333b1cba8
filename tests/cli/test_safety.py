"""Every command against every user mistake, run as the console script.

Each case of :data:`CASES` is run in its own process (real exit status and stderr; forked from
one that imported the console script, and for one case per command through the installed
script itself) and must end in one ``error: ...`` line, status 2, no traceback, nothing on
stdout, and no file written or changed -- quickly (the outputs and the values are checked
before any computation).  Cases that cannot apply to a command (``--tolerance`` of
``analyze``) are marked so in the table.  A test fails if a command is registered without its
row, so a new command must join.

SIGINT: a long command is interrupted and must print one line, exit with 130 and leave no
temporary file in its output directory; ``reproduce`` is interrupted as Ctrl-C does it, by a
signal to the whole process group, and with dask worker processes by a signal to the command
(a group-wide signal also reaches the dask workers, which print their own tracebacks).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from reentrant.cli import app

SCRIPT = str(Path(sys.executable).parent / "reentrant")
FORK_RUNNER = Path(__file__).resolve().parents[1] / "cli_fork_runner.py"

#: A case runs in ``tmp`` with ``data.csv`` (an R(T) file), ``foreign.nc`` and ``foreign/``
#: (a directory holding ``extracted.nc``, ``bcs_2d_tc.nc``, ``data.nc``, ``scorecard.nc`` and
#: ``bands.nc`` not written by reentrant), ``file.txt``, and ``RO`` standing for an unwritable
#: directory.
#: ``None``: the case does not apply to the command (it has no such option or output).
CASES: dict[str, dict[str, list[str] | None]] = {
    "analyze": {
        "missing parent directory": ["analyze", "data.csv", "--out", "nodir/res"],
        "unwritable directory": ["analyze", "data.csv", "--out", "RO/res"],
        "output is a file": ["analyze", "data.csv", "--out", "file.txt"],
        "output of the wrong kind": ["analyze", "data.csv", "--out", "foreign.nc"],
        "existing file not ours": ["analyze", "data.csv", "--out", "foreign"],
        "points zero": None,
        "points negative": None,
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": None,
        "absurd value": ["analyze", "data.csv", "--out", "res", "--criterion", "1e300"],
        "not finite": ["analyze", "data.csv", "--out", "res", "--resolution", "temperature=nan"],
        "empty list": ["analyze", "data.csv", "--out", "res", "--columns", "r_xx="],
        "option that cannot apply": ["analyze", "data.csv", "--out", "res", "--run-id", "3"],
        "unknown option": ["analyze", "data.csv", "--out", "res", "--bogus"],
    },
    "simulate": {
        "missing parent directory": ["simulate", "--out", "nodir/sim.nc"],
        "unwritable directory": ["simulate", "--out", "RO/sim.nc"],
        "output is a file": None,  # its output is a file; see "output of the wrong kind"
        "output of the wrong kind": ["simulate", "--out", "foreign"],
        "existing file not ours": ["simulate", "--out", "foreign.nc"],
        "points zero": ["simulate", "--out", "sim.nc", "--field-max", "0"],
        "points negative": ["simulate", "--out", "sim.nc", "--field-max", "-1"],
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": ["simulate", "--out", "sim.nc", "--temperatures", ",".join(["0.1"] * 2000)],
        "absurd value": ["simulate", "--out", "sim.nc", "--field-max", "1e300"],
        "not finite": ["simulate", "--out", "sim.nc", "--temperatures", "0.1,nan"],
        "empty list": ["simulate", "--out", "sim.nc", "--temperatures", ","],
        "option that cannot apply": ["simulate", "--out", "data.csv"],
        "unknown option": ["simulate", "--out", "sim.nc", "--bogus"],
    },
    "demo": {
        "missing parent directory": ["demo", "--out", "nodir/demo"],
        "unwritable directory": ["demo", "--out", "RO/demo"],
        "output is a file": ["demo", "--out", "file.txt"],
        "output of the wrong kind": ["demo", "--out", "foreign.nc"],
        "existing file not ours": ["demo", "--out", "foreign"],
        "points zero": ["demo", "--out", "demo", "--points", "0"],
        "points negative": ["demo", "--out", "demo", "--points", "-3"],
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": ["demo", "--out", "demo", "--points", "1000000000"],
        "absurd value": ["demo", "--out", "demo", "--points", "1e300"],
        "not finite": ["demo", "--out", "demo", "--points", "nan"],
        "empty list": ["demo", "--out", "demo", "--points", ""],
        "option that cannot apply": None,
        "unknown option": ["demo", "--out", "demo", "--bogus"],
    },
    "reproduce": {
        "missing parent directory": ["reproduce", "--quick", "--out", "nodir/rep"],
        "unwritable directory": ["reproduce", "--quick", "--out", "RO/rep"],
        "output is a file": ["reproduce", "--quick", "--out", "file.txt"],
        "output of the wrong kind": [
            "reproduce",
            "--quick",
            "--out",
            "rep",
            "--cache-dir",
            "file.txt",
        ],  # fmt: skip
        "existing file not ours": ["reproduce", "--quick", "--out", "foreign"],
        "points zero": ["reproduce", "--quick", "--out", "rep", "--jobs", "0"],
        "points negative": ["reproduce", "--quick", "--out", "rep", "--jobs", "-2"],
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": ["reproduce", "--quick", "--out", "rep", "--jobs", "1000000"],
        "absurd value": ["reproduce", "--quick", "--out", "rep", "--config", "absurd.toml"],
        "not finite": ["reproduce", "--quick", "--out", "rep", "--config", "nan.toml"],
        "empty list": ["reproduce", "--quick", "--out", "rep", "--config", "empty.toml"],
        "option that cannot apply": [
            "reproduce",
            "--quick",
            "--out",
            "rep",
            "--preset",
            "bcs-2d",
        ],  # fmt: skip
        "unknown option": ["reproduce", "--quick", "--out", "rep", "--bogus"],
    },
    "bands": {
        "missing parent directory": ["bands", "--out", "nodir/b"],
        "unwritable directory": ["bands", "--out", "RO/b"],
        "output is a file": ["bands", "--out", "file.txt"],
        "output of the wrong kind": ["bands", "--out", "foreign.nc"],
        "existing file not ours": ["bands", "--out", "foreign"],
        "points zero": ["bands", "--layers", "0"],
        "points negative": ["bands", "--layers", "-3"],
        "tolerance zero": None,  # no tolerance among its options
        "tolerance too large": None,
        "absurd count": ["bands", "--layers", "1000000000"],
        "absurd value": ["bands", "--density", "1e300"],
        "not finite": ["bands", "--density", "nan"],
        "empty list": None,  # no list among its options
        "option that cannot apply": ["bands", "--force"],
        "unknown option": ["bands", "--bogus"],
    },
    "explain": {
        "missing parent directory": ["explain", "--quick", "--out", "nodir/x"],
        "unwritable directory": ["explain", "--quick", "--out", "RO/x"],
        "output is a file": ["explain", "--quick", "--out", "file.txt"],
        "output of the wrong kind": ["explain", "--quick", "--out", "foreign.nc"],
        "existing file not ours": ["explain", "--quick", "--out", "foreign"],
        "points zero": None,  # no counts, tolerances or numbers among its options
        "points negative": None,
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": None,
        "absurd value": None,
        "not finite": None,
        "empty list": ["explain", "--quick", "--candidate", ""],
        "option that cannot apply": ["explain", "--quick", "--preset", "bcs-2d"],
        "unknown option": ["explain", "--quick", "--bogus"],
    },
    "mechanism": {
        "missing parent directory": None,  # mechanism writes to stdout only
        "unwritable directory": None,
        "output is a file": None,
        "output of the wrong kind": None,
        "existing file not ours": None,
        "points zero": ["mechanism", "pauli", "--field", "0:1:0"],
        "points negative": ["mechanism", "pauli", "--field", "0:1:-3"],
        "tolerance zero": None,
        "tolerance too large": None,
        "absurd count": ["mechanism", "pauli", "--field", "0:1:1000000000"],
        "absurd value": ["mechanism", "pauli", "--field", "0:1e300:3"],
        "not finite": ["mechanism", "pauli", "--field", "0:1:3", "--set", "tc0_k=nan"],
        "empty list": ["mechanism", "pauli", "--field", ""],
        "option that cannot apply": ["mechanism", "pauli", "--field", "0:1:3", "--set", "foo=1"],
        "unknown option": ["mechanism", "pauli", "--field", "0:1:3", "--bogus"],
    },
    "sweep": {
        "missing parent directory": ["sweep", "spec.toml", "--out", "nodir/s.zarr"],
        "unwritable directory": ["sweep", "spec.toml", "--out", "RO/s.zarr"],
        "output is a file": ["sweep", "spec.toml", "--out", "file.txt"],
        "output of the wrong kind": ["sweep", "spec.toml", "--out", "foreign.nc"],
        "existing file not ours": ["sweep", "spec.toml", "--out", "foreign"],
        "points zero": ["sweep", "spec.toml", "--out", "s.zarr", "--workers", "0"],
        "points negative": ["sweep", "spec.toml", "--out", "s.zarr", "--workers", "-1"],
        "tolerance zero": ["sweep", "tolerance0.toml", "--out", "s.zarr"],
        "tolerance too large": ["sweep", "tolerance5.toml", "--out", "s.zarr"],
        "absurd count": ["sweep", "spec.toml", "--out", "s.zarr", "--workers", "1000000"],
        "absurd value": ["sweep", "huge.toml", "--out", "s.zarr"],
        "not finite": ["sweep", "nan.toml", "--out", "s.zarr"],
        "empty list": ["sweep", "empty.toml", "--out", "s.zarr"],
        "option that cannot apply": ["sweep", "spec.toml", "--status", "foreign"],
        "unknown option": ["sweep", "spec.toml", "--out", "s.zarr", "--bogus"],
    },
    "tc": {
        "missing parent directory": None,  # tc writes to stdout only
        "unwritable directory": None,
        "output is a file": None,
        "output of the wrong kind": None,
        "existing file not ours": None,
        "points zero": ["tc", "--model", "bcs-2d", "--field", "0:1:0"],
        "points negative": ["tc", "--model", "bcs-2d", "--field", "0:1:-3"],
        "tolerance zero": ["tc", "--model", "bcs-2d", "--field", "0:1:3", "--tolerance", "0"],
        "tolerance too large": [
            "tc",
            "--model",
            "bcs-2d",
            "--field",
            "0:1:3",
            "--tolerance",
            "0.5",
        ],  # fmt: skip
        "absurd count": ["tc", "--model", "bcs-2d", "--field", "0:1:1000000000"],
        "absurd value": ["tc", "--model", "bcs-2d", "--field", "0:1e300:3"],
        "not finite": ["tc", "--model", "bcs-2d", "--field", "0:1:3", "--tolerance", "nan"],
        "empty list": ["tc", "--model", "bcs-2d", "--field", ""],
        "option that cannot apply": [
            "tc",
            "--model",
            "bcs-2d",
            "--field",
            "0:1:3",
            "--units",
            "physical",
        ],  # fmt: skip
        "unknown option": ["tc", "--model", "bcs-2d", "--field", "0:1:3", "--bogus"],
    },
}

#: A user mistake is refused within this many seconds (start-up included; no computation).
QUICK_S = 60


def _unwritable(tmp: Path) -> Path:
    """A directory in which no file can be created: chmod 555, or a read-only one for root."""
    ro = tmp / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    for candidate in (ro, Path("/sys"), Path("/proc/sys")):
        try:
            (candidate / ".probe").touch()
        except OSError:
            return candidate
        (candidate / ".probe").unlink()
    pytest.skip("no unwritable directory available (root without a read-only file system)")


def _snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root``: SHA-256 of files, ``'dir'`` for directories."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "dir"
        for p in sorted(root.rglob("*"))
    }


#: The cases that apply, as (command, case).
APPLICABLE = [(c, k) for c, row in CASES.items() for k, args in row.items() if args is not None]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Run every applicable case in one prepared directory, each in its own process.

    The cases run in processes forked from one that imported the console script's entry point
    (``tests/cli_fork_runner.py``: real exit status and output, without paying the import of
    every process); one case of every command runs through the installed script as well.
    Returns ``{(command, case): [status, stdout, stderr, seconds]}``, the direct runs, and
    whether the directory was left exactly as it was (no file written, changed or removed, no
    directory created, no temporary file left).
    """
    tmp = tmp_path_factory.mktemp("safety")
    t = np.linspace(0.05, 0.9, 60)
    rows = [f"{a},{1000 * 0.5 * (1 + np.tanh((a - 0.3) / 0.02))}" for a in t]
    (tmp / "data.csv").write_text("T (K),R (Ohm)\n" + "\n".join(rows) + "\n")
    (tmp / "file.txt").write_text("a user's notes\n")
    (tmp / "foreign.nc").write_bytes(b"CDF\x01 somebody's measurement")
    (tmp / "foreign").mkdir()
    for name in ("extracted.nc", "bcs_2d_tc.nc", "data.nc", "scorecard.nc", "bands.nc"):
        (tmp / "foreign" / name).write_bytes(b"CDF\x01 not ours")
    sweep = 'model = "bcs-2d"\n{}[vary]\ncutoff = {}\n[field]\nstart = 0.0\nstop = {}\nnum = 3\n'
    for name, (extra, cutoff, stop) in {
        "spec": ("", "[20.0, 40.0]", "1.0"),
        "tolerance0": ("tolerance = 0.0\n", "[20.0]", "1.0"),
        "tolerance5": ("tolerance = 0.5\n", "[20.0]", "1.0"),
        "huge": ("", "{start = 10.0, stop = 40.0, num = 1000000000}", "1e300"),
        "nan": ("", "[20.0, nan]", "1.0"),
        "empty": ("", "[]", "1.0"),
    }.items():
        (tmp / f"{name}.toml").write_text(sweep.format(extra, cutoff, stop))
    (tmp / "absurd.toml").write_text("field_points = 1000000000\n")
    (tmp / "nan.toml").write_text("field_max_t = nan\n")
    (tmp / "empty.toml").write_text("model = []\n")
    ro = _unwritable(tmp)
    before = _snapshot(tmp)
    cases = [
        [str(ro) + a[2:] if a.startswith("RO/") else a for a in CASES[command][case]]
        for command, case in APPLICABLE
    ]
    request = json.dumps({"cwd": str(tmp), "timeout": QUICK_S, "cases": cases})
    runner = subprocess.run(
        [sys.executable, str(FORK_RUNNER)], input=request, capture_output=True, text=True,
        timeout=QUICK_S * len(cases), check=True,
    )  # fmt: skip
    results = dict(zip(APPLICABLE, json.loads(runner.stdout), strict=True))
    # the installed script itself, for one case of every command, must agree to the letter
    direct = {}
    for command, row in CASES.items():
        case = next(k for k, args in row.items() if args is not None)
        proc = subprocess.run(
            [SCRIPT, *cases[APPLICABLE.index((command, case))]], cwd=tmp, capture_output=True,
            text=True, timeout=QUICK_S,
        )  # fmt: skip
        direct[command, case] = [proc.returncode, proc.stdout, proc.stderr]
    return results, direct, _snapshot(tmp) == before


def test_every_registered_command_has_a_row():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names == set(CASES)
    assert all(set(row) == set(CASES["analyze"]) for row in CASES.values())


@pytest.mark.slow
@pytest.mark.parametrize(("command", "case"), APPLICABLE)
def test_user_mistake_is_one_error_line(outcomes, command, case):
    results, _, untouched = outcomes
    status, stdout, stderr, seconds = results[command, case]
    lines = stderr.strip().splitlines()
    assert status == 2, (status, stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr and stdout == ""
    assert seconds < QUICK_S
    assert untouched  # no case wrote, changed or removed anything


@pytest.mark.slow
def test_installed_script_gives_the_same(outcomes):
    results, direct, _ = outcomes
    assert {command for command, _ in direct} == set(CASES)  # one case of every command
    for key, (status, stdout, stderr) in direct.items():
        assert [status, stdout, stderr] == results[key][:3], key


def _simulate(tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    args = ["simulate", "--out", "sim.nc", "--tc-source", "bcs", "--field-max", "0.2",
            "--temperatures", "0.1,0.9", *extra]  # fmt: skip
    return subprocess.run([SCRIPT, *args], cwd=tmp, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_own_output_is_replaced_and_force_replaces_a_foreign_one(tmp_path):
    (tmp_path / "sim.nc").write_bytes(b"a measurement somebody cares about")
    refused = _simulate(tmp_path)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert (tmp_path / "sim.nc").read_bytes() == b"a measurement somebody cares about"
    assert _simulate(tmp_path, "--force").returncode == 0
    first = (tmp_path / "sim.nc").stat().st_mtime_ns
    again = _simulate(tmp_path, "--seed", "1")  # our own file: replaced without --force
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "sim.nc").stat().st_mtime_ns > first


def _no_temporaries(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file() and p.name.startswith(".")
            and not p.name == ".reentrant-manifest.json"]  # fmt: skip


@pytest.mark.slow
def test_sigint_is_one_line_and_status_130(tmp_path):
    out = tmp_path / "demo"
    proc = subprocess.Popen(
        [SCRIPT, "demo", "--out", str(out), "--points", "400"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)  # past start-up, inside the solver
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    # one line for the interrupt (warnings printed before it are the solver's, one line each)
    assert [line for line in stderr.splitlines() if not line.startswith("warning: ")] == [
        "interrupted"
    ]
    assert _no_temporaries(tmp_path) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("jobs", "whole_group"),
    [
        ("1", True),  # Ctrl-C in a terminal: the whole foreground process group
        ("2", False),  # kill -INT of the command: its dask workers are closed with it
    ],
)
def test_sigint_stops_reproduce_and_its_workers(tmp_path, jobs, whole_group):
    out = tmp_path / "rep"
    proc = subprocess.Popen(
        [SCRIPT, "reproduce", "--quick", "--jobs", jobs, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job
    )
    time.sleep(12)  # inside the computation (the steps, the search's cluster)
    if whole_group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    assert lines == ["interrupted"], stderr
    assert _no_temporaries(tmp_path) == []
    # no worker left behind in the group (multiprocessing's resource tracker leaves when it
    # sees the parent gone, within moments)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        pytest.fail("processes of the interrupted run are still alive")
