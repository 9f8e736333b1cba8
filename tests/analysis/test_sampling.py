"""Adaptive field points against curves whose drop, zero and minimum are known analytically."""

import numpy as np
import pytest

from reentrant.analysis.sampling import refine_curve
from reentrant.errors import ParameterError


def _counting(f):
    calls = []

    def evaluate(b):
        calls.append(b.copy())
        return f(b)

    return evaluate, calls


def test_a_steep_drop_is_resolved_to_the_minimum_step():
    # T_c = 0.2 (1 - tanh((B - 0.7) / 0.01)): falls from 0.4 K to 0 within ~0.05 T at 0.7 T
    def tc(b):
        return 0.2 * (1 - np.tanh((b - 0.7) / 0.01))

    evaluate, calls = _counting(tc)
    curve = refine_curve(evaluate, np.linspace(0, 2, 9), tc_step=0.02, min_step=0.004,
                         max_points=200)  # fmt: skip
    assert curve.converged and curve.largest_jump <= 0.02
    wide = np.diff(curve.field) > 0.004
    assert np.all(np.abs(np.diff(curve.tc))[wide] <= 0.02)
    np.testing.assert_allclose(curve.tc, tc(curve.field), rtol=0, atol=0)
    # the half-height field (analytically 0.7 T) lies in an interval no wider than min_step
    i = np.flatnonzero(curve.tc >= 0.2)[-1]
    assert curve.field[i] <= 0.7 <= curve.field[i + 1]
    assert curve.field[i + 1] - curve.field[i] <= 0.004
    # far from the drop the grid stays coarse: every field is evaluated once
    assert np.sum(curve.field > 1.0) <= 4
    assert sum(c.size for c in calls) == curve.field.size


def test_the_end_of_superconductivity_is_bracketed():
    # Ellipse T_c = 0.4 sqrt(1 - (B / 0.83)^2): zero above B_c = 0.83 T, small just below it
    def tc(b):
        return 0.4 * np.sqrt(np.clip(1 - (b / 0.83) ** 2, 0, None))

    curve = refine_curve(tc, np.linspace(0, 3, 7), tc_step=0.5, min_step=0.01, max_points=100)
    assert curve.converged
    last = np.flatnonzero(curve.tc > 0)[-1]
    assert curve.field[last] < 0.83 <= curve.field[last + 1]
    assert curve.field[last + 1] - curve.field[last] <= 0.01


def test_an_interior_minimum_is_located():
    # T_c = 0.4 - 0.2 B (2 - B): minimum 0.2 K at B = 1 T; the coarse grid misses it
    def tc(b):
        return 0.4 - 0.2 * b * (2 - b)

    curve = refine_curve(tc, [0.0, 0.75, 1.5, 2.25, 3.0], tc_step=1.0, min_step=0.01,
                         max_points=60)  # fmt: skip
    assert curve.converged
    assert abs(curve.field[np.argmin(curve.tc)] - 1.0) <= 0.01
    assert np.min(curve.tc) - 0.2 <= 0.2 * 0.01**2  # parabola: error <= curvature x step^2


def test_noise_below_the_threshold_is_not_refined():
    # a plateau with a 1e-4 K ripple: with tc_noise = 1e-3 K nothing is split
    def tc(b):
        return 0.4 + 1e-4 * np.cos(40 * b)

    curve = refine_curve(tc, np.linspace(0, 1, 11), tc_step=0.05, min_step=0.001,
                         max_points=100, tc_noise=1e-3)  # fmt: skip
    assert curve.converged and curve.rounds == 0 and curve.field.size == 11


def test_a_budget_too_small_is_reported_not_hidden():
    def tc(b):
        return 0.2 * (1 - np.tanh((b - 0.7) / 0.001))

    curve = refine_curve(tc, np.linspace(0, 2, 5), tc_step=0.01, min_step=1e-4, max_points=12)
    assert curve.field.size == 12
    assert not curve.converged and curve.largest_jump > 0.01


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"field": [1.0]}, "at least 2"),
        ({"tc_step": 0.0}, "tc_step"),
        ({"min_step": -1.0}, "min_step"),
        ({"max_points": 2}, "max_points"),
        ({"evaluate": lambda b: -b}, "non-negative"),
        ({"evaluate": lambda b: np.full(b.size, np.nan)}, "finite"),
    ],
)
def test_bad_input_names_the_culprit(kwargs, message):
    arguments = {"evaluate": lambda b: np.ones_like(b), "field": [0.0, 1.0, 2.0],
                 "tc_step": 0.1, "min_step": 0.01, "max_points": 10, **kwargs}  # fmt: skip
    evaluate, field = arguments.pop("evaluate"), arguments.pop("field")
    with pytest.raises(ParameterError, match=message):
        refine_curve(evaluate, field, **arguments)
