"""Parsing of CLI option strings shared by sub-commands (ranges, KEY=VALUE settings)."""

from __future__ import annotations

import math

import numpy as np

from reentrant.errors import ParameterError


def parse_range(text: str, name: str = "--zeeman") -> np.ndarray:
    """``START:STOP:N`` -> N points from START to STOP, both ends included."""
    parts = text.split(":")
    if len(parts) != 3:
        raise ParameterError(f"{name} must be START:STOP:N, got {text!r}")
    try:
        start, stop = float(parts[0]), float(parts[1])
        count = int(parts[2])
    except ValueError:
        raise ParameterError(f"{name} must be START:STOP:N with numbers, got {text!r}") from None
    if not (math.isfinite(start) and math.isfinite(stop)):
        raise ParameterError(f"{name} START and STOP must be finite, got {text!r}")
    if count < 1:
        raise ParameterError(f"{name} needs N >= 1 points, got {count}")
    return np.linspace(start, stop, count)


def parse_settings(items: list[str] | None) -> dict[str, float]:
    """``KEY=VALUE`` strings -> {key: float}; the value must be a finite number."""
    out: dict[str, float] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParameterError(f"--set expects KEY=VALUE, got {item!r}")
        try:
            number = float(value)
        except ValueError:
            raise ParameterError(f"--set {key}: {value!r} is not a number") from None
        if not math.isfinite(number):
            raise ParameterError(f"--set {key} must be finite, got {value!r}")
        out[key] = number
    return out
