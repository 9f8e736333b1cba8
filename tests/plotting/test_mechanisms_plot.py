"""Tests of the mechanism comparison figure."""

import matplotlib.pyplot as plt  # tests/conftest.py selects the Agg backend
import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.errors import ParameterError
from reentrant.mechanisms import FuldeFerrell, JaccarinoPeter, OrbitalPairBreaking, PauliLimit
from reentrant.plotting.mechanisms import plot_mechanisms


def test_comparison_figure_has_one_line_per_curve_and_normalised_data():
    field = np.linspace(0, 8, 81)
    paper = ("paper model", field, 0.5 * (1 - 0.1 * field + 0.012 * field**2))
    mechanisms = [
        PauliLimit(0.5),
        FuldeFerrell(0.5),
        ("orbital + Zeeman", OrbitalPairBreaking(0.5, 6.0, g_factor=2.0)),
        JaccarinoPeter(0.5, 0.3, spin=0.5),
    ]
    fig = plot_mechanisms([*mechanisms, paper], field)
    ax = fig.axes[0]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == [
        "pauli",
        "fulde-ferrell",
        "orbital + Zeeman",
        "jaccarino-peter",
        "paper model",
    ]
    lines = [line for line in ax.get_lines() if line.get_label() in labels]
    for line in lines:
        assert_allclose(line.get_ydata()[0], 1.0, rtol=1e-12)  # T_c(0)/T_c0
    # the paper curve's minimum (B = 0.1/0.024, analytic vertex) is marked
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    xs = [line.get_xdata()[0] for line in markers]
    assert any(abs(x - 0.1 / 0.024) < 1e-9 for x in xs)
    plt.close(fig)


def test_plot_on_given_axes_in_kelvin():
    fig, ax = plt.subplots()
    field = np.linspace(0, 2, 21)
    out = plot_mechanisms([PauliLimit(0.4)], field, ax=ax, normalise=False)
    assert out is fig
    assert_allclose(ax.get_lines()[0].get_ydata()[0], 0.4)
    assert "K" in ax.get_ylabel()


def test_bad_curve_specs():
    with pytest.raises(ParameterError, match="field grid"):
        plot_mechanisms([PauliLimit(1.0)])
    with pytest.raises(ParameterError, match="Mechanism,"):
        plot_mechanisms(["pauli"], np.linspace(0, 1, 5))
    with pytest.raises(ParameterError, match="at least one"):
        plot_mechanisms([], np.linspace(0, 1, 5))


def test_no_minimum_marker_where_tc_vanishes_and_legend_beside_the_axes():
    # Jaccarino-Peter with a strong exchange field: T_c = 0 over an interval, then back;
    # its "minimum" is T_c = 0, not a point to mark
    field = np.linspace(0, 8, 161)
    jp = JaccarinoPeter(0.4, 0.3)
    tc = jp.tc(field)
    zero = np.flatnonzero(tc == 0)
    assert zero.size and tc[zero[-1] :].max() == 0 and tc[zero[0] : zero[-1]].max() > 0
    fig = plot_mechanisms([jp, PauliLimit(0.4)], field, field_max=2.0)
    ax = fig.axes[0]
    assert [line for line in ax.get_lines() if line.get_marker() == "o"] == []
    assert ax.get_xlim() == (0.0, 2.0)
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1
    plt.close(fig)
