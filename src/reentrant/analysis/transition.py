r"""Superconducting transition temperature and width from R(T) by a resistance criterion.

The paper (Maryenko et al., Fig. 1d caption) defines T_c as the temperature at which the
resistance has dropped to 50 % of its normal-state value; the reference was R_xx at 0.9 K where
superconductivity is suppressed.  Here the criterion fraction ``c`` is configurable and

    T_c(c) = the highest T with R(T) = c * R_N(T),

found by linear interpolation between the measured points.  The normal-state reference R_N is a
constant (R at a chosen temperature, by default the highest measured one) or a straight line
R_N(T) = a + b T fitted to the points in a temperature window above the transition and
extrapolated into it.  The transition width is T_c(c_high) - T_c(c_low), 10-90 % by default.

Results say when they are unsure (flags, CF ``flag_masks``; see
:data:`~reentrant.analysis.curves.CROSSING_FLAGS`):

- **bracket**: between two measured temperatures the data say nothing about R(T), so T_c is
  reported with the measured temperatures around it, ``[tc_low, tc_high]``.  When that bracket
  is wider than ``max_bracket`` x T_c (default 20 %, i.e. T_c known to +-10 %), the
  interpolated number is meaningless and T_c is NaN (flag ``bracket_too_wide``) -- e.g.
  temperatures 0.33 and 0.9 K around a 0.5 K transition;
- **normal state**: R_N is trusted only where R(T) is flat.  A normal metal's resistance at low
  temperature is residual plus a power law, R = R_0 + A T^p, whose logarithmic slope
  d ln R / d ln T = p A T^p / (R_0 + A T^p) stays below 1 while the residual dominates, as it
  does in the paper's 2D electron gas below 1 K; inside a transition of width w it is about
  T / w >> 1.  R_N is flagged ``normal_state_not_reached`` when the least-squares slope of
  ln R against ln T over the reference window (the fit window, or the top 10 % of temperature
  below the reference temperature) exceeds :data:`MAX_LOG_SLOPE` -- data that stop inside the
  transition;
- **width**: unresolved (NaN, flag ``width_unresolved``) when no measured temperature lies
  strictly between the two crossings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import xarray as xr

from reentrant.analysis.curves import (
    CROSSING_FLAGS,
    bracketed_crossing,
    check_fraction,
    check_max_bracket,
    clean_curve,
    flag_attrs,
    highest_crossing,
    log_slope,
    map_curves,
    warn_flags,
)
from reentrant.errors import ParameterError
from reentrant.validate import finite

#: Largest d ln R / d ln T at which the resistance counts as normal (see module docstring).
MAX_LOG_SLOPE = 1.0
#: Relative temperature window below the reference temperature in which R_N must be flat.
NORMAL_WINDOW = 0.1
#: Default largest bracket of T_c, as a fraction of T_c.
MAX_BRACKET = 0.2

#: Flag bits of ``tc_flags``.
TC_FLAGS: dict[str, int] = {**CROSSING_FLAGS, "width_unresolved": 8}


def _reference_window(
    temperature: np.ndarray, at: float | None, fit_range: tuple[float, float] | None
) -> tuple[float, float]:
    if fit_range is not None:
        return fit_range
    top = float(temperature[-1]) if at is None else at
    return (1.0 - NORMAL_WINDOW) * top, top


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
        Temperature (K) whose interpolated resistance is the constant reference; it must lie
        within the measured temperatures.
    fit_range
        ``(T_low, T_high)`` (K): fit R_N(T) = a + b T to the points inside by least squares.
        Without ``at`` or ``fit_range`` the resistance at the highest temperature is used.

    Raises
    ------
    ParameterError
        Both ``at`` and ``fit_range``, ``at`` outside the data, or fewer than two points in
        ``fit_range``.
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
    at = finite("at", at)
    if not temperature[0] <= at <= temperature[-1]:
        raise ParameterError(
            f"normal-state temperature {at:g} K lies outside the measured temperatures "
            f"{temperature[0]:g}-{temperature[-1]:g} K"
        )
    return np.full(temperature.shape, np.interp(at, temperature, resistance))


def normal_state_reached(
    temperature: np.ndarray,
    resistance: np.ndarray,
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> bool:
    """Whether R(T) is flat (d ln R / d ln T <= :data:`MAX_LOG_SLOPE`) where R_N is taken.

    ``temperature`` sorted and NaN-free; ``at`` and ``fit_range`` as in
    :func:`normal_state_resistance`.
    """
    low, high = _reference_window(temperature, at, fit_range)
    return bool(log_slope(temperature, resistance, low, high) <= MAX_LOG_SLOPE)


@dataclass(frozen=True)
class Transition:
    """The transition of one R(T) curve (K, Ohm) and its flags (bits of :data:`TC_FLAGS`)."""

    tc: float
    tc_low: float
    tc_high: float
    width: float
    r_normal: float
    flags: int

    @classmethod
    def missing(cls, flags: int) -> Transition:
        nan = float("nan")
        return cls(nan, nan, nan, nan, nan, flags)


def find_transition(
    temperature: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    levels: tuple[float, float] = (0.1, 0.9),
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
    max_bracket: float = MAX_BRACKET,
) -> Transition:
    """T_c with its bracket, the width, R_N at T_c and the flags of one R(T) curve.

    See the module docstring for the definitions; NaN points are dropped, any order.
    """
    check_fraction("criterion", criterion)
    low_level, high_level = (check_fraction("levels", v) for v in levels)
    if low_level >= high_level:
        raise ParameterError(f"levels must be increasing, got {levels}")
    check_max_bracket(max_bracket)
    t, r = clean_curve(temperature, resistance)
    if t.size < 2:
        return Transition.missing(CROSSING_FLAGS["no_crossing"])
    r_n = normal_state_resistance(t, r, at=at, fit_range=fit_range)
    reached = normal_state_reached(t, r, at=at, fit_range=fit_range)
    flags = 0 if reached else TC_FLAGS["normal_state_not_reached"]
    if not np.all(r_n > 0):
        return Transition.missing(flags | CROSSING_FLAGS["no_crossing"])
    ratio = r / r_n
    tc, tc_low, tc_high, crossing = bracketed_crossing(t, ratio, criterion, max_bracket)
    t_low = highest_crossing(t, ratio, low_level)
    t_high = highest_crossing(t, ratio, high_level)
    width = t_high - t_low
    if math.isfinite(width) and not np.any((t > min(t_low, t_high)) & (t < max(t_low, t_high))):
        width = float("nan")
        flags |= TC_FLAGS["width_unresolved"]
    # R_N at T_c; at the bracket when T_c is not given; at the top without a crossing
    where = tc if math.isfinite(tc) else tc_low if math.isfinite(tc_low) else t[-1]
    r_at = float(np.interp(where, t, r_n))
    return Transition(tc, tc_low, tc_high, width, r_at, flags | crossing)


def transition_temperature(
    temperature: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
    max_bracket: float = MAX_BRACKET,
) -> float:
    """T_c (K): the highest temperature at which R = ``criterion`` x R_N.

    NaN if there is none, or if the measured temperatures around it are further apart than
    ``max_bracket`` x T_c (use :func:`find_transition` for the bracket and the flags).
    """
    return find_transition(
        temperature, resistance, criterion, at=at, fit_range=fit_range, max_bracket=max_bracket
    ).tc


def transition_width(
    temperature: np.ndarray,
    resistance: np.ndarray,
    levels: tuple[float, float] = (0.1, 0.9),
    *,
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
) -> float:
    """Width (K) of the transition, T_c(levels[1]) - T_c(levels[0]) (10-90 % by default).

    NaN when no measured temperature lies between the two crossings.
    """
    return find_transition(
        temperature, resistance, levels=levels, at=at, fit_range=fit_range, max_bracket=np.inf
    ).width


def _check_reference(
    temperature: np.ndarray, at: float | None, fit_range: tuple[float, float] | None
) -> None:
    """Refuse a normal-state reference that cannot apply to the measured temperatures."""
    t = np.sort(temperature[np.isfinite(temperature)])
    if at is not None:
        normal_state_resistance(t, t, at=at)
    if fit_range is not None:
        normal_state_resistance(t, t, fit_range=fit_range)


def extract_transition(
    resistance: xr.DataArray,
    criterion: float = 0.5,
    levels: tuple[float, float] = (0.1, 0.9),
    *,
    dim: str = "temperature",
    at: float | None = None,
    fit_range: tuple[float, float] | None = None,
    max_bracket: float = MAX_BRACKET,
) -> xr.Dataset:
    """T_c with its bracket, width, R_N and flags of every R(T) curve of a gridded resistance.

    Returns
    -------
    xarray.Dataset
        ``tc`` (K; NaN where there is no transition or its bracket is too wide),
        ``tc_low`` and ``tc_high`` (K, the measured temperatures around T_c), ``width`` (K),
        ``r_normal`` (Ohm, at T_c) and ``tc_flags`` (bits of :data:`TC_FLAGS`) over the other
        dimensions of ``resistance`` (gate voltage, field, sweep direction ...).  Each kind of
        doubt is summarised in one warning.

    Raises
    ------
    ParameterError
        A bad criterion or ``max_bracket``, or ``at`` / ``fit_range`` outside the data.
    """
    check_fraction("criterion", criterion)
    check_max_bracket(max_bracket)
    if dim in resistance.coords:
        _check_reference(np.asarray(resistance[dim].values, dtype=float), at, fit_range)

    def rule(t: np.ndarray, r: np.ndarray, _: dict[str, float]) -> dict[str, float]:
        try:
            found = find_transition(
                t, r, criterion, levels, at=at, fit_range=fit_range, max_bracket=max_bracket
            )
        except ParameterError:  # this curve's own points miss the reference (NaN gaps)
            found = Transition.missing(TC_FLAGS["normal_state_not_reached"])
        return {
            "tc": found.tc,
            "tc_low": found.tc_low,
            "tc_high": found.tc_high,
            "width": found.width,
            "r_normal": found.r_normal,
            "tc_flags": found.flags,
        }

    out = map_curves(
        resistance,
        dim,
        rule,
        {
            "tc": {"units": "K", "long_name": f"T_c at {criterion:.0%} of R_N"},
            "tc_low": {"units": "K", "long_name": "measured temperature below T_c"},
            "tc_high": {"units": "K", "long_name": "measured temperature above T_c"},
            "width": {"units": "K", "long_name": f"width {levels[0]:.0%}-{levels[1]:.0%}"},
            "r_normal": {"units": "Ohm", "long_name": "normal-state resistance"},
            "tc_flags": flag_attrs(TC_FLAGS, "doubts about T_c"),
        },
    )
    out["tc_flags"] = out.tc_flags.astype(np.int32)
    out.attrs.update(criterion=criterion, max_bracket=max_bracket)
    warn_flags(
        out.tc_flags.values,
        {
            "no_crossing": f"no resistive transition at {criterion:.0%} of R_N",
            "bracket_too_wide": f"T_c not given (NaN): the measured temperatures around it "
            f"are further apart than {max_bracket:.0%} of T_c; see tc_low, tc_high",
            "normal_state_not_reached": "the normal state is not reached where R_N is taken "
            f"(d ln R / d ln T > {MAX_LOG_SLOPE:g}); R_N and T_c are uncertain",
        },
        TC_FLAGS,
        "curve",
    )
    return out
