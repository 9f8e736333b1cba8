"""Gridding long tables: known grids built by construction."""

import numpy as np
import pytest

from reentrant.errors import InputFileError, ParameterError
from reentrant.io.gridding import cluster_levels, grid_table


def _r(t, b):
    """A smooth known resistance surface."""
    return 100.0 + 10.0 * t + 3.0 * b**2


def test_cluster_levels():
    x = np.array([0.101, 0.3, 0.099, 0.302, 0.1])
    labels, centres = cluster_levels(x, 0.01)
    assert labels.tolist() == [0, 1, 0, 1, 0]
    np.testing.assert_allclose(centres, [0.1, 0.301], rtol=1e-12)


def test_field_sweeps_at_stepped_temperatures_any_order():
    fields = np.linspace(0, 2, 21)
    temps = [0.3, 0.1, 0.2]  # curves recorded out of order, with temperature noise
    rng = np.random.default_rng(1)
    t_rows, b_rows = [], []
    for t in temps:
        t_rows.append(t + rng.uniform(-5e-4, 5e-4, fields.size))
        b_rows.append(fields)
    t_all, b_all = np.concatenate(t_rows), np.concatenate(b_rows)
    ds = grid_table({"temperature": t_all, "field": b_all, "r_xx": _r(t_all, b_all)}, "x")
    assert ds["r_xx"].dims == ("temperature", "field")
    np.testing.assert_allclose(ds.temperature, [0.1, 0.2, 0.3], atol=1e-3)
    np.testing.assert_allclose(ds.field, fields, atol=1e-12)
    # Each grid point holds the one row measured there; that row's T and the level median both
    # lie within 5e-4 K of the setpoint, so the value differs from the surface at the level T by
    # at most dR/dT * 1e-3 K = 1e-2 Ohm.
    expected = _r(ds.temperature.values[:, None], fields[None, :])
    np.testing.assert_allclose(ds.r_xx, expected, atol=1e-2)
    assert ds.r_xx.attrs["units"] == "Ohm"
    assert ds.attrs["sweep_directions"] == "averaged"


def test_hysteresis_keeps_direction():
    up = np.linspace(0, 1, 11)
    down = up[::-1]
    b = np.concatenate([up, down])
    r = np.concatenate([up, down + 0.5])  # down sweep offset by 0.5 Ohm
    ds = grid_table({"field": b, "r_xx": r}, "x")
    assert ds.r_xx.dims == ("field", "sweep_direction")
    np.testing.assert_allclose(ds.r_xx.sel(sweep_direction="up"), up, atol=1e-12)
    np.testing.assert_allclose(ds.r_xx.sel(sweep_direction="down"), up + 0.5, atol=1e-12)


def test_no_hysteresis_averages_directions_and_repeats():
    up = np.linspace(0, 1, 11)
    b = np.concatenate([up, up[::-1], up])
    r = 2.0 * b + 1.0
    with pytest.warns(UserWarning, match="repeated sweeps averaged"):
        ds = grid_table({"field": b, "r_xx": r}, "x")
    assert ds.r_xx.dims == ("field",)
    np.testing.assert_allclose(ds.r_xx, 2.0 * up + 1.0, rtol=1e-12)


def test_unsorted_rows_are_sorted_with_warning():
    rng = np.random.default_rng(0)
    b = rng.permutation(np.linspace(0, 1, 31))
    with pytest.warns(UserWarning, match="not in sweep order"):
        ds = grid_table({"field": b, "r_xx": 5.0 * b}, "x")
    np.testing.assert_allclose(ds.r_xx, 5.0 * ds.field, rtol=1e-12)


def test_continuous_axis_is_interpolated():
    # Measured temperatures differ between curves: linear data interpolate exactly.
    t1 = np.linspace(0.05, 1.0, 40)
    t2 = np.linspace(0.06, 0.98, 35) + 1e-4
    t = np.concatenate([t1, t2])
    v = np.concatenate([np.zeros(40), np.full(35, 50.0)])
    ds = grid_table({"temperature": t, "gate_voltage": v, "r_xx": 3.0 * t + v}, "x")
    assert ds.r_xx.dims == ("gate_voltage", "temperature")
    assert ds.temperature.size == 40
    expected = 3.0 * ds.temperature.values[None, :] + ds.gate_voltage.values[:, None]
    ok = ~np.isnan(ds.r_xx.values)
    np.testing.assert_allclose(ds.r_xx.values[ok], expected[ok], rtol=1e-12)
    assert np.isnan(ds.r_xx.sel(gate_voltage=50.0).values[0])  # below that curve's range


def test_constant_coordinate_is_scalar():
    b = np.linspace(0, 1, 5)
    ds = grid_table({"field": b, "temperature": np.full(5, 0.3), "r_xx": b}, "x")
    assert ds.temperature.ndim == 0
    assert float(ds.temperature) == pytest.approx(0.3)


def test_nothing_swept():
    with pytest.raises(InputFileError, match="nothing is swept"):
        grid_table({"field": np.ones(4), "r_xx": np.arange(4.0)}, "x.csv")


def test_restarted_sweeps_with_noisy_temperature(recwarn):
    # B restarts from 0 at each temperature; the thermometer reading wanders by +-2 mK, more
    # than the 1 mK resolution, yet each sweep's mean lies within 0.3 mK of its setpoint.
    rng = np.random.default_rng(5)
    fields = np.linspace(0, 1, 201)
    temps = [0.1, 0.105, 0.2]
    t = np.concatenate([s + rng.uniform(-2e-3, 2e-3, fields.size) for s in temps])
    b = np.tile(fields, len(temps))
    ds = grid_table({"temperature": t, "field": b, "r_xx": 7.0 * b}, "x")
    assert ds.r_xx.dims == ("temperature", "field")
    np.testing.assert_allclose(ds.temperature, temps, atol=5e-4)
    np.testing.assert_allclose(ds.r_xx, 7.0 * np.tile(fields, (3, 1)), rtol=1e-12)
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


def test_single_sweep_with_noisy_temperature_is_scalar():
    rng = np.random.default_rng(6)
    b = np.linspace(0, 1, 101)
    t = 0.3 + rng.uniform(-3e-3, 3e-3, b.size)
    ds = grid_table({"temperature": t, "field": b, "r_xx": b}, "x")
    assert ds.r_xx.dims == ("field",)
    assert float(ds.temperature) == pytest.approx(0.3, abs=1e-3)


def test_duplicated_points_averaged_with_warning():
    b = np.array([0.0, 0.5, 0.5, 1.0])
    r = np.array([1.0, 2.0, 4.0, 5.0])
    with pytest.warns(UserWarning, match="duplicated points averaged"):
        ds = grid_table({"field": b, "r_xx": r}, "x")
    np.testing.assert_allclose(ds.r_xx, [1.0, 3.0, 5.0])


FIELDS = np.linspace(0.0, 2.0, 21)


def _sweeps(setpoints, offsets, fields=FIELDS):
    """Up sweeps in field, one per (setpoint, thermometer offset), rows in measurement order."""
    t = np.concatenate(
        [np.full(fields.size, s + o) for s, o in zip(setpoints, offsets, strict=True)]
    )
    b = np.tile(fields, len(setpoints))
    return {"temperature": t, "field": b, "r_xx": _r(t, b)}


@pytest.mark.filterwarnings("ignore:x. repeated sweeps averaged:UserWarning")
def test_thermometer_scatter_of_2_mk_stays_one_setpoint():
    # three sweeps at 0.6 K read 2 mK low, on the dot and 2 mK high (4 mK peak to peak)
    ds = grid_table(_sweeps([0.6, 0.6, 0.6], [-2e-3, 0.0, 2e-3]), "x")
    assert "temperature" not in ds.dims
    assert float(ds.temperature) == pytest.approx(0.6, abs=1e-12)  # the median reading
    # and two setpoints 0.3 K apart, each read with the same scatter, stay two levels
    ds = grid_table(_sweeps([0.3, 0.3, 0.6, 0.6], [-2e-3, 2e-3, 2e-3, -2e-3]), "x")
    assert ds.sizes["temperature"] == 2


def test_setpoints_5_mk_apart_stay_distinct():
    setpoints = np.round(np.arange(0.05, 0.1 + 1e-9, 0.005), 10)
    ds = grid_table(_sweeps(setpoints, np.zeros(setpoints.size)), "x")
    np.testing.assert_allclose(ds.temperature, setpoints, atol=1e-12)


@pytest.mark.parametrize(
    ("resolution", "match"),
    [
        ({"temperature": float("nan")}, "must be finite"),
        ({"temperature": 0.0}, "must be positive"),
        ({"field": -1e-3}, "must be positive"),
        ({"temperature": float("inf")}, "must be finite"),
        ({"pressure": 1.0}, "unknown coordinate 'pressure'"),
    ],
)
def test_resolution_must_be_finite_and_positive(resolution, match):
    with pytest.raises(ParameterError, match=match):
        grid_table(_sweeps([0.1], [0.0]), "x", resolution)


def test_empty_table_is_an_input_file_error():
    with pytest.raises(InputFileError, match="x: no rows to grid"):
        grid_table({"temperature": np.array([]), "r_xx": np.array([])}, "x")
