"""extract_all: the analyses the dimensions allow, against constructions with known answers."""

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr

from reentrant.analysis.extract import extract_all
from reentrant.errors import ParameterError

PHI0 = sc.h / (2 * sc.e)
RN = 1000.0


def _rb_grid(bc_of_t, temps, fields, w=0.01):
    r = RN * 0.5 * (1 + np.tanh((fields[None, :] - bc_of_t(temps)[:, None]) / w))
    return xr.Dataset(
        {"r_xx": (("temperature", "field"), r, {"units": "Ohm"})},
        coords={"temperature": temps, "field": fields},
    )


# R(T) at fields above B_c(T) of these grids has no transition: warned, not an error here.
@pytest.mark.filterwarnings("ignore:no resistive transition:UserWarning")
@pytest.mark.filterwarnings("ignore:the normal state is not reached:UserWarning")
def test_perpendicular_gl_coherence_length():
    xi0, tc = 20e-9, 0.4
    b0 = PHI0 / (2 * np.pi * xi0**2)
    temps = np.linspace(0.2, 0.36, 9)
    fields = np.round(np.arange(0.0, 1.0 + 1e-9, 1e-3), 10)
    ds = _rb_grid(lambda t: b0 * (1 - t / tc), temps, fields)
    out = extract_all(ds, orientation="perpendicular")
    # B_c at 50 % sits at the tanh centres (interpolation error ~1e-9 T on a 1 mT grid), so the
    # GL line and xi(0) come back to ~1e-6 relative.
    np.testing.assert_allclose(out.bc, b0 * (1 - temps / tc), atol=1e-6)
    assert float(out.xi) == pytest.approx(20.0, rel=1e-5)
    assert out.xi.attrs["units"] == "nm"


@pytest.mark.filterwarnings("ignore:no resistive transition:UserWarning")
def test_parallel_with_given_xi_gives_thickness():
    temps = np.array([0.1, 0.2])
    fields = np.round(np.arange(0.0, 10.0 + 1e-9, 0.01), 10)
    ds = _rb_grid(lambda t: 8.0 - 10 * t, temps, fields, w=0.1)
    out = extract_all(ds, xi_nm=30.0)
    expected = np.sqrt(3) * PHI0 / (np.pi * 30e-9 * (8.0 - 10 * temps)) * 1e9
    np.testing.assert_allclose(out.thickness, expected, rtol=1e-5)
    assert np.all(np.isnan(out.w))  # no resistive peak, no flux-penetration estimate
    assert "xi" not in out


def test_tc_and_pauli_from_rt():
    temps = np.linspace(0.05, 0.9, 851)
    ds = xr.Dataset(
        {"r_xx": ("temperature", RN * 0.5 * (1 + np.tanh((temps - 0.3) / 0.02)))},
        coords={"temperature": temps},
    )
    out = extract_all(ds, g_factor=4.0)
    assert float(out.tc) == pytest.approx(0.3, abs=1e-5)
    delta0 = np.pi * np.exp(-np.euler_gamma) * sc.k * float(out.tc)
    mu_b = sc.physical_constants["Bohr magneton"][0]
    assert float(out.b_pauli) == pytest.approx(np.sqrt(2) * delta0 / (4.0 * mu_b), rel=1e-9)


def test_nothing_applicable_is_empty():
    ds = xr.Dataset({"voltage": ("gate_voltage", [1.0, 2.0])}, coords={"gate_voltage": [0.0, 1.0]})
    assert not extract_all(ds).data_vars


def test_bad_orientation():
    with pytest.raises(ParameterError, match="unknown orientation"):
        extract_all(xr.Dataset(), orientation="diagonal")


@pytest.mark.filterwarnings("ignore:the normal state is not reached:UserWarning")
def test_hall_taken_at_highest_temperature():
    temps = np.array([0.1, 0.9])
    fields = np.linspace(-1, 1, 21)
    n_m2 = 4e17
    rxy = np.stack([np.zeros(fields.size), -fields / (sc.e * n_m2)])  # 0.1 K: superconducting
    rxx = np.stack([np.zeros(fields.size), np.full(fields.size, 500.0)])
    ds = xr.Dataset(
        {"r_xy": (("temperature", "field"), rxy), "r_xx": (("temperature", "field"), rxx)},
        coords={"temperature": temps, "field": fields},
    )
    with pytest.warns(UserWarning, match="no critical field"):  # flat R(B) sweeps
        out = extract_all(ds)
    assert float(out.density) == pytest.approx(0.4, rel=1e-12)
    assert float(out.mobility) == pytest.approx(1 / (sc.e * n_m2 * 500.0) * 1e4, rel=1e-12)


def test_given_normal_resistance_for_sweeps_short_of_normal():
    # sweeps end at 0.6 R_N; with R_N given, B_c at 50 % is the tanh centre
    fields = np.round(np.arange(0.0, 3.0 + 1e-9, 1e-3), 10)
    r = RN * 0.5 * (1 + np.tanh((fields - 2.9) / 0.4))
    ds = xr.Dataset({"r_xx": ("field", r)}, coords={"field": fields})
    out = extract_all(ds, r_normal=RN)
    assert float(out.bc) == pytest.approx(2.9, abs=1e-6)


def _rt_only():
    temps = np.linspace(0.05, 0.9, 86)
    return xr.Dataset(
        {"r_xx": ("temperature", RN * 0.5 * (1 + np.tanh((temps - 0.3) / 0.02)))},
        coords={"temperature": temps},
    )


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"r_normal": 1000.0}, r"r_normal \(--r-normal\) needs R\(B\) sweeps"),
        ({"xi_nm": 30.0}, r"xi_nm \(--xi\) needs R\(B\) sweeps"),
    ],
)
def test_options_that_cannot_apply_to_rt_data(options, match):
    with pytest.raises(ParameterError, match=match):
        extract_all(_rt_only(), **options)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"normal_at": 0.9}, r"normal_at \(--normal-at\) needs R\(T\) curves"),
        ({"normal_fit": (0.6, 0.9)}, r"normal_fit \(--normal-fit\) needs R\(T\) curves"),
    ],
)
def test_options_that_cannot_apply_to_field_sweeps(options, match):
    fields = np.round(np.arange(0.0, 3.0 + 1e-9, 1e-2), 10)
    ds = xr.Dataset(
        {"r_xx": ("field", RN * 0.5 * (1 + np.tanh((fields - 1.0) / 0.1)))},
        coords={"field": fields},
    )
    with pytest.raises(ParameterError, match=match):
        extract_all(ds, **options)


def test_normal_at_outside_the_data():
    with pytest.raises(ParameterError, match="1.5 K lies outside the measured temperatures"):
        extract_all(_rt_only(), normal_at=1.5)


@pytest.mark.filterwarnings("ignore:the normal state is not reached:UserWarning")
def test_pauli_limit_inherits_the_tc_bracket():
    # temperatures 0.33 and 0.9 K around a 0.5 K transition: T_c and B_P are brackets
    temps = np.array([0.09, 0.15, 0.2, 0.25, 0.33, 0.9])
    ds = xr.Dataset(
        {"r_xx": ("temperature", RN * 0.5 * (1 + np.tanh((temps - 0.5) / 0.02)))},
        coords={"temperature": temps},
    )
    with pytest.warns(UserWarning, match="T_c not given"):
        out = extract_all(ds)
    assert np.isnan(float(out.tc)) and np.isnan(float(out.b_pauli))
    # B_P = sqrt(2) Delta_0 / (g mu_B), Delta_0 = pi e^-gamma k_B T: linear in T
    mu_b = sc.physical_constants["Bohr magneton"][0]
    for t, name in ((0.33, "b_pauli_low"), (0.9, "b_pauli_high")):
        delta0 = np.pi * np.exp(-np.euler_gamma) * sc.k * t
        assert float(out[name]) == pytest.approx(np.sqrt(2) * delta0 / (2 * mu_b), rel=1e-9)


def test_two_temperatures_are_no_transition():
    # a transition needs a point below, one inside and one above it
    temps = np.array([0.1, 0.9])
    ds = xr.Dataset({"r_xx": ("temperature", [0.0, RN])}, coords={"temperature": temps})
    assert "tc" not in extract_all(ds)
