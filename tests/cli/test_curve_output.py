"""The shared T_c(B) curve JSON on hand-built datasets."""

import json

import numpy as np
import pytest
import xarray as xr

from reentrant.cli.curve_output import curve_json
from reentrant.errors import ParameterError


def curve(**variables):
    """A dataset over ``field`` (T) with ``tc`` (K) and the given extra variables."""
    field = np.array([0.0, 1.0, 2.0])
    ds = xr.Dataset(
        {"tc": ("field", np.array([0.4, np.nan, np.inf]), {"units": "K"})},
        coords={"field": ("field", field, {"units": "T"})},
    )
    return ds.assign(variables)


def test_plain_curve():
    doc = curve_json(curve())
    assert doc == {
        "field": [0.0, 1.0, 2.0],
        "tc": [0.4, None, None],
        "q": None,
        "flags": [[], [], []],
        "units": {"field": "T", "tc": "K", "q": None},
    }
    json.dumps(doc, allow_nan=False)


def test_momentum_and_cf_flags():
    flags = xr.DataArray(
        np.array([0, 5, 2], dtype=np.int8),
        dims="field",
        attrs={"flag_masks": [1, 2, 4], "flag_meanings": "not_converged normal clipped"},
    )
    ds = curve(
        q_x=xr.DataArray([0.0, 0.1, np.nan], dims="field", attrs={"units": "nm^-1"}),
        q_y=xr.DataArray([0.0, -0.2, 0.0], dims="field", attrs={"units": "nm^-1"}),
        flags=flags,
    )
    doc = curve_json(ds)
    assert doc["q"] == [[0.0, 0.0], [0.1, -0.2], [None, 0.0]]
    assert doc["flags"] == [[], ["not_converged", "clipped"], ["normal"]]
    assert doc["units"]["q"] == "nm^-1"
    json.dumps(doc, allow_nan=False)


def test_multi_bit_masks_follow_the_bitwise_and():
    # CF: a meaning applies where (value & mask) != 0; a two-bit mask matches either bit
    flags = xr.DataArray(
        np.array([1, 2, 3, 4]), dims="field", attrs={"flag_masks": [3, 4], "flag_meanings": "a b"}
    )
    ds = xr.Dataset(
        {"tc": ("field", np.ones(4), {"units": "K"}), "flags": flags},
        coords={"field": ("field", np.arange(4.0), {"units": "T"})},
    )
    assert curve_json(ds)["flags"] == [["a"], ["a"], ["a"], ["b"]]


def test_malformed_curves_are_errors_naming_the_fault():
    with pytest.raises(ParameterError, match="only one of q_x, q_y"):
        curve_json(curve(q_x=xr.DataArray(np.zeros(3), dims="field", attrs={"units": "1"})))
    bad = xr.DataArray(
        np.zeros(3, int), dims="field", attrs={"flag_masks": [1], "flag_meanings": ""}
    )
    with pytest.raises(ParameterError, match="1 flag_masks but 0 flag_meanings"):
        curve_json(curve(flags=bad))
    with pytest.raises(ParameterError, match="must be integer"):
        curve_json(curve(flags=xr.DataArray(np.zeros(3), dims="field")))
    no_units = curve()
    no_units["tc"].attrs = {}
    with pytest.raises(ParameterError, match="'tc' has no units"):
        curve_json(no_units)
    with pytest.raises(ParameterError, match="no 'tc'"):
        curve_json(curve().drop_vars("tc"))
