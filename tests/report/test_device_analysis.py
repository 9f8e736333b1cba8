"""What the report extracts from a simulated device, against plain-numpy readings of the data."""

import numpy as np
import pytest
from fake_mechanisms import dip_device

from reentrant.report.device_analysis import analyse_device


@pytest.fixture(scope="module")
def simulated():
    # T_c0 from 0.32 K to 0.52 K over the gates; T_c(B) dips to 0.7 T_c0 at 1 T
    device = dip_device()
    t = np.round(np.concatenate([np.arange(0.1, 0.9, 0.01), [0.9]]), 10)
    ds = device.simulate(t, np.linspace(0, 5, 101), np.array([-200.0, 0.0, 160.0]))
    return ds.assign_attrs(device="test device")


def test_resistive_tc_is_where_r_crosses_half_its_value_at_0_9_k(simulated):
    found = analyse_device(simulated)
    assert found.tc_resistive.attrs["units"] == "K"
    for v in simulated.gate_voltage.values:
        r = simulated.r_xx.sel(channel="001", field=0.0, gate_voltage=v).values
        ratio, t = r / r[-1], simulated.temperature.values
        i = np.flatnonzero(ratio < 0.5)[-1]  # the last point below half, then the crossing
        expected = t[i] + (0.5 - ratio[i]) * (t[i + 1] - t[i]) / (ratio[i + 1] - ratio[i])
        assert float(found.tc_resistive.sel(gate_voltage=v)) == pytest.approx(expected, rel=1e-9)
    # T_c falls as the gate raises mu (the fixture's T_c0(mu) falls with mu)
    assert np.all(np.diff(found.tc_resistive.values) < 0)


def test_peaks_only_between_the_minimum_and_the_zero_field_tc(simulated):
    # a pocket opens at 1 T only for T_c^min = 0.7 T_c0 < T < T_c0; at 0.2 K (below every
    # T_c^min) and at 0.9 K (above every T_c0) there is none
    found = analyse_device(simulated)
    assert np.all(found.peak_amplitude.sel(temperature=0.2) == 0)
    assert np.all(found.peak_amplitude.sel(temperature=0.9) == 0)
    hot = found.sel(temperature=0.37)  # between 0.7 x 0.52 K and 0.52 K at -200 V only
    assert float(hot.peak_amplitude.sel(gate_voltage=-200.0)) > 0
    assert abs(float(hot.peak_position.sel(gate_voltage=-200.0)) - 1.0) <= 0.05
    assert float(hot.peak_amplitude.sel(gate_voltage=160.0)) == 0
