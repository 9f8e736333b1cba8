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

from reentrant.analysis.curves import fit_window, map_curves
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


def extract_hall(
    data: xr.Dataset,
    *,
    dim: str = "field",
    field_range: tuple[float, float] | None = None,
    squares: float = 1.0,
) -> xr.Dataset:
    """Hall density (and mobility where R_xx is present) of every R_xy(B) sweep.

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
        ``hall_coefficient`` (Ohm/T), ``density`` (nm^-2), ``density_error`` (nm^-2) and, with
        ``r_xx``, ``sheet_resistance`` (Ohm) and ``mobility`` (cm^2/(V s)); NaN where the
        sheet resistance is zero (superconducting) or a fit is impossible.
    """
    positive("squares", squares)
    if "r_xy" not in data:
        raise ParameterError("Hall analysis needs r_xy")
    extra = {}
    if "r_xx" in data:
        nearest = data[dim].values[np.argmin(np.abs(data[dim].values))]
        extra["r_s"] = data["r_xx"].sel({dim: nearest}) / squares

    def rule(b: np.ndarray, r: np.ndarray, ex: dict[str, float]) -> dict[str, float]:
        try:
            fit = hall_fit(b, r, field_range)
        except ParameterError:
            return dict.fromkeys(
                ("hall_coefficient", "density", "density_error", "mobility"), np.nan
            ) | {"sheet_resistance": ex.get("r_s", np.nan)}
        r_s = ex.get("r_s", np.nan)
        mu = mobility(fit.density, r_s) if r_s > 0 else np.nan
        return {
            "hall_coefficient": fit.hall_coefficient,
            "density": fit.density,
            "density_error": fit.density_error,
            "mobility": mu,
            "sheet_resistance": r_s,
        }

    attrs = {
        "hall_coefficient": {"units": "Ohm/T", "long_name": "Hall coefficient dR_xy/dB"},
        "density": {"units": "nm^-2", "long_name": "Hall carrier density"},
        "density_error": {"units": "nm^-2", "long_name": "standard error of the density"},
    }
    if "r_xx" in data:
        attrs["sheet_resistance"] = {"units": "Ohm", "long_name": "sheet resistance near B = 0"}
        attrs["mobility"] = {"units": "cm^2/(V s)", "long_name": "Hall mobility"}
    return map_curves(data["r_xy"], dim, rule, attrs, extra)
