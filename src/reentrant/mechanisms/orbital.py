"""Orbital pair breaking of an in-plane field in a thin dirty film (Abrikosov-Gor'kov form)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.constants as sc
from numpy.typing import ArrayLike

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pair_breaking import largest_root, tc_residual
from reentrant.units import BCS_GAP_RATIO, K_B_MEV_PER_K, zeeman_mev
from reentrant.validate import finite_array, non_negative, positive

_CM2_TO_M2 = 1e-4
_NM_TO_M = 1e-9


def orbital_pair_breaking_mev(
    field_t: ArrayLike, thickness_nm: float, diffusion_cm2_s: float
) -> np.ndarray:
    r"""Pair-breaking energy of a parallel field in a thin dirty film, in meV.

    .. math::

        \alpha = \frac{D e^2 d^2 B^2}{6\hbar}

    Derivation (the film entry of the pair-breaking table in Maki, in *Superconductivity*, ed.
    Parks (1969); Tinkham, *Introduction to Superconductivity*, 2nd ed. (1996), Ch. 10): in the
    dirty limit the linearised Usadel equation for a pair amplitude of momentum ``Q`` reads
    ``ln(T_c0/T) = psi(1/2 + hbar D Q^2 / (4 pi k_B T)) - psi(1/2)``, i.e. an AG energy
    ``alpha = hbar D <Q^2> / 2``.  For a field ``B`` parallel to a film ``|z| < d/2`` in the gauge
    ``A = B z x`` (zero mean over the thickness, the optimal one for ``d << xi``) the pair momentum
    is ``Q = 2 e A / hbar``, so ``<Q^2> = (2 e B / hbar)^2 <z^2> = (2 e B / hbar)^2 d^2 / 12``.

    Parameters
    ----------
    field_t
        In-plane field in T.
    thickness_nm
        Film (conducting layer) thickness ``d`` in nm (> 0), assumed ``<< xi``.
    diffusion_cm2_s
        Electron diffusion constant ``D`` in cm^2/s (> 0).

    Returns
    -------
    numpy.ndarray
        ``alpha`` in meV.
    """
    field = finite_array("field_t", field_t)
    d = positive("thickness_nm", thickness_nm) * _NM_TO_M
    diffusion = positive("diffusion_cm2_s", diffusion_cm2_s) * _CM2_TO_M2
    alpha_j = diffusion * sc.e**2 * d**2 * field**2 / (6 * sc.hbar)
    return alpha_j / sc.e * 1e3


@dataclass(frozen=True)
class OrbitalPairBreaking(Mechanism):
    r"""Abrikosov-Gor'kov orbital pair breaking in parallel field, optionally with Zeeman.

    With ``alpha = (Delta_0 / 2) (B / B_orb)^2`` (the film form
    :func:`orbital_pair_breaking_mev`, parametrised by the field ``B_orb`` at which it alone
    destroys superconductivity at ``T = 0``) and ``h = (g/2) mu_B B``, ``T_c`` solves
    (Fulde, Adv. Phys. 22, 667 (1973); Klemm, Luther & Beasley, PRB 12, 877 (1975))

    .. math::

        \ln\frac{T_{c0}}{T} = \operatorname{Re}\,\psi\!\left(\frac12
            + \frac{\alpha + i h}{2\pi k_B T}\right) - \psi\!\left(\frac12\right).

    For ``g = 0`` (pure orbital) ``T_c`` vanishes exactly at the AG critical pair breaking
    ``alpha = Delta_0 / 2`` (Abrikosov & Gor'kov 1961), i.e. at ``B = B_orb``.  The largest
    root in ``T`` is returned, as for :class:`~reentrant.mechanisms.pauli.PauliLimit`.

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    orbital_field_t
        ``B_orb`` in T (> 0): ``alpha(B_orb) = Delta_0 / 2``.
    g_factor
        Effective g-factor for the Zeeman term (>= 0; default 0: orbital only).
    """

    tc0_k: float
    orbital_field_t: float
    g_factor: float = 0.0

    name: ClassVar[str] = "orbital"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        positive("orbital_field_t", self.orbital_field_t)
        non_negative("g_factor", self.g_factor)

    @classmethod
    def from_film(
        cls, tc0_k: float, thickness_nm: float, diffusion_cm2_s: float, g_factor: float = 0.0
    ) -> OrbitalPairBreaking:
        """Build from film thickness (nm) and diffusion constant (cm^2/s).

        ``B_orb = sqrt(3 hbar Delta_0 / (D e^2 d^2))`` solves
        ``D e^2 d^2 B^2 / (6 hbar) = Delta_0 / 2`` with ``Delta_0 = 1.764 k_B T_c0``.
        """
        alpha_at_1t = float(orbital_pair_breaking_mev(1.0, thickness_nm, diffusion_cm2_s))
        delta0 = BCS_GAP_RATIO * K_B_MEV_PER_K * positive("tc0_k", tc0_k)
        return cls(tc0_k, math.sqrt(0.5 * delta0 / alpha_at_1t), g_factor)

    def reduced_energies(self, field_t: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """``(alpha, h)`` in units of ``k_B T_c0`` at field(s) ``field_t`` in T."""
        field = finite_array("field_t", field_t)
        alpha = 0.5 * BCS_GAP_RATIO * (field / self.orbital_field_t) ** 2
        h = zeeman_mev(field, self.g_factor) / (K_B_MEV_PER_K * self.tc0_k)
        return alpha, h

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        alpha, h = self.reduced_energies(field_t)
        a = alpha.reshape(-1, 1)
        hh = h.reshape(-1, 1)
        t = largest_root(lambda tt: tc_residual(tt, a, hh), a.shape[0])
        return self.tc0_k * t.reshape(alpha.shape)
