r"""Physics estimates from extracted T_c and critical fields.

All constants come from :mod:`scipy.constants` via :mod:`reentrant.units`.

Clogston-Chandrasekhar limit (A. M. Clogston, PRL 9, 266 (1962); B. S. Chandrasekhar, APL 1, 7
(1962)): the normal state wins when the Zeeman energy h of the spins reaches
:math:`\Delta_0/\sqrt{2}`.  With :math:`h = (g/2)\mu_B B` (the package's convention) and the BCS
gap :math:`\Delta_0 = 1.764\,k_B T_c`,

.. math::  B_P = \frac{\sqrt{2}\,\Delta_0}{g\,\mu_B}
           \quad(= \Delta_0/(\sqrt{2}\mu_B) \approx 1.86\ \mathrm{T/K}\times T_c \text{ for } g=2),

the value quoted in the paper (B_P = 1.86 x T_c).

Ginzburg-Landau coherence length from the perpendicular upper critical field (M. Tinkham,
*Introduction to Superconductivity*, 2nd ed., Sec. 4.8: :math:`B_{c2} = \Phi_0/(2\pi\xi^2)`,
with :math:`\xi(T) = \xi(0)(1 - T/T_c)^{-1/2}`):

.. math::  B_{c2\perp}(T) = \frac{\Phi_0}{2\pi\xi(0)^2}\Big(1 - \frac{T}{T_c}\Big)
           \;\Rightarrow\; \xi(0) = \sqrt{\frac{\Phi_0}{2\pi T_c\,|dB_{c2\perp}/dT|_{T_c}}}.

Flux-penetration width (the paper, discussion of Fig. 2d): a vortex fits across the conducting
layer when :math:`B_\parallel \xi w \simeq \Phi_0`, so :math:`w = \Phi_0/(B_\parallel \xi)`
(the paper finds w of about 45 nm for the 0.9 T peak).

Thin-film thickness from the parallel critical field (Tinkham, Sec. 4.8.3, thin film of
thickness :math:`d \ll \xi` in a parallel field; Saito, Nojima & Iwasa, Nat. Rev. Mater. 2,
16094 (2017)):

.. math::  B_{c2\parallel} = \frac{\sqrt{12}\,\Phi_0}{2\pi\xi d} = \frac{\sqrt{3}\,\Phi_0}{\pi\xi d}
           \;\Rightarrow\; d = \frac{\sqrt{3}\,\Phi_0}{\pi\,\xi\,B_{c2\parallel}},

with :math:`\xi` and :math:`B_{c2\parallel}` at the same temperature.

Units: T_c in K, fields in T, slopes in T/K, lengths in nm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reentrant.analysis.curves import fit_window
from reentrant.errors import ParameterError
from reentrant.units import BCS_GAP_RATIO, FLUX_QUANTUM_T_M2, K_B_MEV_PER_K, MU_B_MEV_PER_T
from reentrant.validate import positive

_NM_PER_M = 1e9


def _positive_array(name: str, values: ArrayLike) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError(f"{name} must be positive and finite everywhere")
    return arr


def pauli_limit(
    tc_k: ArrayLike, g_factor: float = 2.0, gap_ratio: float = BCS_GAP_RATIO
) -> np.ndarray:
    """Clogston-Chandrasekhar field B_P = sqrt(2) Delta_0 / (g mu_B) in T, Delta_0 = r k_B T_c.

    Parameters
    ----------
    tc_k
        Transition temperature(s) in K.
    g_factor
        Electron g factor (2 for free spins).
    gap_ratio
        Delta_0 / (k_B T_c); weak-coupling BCS 1.764 by default.
    """
    tc = _positive_array("tc_k", tc_k)
    g = positive("g_factor", g_factor)
    delta0_mev = positive("gap_ratio", gap_ratio) * K_B_MEV_PER_K * tc
    return np.sqrt(2.0) * delta0_mev / (g * MU_B_MEV_PER_T)


def gl_coherence_length(slope_t_per_k: ArrayLike, tc_k: ArrayLike) -> np.ndarray:
    """GL coherence length xi(0) = sqrt(Phi0 / (2 pi T_c |dB_c2perp/dT|)) in nm.

    Parameters
    ----------
    slope_t_per_k
        Slope dB_c2perp/dT at T_c (T/K); its sign is ignored.
    tc_k
        Transition temperature (K).
    """
    slope = np.abs(np.asarray(slope_t_per_k, dtype=float))
    _positive_array("slope_t_per_k", slope)
    tc = _positive_array("tc_k", tc_k)
    return np.sqrt(FLUX_QUANTUM_T_M2 / (2 * np.pi * tc * slope)) * _NM_PER_M


def flux_penetration_width(field_t: ArrayLike, xi_nm: ArrayLike) -> np.ndarray:
    """The paper's w = Phi0 / (B_parallel xi) in nm, for B in T and xi in nm."""
    b = _positive_array("field_t", np.abs(np.asarray(field_t, dtype=float)))
    xi = _positive_array("xi_nm", xi_nm) / _NM_PER_M
    return FLUX_QUANTUM_T_M2 / (b * xi) * _NM_PER_M


def tinkham_thickness(bc2_parallel_t: ArrayLike, xi_nm: ArrayLike) -> np.ndarray:
    """Film thickness d = sqrt(3) Phi0 / (pi xi B_c2par) in nm (xi and B_c2par at one T)."""
    b = _positive_array("bc2_parallel_t", bc2_parallel_t)
    xi = _positive_array("xi_nm", xi_nm) / _NM_PER_M
    return np.sqrt(3.0) * FLUX_QUANTUM_T_M2 / (np.pi * xi * b) * _NM_PER_M


@dataclass(frozen=True)
class GLSlope:
    """Linear fit B_c2perp(T) = slope (T - T_c) near T_c: slope in T/K, T_c in K, xi(0) in nm."""

    slope: float
    tc: float
    xi0: float


def gl_slope(
    temperature_k: ArrayLike,
    bc2_t: ArrayLike,
    temperature_range: tuple[float, float] | None = None,
) -> GLSlope:
    """Fit the GL line B_c2perp = slope (T - T_c) to B_c2(T) points and give xi(0).

    Parameters
    ----------
    temperature_k, bc2_t
        Temperatures (K) and perpendicular critical fields (T); NaN points are dropped.
    temperature_range
        ``(T_low, T_high)`` window of the fit (K), e.g. the linear part near T_c.

    Raises
    ------
    ParameterError
        Fewer than two points, or a slope that is not negative.
    """
    t, b = fit_window(
        np.asarray(temperature_k, dtype=float), np.asarray(bc2_t, dtype=float),
        temperature_range, "temperature_range", "GL fit of B_c2", "temperatures",
    )  # fmt: skip
    slope, intercept = np.polyfit(t, b, 1)
    if not slope < 0:
        raise ParameterError(f"B_c2(T) must decrease with T near T_c, got slope {slope:.3g} T/K")
    tc = -intercept / slope
    return GLSlope(slope=float(slope), tc=float(tc), xi0=float(gl_coherence_length(slope, tc)))
