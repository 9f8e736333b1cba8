"""Eq. (1) fitted at X: analytic single-layer masses, the stated error, the sign of beta, g."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.bands import lattice
from reentrant.bands.saddle import fit_saddle, saddle_cut
from reentrant.bands.slab import SlabModel
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2

A0 = lattice.A0_NM
KX, KY = lattice.zone_boundary()


def test_single_layer_masses_are_the_tight_binding_curvatures_at_x():
    # xy band of one (110) layer: E = -2 t_d cos(k_x a) - 2 t' cos(sqrt2 k_y a); at X
    # E = 2 t_d - 2 t' - t_d a^2 p_x^2 + 2 t' a^2 p_y^2 + O(p^4), so (hbar^2 / 2 m_e = C)
    # M = C / (t_d a^2), m = C / (2 t' a^2), E_s = 2 t_d - 2 t', beta = 0, g = 2.
    td, tp = 50.0, 40.0
    model = SlabModel(layers=1, soc=0.0, orbital_rashba=0.0, hopping_delta=td, hopping_nnn=tp)
    big_m = HBAR2_OVER_2ME_MEV_NM2 / (td * A0**2)
    small_m = HBAR2_OVER_2ME_MEV_NM2 / (2 * tp * A0**2)
    errors = []
    for window in (4.0, 1.0):
        fit = fit_saddle(model, 0.0, window=window)
        errors.append(abs(fit.mass_heavy / big_m - 1))
        assert fit.mass_light == pytest.approx(small_m, rel=window / 200)
        assert fit.saddle_energy == pytest.approx(2 * td - 2 * tp, abs=window / 100)
        assert fit.beta == pytest.approx(0.0, abs=1e-6)
        assert fit.g_factor == pytest.approx(2.0, abs=1e-9)
    # the quartic term of the cosine is the only error: it falls in proportion to the window
    assert errors[1] < errors[0] / 3 and errors[1] < 2e-3


@pytest.fixture(scope="module")
def interface_fit():
    model = SlabModel(layers=10).with_potential(np.linspace(0.0, 200.0, 10))
    return model, fit_saddle(model, -3400.0)


def test_fitted_eq1_reproduces_the_band_near_the_saddle_within_its_stated_error(interface_fit):
    model, fit = interface_fit
    rng = np.random.default_rng(4)
    px = rng.uniform(-fit.px_max, fit.px_max, 40)
    py = rng.uniform(-fit.py_max, fit.py_max, 40)
    pair = model.energies(KX + px, py)[:, 2 * fit.pair : 2 * fit.pair + 2]
    error = np.abs(pair - fit.predict(px, py))
    assert fit.rms <= fit.max_error
    assert error.max() <= 1.2 * fit.max_error
    assert np.sqrt(np.mean(error**2)) <= 2 * fit.rms
    # the fit is meaningful: its error is a small fraction of the energy window it spans
    assert fit.max_error < 0.01 * 10.0


def test_the_van_hove_energy_is_the_top_of_the_upper_branch(interface_fit):
    # Eq. (1): the upper branch peaks at p_x = beta M / hbar^2 with E_vH = E_s + M beta^2 / 2
    model, fit = interface_fit
    cut = saddle_cut(model, fit, points=401)
    assert cut.pair_energy.sel(branch="upper").max() == pytest.approx(
        fit.van_hove_energy, abs=fit.max_error
    )
    assert fit.delta == pytest.approx(fit.mu - fit.van_hove_energy)


def test_beta_changes_sign_with_the_inversion_breaking_and_vanishes_without_it(interface_fit):
    model, fit = interface_fit
    reversed_ = fit_saddle(model.__class__(**{**_fields(model), "orbital_rashba": -20.0}), -3400.0)
    assert reversed_.beta == pytest.approx(-fit.beta, rel=1e-5)
    assert abs(fit.beta) > 10 * fit.stderr["beta"]
    # the spin of the upper branch at p_x > 0 is along +-y = [1-10] (mirror symmetry)
    assert_allclose(np.abs(fit.spin_axis), [0.0, 1.0, 0.0], atol=1e-6)
    no_rashba = fit_saddle(model.__class__(**{**_fields(model), "orbital_rashba": 0.0}), -3400.0)
    assert abs(no_rashba.beta) < 1e-3 * abs(fit.beta)


def _fields(model):
    return {name: getattr(model, name) for name in model.__dataclass_fields__}


def test_bad_requests_raise():
    model = SlabModel(layers=1, soc=0.0, orbital_rashba=0.0)
    with pytest.raises(ParameterError, match="points must be odd"):
        fit_saddle(model, 0.0, points=10)
    with pytest.raises(ConvergenceError, match="no subband of this slab has a saddle at X"):
        fit_saddle(model, 5000.0, search=100.0)
