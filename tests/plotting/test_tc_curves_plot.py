"""Figures of the paper's model: Fig. 3b analogue, search map, comparison with rivals."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose
from sweep_helpers import fake_search_sweep

from reentrant.errors import ParameterError
from reentrant.mechanisms import PaperModel, PauliLimit
from reentrant.plotting.mechanisms import plot_mechanisms
from reentrant.plotting.tc_curves import plot_search_map, plot_tc_ratio
from reentrant.sweep.search import SearchGrid, search_dataset


def curve(sweep, x, tc):
    return xr.Dataset({"tc": (sweep, np.asarray(tc, float))}, coords={sweep: np.asarray(x)})


def test_tc_ratio_normalises_each_curve():
    b = np.array([0.0, 0.5, 1.0])
    fig = plot_tc_ratio(
        {"upper branch (a)": curve("field", b, [0.4, 0.3, 0.35]),
         "full (b)": curve("field", b, [0.4, 0.2, 0.0])}
    )  # fmt: skip
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert_allclose(ax.lines[0].get_ydata(), [1.0, 0.75, 0.875])
    assert "T" in ax.get_xlabel()


def test_tc_ratio_rejects_bad_curves():
    with pytest.raises(ParameterError, match="at least one"):
        plot_tc_ratio({})
    with pytest.raises(ParameterError, match="'x'"):
        plot_tc_ratio({"x": curve("temperature", [0, 1, 2], [1, 1, 1])})
    with pytest.raises(ParameterError, match="T_c = 0"):
        plot_tc_ratio({"x": curve("zeeman", [0, 1, 2], [0, 1, 1])})
    with pytest.raises(ParameterError, match="mix"):
        plot_tc_ratio(
            {"a": curve("zeeman", [0, 1, 2], [1, 1, 1]), "b": curve("field", [0, 1, 2], [1, 1, 1])}
        )


def fake_point(approx, delta, beta, mass_ratio, cutoff, h):
    """A V-shaped T_c(h) with its minimum at h = delta, depth growing with M/m."""
    d = 0.2 * mass_ratio / 40
    return np.where(h < 2 * delta, 1 - d * (1 - np.abs(h - delta) / delta), 1.0)


def test_search_map_has_one_panel_per_approximation():
    grid = SearchGrid(delta=(0.5, 1.0), beta=(-1.0, -2.0), mass_ratio=(10.0, 40.0))
    search = search_dataset(grid, {a: fake_search_sweep(grid, a, fake_point) for a in grid.approx})
    fig = plot_search_map(search, x="delta", y="mass_ratio")
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in panels] == ["upper-branch", "full"]
    assert panels[0].get_xlabel() == "mu - E_vH (k_B T_c0)" and panels[0].get_ylabel() == "M/m"
    mesh = panels[0].collections[0]
    assert_allclose(np.asarray(mesh.get_array()).reshape(2, 2), [[0.05] * 2, [0.2] * 2])
    with pytest.raises(ParameterError, match="differ"):
        plot_search_map(search, x="delta", y="delta")
    with pytest.raises(ParameterError, match="temperature"):
        plot_search_map(search, x="temperature")


def test_paper_model_joins_the_mechanism_comparison():
    field = np.array([0.0, 0.3, 0.6])
    paper = PaperModel.from_preset(approx="full")
    fig = plot_mechanisms(
        [("paper model (b)", paper), PauliLimit(tc0_k=paper.tc0_k, g_factor=2.0)], field
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["paper model (b)", "pauli"]
    assert_allclose(ax.lines[0].get_ydata()[0], 1.0)
    plt.close(fig)


def test_a_search_without_any_minimum_says_so():
    grid = SearchGrid(delta=(0.5, 1.0), beta=(-1.0,), mass_ratio=(10.0, 40.0))
    flat = search_dataset(
        grid, {a: fake_search_sweep(grid, a, lambda *args: np.ones_like(args[-1]))
               for a in grid.approx}
    )  # fmt: skip
    fig = plot_search_map(flat, x="delta", y="mass_ratio")
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert all(any("no T_c(h) minimum" in t.get_text() for t in ax.texts) for ax in panels)
    plt.close(fig)
