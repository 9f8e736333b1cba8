"""Sheet resistance of the channel: Drude normal state, fluctuations, inhomogeneous transition.

The transition is modelled as a 2D random mixture of patches with a Gaussian distribution of
local transition temperatures.  Each patch above its own T_c conducts with the Drude sheet
conductance plus the Aslamazov-Larkin fluctuation conductance; below it, it is superconducting
(infinite conductance).  The patches are combined by the 2D Bruggeman effective-medium rule,
which gives R = 0 once half of the area is superconducting (the 2D percolation threshold).
Resistances in ohm (per square), conductances in siemens, densities in nm^-2.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.constants import hbar

from reentrant.errors import ParameterError
from reentrant.units import ELEMENTARY_CHARGE_C
from reentrant.validate import finite_array, non_negative

#: m^-2 per nm^-2, and m^2 per cm^2.
_PER_M2_PER_NM2 = 1e18
_M2_PER_CM2 = 1e-4


def drude_sheet_resistance(density_nm2: ArrayLike, mobility_cm2_per_vs: ArrayLike) -> np.ndarray:
    """Drude sheet resistance R = 1 / (n e mu) in ohm (Ashcroft & Mermin, Eq. (1.6) in 2D).

    Parameters
    ----------
    density_nm2 : array_like
        Sheet density n in nm^-2 (positive).
    mobility_cm2_per_vs : array_like
        Mobility mu in cm^2 / (V s) (positive); broadcast against ``density_nm2``.
    """
    n = finite_array("density_nm2", density_nm2)
    mu = finite_array("mobility_cm2_per_vs", mobility_cm2_per_vs)
    if np.any(n <= 0):
        raise ParameterError("density_nm2 must be positive everywhere")
    if np.any(mu <= 0):
        raise ParameterError("mobility_cm2_per_vs must be positive everywhere")
    return 1.0 / (n * _PER_M2_PER_NM2 * ELEMENTARY_CHARGE_C * mu * _M2_PER_CM2)


def aslamazov_larkin_conductance(temperature_k: ArrayLike, tc_k: ArrayLike) -> np.ndarray:
    """2D Aslamazov-Larkin fluctuation sheet conductance in siemens, infinite at T <= T_c.

    .. math:: \\sigma_{AL} = \\frac{e^2}{16\\hbar} \\frac{T_c}{T - T_c}

    (Aslamazov & Larkin, Phys. Lett. 26A, 238 (1968); Tinkham, Introduction to
    Superconductivity, 2nd ed., Ch. 8).  Zero where T_c = 0 (no superconductivity).
    """
    t, tc = np.broadcast_arrays(np.asarray(temperature_k, float), np.asarray(tc_k, float))
    prefactor = ELEMENTARY_CHARGE_C**2 / (16.0 * hbar)
    out = np.full(t.shape, np.inf)
    above = t > tc
    out[above] = prefactor * tc[above] / (t[above] - tc[above])
    return out


def bruggeman_2d(conductance_ratio: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Effective conductance of a 2D random mixture, by the Bruggeman rule.

    Solves, for sigma_e, the 2D symmetric effective-medium equation (Bruggeman, Ann. Phys. 416,
    636 (1935); Landauer, AIP Conf. Proc. 40, 2 (1978), the d = 2 case)

    .. math:: \\sum_i w_i \\frac{\\sigma_i - \\sigma_e}{\\sigma_i + \\sigma_e} = 0 ,

    where a superconducting patch (sigma_i = inf) contributes +w_i.  It has a finite root only
    while the superconducting fraction p < 1/2; for p >= 1/2 the result is ``inf``.

    Parameters
    ----------
    conductance_ratio : ndarray, shape (..., k)
        Patch conductances sigma_i (any common unit, >= some positive floor; inf allowed).
    weights : ndarray, shape (k,)
        Area fractions w_i (summing to 1).

    Returns
    -------
    ndarray, shape (...)
        sigma_e in the unit of ``conductance_ratio``; inf when the mixture percolates.
    """
    sigma = np.asarray(conductance_ratio, dtype=float)
    w = np.asarray(weights, dtype=float)
    sc = np.isinf(sigma)
    p_sc = np.sum(np.where(sc, w, 0.0), axis=-1)
    percolates = p_sc >= 0.5
    lo = np.log(np.min(np.where(sc, np.inf, sigma), axis=-1, initial=np.inf))
    hi = np.log(np.max(np.where(sc, 1.0, sigma), axis=-1, initial=1.0))
    hi = hi + np.log1p(1.0 / np.where(percolates, 1.0, 1.0 - 2.0 * p_sc))
    lo = np.where(percolates, 0.0, lo)
    hi = np.where(percolates, 1.0, hi)
    safe_sigma = np.where(sc, 1.0, sigma)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        s = np.exp(mid)[..., None]
        f = np.sum(np.where(sc, w, w * (safe_sigma - s) / (safe_sigma + s)), axis=-1)
        lo = np.where(f > 0, mid, lo)
        hi = np.where(f > 0, hi, mid)
    return np.where(percolates, np.inf, np.exp(0.5 * (lo + hi)))


def gauss_hermite_tc_spread(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Standard-normal quadrature: points x_i and weights w_i (sum 1) for N(0, 1) averages.

    Gauss-Hermite rule for weight exp(-x^2) (Abramowitz & Stegun 25.4.46) rescaled by
    x -> sqrt(2) x, w -> w / sqrt(pi).
    """
    x, w = np.polynomial.hermite.hermgauss(int(nodes))
    return np.sqrt(2.0) * x, w / np.sqrt(np.pi)


def inhomogeneous_sheet_resistance(
    temperature_k: ArrayLike,
    tc_k: ArrayLike,
    r_normal_ohm: ArrayLike,
    relative_width: float,
    nodes: int = 24,
) -> np.ndarray:
    """Sheet resistance in ohm of a film with a Gaussian spread of local T_c.

    Local transition temperatures are T_c (1 + s x) with x ~ N(0, 1) (sampled by
    :func:`gauss_hermite_tc_spread`, negative values clipped to 0); each patch conducts
    sigma_n + sigma_AL(T, T_c,local) (:func:`aslamazov_larkin_conductance`), and the patches are
    combined by :func:`bruggeman_2d`.  All inputs broadcast together.

    Parameters
    ----------
    temperature_k, tc_k : array_like
        Temperature and mean local T_c in K.
    r_normal_ohm : array_like
        Drude (normal) sheet resistance in ohm.
    relative_width : float
        Relative standard deviation s of the local T_c (>= 0).
    nodes : int
        Number of quadrature points.
    """
    t, tc, rn = np.broadcast_arrays(
        np.asarray(temperature_k, float), np.asarray(tc_k, float), np.asarray(r_normal_ohm, float)
    )
    relative_width = non_negative("relative_width", relative_width)
    x, w = gauss_hermite_tc_spread(nodes) if relative_width > 0 else (np.zeros(1), np.ones(1))
    tc_local = np.clip(tc[..., None] * (1.0 + relative_width * x), 0.0, None)
    ratio = 1.0 + aslamazov_larkin_conductance(t[..., None], tc_local) * rn[..., None]
    return rn / bruggeman_2d(ratio, w)
