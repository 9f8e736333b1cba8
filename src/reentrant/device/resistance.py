"""Sheet resistance of the channel: Drude normal state, fluctuations, inhomogeneous transition.

The transition is modelled as a 2D random mixture of patches with a Gaussian distribution of
local (mean-field) transition temperatures T_c.  Each resistive patch conducts with the Drude
sheet conductance plus a fluctuation conductance, either Aslamazov-Larkin (``"al"``: resistive
above its T_c) or the Halperin-Nelson form of the Berezinskii-Kosterlitz-Thouless transition
(``"bkt"``: resistive above its T_BKT < T_c); below that it is superconducting (infinite
conductance).  The patches are combined by the 2D Bruggeman effective-medium rule, which gives
R = 0 once half of the area is superconducting (the 2D percolation threshold).
Resistances in ohm (per square), conductances in siemens, densities in nm^-2.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.constants import hbar

from reentrant.errors import ParameterError
from reentrant.units import BCS_GAP_RATIO, ELEMENTARY_CHARGE_C
from reentrant.validate import finite_array, non_negative, one_of, positive

#: m^-2 per nm^-2, and m^2 per cm^2.
_PER_M2_PER_NM2 = 1e18
_M2_PER_CM2 = 1e-4
#: hbar / e^2 in ohm.
_HBAR_OVER_E2 = hbar / ELEMENTARY_CHARGE_C**2
#: Forms of the resistive transition of a patch.
TRANSITIONS = ("al", "bkt")
#: Largest argument of sinh^2 evaluated (beyond it the patch is as good as superconducting).
_SINH_MAX = 300.0


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


def bcs_gap_ratio(reduced_temperature: ArrayLike) -> np.ndarray:
    """BCS gap Delta(T) / (k_B T_c) at t = T / T_c (0 for t >= 1), by the standard interpolation.

    .. math:: \\Delta(T) = \\Delta_0 \\tanh\\left(1.74\\sqrt{1/t - 1}\\right),
              \\qquad \\Delta_0 = \\pi e^{-\\gamma} k_B T_c = 1.764\\,k_B T_c

    (Gross et al., Z. Phys. B 64, 175 (1986)); it has the exact T -> 0 value and the
    Ginzburg-Landau slope 3.07 sqrt(1 - t) near T_c (BCS: 3.06), within about 2 % between.
    """
    t = np.asarray(reduced_temperature, dtype=float)
    below = (t > 0) & (t < 1)
    safe = np.where(below, t, 0.5)
    return np.where(below, BCS_GAP_RATIO * np.tanh(1.74 * np.sqrt(1.0 / safe - 1.0)), 0.0)


def bkt_temperature_ratio(r_normal_ohm: ArrayLike) -> np.ndarray:
    """T_BKT / T_c of a dirty BCS film of normal sheet resistance R_N (ohm), dimensionless.

    The universal jump of the superfluid stiffness (Nelson & Kosterlitz, Phys. Rev. Lett. 39,
    1201 (1977)), k_B T_BKT = (pi/2) J_s(T_BKT^-), with the dirty-limit BCS stiffness
    J_s = hbar^2 n_s / (4m) = pi hbar Delta(T) tanh(Delta / 2 k_B T) / (4 e^2 R_N) (Tinkham,
    Introduction to Superconductivity, 2nd ed., Eq. (3.131), per square) gives the
    Beasley-Mooij-Orlando relation (Phys. Rev. Lett. 42, 1165 (1979))

    .. math:: x = \\frac{\\pi^2}{8}\\frac{\\hbar}{e^2 R_N}\\,\\delta(x)
              \\tanh\\frac{\\delta(x)}{2x}, \\qquad x = \\frac{T_{BKT}}{T_c},\\quad
              \\delta = \\frac{\\Delta(T_{BKT})}{k_B T_c}

    with Delta(T) from :func:`bcs_gap_ratio`; for R_N << hbar/e^2 it gives
    1 - x = 16 e^2 R_N / (pi^2 hbar 3.06^2) = 0.173 e^2 R_N / hbar.  Solved by bisection (the
    right-hand side falls and the left rises with x: one root in (0, 1)).
    """
    r = np.asarray(r_normal_ohm, dtype=float)
    if np.any(~np.isfinite(r)) or np.any(r <= 0):
        raise ParameterError("r_normal_ohm must be finite and positive everywhere")
    values, index = np.unique(r, return_inverse=True)
    scale = np.pi**2 / 8 * _HBAR_OVER_E2 / values
    lo, hi = np.zeros(values.shape), np.ones(values.shape)
    for _ in range(60):
        x = 0.5 * (lo + hi)
        delta = bcs_gap_ratio(x)
        stiffer = scale * delta * np.tanh(delta / (2 * x)) > x
        lo, hi = np.where(stiffer, x, lo), np.where(stiffer, hi, x)
    return (0.5 * (lo + hi))[index].reshape(r.shape)


def bkt_conductance(
    temperature_k: ArrayLike, tc_k: ArrayLike, r_normal_ohm: ArrayLike, vortex_b: float = 1.0
) -> np.ndarray:
    """Fluctuation sheet conductance in siemens above the BKT transition, infinite at T <= T_BKT.

    Halperin & Nelson (J. Low Temp. Phys. 36, 599 (1979)): above T_BKT the fluctuation
    conductance grows as the square of the vortex correlation length,
    xi_+ ~ sinh(b sqrt(tau_c / tau)) with tau = (T - T_BKT) / T_BKT and
    tau_c = (T_c - T_BKT) / T_BKT; their interpolation, with its amplitude fixed so that it
    becomes the Aslamazov-Larkin conductance (:func:`aslamazov_larkin_conductance`) far above T_c:

    .. math::

        \\Delta\\sigma = \\frac{e^2}{16\\hbar}\\,
            \\frac{T_c}{b^2 (T_c - T_{BKT})}\\,
            \\sinh^2\\!\\left(b\\sqrt{\\frac{T_c - T_{BKT}}{T - T_{BKT}}}\\right)
        \\;\\to\\; \\frac{e^2}{16\\hbar}\\frac{T_c}{T - T_{BKT}} \\quad (T \\gg T_c),

    so that R ~ R_N exp(-2 b sqrt(tau_c / tau)) close to T_BKT.  T_BKT = x(R_N) T_c from
    :func:`bkt_temperature_ratio` (universal jump); b is the nonuniversal vortex parameter of
    order one.  Zero where T_c = 0.

    Parameters
    ----------
    temperature_k, tc_k : array_like
        Temperature and mean-field transition temperature T_c in K.
    r_normal_ohm : array_like
        Normal sheet resistance R_N in ohm (sets T_BKT / T_c).
    vortex_b : float
        The Halperin-Nelson constant b (> 0).
    """
    b = positive("vortex_b", vortex_b)
    t, tc, rn = np.broadcast_arrays(
        np.asarray(temperature_k, float), np.asarray(tc_k, float), np.asarray(r_normal_ohm, float)
    )
    t_bkt = bkt_temperature_ratio(rn) * tc
    out = np.full(t.shape, np.inf)
    above = t > t_bkt
    gap = tc[above] - t_bkt[above]
    arg = np.minimum(b * np.sqrt(gap / (t[above] - t_bkt[above])), _SINH_MAX)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = tc[above] * np.sinh(arg) ** 2 / (b * b * gap)
    out[above] = ELEMENTARY_CHARGE_C**2 / (16.0 * hbar) * np.where(tc[above] > 0, value, 0.0)
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
    transition: str = "al",
    vortex_b: float = 1.0,
) -> np.ndarray:
    """Sheet resistance in ohm of a film with a Gaussian spread of local T_c.

    Local transition temperatures are T_c (1 + s x) with x ~ N(0, 1) (sampled by
    :func:`gauss_hermite_tc_spread`, negative values clipped to 0); each patch conducts
    sigma_n + sigma_fl(T, T_c,local) with sigma_fl the Aslamazov-Larkin
    (:func:`aslamazov_larkin_conductance`, ``transition="al"``) or the Halperin-Nelson BKT
    (:func:`bkt_conductance` with b = ``vortex_b``, ``"bkt"``) fluctuation conductance, and the
    patches are combined by :func:`bruggeman_2d`.  All inputs broadcast together.

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
    one_of("transition", transition, TRANSITIONS)
    x, w = gauss_hermite_tc_spread(nodes) if relative_width > 0 else (np.zeros(1), np.ones(1))
    tc_local = np.clip(tc[..., None] * (1.0 + relative_width * x), 0.0, None)
    if transition == "al":
        sigma = aslamazov_larkin_conductance(t[..., None], tc_local)
    else:
        sigma = bkt_conductance(t[..., None], tc_local, rn[..., None], vortex_b)
    return rn / bruggeman_2d(1.0 + sigma * rn[..., None], w)
