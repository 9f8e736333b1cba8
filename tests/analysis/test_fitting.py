"""Tests of the lmfit fits: parameter recovery on synthetic data and AIC model selection."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from reference_formulas import spin_orbit_digamma
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.analysis.fitting import (
    compare_fits,
    critical_field,
    fit_critical_field,
    fit_tc,
    numeric_parameters,
)
from reentrant.errors import ParameterError
from reentrant.mechanisms import (
    FuldeFerrell,
    JaccarinoPeter,
    OrbitalPairBreaking,
    PauliLimit,
    SpinOrbitScattering,
    ThinFilmGL,
)

K_B = sc.k / sc.e * 1e3  # meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3  # meV/T
DELTA0 = np.pi * np.exp(-np.euler_gamma)


def sarma_h(t):
    """Reduced Zeeman energy on the uniform Pauli line at reduced temperature t (upper branch)."""
    return brentq(
        lambda h: np.log(t) + digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5),
        1e-12,
        1.07,
        xtol=1e-14,
    )


def ag_alpha(t):
    """Abrikosov-Gor'kov pair-breaking energy (in k_B T_c0) at which T_c = t T_c0."""
    return brentq(
        lambda a: np.log(t) + digamma(0.5 + a / (2 * np.pi * t)) - digamma(0.5),
        1e-14,
        DELTA0 / 2,
        xtol=1e-15,
    )


def pauli_data(tc0, g, t):
    fields = np.array([sarma_h(x) for x in t]) * K_B * tc0 / (0.5 * g * MU_B)
    return fields, t * tc0


def orbital_data(tc0, b_orb, t):
    fields = b_orb * np.sqrt(2 * np.array([ag_alpha(x) for x in t]) / DELTA0)
    return fields, t * tc0


def assert_within(result, truth, n_sigma=3.0):
    for name, value in truth.items():
        err = result.stderr[name]
        assert np.isfinite(err) and err > 0
        assert abs(result.best_values[name] - value) < n_sigma * err, (name, result.report())


def test_pauli_parameters_recovered_within_errors():
    rng = np.random.default_rng(1)
    sigma = 0.004
    fields, tc = pauli_data(0.8, 2.4, np.linspace(0.6, 0.99, 30))
    noisy = tc + rng.normal(0, sigma, tc.size)
    # data-driven start: T_c0 ~ highest measured T_c; a start that puts data points on the
    # model's T_c = 0 plateau (no gradient) can trap Levenberg-Marquardt
    result = fit_tc(PauliLimit(noisy.max(), 2.0), fields, noisy, sigma=sigma)
    assert result.success
    assert_within(result, {"tc0_k": 0.8, "g_factor": 2.4})
    # chi^2 / dof for 28 dof lies in [0.5, 1.7] with > 99% probability
    assert 0.5 < result.redchi < 1.7
    assert "tc0_k" in result.report() and "g_factor" in result.report()


def test_true_model_wins_the_aic_comparison():
    rng = np.random.default_rng(2)
    sigma = 0.003
    fields, tc = orbital_data(1.2, 3.0, np.linspace(0.05, 0.98, 30))
    noisy = tc + rng.normal(0, sigma, tc.size)
    fits = [
        fit_tc(
            OrbitalPairBreaking(1.0, 2.0), fields, noisy, sigma, vary=["tc0_k", "orbital_field_t"]
        ),
        fit_tc(PauliLimit(1.0, 1.0), fields, noisy, sigma),
        fit_tc(FuldeFerrell(1.0, 1.0), fields, noisy, sigma, vary=["tc0_k", "g_factor"]),
    ]
    assert_within(fits[0], {"tc0_k": 1.2, "orbital_field_t": 3.0})
    table = compare_fits(fits)
    assert list(table["model"].values)[0] == "orbital"
    assert table["delta_aic"].values[1] > 10  # decisive (Burnham & Anderson: > 10)
    assert_allclose(table["akaike_weight"].sum(), 1.0, rtol=1e-12)
    assert np.all(np.diff(table["aic"].values) >= 0)


def test_critical_field_inverts_tc():
    mech = OrbitalPairBreaking(1.0, 3.0)
    t = np.array([0.1, 0.5, 0.9])
    expected, _ = orbital_data(1.0, 3.0, t)
    # final linear interpolation in a bracket of 6/(63 * 2^8) T: error ~ bracket^2 |B''| ~ 1e-7
    assert_allclose(critical_field(mech, t, 6.0), expected, rtol=1e-5)
    assert critical_field(mech, [1.5], 6.0)[0] == 0.0
    assert critical_field(mech, [0.5], 1.0)[0] == 1.0  # still superconducting at field_max


def test_critical_field_of_reentrant_curve_is_the_upper_one():
    jp = JaccarinoPeter(1.0, exchange_field_mev=0.3, spin=0.5)
    b_c = critical_field(jp, [0.5], 12.0)[0]
    assert b_c > 5.2  # above the compensation field, not the low-field edge (~0.5 T)
    # the crossing is bracketed to 12/(63 * 2^8) ~ 7e-4 T
    assert jp.tc(b_c - 1e-3) > 0.5 > jp.tc(b_c + 1e-3)


def test_critical_field_fit_recovers_parameters():
    rng = np.random.default_rng(3)
    sigma = 0.01
    temps = np.linspace(0.1, 1.1, 14)
    fields, _ = orbital_data(1.2, 3.0, temps / 1.2)
    noisy = fields + rng.normal(0, sigma, fields.size)
    result = fit_critical_field(
        OrbitalPairBreaking(1.0, 2.0), temps, noisy, sigma, vary=["tc0_k", "orbital_field_t"]
    )
    assert result.data_kind == "Bc(T)"
    assert_within(result, {"tc0_k": 1.2, "orbital_field_t": 3.0})


def test_numeric_parameters_skip_none():
    params = numeric_parameters(JaccarinoPeter(1.0, 0.2))
    assert "orbital_field_t" not in params
    assert params["spin"] == 3.5


def test_bad_fit_requests():
    field = np.linspace(0, 1, 5)
    tc = np.ones(5)
    with pytest.raises(ParameterError, match="unknown fit parameter 'spin'"):
        fit_tc(PauliLimit(1.0), field, tc, vary=["spin"])
    with pytest.raises(ParameterError, match="not varied"):
        fit_tc(PauliLimit(1.0), field, tc, vary=["tc0_k"], bounds={"g_factor": (0, 3)})
    with pytest.raises(ParameterError, match="sigma"):
        fit_tc(PauliLimit(1.0), field, tc, sigma=-1.0)
    with pytest.raises(ParameterError, match="equal length"):
        fit_tc(PauliLimit(1.0), field, tc[:3])


def test_compare_fits_rejects_different_data():
    field = np.linspace(0, 1, 6)
    tc = PauliLimit(1.0).tc(field)
    a = fit_tc(PauliLimit(1.1), field, tc, vary=["tc0_k"])
    b = fit_tc(PauliLimit(1.1), field[:5], tc[:5], vary=["tc0_k"])
    with pytest.raises(ParameterError, match="same data"):
        compare_fits({"a": a, "b": b})
    with pytest.raises(ParameterError, match="distinct"):
        compare_fits([a, a])


def jp_tc(field, tc0, h_j):
    """Largest root of the test's own S = 1/2 Jaccarino-Peter equation (B_1/2 = tanh), in K."""

    def f(t):
        h_tot = MU_B * field - h_j * np.tanh(MU_B * field / (K_B * t * tc0))
        y = h_tot / (2 * np.pi * K_B * t * tc0)
        return np.log(t) + digamma(0.5 + 1j * y).real - digamma(0.5)

    scan = np.linspace(1.0, 0.01, 991)
    values = np.array([f(t) for t in scan])
    first_paired = np.argmax(values <= 0)
    if values[first_paired] > 0:
        return 0.0
    return tc0 * brentq(f, scan[first_paired], scan[first_paired - 1], xtol=1e-14)


def test_jaccarino_peter_compensation_dome_fit():
    rng = np.random.default_rng(4)
    sigma = 0.005
    fields = np.linspace(3.8, 6.8, 20)
    tc = np.array([jp_tc(b, 1.0, 0.3) for b in fields])
    noisy = tc + rng.normal(0, sigma, tc.size)
    start = JaccarinoPeter(noisy.max(), 0.27, spin=0.5)
    result = fit_tc(start, fields, noisy, sigma, vary=["tc0_k", "exchange_field_mev"])
    assert_within(result, {"tc0_k": 1.0, "exchange_field_mev": 0.3})


def so_critical_field(temps, tc0, so_energy, g, b_orb=None):
    """B_c(T) in T of the test's own spin-orbit-scattering line (closed form, Brent in B)."""
    kt0 = K_B * tc0
    gamma = 2 * so_energy / (3 * kt0)
    out = []
    for temp in temps:
        t = temp / tc0

        def f(b, t=t):
            alpha = 0.0 if b_orb is None else 0.5 * DELTA0 * (b / b_orb) ** 2
            return np.log(1 / t) - spin_orbit_digamma(t, alpha, 0.5 * g * MU_B * b / kt0, gamma)

        out.append(brentq(f, 1e-9, 60.0, xtol=1e-13))
    return np.array(out)


def test_spin_orbit_scattering_fit_recovers_rate_and_lambda_so():
    rng = np.random.default_rng(5)
    sigma = 0.02
    tc0, so_energy = 0.4, 1.5
    temps = np.linspace(0.04, 0.38, 12)
    noisy = so_critical_field(temps, tc0, so_energy, 2.0) + rng.normal(0, sigma, temps.size)
    start = SpinOrbitScattering(0.35, 0.5, 2.0)
    result = fit_critical_field(start, temps, noisy, sigma, vary=["tc0_k", "so_energy_mev"])
    assert result.success
    assert_within(result, {"tc0_k": tc0, "so_energy_mev": so_energy})
    lambda_so = 2 * so_energy / (3 * np.pi * K_B * tc0)
    err = result.derived_stderr["lambda_so"]
    assert np.isfinite(err) and abs(result.derived["lambda_so"] - lambda_so) < 3 * err
    assert "[[Derived]]" in result.report() and "lambda_so" in result.report()


def test_derived_error_is_linear_propagation():
    # with T_c0 fixed, lambda_so = 2 E_so / (3 pi k_B T_c0) is linear in E_so
    temps = np.linspace(0.05, 0.35, 8)
    fields = so_critical_field(temps, 0.4, 1.0, 2.0) * (1 + 0.01 * np.sin(7 * temps))
    result = fit_critical_field(
        SpinOrbitScattering(0.4, 0.7), temps, fields, vary=["so_energy_mev"]
    )
    expected = result.stderr["so_energy_mev"] * 2 / (3 * np.pi * K_B * 0.4)
    assert_allclose(result.derived_stderr["lambda_so"], expected, rtol=1e-5)


@pytest.mark.slow
def test_whh_fit_recovers_maki_parameter_and_lambda_so():
    # both pair breakers matter: B_orb = 4.2 T (Maki 8) and the spin-orbit field ~ 3 T
    rng = np.random.default_rng(6)
    sigma = 0.01
    truth = SpinOrbitScattering.from_whh(0.4, lambda_so=10.0, maki_parameter=8.0)
    temps = np.linspace(0.04, 0.38, 12)
    fields = so_critical_field(temps, 0.4, truth.so_energy_mev, 2.0, truth.orbital_field_t)
    noisy = fields + rng.normal(0, sigma, temps.size)
    result = fit_critical_field(
        SpinOrbitScattering(0.35, 1.0, 2.0, 4.0),
        temps,
        noisy,
        sigma,
        vary=["tc0_k", "so_energy_mev", "orbital_field_t"],
    )
    assert_within(result, {"tc0_k": 0.4, "so_energy_mev": truth.so_energy_mev})
    for name, value in (("lambda_so", 10.0), ("maki_parameter", 8.0)):
        err = result.derived_stderr[name]
        assert np.isfinite(err) and abs(result.derived[name] - value) < 3 * err, name


def test_thin_film_gl_fit_recovers_tc0_and_field():
    rng = np.random.default_rng(7)
    sigma = 0.05
    temps = np.linspace(0.05, 0.38, 10)
    fields = 9.0 * np.sqrt(1 - temps / 0.4)  # Tinkham: B_c||(T) = B_c||(0) sqrt(1 - T/T_c0)
    noisy = fields + rng.normal(0, sigma, temps.size)
    result = fit_critical_field(ThinFilmGL(0.35, 7.0), temps, noisy, sigma)
    assert result.success
    assert_within(result, {"tc0_k": 0.4, "critical_field_t": 9.0})
    assert 0.2 < result.redchi < 2.5  # 8 degrees of freedom
