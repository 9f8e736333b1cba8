"""Tests of writing simulated data to CSV and NetCDF."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

from reentrant.device import DeviceParameters, MechanismTc, VirtualDevice, parabolic_dos
from reentrant.device.export import write_csv, write_netcdf
from reentrant.errors import OutputFileError
from reentrant.mechanisms.pauli import PauliLimit


@pytest.fixture(scope="module")
def small():
    device = VirtualDevice(
        parabolic_dos(0.4),
        MechanismTc(lambda mu: PauliLimit(0.3)),
        DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0),
    )
    return device.simulate([0.1, 0.5], [0.0, 1.0, 2.0], [-100.0, 0.0, 100.0])


def test_netcdf_keeps_everything(small, tmp_path):
    path = write_netcdf(small, tmp_path / "s.nc")
    with xr.open_dataset(path) as back:
        xr.testing.assert_allclose(back, small)
        assert back.r_xx.attrs["units"] == "Ohm"
    assert [p.name for p in tmp_path.iterdir()] == ["s.nc"]  # no temporary left behind


def test_csv_rows_in_measurement_order(small, tmp_path):
    paths = write_csv(small, tmp_path / "run")
    table = np.loadtxt(paths[1], delimiter=",", skiprows=1)
    header = paths[1].read_text().splitlines()[0]
    assert header == "T (K),B (T),V_BG (V),R_xx (Ohm),R_xy (Ohm)"
    assert table.shape == (2 * 3 * 3, 5)
    # gate swept fastest, then field, then temperature
    assert_allclose(table[:3, 2], [-100.0, 0.0, 100.0])
    assert_allclose(table[:3, 1], 0.0) and table[3, 1] == 1.0
    assert_allclose(table[9:, 0], 0.5)
    row = small.sel(temperature=0.5, field=2.0, gate_voltage=0.0, channel="1-10")
    assert_allclose(table[-2, 3:], [row.r_xx, row.r_xy], rtol=1e-9)


def test_missing_directory_is_an_output_file_error(small, tmp_path):
    with pytest.raises(OutputFileError, match="nope does not exist"):
        write_netcdf(small, tmp_path / "nope" / "s.nc")


def test_failed_write_leaves_nothing(small, tmp_path):
    bad = small.assign_attrs(unwritable=object())
    with pytest.raises(TypeError):
        write_netcdf(bad, tmp_path / "s.nc")
    assert list(tmp_path.iterdir()) == []
