"""B_c||(T) fits per curve: starting values, both models, and the wiring into extract_all."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose
from reference_formulas import K_B, MU_B, abrikosov_gorkov_tc

from reentrant.analysis.extract import extract_all
from reentrant.analysis.parallel_field_fits import (
    fit_parallel_critical_field,
    guess_spin_orbit_scattering,
    guess_thin_film_gl,
    parallel_field_fits,
)
from reentrant.errors import ParameterError


def gl_field(temps, tc0, b0):
    """Tinkham's thin-film form B_c||(T) = B_c||(0) sqrt(1 - T/T_c0), 0 above T_c0."""
    return b0 * np.sqrt(np.clip(1 - np.asarray(temps) / tc0, 0, None))


def test_gl_guess_is_exact_on_gl_data():
    temps = np.linspace(0.05, 0.35, 6)
    gl = guess_thin_film_gl(temps, gl_field(temps, 0.4, 7.0))
    assert_allclose([gl.tc0_k, gl.critical_field_t], [0.4, 7.0], rtol=1e-10)


def test_spin_orbit_guess_from_the_strong_scattering_line_near_tc():
    # strong scattering: AG with alpha = 3 tau_so h^2 / (2 hbar) = h^2/Gamma; near T_c0 the
    # guess (GL extrapolation of h^2, Gamma = pi h_GL^2 / (4 k_B T_c0)) is exact to O(1 - t)
    tc0, so_energy = 0.4, 30.0
    gamma = 2 * so_energy / 3  # meV
    alphas = np.linspace(1e-4, 4e-3, 6)  # k_B T_c0: t within 0.5 % of 1
    temps = np.array([tc0 * abrikosov_gorkov_tc(a) for a in alphas])
    fields = np.sqrt(alphas * K_B * tc0 * gamma) / MU_B
    guess = guess_spin_orbit_scattering(temps, fields, g_factor=2.0)
    assert_allclose(guess.tc0_k, tc0, rtol=1e-4)
    assert_allclose(guess.so_energy_mev, so_energy, rtol=1e-2)


def test_both_fits_recover_their_parameters_and_drop_unusable_points():
    temps = np.array([0.05, 0.1, 0.2, 0.3, 0.35, 0.45])
    fields = gl_field(temps, 0.4, 6.0)  # the last point is above T_c0: B_c = 0, dropped
    fields[1] = np.nan
    rng = np.random.default_rng(8)
    noisy = fields + rng.normal(0, 0.02, fields.size) * (fields > 0)
    fits = fit_parallel_critical_field(temps, noisy, sigma=0.02)
    gl = fits["thin-film-gl"]
    assert gl.ndata == 4
    for name, value in (("tc0_k", 0.4), ("critical_field_t", 6.0)):
        assert abs(gl.best_values[name] - value) < 3 * gl.stderr[name]
    so = fits["spin-orbit-scattering"]
    assert so.success and so.mechanism.g_factor == 2.0
    assert np.isfinite(so.derived_stderr["lambda_so"])


def test_too_few_points_or_rising_field_are_errors():
    with pytest.raises(ParameterError, match="at least 3 points"):
        guess_thin_film_gl([0.1, 0.2, 0.3], [5.0, np.nan, 4.0])
    with pytest.raises(ParameterError, match="must fall with T"):
        guess_thin_film_gl([0.1, 0.2, 0.3], [4.0, 5.0, 6.0])


def test_per_curve_dataset_with_units_and_nan_for_unfittable_curves():
    temps = np.linspace(0.05, 0.35, 5)
    good = gl_field(temps, 0.4, 8.0)
    sparse = np.where(temps < 0.1, 5.0, np.nan)
    bc = xr.DataArray(
        np.stack([good, sparse], axis=1),
        coords={"temperature": temps, "gate_voltage": [0.0, 50.0]},
        dims=("temperature", "gate_voltage"),
    )
    ds = parallel_field_fits(bc)
    assert ds.gl_bc0.dims == ("gate_voltage",)
    assert ds.gl_bc0.attrs["units"] == "T" and ds.so_energy.attrs["units"] == "meV"
    assert_allclose(ds.gl_bc0.values[0], 8.0, rtol=1e-4)
    assert_allclose(ds.gl_tc0.values[0], 0.4, rtol=1e-4)
    assert np.all(np.isnan([ds[name].values[1] for name in ds.data_vars]))
    with pytest.raises(ParameterError, match="temperature"):
        parallel_field_fits(bc.isel(temperature=0))


@pytest.mark.filterwarnings("ignore:no resistive transition")  # R(T) cuts at high field
def test_extract_all_fits_parallel_critical_fields():
    # R(B) sweeps whose 50 % crossing follows the GL line: B_c = 8 T sqrt(1 - T/0.4 K)
    temps = np.array([0.05, 0.12, 0.2, 0.28, 0.35])
    fields = np.linspace(0.0, 12.0, 1201)
    bc = gl_field(temps, 0.4, 8.0)
    r = 100.0 * 0.5 * (1 + np.tanh((fields[None, :] - bc[:, None]) / 0.05))
    data = xr.Dataset(
        {"r_xx": (("temperature", "field"), r, {"units": "Ohm"})},
        coords={"temperature": temps, "field": fields},
    )
    out = extract_all(data, orientation="parallel")
    # 50 % of R_N at the tanh centre; linear interpolation on a 10 mT grid: < 1e-4 relative
    assert_allclose(out.gl_bc0.values, 8.0, rtol=1e-3)
    assert_allclose(out.gl_tc0.values, 0.4, rtol=1e-3)
    assert np.isfinite(out.so_lambda.values) and out.so_lambda_stderr.values > 0
    assert "gl_bc0" not in extract_all(data, orientation="perpendicular")
