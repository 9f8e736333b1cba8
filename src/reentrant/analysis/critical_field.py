"""Critical field B_c from R(B) sweeps, per temperature and gate voltage.

With the same resistance criterion as T_c (:mod:`reentrant.analysis.transition`),

    B_c(c) = the highest field with R(B) = c * R_N,

by linear interpolation, where R_N is the normal-state resistance: by default the resistance at
the highest field of the sweep, or a value given per curve (e.g. from R(T) above T_c when the
field does not reach the normal state).  Taking the highest crossing makes B_c the field above
which the sample stays resistive; in a re-entrant sweep the lower crossings bound the resistive
pocket (see :mod:`reentrant.analysis.peaks`).  Sweeps through zero field are analysed on their
``B >= 0`` half; all-negative sweeps by ``|B|``.
"""

from __future__ import annotations

import warnings

import numpy as np
import xarray as xr

from reentrant.analysis.curves import check_fraction, highest_crossing, map_curves, positive_branch
from reentrant.validate import positive


def resistive_critical_field(
    field: np.ndarray,
    resistance: np.ndarray,
    criterion: float = 0.5,
    *,
    r_normal: float | None = None,
) -> float:
    """B_c (T): the highest field at which R = ``criterion`` x R_N (NaN if it never crosses).

    Parameters
    ----------
    field, resistance
        One sweep (T, Ohm), any order; NaN points are ignored.
    criterion
        Fraction of the normal-state resistance, 0 < c < 1.
    r_normal
        Normal-state resistance (Ohm); by default the resistance at the highest field.
    """
    check_fraction("criterion", criterion)
    b, r = positive_branch(field, resistance)
    if b.size < 2:
        return float("nan")
    r_n = r[-1] if r_normal is None else positive("r_normal", r_normal)
    if r_n <= 0:
        return float("nan")
    return highest_crossing(b, r / r_n, criterion)


def extract_critical_field(
    resistance: xr.DataArray,
    criterion: float = 0.5,
    *,
    dim: str = "field",
    r_normal: xr.DataArray | float | None = None,
) -> xr.Dataset:
    """B_c of every R(B) sweep of a gridded resistance.

    Parameters
    ----------
    resistance
        R_xx over ``dim`` and other dimensions (temperature, gate voltage, sweep direction).
    criterion
        Fraction of R_N defining B_c.
    r_normal
        Normal-state resistance (Ohm), a number or a DataArray over the other dimensions;
        by default the resistance at each sweep's highest field.

    Returns
    -------
    xarray.Dataset
        ``bc`` (T) over the other dimensions: B_c(T), B_c(V_BG), ...; NaN (with a warning)
        where a sweep does not cross the criterion.
    """
    check_fraction("criterion", criterion)
    extra = {} if r_normal is None else {"r_normal": r_normal}

    def rule(b: np.ndarray, r: np.ndarray, ex: dict[str, float]) -> dict[str, float]:
        r_n = ex.get("r_normal")
        if r_n is not None and not r_n > 0:
            return {"bc": np.nan}
        return {"bc": resistive_critical_field(b, r, criterion, r_normal=r_n)}

    out = map_curves(
        resistance,
        dim,
        rule,
        {"bc": {"units": "T", "long_name": f"critical field at {criterion:.0%} of R_N"}},
        extra,
    )
    missing = int(np.isnan(out.bc.values).sum())
    if missing:
        warnings.warn(
            f"no critical field at {criterion:.0%} of R_N in {missing} of {out.bc.size} sweep(s)",
            UserWarning,
            stacklevel=2,
        )
    out.attrs["criterion"] = criterion
    return out
