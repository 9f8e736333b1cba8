"""Round trip with the virtual device: simulate, write, load, extract T_c."""

import numpy as np
import pytest
import xarray as xr

from reentrant.analysis.transition import extract_transition
from reentrant.device import default_device
from reentrant.device.export import write_csv
from reentrant.io import load

T = np.round(np.arange(0.05, 0.9001, 0.005), 10)
B = np.array([0.0, 0.5])
V = np.array([-200.0, 0.0, 150.0])


@pytest.fixture(scope="module")
def simulated():
    device = default_device()
    return device, device.simulate(T, B, V)


def test_netcdf_loads_back_unchanged(tmp_path, simulated):
    _, ds = simulated
    path = tmp_path / "sim.nc"
    ds.to_netcdf(path, engine="scipy")
    xr.testing.assert_identical(load(path), ds)


def test_csv_log_grids_back(tmp_path, simulated):
    _, ds = simulated
    (path, _) = write_csv(ds, tmp_path / "log")
    loaded = load(path)
    channel = ds.channel.values[0]
    expected = ds.r_xx.sel(channel=channel).transpose(*loaded.r_xx.dims)
    np.testing.assert_allclose(loaded.gate_voltage, V)
    np.testing.assert_allclose(loaded.temperature, T, atol=1e-12)
    # the CSV keeps 10 significant digits
    np.testing.assert_allclose(loaded.r_xx, expected, rtol=1e-9)


def test_tc_from_simulated_transport(tmp_path, simulated):
    device, ds = simulated
    tr = extract_transition(ds.r_xx.sel(field=0.0))
    tc_in = ds.tc.sel(field=0.0)
    # The film is a Bruggeman mixture of patches with local T_c spread s = tc_relative_width:
    # its resistive transition lies within the local-T_c distribution, |T_c/T_c,in - 1| < 3 s.
    s = device.parameters.tc_relative_width
    ratio = (tr.tc / tc_in).values
    assert np.all(np.abs(ratio - 1) < 3 * s)
    # the gate trend of T_c survives the analysis
    for c in ds.channel.values:
        assert np.all(np.diff(tr.tc.sel(channel=c).values) < 0)
