"""Validation of user-supplied parameters; every failure names the parameter at fault."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from reentrant.errors import ParameterError

#: Loosest relative tolerance on T_c worth computing.
MAX_TOLERANCE = 0.1
#: Most points of a sweep or list given by a user: each point costs at least one solver call.
MAX_POINTS = 1000


def finite(name: str, value: float) -> float:
    """Return ``value`` as float, or raise :class:`ParameterError` if it is not a finite number."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ParameterError(f"{name} must be finite, got {value!r}")
    return x


def positive(name: str, value: float) -> float:
    """Return ``value`` if it is finite and > 0, else raise :class:`ParameterError`."""
    x = finite(name, value)
    if x <= 0:
        raise ParameterError(f"{name} must be positive, got {value!r}")
    return x


def non_negative(name: str, value: float) -> float:
    """Return ``value`` if it is finite and >= 0, else raise :class:`ParameterError`."""
    x = finite(name, value)
    if x < 0:
        raise ParameterError(f"{name} must be non-negative, got {value!r}")
    return x


def finite_array(name: str, values: Iterable[float] | float) -> np.ndarray:
    """Return a float array, or raise :class:`ParameterError` if any entry is NaN or infinite."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be numeric, got {values!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite everywhere (found NaN or inf)")
    return arr


def one_of(name: str, value: str, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise naming the choices."""
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(f"unknown {name} {value!r}; choose one of {', '.join(allowed)}")
    return value


def tolerance(name: str, value: float) -> float:
    """Return ``value`` if it is a relative tolerance in (0, :data:`MAX_TOLERANCE`]."""
    x = finite(name, value)
    if not 0.0 < x <= MAX_TOLERANCE:
        raise ParameterError(f"{name} must lie in (0, {MAX_TOLERANCE:g}], got {value!r}")
    return x


def count(name: str, value: int, low: int = 1, high: int = MAX_POINTS) -> int:
    """Return ``value`` if it is an integer in ``low .. high``, else raise naming the range."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | np.integer)
        or not low <= value <= high
    ):
        raise ParameterError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return int(value)


def number(name: str, value: object) -> float:
    """Return ``value`` as float if it is a finite int or float (not a bool or a string).

    For values read from files (TOML), where ``"1.5"`` or ``true`` is a mistake to report.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ParameterError(f"{name} must be finite, got {value!r}")
    return float(value)
