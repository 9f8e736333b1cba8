"""A worker's task for one point: failures and convergence warnings recorded, never dropped."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from reentrant.sweep.metrics import curve_metrics
from reentrant.sweep.point import solve_point
from reentrant.sweep.task import compute_point

FIELD = (0.0, 0.5, 1.0)


def test_done_point_carries_its_curve_and_metrics():
    result = compute_point((1, 0), "bcs-2d", {"cutoff": 20.0}, FIELD, {"tolerance": 1e-2})
    assert not result.failed and result.reason == "" and result.index == (1, 0)
    curve = solve_point("bcs-2d", {"cutoff": 20.0}, np.array(FIELD), tolerance=1e-2)
    assert_array_equal(result.curve["tc"], curve.tc.values)
    expected = curve_metrics(np.array(FIELD), curve.tc.values)
    assert_array_equal(list(result.metrics.values()), list(expected.values()))  # NaN == NaN
    assert result.attrs["tc"]["units"] == "T_c0" and result.attrs["field"]["units"] == "T_c0"


def test_convergence_warning_fails_the_point_with_its_message():
    """At tolerance 1e-6 the finest working grid still moves T_c by ~1e-6 on refinement."""
    result = compute_point((0,), "bcs-2d", {}, FIELD, {"tolerance": 1e-6})
    assert result.failed
    assert result.reason.startswith("ConvergenceWarning: T_c at h=")
    assert "on grid refinement" in result.reason
    assert np.all(np.isnan(list(result.metrics.values())))
    assert result.curve["tc"][0] == pytest.approx(1.0)  # the curve is kept, flagged by status


def test_solver_error_fails_the_point_with_its_reason():
    result = compute_point((0,), "bcs-2d", {"fermi_energy": -100.0}, FIELD, {"tolerance": 1e-2})
    assert result.failed and "no Fermi surface" in result.reason
    assert result.reason.startswith("ParameterError: ")
    assert np.all(np.isnan(result.curve["tc"])) and np.all(result.curve["flags"] == 0)
