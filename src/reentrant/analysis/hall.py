r"""Carrier density and mobility from the Hall effect (single-carrier Drude model).

For one type of carrier with sheet density n in a 2D conductor (Ashcroft & Mermin, *Solid State
Physics*, Eq. 1.15, in SI and per sheet), the Hall resistance is linear in the perpendicular
field,

.. math::

    R_{xy} = R_H B,\qquad R_H = \frac{1}{q n},\qquad q = \mp e,

so :math:`n = 1 / (e |dR_{xy}/dB|)`; the sign of the slope gives the carrier type (negative for
electrons with the usual contact arrangement; it flips with the contacts).  With the Drude sheet
conductance :math:`1/R_s = n e \mu`,

.. math::

    \mu = \frac{1}{e\, n\, R_s},\qquad R_s = R_{xx} \frac{W}{L}.

The slope is a least-squares line :math:`R_{xy} = a + R_H B` (the offset absorbs a longitudinal
admixture from misaligned contacts; for fields sampled symmetrically about zero an admixture
even in B does not bias the slope, since even and odd functions are orthogonal on such a set).
Units: field T, resistance Ohm, density nm^-2 (the package's density unit), mobility
cm^2/(V s).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from reentrant.analysis.curves import fit_window, flag_attrs, map_curves, warn_flags
from reentrant.errors import ParameterError
from reentrant.units import ELEMENTARY_CHARGE_C
from reentrant.validate import positive

_M2_PER_NM2 = 1e-18
_CM2_PER_M2 = 1e4


@dataclass(frozen=True)
class HallFit:
    """Result of a Hall fit.

    Attributes
    ----------
    hall_coefficient
        Slope dR_xy/dB in Ohm/T.
    hall_coefficient_error
        Its one-sigma standard error from the residuals (Ohm/T), NaN with two points.
    density
        Sheet density n = 1/(e |R_H|) in nm^-2.
    density_error
        One-sigma error of n propagated from the slope (nm^-2).
    carrier_sign
        Sign of the slope: -1 electron-like, +1 hole-like (for the usual contacts).
    """

    hall_coefficient: float
    hall_coefficient_error: float
    density: float
    density_error: float
    carrier_sign: int


def hall_fit(
    field: np.ndarray,
    r_xy: np.ndarray,
    field_range: tuple[float, float] | None = None,
) -> HallFit:
    """Fit R_xy = a + R_H B and convert the slope to a sheet density (see module docstring).

    Parameters
    ----------
    field, r_xy
        One sweep (T, Ohm); NaN points are dropped.
    field_range
        ``(B_min, B_max)`` in T restricting the fit (e.g. to the normal state).

    Raises
    ------
    ParameterError
        Fewer than two points in range, or a zero slope.
    """
    b, r = fit_window(field, r_xy, field_range, "field_range", "Hall fit", "fields")
    design = np.column_stack([np.ones_like(b), b])
    coef, *_ = np.linalg.lstsq(design, r, rcond=None)
    slope = float(coef[1])
    if slope == 0:
        raise ParameterError("Hall slope is zero; no carrier density")
    if b.size > 2:
        resid = r - design @ coef
        sigma2 = float(resid @ resid) / (b.size - 2)
        slope_err = float(np.sqrt(sigma2 / np.sum((b - b.mean()) ** 2)))
    else:
        slope_err = float("nan")
    density = 1.0 / (ELEMENTARY_CHARGE_C * abs(slope)) * _M2_PER_NM2
    return HallFit(
        hall_coefficient=slope,
        hall_coefficient_error=slope_err,
        density=density,
        density_error=density * slope_err / abs(slope),
        carrier_sign=int(np.sign(slope)),
    )


def mobility(density_nm2: float, sheet_resistance_ohm: float) -> float:
    """Drude mobility mu = 1/(e n R_s) in cm^2/(V s) from n (nm^-2) and R_s (Ohm)."""
    n_m2 = positive("density_nm2", density_nm2) / _M2_PER_NM2
    r_s = positive("sheet_resistance_ohm", sheet_resistance_ohm)
    return 1.0 / (ELEMENTARY_CHARGE_C * n_m2 * r_s) * _CM2_PER_M2


#: A field point counts as normal when R_xx >= NORMAL_FRACTION x R_N (R_N at the highest |B|).
NORMAL_FRACTION = 0.9

#: Flag bits of ``hall_flags`` (CF ``flag_masks``).
HALL_FLAGS: dict[str, int] = {
    "superconducting_points_excluded": 1,
    "too_few_normal_points": 2,
    "negative_sheet_resistance": 4,
    "superconducting_at_zero_field": 8,
    "superconducting_range_unchecked": 16,
}


def _normal_points(
    b: np.ndarray, r_xy: np.ndarray, r_xx: np.ndarray, squares: float
) -> tuple[np.ndarray, np.ndarray, float, int]:
    """The normal-state (B, R_xy) of one sweep, its sheet resistance near B = 0 and flags."""
    ok = np.isfinite(b) & np.isfinite(r_xy) & np.isfinite(r_xx)
    b, r_xy, r_xx = b[ok], r_xy[ok], r_xx[ok]
    if b.size == 0:
        return b, r_xy, np.nan, HALL_FLAGS["superconducting_range_unchecked"]
    r_n = r_xx[np.argmax(np.abs(b))]
    r_0 = r_xx[np.argmin(np.abs(b))]
    flags = 0
    if not r_n > 0 or r_0 < 0:
        flags |= HALL_FLAGS["negative_sheet_resistance"]
    if not r_n > 0:
        return b, r_xy, r_0 / squares, flags | HALL_FLAGS["superconducting_range_unchecked"]
    normal = r_xx >= NORMAL_FRACTION * r_n
    if not np.all(normal):
        flags |= HALL_FLAGS["superconducting_points_excluded"]
    if 0 <= r_0 < NORMAL_FRACTION * r_n:
        flags |= HALL_FLAGS["superconducting_at_zero_field"]
    return b[normal], r_xy[normal], r_0 / squares, flags


def _hall_curve(
    b: np.ndarray,
    r_xy: np.ndarray,
    r_xx: np.ndarray | None,
    field_range: tuple[float, float] | None,
    squares: float,
) -> dict[str, float]:
    """Density, mobility and flags of one sweep; see :func:`extract_hall`."""
    if r_xx is None:
        r_s, flags = np.nan, HALL_FLAGS["superconducting_range_unchecked"]
    else:
        b, r_xy, r_s, flags = _normal_points(b, r_xy, r_xx, squares)
    try:
        fit = hall_fit(b, r_xy, field_range)
    except ParameterError:
        flags |= HALL_FLAGS["too_few_normal_points"]
        nan = dict.fromkeys(("hall_coefficient", "density", "density_error", "mobility"), np.nan)
        return nan | {"sheet_resistance": r_s, "hall_flags": flags}
    no_mobility = (
        HALL_FLAGS["negative_sheet_resistance"] | HALL_FLAGS["superconducting_at_zero_field"]
    )
    return {
        "hall_coefficient": fit.hall_coefficient,
        "density": fit.density,
        "density_error": fit.density_error,
        "mobility": np.nan if flags & no_mobility or not r_s > 0 else mobility(fit.density, r_s),
        "sheet_resistance": r_s,
        "hall_flags": flags,
    }


def extract_hall(
    data: xr.Dataset,
    *,
    dim: str = "field",
    field_range: tuple[float, float] | None = None,
    squares: float = 1.0,
) -> xr.Dataset:
    """Hall density (and mobility where R_xx is present) of every R_xy(B) sweep.

    Only the normal state is fitted: where ``r_xx`` is present, fields at which R_xx is below
    :data:`NORMAL_FRACTION` of its value at the sweep's highest |B| (superconducting or in the
    transition, where R_xy is shorted) are left out, and a sweep with fewer than two normal
    fields gets NaN.  Every doubt is a bit of ``hall_flags`` (:data:`HALL_FLAGS`) and one
    warning per kind.

    Parameters
    ----------
    data
        Dataset with ``r_xy`` (and optionally ``r_xx``) over ``dim`` and other dimensions.
    field_range
        Field window of the fit (T).
    squares
        Number of squares L/W between the voltage contacts: R_s = R_xx / squares, with R_xx
        taken at the field closest to zero.

    Returns
    -------
    xarray.Dataset
        ``hall_coefficient`` (Ohm/T), ``density`` (nm^-2), ``density_error`` (nm^-2),
        ``hall_flags`` and, with ``r_xx``, ``sheet_resistance`` (Ohm) and ``mobility``
        (cm^2/(V s)); the mobility is NaN where the sheet resistance near B = 0 is negative or
        not normal (superconducting).
    """
    positive("squares", squares)
    if "r_xy" not in data:
        raise ParameterError("Hall analysis needs r_xy")
    extra = {"r_xx": data["r_xx"]} if "r_xx" in data else {}

    def rule(b: np.ndarray, r: np.ndarray, ex: dict) -> dict[str, float]:
        return _hall_curve(b, r, ex.get("r_xx"), field_range, squares)

    attrs = {
        "hall_coefficient": {"units": "Ohm/T", "long_name": "Hall coefficient dR_xy/dB"},
        "density": {"units": "nm^-2", "long_name": "Hall carrier density"},
        "density_error": {"units": "nm^-2", "long_name": "standard error of the density"},
        "hall_flags": flag_attrs(HALL_FLAGS, "doubts about the Hall fit"),
    }
    if "r_xx" in data:
        attrs["sheet_resistance"] = {"units": "Ohm", "long_name": "sheet resistance near B = 0"}
        attrs["mobility"] = {"units": "cm^2/(V s)", "long_name": "Hall mobility"}
    out = map_curves(data["r_xy"], dim, rule, attrs, extra)
    out["hall_flags"] = out.hall_flags.astype(np.int32)
    warn_flags(
        out.hall_flags.values,
        {
            "superconducting_points_excluded": "Hall fit: superconducting fields (R_xx < "
            f"{NORMAL_FRACTION:.0%} of R_N) left out",
            "too_few_normal_points": "Hall fit impossible (NaN): fewer than two normal fields",
            "negative_sheet_resistance": "negative or zero R_xx: no mobility, superconducting "
            "fields not identified",
            "superconducting_at_zero_field": "R_xx near B = 0 is not normal: no mobility",
            "superconducting_range_unchecked": "no usable R_xx: superconducting fields could not "
            "be excluded from the Hall fit",
        },
        HALL_FLAGS,
        "sweep",
    )
    return out
