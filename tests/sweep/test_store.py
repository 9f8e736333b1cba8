"""The sweep store: layout, one chunk per point, status written last, resume checks."""

import os

import numpy as np
import pytest
import zarr
from numpy.testing import assert_array_equal
from sweep_helpers import snapshot

from reentrant.errors import InputFileError, ParameterError
from reentrant.sweep.metrics import METRICS
from reentrant.sweep.spec import SweepSpec
from reentrant.sweep.store import STATUS, SweepStore, open_sweep, store_status
from reentrant.sweep.task import PointResult

SPEC = SweepSpec.from_mapping(
    {
        "model": "bcs-2d",
        "vary": {"cutoff": [20.0, 40.0], "fermi_energy": [1e3, 2e3, 3e3]},
        "field": [0.0, 0.5, 1.0, 1.5],
    }
)
ATTRS = {
    "tc": {"units": "T_c0"}, "q_x": {"units": "1/l"}, "q_y": {"units": "1/l"},
    "flags": {"flag_masks": [1]}, "field": {"units": "T_c0"},
}  # fmt: skip


def result(index, failed=False):
    tc = np.array([1.0, 0.9, 0.7, 0.0]) * (1 + index[1])
    curve = {"tc": tc, "q_x": tc / 2, "q_y": 0 * tc, "flags": np.array([0, 0, 0, 1], np.int8)}
    metrics = {name: float(k + index[0]) for k, name in enumerate(METRICS)}
    return PointResult(index, failed, "bad" if failed else "", curve, metrics, ATTRS, 0.1)


def test_layout_one_chunk_per_point(tmp_path):
    SweepStore.create(tmp_path / "s.zarr", SPEC)
    ds = open_sweep(tmp_path / "s.zarr")
    assert ds.tc.dims == ("cutoff", "fermi_energy", "field")
    assert ds.status.dims == ("cutoff", "fermi_energy")
    for name, var in ds.data_vars.items():
        expected = (1, 1, 4) if "field" in var.dims else (1, 1)
        assert var.encoding["chunks"] == expected, name
    assert_array_equal(ds.status, STATUS["missing"])
    assert np.all(np.isnan(ds.tc)) and np.all(ds.reason == "")
    assert SweepSpec.from_json(ds.attrs["sweep_spec"]) == SPEC
    assert "reentrant_version" in ds.attrs
    assert not (tmp_path / "s.zarr" / "tc" / "c").exists()  # no data chunk written yet
    assert [p.name for p in tmp_path.iterdir()] == ["s.zarr"]  # no temporary left


def test_point_writes_its_own_chunks_only(tmp_path):
    store = SweepStore.create(tmp_path / "s.zarr", SPEC)
    store.write(result((1, 2)))
    store.write(result((0, 1), failed=True))
    chunks = sorted(
        str(p.relative_to(store.path))
        for name in ("tc", "status")
        for p in (store.path / name).rglob("*")
        if p.is_file() and p.name != "zarr.json"
    )
    assert chunks == ["status/c/0/1", "status/c/1/2", "tc/c/0/1/0", "tc/c/1/2/0"]
    ds = open_sweep(store.path)
    assert ds.status.values[1, 2] == STATUS["done"] and ds.status.values[0, 1] == STATUS["failed"]
    assert_array_equal(ds.tc.values[1, 2], result((1, 2)).curve["tc"])
    assert ds.reason.values[0, 1] == "bad" and ds.depth.values[1, 2] == 3 + 1  # k + i of result()
    assert ds.tc.attrs["units"] == "T_c0" and ds.field_min.attrs["units"] == "T_c0"
    assert ds.depth.attrs["units"] == "1" and ds.flags.dtype == np.int16
    assert store.todo() == [(0, 0), (0, 2), (1, 0), (1, 1)]
    assert (0, 1) in store.todo(retry_failed=True)
    status = store_status(store.path)
    assert (status.total, status.done, status.failed, status.missing) == (6, 1, 1, 4)
    assert status.failures == (("cutoff=20, fermi_energy=2000", "bad"),)


def test_resume_checks(tmp_path):
    path = tmp_path / "s.zarr"
    SweepStore.create(path, SPEC).write(result((0, 0)))
    before = snapshot(path)
    assert SweepStore.for_spec(path, SPEC).todo()[0] == (0, 1)
    other = SweepSpec.from_mapping({**SPEC.as_dict(), "tolerance": 1e-2})
    with pytest.raises(ParameterError, match="different sweep .*tolerance"):
        SweepStore.for_spec(path, other)
    zarr.open_group(path, mode="r+").attrs["reentrant_version"] = "0.0.1"
    with pytest.raises(ParameterError, match="written by reentrant 0.0.1"):
        SweepStore.for_spec(path, SPEC)
    assert set(snapshot(path)) == set(before)


def test_not_a_store(tmp_path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputFileError, match="exists and is not a sweep store"):
        SweepStore.for_spec(tmp_path / "plain", SPEC)
    with pytest.raises(InputFileError, match="no sweep store there"):
        open_sweep(tmp_path / "plain")
    zarr.open_group(tmp_path / "other.zarr", mode="w")
    with pytest.raises(InputFileError, match="not one written by reentrant sweep"):
        open_sweep(tmp_path / "other.zarr")
    with pytest.raises(InputFileError, match="no such directory"):
        SweepStore.create(tmp_path / "missing" / "s.zarr", SPEC)


def test_one_writer_at_a_time(tmp_path):
    store = SweepStore.create(tmp_path / "s.zarr", SPEC)
    with store.locked():
        with pytest.raises(ParameterError, match="another sweep is writing"):
            with SweepStore.for_spec(store.path, SPEC).locked():
                pass
    with SweepStore.for_spec(store.path, SPEC).locked():
        pass  # released
    assert os.listdir(tmp_path) == ["s.zarr"]
