"""Figures of the extended re-entrance search: curves per route, the map of minima."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import xarray as xr
from sweep_helpers import fake_sweep

from reentrant.errors import ParameterError
from reentrant.plotting.routes import plot_route_curves, plot_route_map
from reentrant.sweep.routes import ROUTES, RouteGrid, route_spec, routes_dataset


@pytest.fixture(scope="module")
def routes():
    """Two routes at two angles: the first has a minimum (rise 0.2) at delta = 1 only."""
    grid = RouteGrid(routes=ROUTES[:2], angle=(0.0, 90.0), delta=(1.0, 3.0))

    def curve(params, h):
        if params["delta"] == 1.0:
            return 1.0 - 0.4 * h + (0.4 / 3.0) * h**2
        return 1.0 - 0.2 * h

    sweeps = {
        (route.name, angle): fake_sweep(route_spec(grid, route, angle), curve)
        for route in grid.routes
        for angle in grid.angle
    }
    return routes_dataset(grid, sweeps)


def test_curves_one_panel_per_angle_with_units_and_legend(routes):
    fig = plot_route_curves(routes.sel(delta=1.0))
    assert len(fig.axes) == 2
    for ax in fig.axes:
        assert "k_B T_c0" in ax.get_xlabel() and "T_c0" in ax.get_ylabel()
        assert len([line for line in ax.lines if line.get_label() in routes.route]) == 2
    legend = fig.axes[-1].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == list(routes.route.values)
    plt.close(fig)


def test_curves_need_one_delta(routes):
    with pytest.raises(ParameterError, match="select one delta"):
        plot_route_curves(routes)


def test_map_shows_the_rise_where_a_minimum_passed(routes):
    fig = plot_route_map(routes)
    ax = fig.axes[0]
    mesh = ax.collections[0].get_array().reshape(2, 4)
    expected = np.where(routes.reentrant.transpose("route", "angle", "delta").values, 0.3, 0.0)
    np.testing.assert_allclose(mesh, expected.reshape(2, 4), atol=1e-12)
    assert len(ax.texts) == int(routes.reentrant.sum())
    plt.close(fig)


def test_map_shows_the_re_solved_rise_and_unconfirmed_minima(routes):
    """With check_minima's variables the colour is the re-solved rise where confirmed; an
    unconfirmed minimum is 0 in colour and says so."""
    confirmed = routes.reentrant & (routes.delta == 1.0) & (routes.angle == 0.0)
    checked = routes.assign(confirmed=confirmed, rise_cold=xr.full_like(routes.rise, 0.05))
    fig = plot_route_map(checked)
    ax = fig.axes[0]
    mesh = ax.collections[0].get_array().reshape(2, 4)
    expected = np.where(confirmed.transpose("route", "angle", "delta").values, 0.05, 0.0)
    np.testing.assert_allclose(mesh, expected.reshape(2, 4), atol=1e-12)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("0.05") == int(confirmed.sum())
    assert sum("not\nconfirmed" in t for t in texts) == int((routes.reentrant & ~confirmed).sum())
    plt.close(fig)
