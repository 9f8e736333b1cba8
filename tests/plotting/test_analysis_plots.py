"""Figures of extracted quantities: they draw the data they are given."""

import numpy as np
import pytest
import xarray as xr

from reentrant.analysis.transition import extract_transition
from reentrant.errors import ParameterError
from reentrant.plotting.analysis import plot_extracted, plot_transitions


def _rt():
    t = np.linspace(0.05, 0.9, 50)
    tcs = np.array([0.3, 0.4])
    r = 100 * 0.5 * (1 + np.tanh((t[None, :] - tcs[:, None]) / 0.02))
    return xr.DataArray(
        r,
        dims=("gate_voltage", "temperature"),
        coords={"gate_voltage": [0.0, 50.0], "temperature": t},
        attrs={"units": "Ohm"},
    )


def test_plot_transitions_draws_each_curve():
    da = _rt()
    fig = plot_transitions(da, extract_transition(da))
    ax = fig.axes[0]
    assert len(ax.lines) == 4  # two curves, criterion line, T_c marks
    np.testing.assert_allclose(ax.lines[0].get_ydata(), da.values[0] / 100.0, rtol=1e-6)


def test_plot_extracted_amplitude_vs_gate():
    amp = xr.DataArray(
        [[1.0, 2.0, 3.0], [0.0, 0.5, 1.0]],
        dims=("temperature", "gate_voltage"),
        coords={"temperature": [0.3, 0.2], "gate_voltage": [-50.0, 0.0, 50.0]},
        name="peak_amplitude",
        attrs={"units": "Ohm"},
    )
    fig = plot_extracted(amp, "gate_voltage")
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [0.0, 0.5, 1.0])
    assert "Ohm" in ax.get_ylabel()


def test_plot_extracted_bad_dim():
    with pytest.raises(ParameterError, match="no dimension 'field'"):
        plot_extracted(xr.DataArray([1.0], dims="temperature", name="tc"), "field")
