"""Tests of the on-disk cache: keys, round trip, unreadable entries, interrupted writes."""

import numpy as np
import pytest
import xarray as xr

import reentrant
from reentrant.report import cache


def _data(value: float = 1.0) -> xr.Dataset:
    return xr.Dataset(
        {"tc": ("field", np.array([value, 0.5]), {"units": "K"})},
        coords={"field": ("field", [0.0, 1.0], {"units": "T"})},
    )


def test_key_depends_on_step_parameters_and_version(monkeypatch):
    key = cache.cache_key("device", {"a": 1.0})
    assert key == cache.cache_key("device", {"a": 1.0})
    assert key != cache.cache_key("search", {"a": 1.0})
    assert key != cache.cache_key("device", {"a": 2.0})
    monkeypatch.setattr(reentrant, "__version__", "9.9.9")
    assert key != cache.cache_key("device", {"a": 1.0})


def test_key_depends_on_the_package_source(monkeypatch):
    # an edited solver with an unchanged version number must not be served old results
    key = cache.cache_key("device", {"a": 1.0})
    monkeypatch.setattr(cache, "source_hash", lambda: "edited")
    assert key != cache.cache_key("device", {"a": 1.0})


def test_source_hash_covers_every_module():
    import hashlib
    from pathlib import Path

    root = Path(reentrant.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    assert cache.source_hash() == digest.hexdigest()


def test_round_trip_keeps_values_and_units(tmp_path):
    cache.store(tmp_path, "s", {"a": 1}, _data())
    loaded = cache.load(tmp_path, "s", {"a": 1})
    xr.testing.assert_identical(loaded, _data())
    assert loaded.tc.attrs["units"] == "K"
    assert cache.load(tmp_path, "s", {"a": 2}) is None


def test_unreadable_entry_is_a_miss(tmp_path):
    path = cache.cache_path(tmp_path, "s", {"a": 1})
    path.write_bytes(b"not a netcdf file")
    assert cache.load(tmp_path, "s", {"a": 1}) is None


def test_interrupted_write_leaves_previous_entry(tmp_path, monkeypatch):
    cache.store(tmp_path, "s", {"a": 1}, _data(1.0))

    def broken(self, path, *args, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(xr.Dataset, "to_netcdf", broken)
    with pytest.raises(KeyboardInterrupt):
        cache.store(tmp_path, "s", {"a": 1}, _data(2.0))
    monkeypatch.undo()
    assert cache.load(tmp_path, "s", {"a": 1}).tc.values[0] == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        cache.cache_path(tmp_path, "s", {"a": 1}).name
    ]
