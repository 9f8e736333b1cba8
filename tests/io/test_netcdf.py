"""NetCDF files: canonical datasets load back unchanged; others are mapped or gridded."""

import numpy as np
import pytest
import xarray as xr

from reentrant.errors import InputFileError
from reentrant.io import load


def _canonical():
    t = np.linspace(0.05, 1.0, 20)
    b = np.linspace(0.0, 2.0, 5)
    r = 100.0 * (1 + t[:, None] + b[None, :] ** 2)
    return xr.Dataset(
        {"r_xx": (("temperature", "field"), r, {"units": "Ohm"})},
        coords={
            "temperature": ("temperature", t, {"units": "K"}),
            "field": ("field", b, {"units": "T"}),
            "gate_voltage": ((), 50.0, {"units": "V"}),
        },
        attrs={"origin": "device simulator"},
    )


def test_canonical_round_trip_unchanged(tmp_path):
    ds = _canonical()
    path = tmp_path / "sim.nc"
    ds.to_netcdf(path, engine="scipy")
    xr.testing.assert_identical(load(path), ds)


def test_other_names_and_units_are_converted(tmp_path):
    ds = _canonical().rename({"temperature": "T", "field": "B", "r_xx": "Rxx"})
    ds["T"] = ds["T"].assign_attrs(units="mK") * 1e3
    ds["T"].attrs["units"] = "mK"
    ds["Rxx"] = ds["Rxx"] / 1e3
    ds["Rxx"].attrs["units"] = "kOhm"
    path = tmp_path / "other.nc"
    ds.to_netcdf(path, engine="scipy")
    out = load(path)
    ref = _canonical()
    np.testing.assert_allclose(out.temperature, ref.temperature, rtol=1e-12)
    np.testing.assert_allclose(out.r_xx.transpose("temperature", "field"), ref.r_xx, rtol=1e-12)
    assert out.r_xx.attrs["units"] == "Ohm"
    assert out.temperature.attrs["units"] == "K"


def test_long_table_netcdf_is_gridded(tmp_path):
    ref = _canonical()
    flat = ref.r_xx.stack(row=("temperature", "field"))
    table = xr.Dataset(
        {
            "temperature": ("row", flat.temperature.values, {"units": "K"}),
            "field": ("row", flat.field.values, {"units": "T"}),
            "r_xx": ("row", flat.values, {"units": "Ohm"}),
        }
    )
    path = tmp_path / "long.nc"
    table.to_netcdf(path, engine="scipy")
    out = load(path)
    np.testing.assert_allclose(out.r_xx.transpose("temperature", "field"), ref.r_xx, rtol=1e-12)


def test_missing_variables(tmp_path):
    ds = xr.Dataset({"foo": ("x", np.arange(3.0))}, coords={"x": np.arange(3.0)})
    path = tmp_path / "bad.nc"
    ds.to_netcdf(path, engine="scipy")
    with pytest.raises(InputFileError, match="bad.nc: no variable for temperature"):
        load(path)


def test_missing_measured_variable(tmp_path):
    ds = _canonical().drop_vars("r_xx")
    path = tmp_path / "nodata.nc"
    ds.to_netcdf(path, engine="scipy")
    with pytest.raises(InputFileError, match="nodata.nc: no variable for r_xx"):
        load(path)


def test_corrupt_netcdf(tmp_path):
    path = tmp_path / "corrupt.nc"
    path.write_bytes(b"CDF\x01" + b"garbage" * 10)
    with pytest.raises(InputFileError, match="corrupt.nc: cannot read as NetCDF"):
        load(path)


def test_text_named_nc(tmp_path):
    path = tmp_path / "text.nc"
    path.write_text("T,R\n")
    with pytest.raises(InputFileError, match="text.nc: not a NetCDF file"):
        load(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        load(tmp_path / "absent.csv")
