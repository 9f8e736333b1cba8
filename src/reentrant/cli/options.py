"""Parsing and limits of CLI option values shared by sub-commands.

Every parser raises :class:`~reentrant.errors.ParameterError` naming the option, so a bad value
ends in one ``error:`` line and exit status 2 before any computation.  The limits keep an
absurd value from turning into a hang or a ``MemoryError``:

- a sweep ``START:STOP:N`` has 1 <= N <= MAX_POINTS points (1000,
  :data:`reentrant.validate.MAX_POINTS`) and ends within :data:`MAX_FIELD` (tesla, or T_c0
  units for reduced models);
- a count of points (``--points``) lies in 1 .. MAX_POINTS;
- a list of numbers (``--temperatures``) is non-empty, at most MAX_POINTS long, and every value
  lies in the stated range;
- a relative tolerance lies in (0, 0.1] (:data:`reentrant.validate.MAX_TOLERANCE`).
"""

from __future__ import annotations

import math

import numpy as np

from reentrant.errors import ParameterError
from reentrant.validate import MAX_POINTS, count, tolerance

#: Largest |field| of a sweep, tesla (or T_c0 units): far beyond any laboratory magnet.
MAX_FIELD = 1000.0


def parse_range(
    text: str, name: str = "--field", *, max_points: int = MAX_POINTS, max_abs: float = MAX_FIELD
) -> np.ndarray:
    """``START:STOP:N`` -> N points from START to STOP, both ends included.

    N must be an integer in 1 .. ``max_points`` and |START|, |STOP| <= ``max_abs``.
    """
    parts = text.split(":")
    if len(parts) != 3:
        raise ParameterError(f"{name} must be START:STOP:N, got {text!r}")
    try:
        start, stop = float(parts[0]), float(parts[1])
        number = int(parts[2])
    except ValueError:
        raise ParameterError(
            f"{name} must be START:STOP:N with numbers and an integer N, got {text!r}"
        ) from None
    if not (math.isfinite(start) and math.isfinite(stop)):
        raise ParameterError(f"{name} START and STOP must be finite, got {text!r}")
    if max(abs(start), abs(stop)) > max_abs:
        raise ParameterError(f"{name} START and STOP must lie within +-{max_abs:g}, got {text!r}")
    return np.linspace(start, stop, check_points(number, f"{name} N", max_points=max_points))


def check_points(value: int, name: str = "--points", *, max_points: int = MAX_POINTS) -> int:
    """A number of points: an integer in 1 .. ``max_points``."""
    return count(name, value, 1, max_points)


def check_tolerance(value: float, name: str = "--tolerance") -> float:
    """A relative tolerance in (0, :data:`~reentrant.validate.MAX_TOLERANCE`]."""
    return tolerance(name, value)


def parse_numbers(text: str, name: str, *, low: float, high: float) -> np.ndarray:
    """Comma-separated numbers, each in (``low``, ``high``]; 1 .. :data:`MAX_POINTS` of them."""
    try:
        values = np.array([float(x) for x in text.split(",") if x.strip()])
    except ValueError:
        raise ParameterError(f"{name} must be comma-separated numbers, got {text!r}") from None
    if values.size == 0:
        raise ParameterError(f"{name} needs at least one value")
    if values.size > MAX_POINTS:
        raise ParameterError(f"{name} takes at most {MAX_POINTS} values, got {values.size}")
    bad = values[~((values > low) & (values <= high))]
    if bad.size:
        raise ParameterError(f"{name} values must lie in ({low:g}, {high:g}], got {bad[0]:g}")
    return values


def parse_pairs(items: list[str] | None, option: str) -> dict[str, str]:
    """``['a=x,b=y', 'c=z']`` -> ``{'a': 'x', 'b': 'y', 'c': 'z'}``; error naming the option."""
    out: dict[str, str] = {}
    for item in items or []:
        for pair in item.split(","):
            if not pair.strip():
                continue
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise ParameterError(f"{option} expects KEY=VALUE pairs, got {pair!r}")
            out[key.strip()] = value.strip()
    return out


def parse_settings(items: list[str] | None, option: str = "--set") -> dict[str, float]:
    """``KEY=VALUE`` pairs (as :func:`parse_pairs`) -> {key: float}, every value finite."""
    out: dict[str, float] = {}
    for key, value in parse_pairs(items, option).items():
        try:
            number = float(value)
        except ValueError:
            raise ParameterError(f"{option} {key}: {value!r} is not a number") from None
        if not math.isfinite(number):
            raise ParameterError(f"{option} {key} must be finite, got {value!r}")
        out[key] = number
    return out
