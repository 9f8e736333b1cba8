"""Superconducting transition temperature and width from R(T) by a resistance criterion.

The paper (Maryenko et al., Fig. 1d caption) defines T_c as the temperature at which the
resistance has dropped to 50 % of its normal-state value; the reference was R_xx at 0.9 K where
superconductivity is suppressed.  Here the criterion fraction ``c`` is configurable and

    T_c(c) = the highest T with R(T) = c * R_N(T),

found by linear interpolation between the measured points.  The normal-state reference R_N is a
constant (R at a chosen temperature, by default the highest measured one) or a straight line
R_N(T) = a + b T fitted to the points in a temperature window above the transition and
extrapolated into it.  The transition width is T_c(c_high) - T_c(c_low), 10-90 % by default.
"""

from __future__ import annotations

import warnings

import numpy as np
import xarray as xr

from reentrant.analysis.curves import (
    check_fraction,
    clean_curve,
    crossing_bracket,
    highest_crossing,
    map_curves,
)
from reentrant.errors import ParameterError
from reentrant.validate import finite


def normal_state_resistance(
    temperature: np.ndarray,
    resistance: np.ndarray,
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> np.ndarray:
    """Normal-state reference R_N (Ohm) evaluated at every temperature of a curve.

    Parameters
    ----------
    temperature, resistance
        One curve (K, Ohm), sorted by temperature, NaN-free.
    at
        Temperature (K) whose interpolated resistance is the constant reference.
    fit_range
        ``(T_low, T_high)`` (K): fit R_N(T) = a + b T to the points inside by least squares.
        Without ``at`` or ``fit_range`` the resistance at the highest temperature is used.
    """
    if at is not None and fit_range is not None:
        raise ParameterError("give either at or fit_range for the normal state, not both")
    if fit_range is not None:
        lo, hi = (finite("fit_range", v) for v in fit_range)
        inside = (temperature >= lo) & (temperature <= hi)
        if inside.sum() < 2:
            raise ParameterError(f"fit_range {fit_range} holds fewer than 2 points")
        slope, intercept = np.polyfit(temperature[inside], resistance[inside], 1)
        return intercept + slope * temperature
    if at is None:
        return np.full(temperature.shape, resistance[-1])
    return np.full(temperature.shape, np.interp(finite("at", at), temperature, resistance))


def transition_temperature(
    temperature: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> float:
    """T_c (K): the highest temperature at which R = ``criterion`` x R_N (NaN if none).

    See the module docstring for the definition and the normal-state options.
    """
    check_fraction("criterion", criterion)
    t, r = clean_curve(temperature, resistance)
    if t.size < 2:
        return float("nan")
    r_n = normal_state_resistance(t, r, at=at, fit_range=fit_range)
    if not np.all(r_n > 0):
        return float("nan")
    return highest_crossing(t, r / r_n, criterion)


def transition_width(
    temperature: np.ndarray,
    resistance: np.ndarray,
    levels: tuple[float, float] = (0.1, 0.9),
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> float:
    """Width (K) of the transition, T_c(levels[1]) - T_c(levels[0]) (10-90 % by default)."""
    low, high = (check_fraction("levels", v) for v in levels)
    if low >= high:
        raise ParameterError(f"levels must be increasing, got {levels}")
    t_high = transition_temperature(temperature, resistance, high, at=at, fit_range=fit_range)
    t_low = transition_temperature(temperature, resistance, low, at=at, fit_range=fit_range)
    return t_high - t_low


def extract_transition(
    resistance: xr.DataArray,
    criterion: float = 0.5,
    levels: tuple[float, float] = (0.1, 0.9),
    *,
    dim: str = "temperature",
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> xr.Dataset:
    """T_c, width and R_N of every R(T) curve of a gridded resistance.

    Returns
    -------
    xarray.Dataset
        ``tc`` (K), ``tc_bracket`` (K, the spacing of the two measured temperatures around
        T_c: the interpolation's sampling uncertainty), ``width`` (K), ``r_normal`` (Ohm, at
        T_c) over the other dimensions of ``resistance`` (gate voltage, field, sweep direction
        ...).  Curves without a transition get NaN, with a warning.
    """
    check_fraction("criterion", criterion)

    def rule(t: np.ndarray, r: np.ndarray, _: dict[str, float]) -> dict[str, float]:
        t, r = clean_curve(t, r)
        if t.size < 2:
            return {"tc": np.nan, "tc_bracket": np.nan, "width": np.nan, "r_normal": np.nan}
        tc = transition_temperature(t, r, criterion, at=at, fit_range=fit_range)
        r_n = normal_state_resistance(t, r, at=at, fit_range=fit_range)
        return {
            "tc": tc,
            "tc_bracket": crossing_bracket(t, tc),
            "width": transition_width(t, r, levels, at=at, fit_range=fit_range),
            "r_normal": float(np.interp(tc, t, r_n)) if np.isfinite(tc) else float(r_n[-1]),
        }

    out = map_curves(
        resistance,
        dim,
        rule,
        {
            "tc": {"units": "K", "long_name": f"T_c at {criterion:.0%} of R_N"},
            "tc_bracket": {"units": "K", "long_name": "spacing of the data around T_c"},
            "width": {"units": "K", "long_name": f"width {levels[0]:.0%}-{levels[1]:.0%}"},
            "r_normal": {"units": "Ohm", "long_name": "normal-state resistance"},
        },
    )
    missing = int(np.isnan(out.tc.values).sum())
    if missing:
        warnings.warn(
            f"no resistive transition at {criterion:.0%} of R_N in {missing} of "
            f"{out.tc.size} curve(s)",
            UserWarning,
            stacklevel=2,
        )
    out.attrs["criterion"] = criterion
    return out
