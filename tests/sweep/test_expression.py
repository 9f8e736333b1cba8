"""Derived-parameter expressions: Python's own arithmetic as the reference, and the refusals."""

import math

import pytest

from reentrant.errors import ParameterError
from reentrant.sweep.expression import evaluate, names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 * abs(beta) * mass_heavy", 3 * abs(-2.0) * 20.0),
        ("-beta ** 2 / 4 + 1", -((-2.0) ** 2) / 4 + 1),
        ("sqrt(mass_heavy) - exp(0) + log(1)", math.sqrt(20.0) - 1.0),
        ("+2.5", 2.5),
    ],
)
def test_arithmetic_matches_python(text, expected):
    assert evaluate(text, {"beta": -2.0, "mass_heavy": 20.0}) == pytest.approx(expected, rel=1e-15)


def test_names_exclude_functions():
    assert names("3 * abs(beta) * mass_heavy + sqrt(x)") == {"beta", "mass_heavy", "x"}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("__import__('os').system('true')", "may hold only"),
        ("beta.real", "may hold only"),
        ("[1, 2][0]", "may hold only"),
        ("abs(beta, 2)", "may hold only"),
        ("max(beta)", "may hold only"),
        ("True + 1", "may hold only"),
        ("beta +", "not an arithmetic expression"),
        ("gamma * 2", "unknown name 'gamma'"),
        ("1 / (beta + 2)", "cannot be evaluated"),
        ("log(beta)", "cannot be evaluated"),
        ("beta ** 0.5", "not real"),
        ("exp(1000)", "cannot be evaluated"),
    ],
)
def test_refused_expressions_name_the_problem(text, match):
    with pytest.raises(ParameterError, match=match):
        evaluate(text, {"beta": -2.0})
