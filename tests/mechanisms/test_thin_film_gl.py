"""The 2D Ginzburg-Landau (Tinkham) thin-film form of the parallel critical field."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose

from reentrant.analysis.estimates import tinkham_thickness
from reentrant.errors import ParameterError
from reentrant.mechanisms import ThinFilmGL
from reentrant.mechanisms.thin_film_gl import film_critical_field_t

PHI0 = sc.h / (2 * sc.e)  # T m^2


def test_critical_field_from_constants():
    # B_c||(0) = sqrt(12) Phi_0 / (2 pi xi d) for xi = 50 nm, d = 2 nm
    expected = np.sqrt(12) * PHI0 / (2 * np.pi * 50e-9 * 2e-9)
    assert_allclose(film_critical_field_t(50.0, 2.0), expected, rtol=1e-14)


def test_square_root_law_and_inverse():
    mech = ThinFilmGL(0.4, 8.0)
    temps = np.linspace(0.0, 0.4, 9)
    b = mech.critical_field(temps)
    # B^2 is linear in T, zero at T_c0 and B_c||(0)^2 at T = 0
    assert_allclose(b**2, 64.0 * (1 - temps / 0.4), rtol=1e-12, atol=1e-12)
    assert_allclose(mech.tc(b), temps, rtol=1e-12, atol=1e-15)
    assert mech.tc(8.0) == 0.0 and mech.tc(9.0) == 0.0
    assert_allclose(mech.tc(-b), temps, rtol=1e-12, atol=1e-15)


def test_thickness_round_trip_and_tinkham_estimate():
    mech = ThinFilmGL.from_film(0.4, thickness_nm=3.0, coherence_length_nm=40.0)
    assert_allclose(mech.thickness_nm(40.0), 3.0, rtol=1e-12)
    # the analysis module's estimate d = sqrt(3) Phi_0 / (pi xi B) at the same (extrapolated) T
    assert_allclose(tinkham_thickness(mech.critical_field_t, 40.0), 3.0, rtol=1e-12)


def test_bad_parameters():
    with pytest.raises(ParameterError, match="critical_field_t"):
        ThinFilmGL(0.4, 0.0)
    with pytest.raises(ParameterError, match="thickness_nm"):
        film_critical_field_t(40.0, -1.0)
