"""Re-entrance metrics of curves whose minimum is known in closed form."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.sweep.metrics import METRICS, curve_metrics


def test_v_shaped_curve():
    """T_c = 1 - d (1 - |h - h0| / h0) on [0, 2 h0], then flat at 1: minimum 1 - d at h0.

    A symmetric V sampled at its vertex: the parabola through the vertex and its neighbours has
    its vertex there too, so (h_min, T_c^min) are exact; T_c climbs back to 1, so the rise is d.
    """
    h0, d = 1.0, 0.3
    h = np.linspace(0.0, 3.0, 13)
    tc = np.where(h < 2 * h0, 1 - d * (1 - np.abs(h - h0) / h0), 1.0)
    m = curve_metrics(h, tc)
    assert set(m) == set(METRICS)
    assert_allclose([m["tc0"], m["tc_min"], m["field_min"], m["depth"], m["rise"]],
                    [1.0, 1 - d, h0, d, d], atol=1e-12)  # fmt: skip


def test_gap_where_superconductivity_vanishes_and_returns():
    """T_c = 0 on a field interval between two superconducting ones: a flat minimum, its centre."""
    h = np.linspace(0.0, 2.0, 9)
    tc = np.array([0.8, 0.6, 0.0, 0.0, 0.0, 0.5, 0.7, 0.4, 0.0])
    m = curve_metrics(h, tc)
    assert m["tc_min"] == 0.0 and m["field_min"] == pytest.approx(0.75)  # h = 0.5 ... 1.0
    assert m["depth"] == pytest.approx(1.0)
    assert m["rise"] == pytest.approx(0.7)  # the lower of the two maxima around the gap


def test_monotonic_curve_has_no_minimum():
    h = np.linspace(0.0, 1.5, 7)
    m = curve_metrics(h, np.maximum(1 - h**2, 0.0))
    assert np.isnan(m["tc_min"]) and np.isnan(m["field_min"])
    assert m["depth"] == 0.0 and m["rise"] == 0.0 and m["tc0"] == 1.0


def test_no_superconductivity_has_undefined_depth():
    m = curve_metrics(np.linspace(0.0, 1.0, 3), np.zeros(3))
    assert m["tc0"] == 0.0 and np.isnan(m["depth"])
