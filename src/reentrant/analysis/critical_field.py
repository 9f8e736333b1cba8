r"""Critical field B_c from R(B) sweeps, per temperature and gate voltage.

With the same resistance criterion as T_c (:mod:`reentrant.analysis.transition`),

    B_c(c) = the highest field with R(B) = c * R_N,

by linear interpolation, where R_N is the normal-state resistance: by default the resistance at
the highest field of the sweep, or a value given per curve (e.g. from R(T) above T_c when the
field does not reach the normal state).  Taking the highest crossing makes B_c the field above
which the sample stays resistive; in a re-entrant sweep the lower crossings bound the resistive
pocket (see :mod:`reentrant.analysis.peaks`).  Sweeps through zero field are analysed on their
``B >= 0`` half; all-negative sweeps by ``|B|``.

As for T_c, B_c comes with the measured fields around it (``bc_low``, ``bc_high``) and is NaN
(flag ``bracket_too_wide``) when they are further apart than ``max_bracket`` x B_c.  The
default R_N is trusted only where R(B) is flat: normal-state magnetoresistance grows at most
quadratically in B (the Drude/Kohler form Delta R / R_0 ~ (mu B)^2, saturating or linear at
high field; Ashcroft & Mermin, Ch. 12), so d ln R / d ln B <= 2, while inside the resistive
transition it is about B / (width) >> 2.  A sweep whose slope over the top 10 % of its fields
exceeds :data:`MAX_LOG_SLOPE` is flagged ``normal_state_not_reached``.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from reentrant.analysis.curves import (
    CROSSING_FLAGS,
    bracketed_crossing,
    check_fraction,
    check_max_bracket,
    flag_attrs,
    log_slope,
    map_curves,
    positive_branch,
    warn_flags,
)
from reentrant.analysis.transition import MAX_BRACKET, NORMAL_WINDOW
from reentrant.validate import positive

#: Largest d ln R / d ln B at which the resistance counts as normal (see module docstring).
MAX_LOG_SLOPE = 2.0


def critical_field_with_bracket(
    field: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    *,
    r_normal: float | None = None,
    max_bracket: float = MAX_BRACKET,
) -> tuple[float, float, float, int]:
    """B_c, the measured fields around it and the flag bits of one sweep.

    Returns ``(bc, bc_low, bc_high, flags)`` (T; bits of
    :data:`~reentrant.analysis.curves.CROSSING_FLAGS`); see the module docstring.
    """
    check_fraction("criterion", criterion)
    check_max_bracket(max_bracket)
    b, r = positive_branch(field, resistance)
    flags = 0
    if r_normal is not None:
        r_n = positive("r_normal", r_normal)
    elif b.size:
        r_n = r[-1]
        if not log_slope(b, r, (1.0 - NORMAL_WINDOW) * b[-1], b[-1]) <= MAX_LOG_SLOPE:
            flags = CROSSING_FLAGS["normal_state_not_reached"]
    if b.size < 2 or not r_n > 0:
        return np.nan, np.nan, np.nan, flags | CROSSING_FLAGS["no_crossing"]
    bc, low, high, crossing = bracketed_crossing(b, r / r_n, criterion, max_bracket)
    return bc, low, high, flags | crossing


def resistive_critical_field(
    field: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    *,
    r_normal: float | None = None,
    max_bracket: float = MAX_BRACKET,
) -> float:
    """B_c (T): the highest field at which R = ``criterion`` x R_N.

    NaN if it never crosses, or if the measured fields around the crossing are further apart
    than ``max_bracket`` x B_c.

    Parameters
    ----------
    field, resistance
        One sweep (T, Ohm), any order; NaN points are ignored.
    criterion
        Fraction of the normal-state resistance, 0 < c < 1.
    r_normal
        Normal-state resistance (Ohm); by default the resistance at the highest field.
    max_bracket
        Largest bracket of B_c, as a fraction of B_c.
    """
    return critical_field_with_bracket(
        field, resistance, criterion, r_normal=r_normal, max_bracket=max_bracket
    )[0]


def extract_critical_field(
    resistance: xr.DataArray,
    criterion: float = 0.5,
    *,
    dim: str = "field",
    r_normal: xr.DataArray | float | None = None,
    max_bracket: float = MAX_BRACKET,
) -> xr.Dataset:
    """B_c with its bracket and flags for every R(B) sweep of a gridded resistance.

    Parameters
    ----------
    resistance
        R_xx over ``dim`` and other dimensions (temperature, gate voltage, sweep direction).
    criterion
        Fraction of R_N defining B_c.
    r_normal
        Normal-state resistance (Ohm), a number or a DataArray over the other dimensions;
        by default the resistance at each sweep's highest field.
    max_bracket
        Largest bracket of B_c, as a fraction of B_c.

    Returns
    -------
    xarray.Dataset
        ``bc`` (T), ``bc_low``, ``bc_high`` (T, the measured fields around B_c) and
        ``bc_flags`` (bits of :data:`~reentrant.analysis.curves.CROSSING_FLAGS`) over the
        other dimensions: B_c(T), B_c(V_BG), ...; NaN (with a warning) where a sweep does not
        cross the criterion or the bracket is too wide.
    """
    check_fraction("criterion", criterion)
    check_max_bracket(max_bracket)
    extra = {} if r_normal is None else {"r_normal": r_normal}

    def rule(b: np.ndarray, r: np.ndarray, ex: dict[str, float]) -> dict[str, float]:
        r_n = ex.get("r_normal")
        if r_n is not None and not r_n > 0:
            return {
                "bc": np.nan,
                "bc_low": np.nan,
                "bc_high": np.nan,
                "bc_flags": CROSSING_FLAGS["no_crossing"],
            }
        bc, low, high, flags = critical_field_with_bracket(
            b, r, criterion, r_normal=r_n, max_bracket=max_bracket
        )
        return {"bc": bc, "bc_low": low, "bc_high": high, "bc_flags": flags}

    out = map_curves(
        resistance,
        dim,
        rule,
        {
            "bc": {"units": "T", "long_name": f"critical field at {criterion:.0%} of R_N"},
            "bc_low": {"units": "T", "long_name": "measured field below B_c"},
            "bc_high": {"units": "T", "long_name": "measured field above B_c"},
            "bc_flags": flag_attrs(CROSSING_FLAGS, "doubts about B_c"),
        },
        extra,
    )
    out["bc_flags"] = out.bc_flags.astype(np.int32)
    out.attrs.update(criterion=criterion, max_bracket=max_bracket)
    warn_flags(
        out.bc_flags.values,
        {
            "no_crossing": f"no critical field at {criterion:.0%} of R_N",
            "bracket_too_wide": "B_c not given (NaN): the measured fields around it are "
            f"further apart than {max_bracket:.0%} of B_c; see bc_low, bc_high",
            "normal_state_not_reached": "the normal state is not reached at the highest field "
            f"(d ln R / d ln B > {MAX_LOG_SLOPE:g}); R_N and B_c are uncertain",
        },
        CROSSING_FLAGS,
        "sweep",
    )
    return out
