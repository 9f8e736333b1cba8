"""Fulde-Ferrell (single-q) Pauli-limited superconductivity on an isotropic 2D Fermi surface."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.constants as sc
from numpy.typing import ArrayLike
from scipy.interpolate import PchipInterpolator

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pair_breaking import bisect, pair_breaking
from reentrant.units import BCS_GAP_RATIO, K_B_MEV_PER_K, zeeman_mev
from reentrant.validate import finite_array, non_negative, positive

_T_LOW = 0.02
_T_GRID = np.linspace(1.0, _T_LOW, 148)
_R_COARSE = np.linspace(0.0, 1.5, 25)
_R_FINE = np.linspace(-1.0, 1.0, 17)
_H_BRACKET = 3.0
_T_CHUNKS = 12


def matsubara_terms(t_min: float) -> int:
    """Matsubara terms summed explicitly for temperatures >= ``t_min``: ``max(32, 32/sqrt(t))``.

    The remainder error of :func:`fulde_ferrell_pair_breaking` falls as ``1/(t N^4)`` (midpoint
    rule on terms ``~ Q^2/omega^3``); with this choice it stays below 1e-7 for ``t >= 0.02``,
    ``h, Q <= 2``.
    """
    return max(32, int(np.ceil(32 / np.sqrt(t_min))))


def fulde_ferrell_pair_breaking(
    t: np.ndarray, h: np.ndarray, q: np.ndarray, terms: int | None = None
) -> np.ndarray:
    r"""Angle-averaged pair-breaking term of a Fulde-Ferrell state on a circular Fermi surface.

    .. math::

        P(t, h, Q) = \left\langle \operatorname{Re}\,\psi\!\left(\frac12
            + i\,\frac{h + Q\cos\theta}{2\pi t}\right)\right\rangle_\theta
            - \psi\!\left(\frac12\right),
        \qquad Q = \frac{\hbar v_F q}{2},

    all energies in ``k_B T_c0`` and ``t = T/T_c0`` (Fulde & Ferrell, Phys. Rev. 135, A550
    (1964); 2D form: Bulaevskii, JETP 38, 634 (1974); Shimahara, PRB 50, 12760 (1994)).  It is
    evaluated through the Matsubara sum, with the exact 2D angular average
    ``<1/(a + i Q cos(theta))> = 1/sqrt(a^2 + Q^2)`` for ``Re a > 0``:

    .. math::

        P = \operatorname{Re}\psi\!\left(\tfrac12 + \tfrac{ih}{2\pi t}\right) - \psi(\tfrac12)
            + 2\pi t\sum_{n\ge0}\operatorname{Re}\left[\frac{1}{\omega_n + ih}
            - \frac{1}{\sqrt{(\omega_n + ih)^2 + Q^2}}\right],

    ``omega_n = 2 pi t (n + 1/2)``.  The first ``N = terms`` terms (default
    :func:`matsubara_terms`) are summed; the rest is replaced by its midpoint-rule integral
    ``Re ln[(U + sqrt(U^2 + Q^2)) / (2U)]``, ``U = 2 pi t N + i h``.
    """
    t = np.asarray(t, dtype=float)
    h = np.asarray(h, dtype=float)
    q = np.asarray(q, dtype=float)
    terms = matsubara_terms(float(np.min(t))) if terms is None else terms
    n = np.arange(terms).reshape((-1,) + (1,) * np.broadcast(t, h, q).ndim)
    a = 2 * np.pi * t * (n + 0.5) + 1j * h
    partial = 2 * np.pi * t * np.sum((1 / a - 1 / np.sqrt(a * a + q * q)).real, axis=0)
    u = 2 * np.pi * t * terms + 1j * h
    remainder = np.log((u + np.sqrt(u * u + q * q)) / (2 * u)).real
    return pair_breaking(t, 0.0, h) + partial + remainder


def _critical_h(t: np.ndarray, r: np.ndarray) -> np.ndarray:
    """``h_c(t, r)`` solving ``ln(1/t) = P(t, h, r h)`` by bisection; ``t`` (n, 1), ``r`` (n, m)."""
    shape = np.broadcast(t, r).shape
    out = np.empty(shape)
    for rows in np.array_split(np.arange(shape[0]), _T_CHUNKS):
        tt, rr = t[rows], r[rows]
        terms = matsubara_terms(float(tt.min()))
        target = np.log(1 / tt)
        out[rows] = bisect(
            lambda h, tt=tt, rr=rr, target=target, terms=terms: (
                fulde_ferrell_pair_breaking(tt, h, rr * h, terms) - target
            ),
            np.zeros((rows.size, shape[1])),
            np.full((rows.size, shape[1]), _H_BRACKET),
        )
    return out


@functools.cache
def fulde_ferrell_line() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Universal FF transition line ``(t, h_c(t), r_opt(t))`` in reduced units.

    For each ``t`` on a grid of 148 points from 1 to 0.02 and each ratio ``r = Q/h`` the
    critical field ``h_c(t, r)`` solves ``ln(1/t) = P(t, h, r h)``
    (:func:`fulde_ferrell_pair_breaking`, which rises monotonically with ``h`` at fixed ``r``)
    by bisection; ``h_c(t)`` is its maximum over ``r``: coarse grid of 25 ratios in [0, 1.5],
    then 17 ratios across the best coarse cell, then the vertex of the parabola through the best
    fine point and its neighbours (``h_c(t, -r) = h_c(t, r)``).  ``r_opt = Q_opt / h =
    q_opt / (2h / v_F)`` is zero above the Lifshitz point ``t* ~ 0.56`` (uniform state) and
    tends to 1 as ``t -> 0``, where ``h_c -> Delta_0`` (Bulaevskii 1974; Shimahara 1994).
    Computed once per process (about 2 s on one core).
    """
    t = _T_GRID[:, None]
    coarse = _critical_h(t, np.broadcast_to(_R_COARSE, (t.size, _R_COARSE.size)))
    best = _R_COARSE[np.argmax(coarse, axis=1)]
    step = _R_COARSE[1] - _R_COARSE[0]
    r_fine = np.abs(best[:, None] + step * _R_FINE[None, :])
    fine = _critical_h(t, r_fine)
    fine[0] = 0.0
    k = np.clip(np.argmax(fine, axis=1), 1, _R_FINE.size - 2)
    rows = np.arange(t.size)
    left, mid, right = fine[rows, k - 1], fine[rows, k], fine[rows, k + 1]
    curvature = left - 2 * mid + right
    concave = curvature < 0
    safe = np.where(concave, curvature, -1.0)
    shift = np.where(concave, np.clip(0.5 * (left - right) / safe, -1.0, 1.0), 0.0)
    fine_step = step * (_R_FINE[1] - _R_FINE[0])
    r_opt = np.abs(best + step * _R_FINE[k] + shift * fine_step)
    r_opt[0] = 0.0
    h_line = np.maximum(mid, mid - 0.125 * (left - right) ** 2 / safe * concave)
    return _T_GRID.copy(), np.maximum.accumulate(h_line), r_opt


@functools.cache
def _line_interpolators() -> tuple[PchipInterpolator, PchipInterpolator]:
    """``t(h^2)`` on the FF line (closed by ``h = Delta_0`` at ``t = 0``) and ``r_opt(t)``."""
    t, h, r_opt = fulde_ferrell_line()
    h2 = np.append(h, BCS_GAP_RATIO) ** 2
    keep = np.concatenate([[True], np.diff(h2) > 0])
    t_of_h2 = PchipInterpolator(h2[keep], np.append(t, 0.0)[keep])
    r_of_t = PchipInterpolator(t[::-1], r_opt[::-1])
    return t_of_h2, r_of_t


@dataclass(frozen=True)
class FuldeFerrell(Mechanism):
    r"""Pauli-limited ``T_c(B)`` of a 2D single-q Fulde-Ferrell state (isotropic Fermi surface).

    ``T_c`` is the largest temperature at which, for some pair momentum ``q``,

    .. math::

        \ln\frac{T_{c0}}{T} = \left\langle \operatorname{Re}\,\psi\!\left(\frac12
            + i\,\frac{h + \hbar v_F q\cos\theta/2}{2\pi k_B T}\right)\right\rangle_\theta
            - \psi\!\left(\frac12\right), \qquad h = (g/2)\,\mu_B B,

    i.e. ``q`` is chosen to maximise ``T_c`` (see :func:`fulde_ferrell_line`).  Above
    ``T* = 0.56 T_c0`` the optimum is ``q = 0`` and the line coincides with
    :class:`~reentrant.mechanisms.pauli.PauliLimit`; below it ``q > 0`` and ``h_c(T)`` keeps
    rising, to ``h_c(0) = Delta_0 = 1.764 k_B T_c0`` in 2D.  ``T_c`` below ``0.02 T_c0`` comes
    from monotone cubic interpolation towards ``(h, T) = (Delta_0, 0)``.

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    g_factor
        Effective g-factor (>= 0).
    fermi_velocity_m_s
        Fermi velocity in m/s (> 0), optional: only used to express ``q`` in nm^-1.
    """

    tc0_k: float
    g_factor: float = 2.0
    fermi_velocity_m_s: float | None = None

    name: ClassVar[str] = "fulde-ferrell"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        non_negative("g_factor", self.g_factor)
        if self.fermi_velocity_m_s is not None:
            positive("fermi_velocity_m_s", self.fermi_velocity_m_s)

    def reduced_zeeman(self, field_t: ArrayLike) -> np.ndarray:
        """Zeeman energy ``(g/2) mu_B |B|`` in units of ``k_B T_c0``."""
        field = finite_array("field_t", field_t)
        return np.abs(zeeman_mev(field, self.g_factor)) / (K_B_MEV_PER_K * self.tc0_k)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        h = self.reduced_zeeman(field_t)
        t_of_h2, _ = _line_interpolators()
        t = np.where(h < BCS_GAP_RATIO, t_of_h2(np.minimum(h, BCS_GAP_RATIO) ** 2), 0.0)
        return self.tc0_k * np.clip(t, 0.0, 1.0)

    def optimal_q(self, field_t: ArrayLike) -> np.ndarray:
        """Optimal pair momentum at ``T_c(B)``: in nm^-1 if a Fermi velocity is set, else in 2h/v_F.

        In units of ``2h / (hbar v_F)`` the value is ``r_opt`` of :func:`fulde_ferrell_line`
        (0 for the uniform state, -> 1 as ``T_c -> 0``; below ``T_c = 0.02 T_c0`` the value at
        ``0.02 T_c0`` is used); NaN where ``T_c = 0``.
        """
        tc = self.tc(field_t)
        _, r_of_t = _line_interpolators()
        t = tc / self.tc0_k
        r = np.where(t > 0, np.clip(r_of_t(np.clip(t, _T_LOW, 1.0)), 0.0, None), np.nan)
        if self.fermi_velocity_m_s is None:
            return r
        h_joule = zeeman_mev(finite_array("field_t", field_t), self.g_factor) * 1e-3 * sc.e
        return np.abs(2 * r * h_joule / (sc.hbar * self.fermi_velocity_m_s)) * 1e-9
