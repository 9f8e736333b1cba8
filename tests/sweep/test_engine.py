"""The engine on a real two-worker LocalCluster (loopback): serial equality, lost workers, a
killed client, failed points, one writer.  Cheap bcs-2d points at a loose tolerance."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sweep_helpers import snapshot

from reentrant.errors import ParameterError
from reentrant.sweep.engine import run
from reentrant.sweep.metrics import METRICS, curve_metrics
from reentrant.sweep.point import solve_point
from reentrant.sweep.spec import SweepSpec
from reentrant.sweep.store import STATUS, SweepStore, open_sweep, store_status


def spec(n_cutoff=2, n_fermi=2, fields=5, **extra):
    return SweepSpec.from_mapping(
        {
            "model": "bcs-2d",
            "tolerance": 1e-2,
            "vary": {
                "cutoff": list(np.linspace(20.0, 40.0, n_cutoff)),
                "fermi_energy": list(np.linspace(1000.0, 2000.0, n_fermi)),
            },
            "field": {"start": 0.0, "stop": 1.5, "num": fields},
            **extra,
        }
    )


def test_two_workers_give_the_serial_numbers(client, tmp_path):
    sweep = spec()
    counts = run(sweep, tmp_path / "s.zarr", client)
    assert counts.as_dict() == {"total": 4, "computed": 4, "skipped": 0, "failed": 0}
    ds = open_sweep(tmp_path / "s.zarr")
    assert_array_equal(ds.status, STATUS["done"])
    for index in sweep.points():
        serial = solve_point(sweep.model, sweep.parameters(index), np.array(sweep.field),
                             **dict(sweep.options))  # fmt: skip
        for name in ("tc", "q_x", "q_y", "flags"):
            assert_array_equal(ds[name].values[index], serial[name].values, err_msg=name)
        metrics = curve_metrics(np.array(sweep.field), serial.tc.values)
        assert_array_equal([ds[m].values[index] for m in METRICS], list(metrics.values()))
    assert ds.tc.attrs["units"] == "T_c0" and ds.field.attrs["units"] == "T_c0"
    assert run(sweep, tmp_path / "s.zarr", client).computed == 0  # finished: nothing to do


def test_a_killed_worker_loses_no_point(client, tmp_path):
    """SIGKILL the process of a busy worker after two points: its task is re-run elsewhere."""
    sweep = spec(n_cutoff=3, n_fermi=2)
    before = set(client.run(os.getpid).values())
    killed, calls = [], []

    def kill_a_busy_worker(done, failed, total):
        calls.append(done)
        if done == 2:
            busy = [addr for addr, keys in client.processing().items() if keys]
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    counts = run(sweep, tmp_path / "s.zarr", client, progress=kill_a_busy_worker)
    assert killed and killed[0] in before
    assert calls == list(range(1, 7))  # every point written exactly once
    assert (counts.computed, counts.failed) == (6, 0)
    assert_array_equal(open_sweep(tmp_path / "s.zarr").status, STATUS["done"])
    client.wait_for_workers(2, timeout=60)
    assert killed[0] not in client.run(os.getpid).values()  # the nanny started a new one


def _done(path):
    try:
        return int(np.sum(SweepStore.open(path).status() == STATUS["done"]))
    except Exception:  # not created yet
        return 0


def test_a_killed_client_resumes_with_the_missing_points_only(client, tmp_path):
    sweep = spec(n_cutoff=4, n_fermi=3, fields=9)
    path, store = tmp_path / "spec.toml", tmp_path / "s.zarr"
    path.write_text(
        'model = "bcs-2d"\ntolerance = 1e-2\n[vary]\n'
        f"cutoff = {list(sweep.vary[0][1])}\nfermi_energy = {list(sweep.vary[1][1])}\n"
        "[field]\nstart = 0.0\nstop = 1.5\nnum = 9\n"
    )
    command = "from reentrant.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", command, "sweep", str(path), "--out", str(store),
         "--scheduler", client.scheduler.address, "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while _done(store) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.communicate()
    written = _done(store)
    assert 3 <= written < 12, "the client must be killed mid-sweep"
    counts = run(sweep, store, client)
    assert (counts.skipped, counts.computed, counts.failed) == (written, 12 - written, 0)
    assert store_status(store).done == 12


def test_failed_points_are_recorded_and_the_rest_go_on(client, tmp_path):
    """A negative Fermi energy leaves no Fermi surface: that point fails, the other is done."""
    sweep = SweepSpec.from_mapping(
        {"model": "bcs-2d", "tolerance": 1e-2, "vary": {"fermi_energy": [-100.0, 2000.0]},
         "field": [0.0, 0.5, 1.0]}
    )  # fmt: skip
    store = tmp_path / "s.zarr"
    assert run(sweep, store, client).as_dict() == {
        "total": 2, "computed": 2, "skipped": 0, "failed": 1
    }  # fmt: skip
    status = store_status(store)
    assert status.done == 1 and status.failed == 1
    assert status.failures[0][0] == "fermi_energy=-100"
    assert "no Fermi surface" in status.failures[0][1]
    assert run(sweep, store, client).computed == 0  # a failure is a result: not recomputed
    again = run(sweep, store, client, retry_failed=True)
    assert (again.computed, again.failed) == (1, 1)


def test_mismatched_store_is_refused_untouched(client, tmp_path):
    store = tmp_path / "s.zarr"
    run(spec(n_fermi=1), store, client)
    before = snapshot(store)
    with pytest.raises(ParameterError, match="different sweep"):
        run(spec(n_fermi=1, approx="upper-branch"), store, client)
    assert snapshot(store) == before
