"""The extended re-entrance search: route specs, judging, critical field, one engine run."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sweep_helpers import fake_sweep

from reentrant.analysis.reentrance import reentrant_region, tc_minimum
from reentrant.errors import ParameterError
from reentrant.pairing import PairingModel
from reentrant.sweep import routes as routes_module
from reentrant.sweep.point import solve_point
from reentrant.sweep.routes import (
    ROUTES,
    Route,
    RouteGrid,
    check_minima,
    cold_curve,
    critical_field,
    route_spec,
    routes_dataset,
    sampled_minimum,
    search_routes,
)
from reentrant.sweep.spec import SweepSpec


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_route_builds_a_valid_spec_per_angle(route):
    grid = RouteGrid()
    for angle in grid.angle:
        spec = route_spec(grid, route, angle)
        options = dict(spec.options)
        assert options["angle"] == angle
        assert (options["channel"], options["approx"]) == (route.channel, route.approx)
        assert options["fixed_density"] == route.fixed_density
        assert options["second_band"] == (route.interband is not None)
        assert dict(spec.fixed).get("triplet_ratio") == route.triplet_ratio
        assert spec.dims == ("delta",) and spec.size == len(grid.delta)
        assert SweepSpec.from_json(spec.to_json()) == spec


def test_physical_grid_spec_is_in_tesla():
    grid = RouteGrid(model="lto-kto-110", delta=(3.0,), field=(0.0, 6.0, 12.0), temperature=0.09)
    spec = route_spec(grid, ROUTES[0], 90.0)
    assert spec.model == "lto-kto-110" and spec.field == (0.0, 6.0, 12.0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"channel": "triplet", "d_vector": "y", "approx": "upper-branch"}, "singlet pairing"),
        ({"triplet_ratio": 2.0}, "exactly when channel is 'both'"),
        ({"channel": "both"}, "exactly when channel is 'both'"),
        ({"channel": "triplet", "d_vector": "y", "interband": 0.5}, "second band"),
        ({"approx": "lower"}, "unknown approx"),
        ({"channel": "both", "triplet_ratio": -1.0}, "triplet_ratio"),
    ],
)
def test_route_rejects_combinations_that_do_not_apply(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        Route("bad", **kwargs)


def test_grid_rejects_bad_values():
    with pytest.raises(ParameterError, match="distinct"):
        RouteGrid(delta=(1.0, 1.0))
    with pytest.raises(ParameterError, match="route names"):
        RouteGrid(routes=(Route("a"), Route("a")))
    with pytest.raises(ParameterError, match="unknown"):
        RouteGrid(model="no-such-preset")


def test_critical_field_is_the_highest_downward_crossing():
    """Straight lines: T_c = 1 - B/10 crosses 0.5 at B = 5; a re-entrant curve's B_c is its
    last crossing; a curve still above T at the end gives a bound; one never above gives NaN."""
    b = np.linspace(0.0, 10.0, 11)
    assert critical_field(b, 1.0 - b / 10.0, 0.5) == (pytest.approx(5.0), False)
    pocket = np.array([1.0, 0.2, 0.8, 0.8, 0.2, 0.0])
    value, above = critical_field(np.arange(6.0), pocket, 0.5)
    assert value == pytest.approx(3.5) and not above
    assert critical_field(b, np.full(11, 0.9), 0.5) == (10.0, True)
    value, above = critical_field(b, np.full(11, 0.1), 0.5)
    assert np.isnan(value) and not above


def test_judging_matches_tc_minimum_and_the_noise_threshold():
    """Known curves through routes_dataset: a parabola with its vertex at h = 1.5 (rise 0.2,
    far above the threshold 3e-3), a tiny wiggle (rise 1e-3, below it) and a monotonic line."""
    grid = RouteGrid(routes=ROUTES[:1], angle=(0.0,), delta=(-1.0, 0.5, 3.0))

    def curve(params, h):
        return {
            -1.0: 1.0 - 0.4 * h + (0.4 / 3.0) * h**2,
            0.5: 1.0 - 1e-3 * np.sin(np.pi * h / 1.5) ** 2,
            3.0: 1.0 - 0.2 * h,
        }[params["delta"]]

    spec = route_spec(grid, ROUTES[0], 0.0)
    ds = routes_dataset(grid, {("singlet", 0.0): fake_sweep(spec, curve)})
    one = ds.sel(route="singlet", angle=0.0)
    assert one.reentrant.values.tolist() == [True, False, False]
    h = np.asarray(grid.field)
    direct = tc_minimum(h, 1.0 - 0.4 * h + (0.4 / 3.0) * h**2)
    assert one.field_min.sel(delta=-1.0) == pytest.approx(direct.field_min)
    assert one.tc_min.sel(delta=-1.0) == pytest.approx(direct.tc_min)
    assert one.tc_min_sampled.sel(delta=-1.0) == pytest.approx(0.7, abs=1e-12)
    assert one.depth.sel(delta=-1.0) == pytest.approx(0.3)
    assert one.rise_sampled.sel(delta=-1.0) == pytest.approx(0.3)
    assert one.depth.sel(delta=3.0) == 0.0
    assert ds.tc.attrs["units"] == "T_c0" and ds.field.attrs["units"] == "k_B T_c0"
    with pytest.raises(ParameterError, match="no sweep for route"):
        routes_dataset(grid, {})


def test_cold_curve_agrees_with_the_sweep_where_q_has_one_branch():
    """Singlet, field along x: Q stays near 0, so solving each field on its own and solving
    the sweep with continuation must give the same T_c within the tolerance."""
    grid = RouteGrid(routes=ROUTES[:1], angle=(0.0,), delta=(3.0,), field=(0.0, 0.5, 1.0),
                     tolerance=1e-2)  # fmt: skip
    cold = cold_curve(grid, ROUTES[0], 0.0, 3.0)
    swept = solve_point("saddle-soc", {"delta": 3.0}, np.array(grid.field), tolerance=1e-2)
    assert_allclose(cold, swept.tc.values, rtol=1e-2)


def test_check_minima_resolves_only_judged_minima(monkeypatch):
    """Only the re-entrant point is re-solved; it is confirmed when the re-solved curve rises
    back by more than the threshold, and not when it is flat (a corner or a branch switch)."""
    grid = RouteGrid(routes=ROUTES[:1], angle=(0.0,), delta=(-1.0, 3.0))
    h = np.asarray(grid.field)
    parabola = 1.0 - 0.4 * h + (0.4 / 3.0) * h**2

    def curve(params, field):
        return parabola if params["delta"] == -1.0 else 1.0 - 0.2 * field

    spec = route_spec(grid, ROUTES[0], 0.0)
    ds = routes_dataset(grid, {("singlet", 0.0): fake_sweep(spec, curve)})
    for cold, expected in ((parabola, True), (np.minimum(parabola, 0.7), False)):
        calls = []
        monkeypatch.setattr(
            routes_module, "cold_curve", lambda *args, c=cold, log=calls: log.append(args[2:]) or c
        )
        checked = check_minima(grid, ds)
        assert calls == [(0.0, -1.0)]
        assert checked.confirmed.values.ravel().tolist() == [expected, False]
        assert np.isnan(checked.tc_cold.sel(delta=3.0)).all()


def test_sampled_minimum_of_a_corner_does_not_extrapolate():
    """T_c = max(1 - h, 0.3 + 0.01 h): two crossing lines (a switch of the leading channel).
    The corner lies at h = 0.7/1.01; the samples' minimum is the sample nearest it, the rise is
    that of the upper line to h = 3.  The parabolic vertex of tc_minimum lies below both."""
    h = np.linspace(0.0, 3.0, 13)
    tc = np.maximum(1.0 - h, 0.3 + 0.01 * h)
    low, rise = sampled_minimum(tc)
    assert low == pytest.approx(0.3 + 0.01 * 0.75)
    assert rise == pytest.approx(0.01 * (3.0 - 0.75))
    assert tc_minimum(h, tc).tc_min < low
    assert sampled_minimum(1.0 - h / 4.0) == (pytest.approx(np.nan, nan_ok=True), 0.0)


@pytest.mark.slow
def test_engine_minimum_agrees_with_tc_minimum_of_a_direct_curve(thread_client, tmp_path):
    """saddle-soc, singlet + d_y triplet (V_t/V_s = 4) with the field along x: the singlet is
    Pauli-limited, the triplet (d perpendicular to h) is not, so T_c falls until the triplet
    takes over: an interior minimum.  The engine's curve equals the same curve solved directly
    by PairingModel.tc_curve, and its judgement equals tc_minimum and the re-entrant region of
    that curve against the noise threshold; the singlet route (the theorem's setting) has no
    minimum."""
    both = Route("both-y-4", channel="both", d_vector="y", triplet_ratio=4.0)
    field = np.linspace(0.0, 2.0, 9)
    grid = RouteGrid(
        routes=(ROUTES[0], both), angle=(0.0,), delta=(3.0,), field=field, tolerance=1e-2
    )
    ds = search_routes(grid, store=tmp_path, client=thread_client)
    model = PairingModel.from_preset("saddle-soc", channel="both", d_vector="y", triplet_ratio=4.0)
    tc = model.tc_curve(field, 0.0, tolerance=1e-2).tc.values
    direct = tc_minimum(field, tc)
    region = reentrant_region(field, tc)
    rise = region.upper.values[np.argmin(np.abs(field - direct.field_min))] - direct.tc_min
    judged = ds.sel(route="both-y-4", angle=0.0, delta=3.0)
    assert direct.found
    assert_allclose(judged.tc.values, tc, rtol=1e-12)
    assert bool(judged.reentrant) == (rise > 3 * 1e-2)
    assert float(judged.rise) == pytest.approx(rise)
    if judged.reentrant:
        assert float(judged.field_min) == pytest.approx(direct.field_min)
    singlet = ds.sel(route="singlet", angle=0.0, delta=3.0)
    assert not tc_minimum(field, singlet.tc.values).found
    assert not bool(singlet.reentrant) and float(singlet.depth) == 0.0
