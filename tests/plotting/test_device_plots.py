"""Tests of the device figures (Figs. 1c-2d analogues): they draw what they are given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import xarray as xr
from fake_mechanisms import dip_device
from numpy.testing import assert_allclose

from reentrant.analysis.peaks import track_peaks
from reentrant.errors import ParameterError
from reentrant.plotting.device import (
    ZERO_FRACTION,
    plot_magnetoresistance,
    plot_normalized_transition,
    plot_peak_amplitude,
    plot_resistance_map,
    plot_resistance_vs_gate,
    plot_tc_and_density,
    transition_field_limit,
)


@pytest.fixture(scope="module")
def dataset():
    device = dip_device()
    t = np.array([0.2, 0.3, 0.33, 0.36, 0.4, 0.5, 0.9])
    return device.simulate(t, np.linspace(0, 5, 51), np.arange(-200.0, 181.0, 40.0))


@pytest.fixture(scope="module")
def peaks(dataset):
    return track_peaks(
        dataset.r_xx.sel(channel="001"), r_normal=dataset.r_normal.sel(channel="001")
    )


def _legend_outside(ax):
    ax.figure.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    return legend.x0 >= ax.get_window_extent().x1


def test_gate_and_density_figures(dataset):
    fig = plot_resistance_vs_gate(dataset)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and "V_{BG}" in ax.get_xlabel()
    assert_allclose(
        ax.lines[0].get_ydata(), dataset.r_xx.sel(temperature=0.9, field=0, channel="001") / 1e3
    )
    assert _legend_outside(ax)
    tc = xr.DataArray(np.linspace(0.5, 0.3, dataset.gate_voltage.size),
                      coords={"gate_voltage": dataset.gate_voltage})  # fmt: skip
    fig = plot_tc_and_density(tc, dataset.density)
    assert len(fig.axes) == 2
    assert_allclose(fig.axes[0].lines[0].get_ydata(), tc)
    assert_allclose(fig.axes[1].lines[0].get_ydata(), dataset.density * 10.0)
    assert len(fig.axes[0].get_legend().get_texts()) == 2  # both curves named
    plt.close("all")


def test_normalized_transition_is_one_at_reference_and_marks_the_given_tc(dataset):
    tc = xr.DataArray([0.45, 0.4, 0.35], coords={"gate_voltage": [-200.0, 0.0, 160.0]})
    fig = plot_normalized_transition(dataset, [-200.0, 0.0, 160.0], tc=tc)
    ax = fig.axes[0]
    curves = [line for line in ax.lines if line.get_label().endswith(" V")]
    assert len(curves) == 3
    assert len({(c.get_marker(), c.get_linestyle()) for c in curves}) == 3  # told apart
    for line in curves:
        assert line.get_ydata()[-1] == pytest.approx(1.0)
        assert line.get_ydata()[0] == 0.0
    marks = [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "o"
             and len(line.get_xdata()) == 1]  # fmt: skip
    assert_allclose(sorted(marks), [0.35, 0.4, 0.45])
    with pytest.raises(ParameterError, match="gate_voltage = 50"):
        plot_normalized_transition(dataset, [50.0])
    plt.close("all")


def test_map_tells_zero_from_a_low_normal_resistance(dataset):
    fig = plot_resistance_map(dataset, temperature=0.33)
    mesh = fig.axes[0].collections[0]
    assert mesh.get_array().size == dataset.field.size * dataset.gate_voltage.size
    r_n = float(dataset.r_normal.sel(channel="001").max())
    assert mesh.norm.vmin == pytest.approx(ZERO_FRACTION * r_n)
    white = (1.0, 1.0, 1.0, 1.0)
    assert tuple(mesh.to_rgba(np.array([0.0]))[0]) == white  # R = 0
    assert tuple(mesh.to_rgba(np.array([0.5 * ZERO_FRACTION * r_n]))[0]) == white
    assert tuple(mesh.to_rgba(np.array([2 * ZERO_FRACTION * r_n]))[0]) != white  # low normal
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [r"$R_{xx} < 10^{-3}\,R_N$"]
    plt.close(fig)


def test_an_all_superconducting_map_says_so(dataset):
    fig = plot_resistance_map(dataset, temperature=0.2, field_max=2.0)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("superconducting everywhere" in t for t in texts)
    plt.close(fig)


def test_field_limit_shows_the_transition():
    # a step R = R_N above B_c(V_BG) = 1, 2 T: the axis ends 1.5 x above the highest, 3 T
    field = np.linspace(0, 9, 91)
    bc = np.array([1.0, 2.0])
    r = (field[None, :, None, None] > bc[None, None, :, None]) * np.ones((1, 1, 1, 1)) * 100.0
    ds = xr.Dataset(
        {"r_xx": (("temperature", "field", "gate_voltage", "channel"), r),
         "r_normal": (("gate_voltage", "channel"), np.full((2, 1), 100.0))},
        coords={"temperature": [0.09], "field": field, "gate_voltage": [0.0, 50.0],
                "channel": ["001"]},
    )  # fmt: skip
    assert transition_field_limit(ds) == pytest.approx(3.0)
    assert transition_field_limit(ds.assign(r_xx=ds.r_xx * 0)) == 9.0  # never normal: all


def test_magnetoresistance_at_an_exact_gate_and_given_temperatures(dataset):
    fig = plot_magnetoresistance(dataset, 40.0, [0.2, 0.33, 0.9], field_max=2.0)
    ax = fig.axes[0]
    assert len(ax.lines) == 3 and ax.get_xlim() == (0.0, 2.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["200 mK", "330 mK", "900 mK"]
    assert ax.get_legend().get_title().get_text() == "T"
    assert _legend_outside(ax)
    with pytest.raises(ParameterError, match="gate_voltage = 50"):
        plot_magnetoresistance(dataset, 50.0, [0.2])
    plt.close(fig)


def test_peak_amplitude_draws_what_the_analysis_found(dataset, peaks):
    fig = plot_peak_amplitude(peaks, [0.2, 0.36])
    lines = fig.axes[0].lines
    assert len(lines) == 2
    # T_c(B) of the fixture dips to 0.7 T_c0 at 1 T (T_c0 = 0.32..0.52 K): at 0.36 K some
    # gate voltages show a resistive pocket, at 0.2 K (below every T_c^min) none do
    amplitude = {line.get_label(): line.get_ydata() for line in lines}
    assert np.all(amplitude["200 mK"] == 0) and np.any(amplitude["360 mK"] > 0)
    assert_allclose(amplitude["360 mK"], peaks.peak_amplitude.sel(temperature=0.36))
    plt.close(fig)


def test_no_peak_anywhere_is_said_not_drawn_as_zeros(peaks):
    fig = plot_peak_amplitude(peaks, [0.2])
    ax = fig.axes[0]
    assert len(ax.lines) == 0 and any("no resistive peak" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_draws_on_given_axes(dataset):
    fig, ax = plt.subplots()
    assert plot_magnetoresistance(dataset, 0.0, [0.2], ax=ax) is fig
    plt.close(fig)
