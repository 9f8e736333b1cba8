"""Pauli (Zeeman) limit of a uniform weak-coupling BCS superconductor and the Clogston field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pair_breaking import largest_root, tc_residual
from reentrant.units import BCS_GAP_RATIO, K_B_MEV_PER_K, MU_B_MEV_PER_T, zeeman_mev
from reentrant.validate import finite_array, non_negative, positive


def clogston_field(tc_k: float, g: float = 2.0) -> float:
    r"""Clogston-Chandrasekhar paramagnetic limit in tesla.

    .. math::

        B_P = \frac{\Delta_0}{\sqrt{2}\,(g/2)\,\mu_B}, \qquad
        \Delta_0 = \pi e^{-\gamma_E} k_B T_c \approx 1.764\,k_B T_c

    (Clogston, PRL 9, 266 (1962); Chandrasekhar, APL 1, 7 (1962)): the field where the
    condensation energy ``N_0 Delta_0^2 / 2`` equals the Pauli spin energy ``N_0 h^2`` of the
    normal state, with ``h = (g/2) mu_B B``.  For ``g = 2`` this is ``B_P = 1.86 T/K x T_c``,
    the value quoted by the paper (text above its Ref. [26, 27]).

    Parameters
    ----------
    tc_k
        Zero-field transition temperature in K (> 0).
    g
        Effective g-factor of the conduction electrons (> 0).

    Returns
    -------
    float
        The paramagnetic limit in T.
    """
    tc_k = positive("tc_k", tc_k)
    g = positive("g", g)
    delta0_mev = BCS_GAP_RATIO * K_B_MEV_PER_K * tc_k
    return delta0_mev / (math.sqrt(2.0) * 0.5 * g * MU_B_MEV_PER_T)


@dataclass(frozen=True)
class PauliLimit(Mechanism):
    r"""Uniform (q = 0) Pauli-limited second-order line of a weak-coupling BCS superconductor.

    With ``t = T_c / T_c0`` and ``h = (g/2) mu_B B`` the transition line solves (Sarma 1963;
    Maki & Tsuneto, Prog. Theor. Phys. 31, 945 (1964))

    .. math::

        \ln\frac{T_{c0}}{T} = \operatorname{Re}\,\psi\!\left(\frac12
            + \frac{i h}{2\pi k_B T}\right) - \psi\!\left(\frac12\right).

    Orbital effects are neglected (a field in the plane of an atomically thin layer).

    The solution ``h(T)`` of this linearised equation is not monotonic: it rises from 0 at
    ``T_c0`` to a maximum ``h* = 0.615 Delta_0`` at ``T = 0.48 T_c0`` and bends back to
    ``h = Delta_0 / 2`` at ``T = 0``, so for ``Delta_0/2 < h < h*`` it has two roots in ``T``.
    :meth:`tc` returns the *largest* root, where the normal state first becomes unstable on
    cooling, and 0 beyond ``h*``.  Below ``T* = 0.56 T_c0`` (the tricritical and Lifshitz point)
    this line is no longer the physical transition: it is first order (Sarma) or into a
    finite-momentum state (see :class:`~reentrant.mechanisms.fulde_ferrell.FuldeFerrell`).

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    g_factor
        Effective g-factor of the conduction electrons (>= 0; 0 disables the field).
    """

    tc0_k: float
    g_factor: float = 2.0

    name: ClassVar[str] = "pauli"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        non_negative("g_factor", self.g_factor)

    def reduced_zeeman(self, field_t: ArrayLike) -> np.ndarray:
        """Zeeman energy ``(g/2) mu_B B`` in units of ``k_B T_c0`` (dimensionless)."""
        field = finite_array("field_t", field_t)
        return zeeman_mev(field, self.g_factor) / (K_B_MEV_PER_K * self.tc0_k)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        h = self.reduced_zeeman(field_t)
        flat = np.abs(h).reshape(-1, 1)
        t = largest_root(lambda tt: tc_residual(tt, 0.0, flat), flat.shape[0])
        return self.tc0_k * t.reshape(h.shape)
