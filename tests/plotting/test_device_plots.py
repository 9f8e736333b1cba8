"""Tests of the device figures (Figs. 1c-2d analogues)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from fake_mechanisms import DipTc
from numpy.testing import assert_allclose

from reentrant.device import DeviceParameters, MechanismTc, VirtualDevice, parabolic_dos
from reentrant.plotting.device import (
    peak_amplitude,
    plot_magnetoresistance,
    plot_normalized_transition,
    plot_peak_amplitude,
    plot_resistance_map,
    plot_resistance_vs_gate,
    plot_tc_and_density,
)


@pytest.fixture(scope="module")
def dataset():
    device = VirtualDevice(
        parabolic_dos(0.4),
        MechanismTc(lambda mu: DipTc(0.4 + 0.002 * (60.0 - mu), 0.3, 0.1, 4.0)),
        DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0),
    )
    t = np.array([0.2, 0.3, 0.33, 0.36, 0.4, 0.5, 0.9])
    return device.simulate(t, np.linspace(0, 5, 51), np.arange(-200.0, 181.0, 40.0))


def test_gate_and_density_figures(dataset):
    fig = plot_resistance_vs_gate(dataset)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and "V_{BG}" in ax.get_xlabel()
    assert_allclose(
        ax.lines[0].get_ydata(), dataset.r_xx.sel(temperature=0.9, field=0, channel="001") / 1e3
    )
    fig = plot_tc_and_density(dataset)
    assert len(fig.axes) == 2
    assert_allclose(fig.axes[1].lines[0].get_ydata(), dataset.density * 10.0)


def test_normalized_transition_is_one_at_reference(dataset):
    fig = plot_normalized_transition(dataset, [-200.0, 0.0, 160.0])
    ax = fig.axes[0]
    curves = [line for line in ax.lines if line.get_label().endswith(" V")]
    assert len(curves) == 3
    for line in curves:
        assert line.get_ydata()[-1] == pytest.approx(1.0)
        assert line.get_ydata()[0] == 0.0


def test_map_and_magnetoresistance(dataset):
    fig = plot_resistance_map(dataset, temperature=0.33)
    mesh = fig.axes[0].collections[0]
    assert mesh.get_array().size == dataset.field.size * dataset.gate_voltage.size
    fig = plot_magnetoresistance(dataset, gate_voltage=40.0)
    assert len(fig.axes[0].lines) == dataset.temperature.size
    fig = plot_peak_amplitude(dataset, window=(0.5, 1.5))
    lines = fig.axes[0].lines
    assert len(lines) == dataset.temperature.size
    # T_c(B) of the fixture dips to 0.7 T_c0 at 1 T (T_c0 = 0.32..0.52 K): at 0.36 K some
    # gate voltages show a resistive pocket, at 0.2 K (below every T_c^min) none do
    amplitude = {line.get_label(): line.get_ydata() for line in lines}
    assert np.all(amplitude["200 mK"] == 0) and np.any(amplitude["360 mK"] > 0)


def test_peak_amplitude_of_known_shapes():
    b = np.linspace(0, 3, 301)
    bump = 5.0 + 2.0 * np.exp(-((b - 1.0) ** 2) / 0.01)
    # isolated Gaussian bump of height 2 on a flat background: prominence 2
    assert peak_amplitude(bump, b, (0.5, 1.5)) == pytest.approx(2.0, rel=1e-6)
    assert peak_amplitude(bump, b, (2.0, 3.0)) == 0.0
    assert peak_amplitude(b.copy(), b, (0.0, 3.0)) == 0.0
    assert peak_amplitude(bump, b, (0.5, 1.5), min_prominence=2.5) == 0.0


def test_draws_on_given_axes(dataset):
    fig, ax = plt.subplots()
    assert plot_magnetoresistance(dataset, ax=ax) is fig
