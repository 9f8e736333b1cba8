"""Jaccarino-Peter compensation: paramagnetic local moments whose exchange field opposes Zeeman."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pair_breaking import largest_root, tc_residual
from reentrant.units import BCS_GAP_RATIO, K_B_MEV_PER_K, MU_B_MEV_PER_T, zeeman_mev
from reentrant.validate import finite_array, positive


def langevin(y: ArrayLike) -> np.ndarray:
    """Langevin function ``L(y) = coth(y) - 1/y`` (odd, dimensionless).

    For ``|y| < 0.1`` the Taylor series ``y/3 - y^3/45 + 2y^5/945 - y^7/4725`` (truncation
    error < 1e-12 relative) replaces the difference, which would lose digits to cancellation.
    """
    y = np.asarray(y, dtype=float)
    small = np.abs(y) < 0.1
    safe = np.where(small, 1.0, y)
    y2 = y * y
    series = y * (1 / 3 - y2 * (1 / 45 - y2 * (2 / 945 - y2 / 4725)))
    return np.where(small, series, 1 / np.tanh(safe) - 1 / safe)


def brillouin(spin: float, x: ArrayLike) -> np.ndarray:
    r"""Brillouin function ``B_S(x)`` of a spin ``S`` (dimensionless, in [-1, 1]).

    .. math::

        B_S(x) = \frac{2S+1}{2S}\coth\frac{(2S+1)x}{2S} - \frac{1}{2S}\coth\frac{x}{2S}
               = a L(a x) - b L(b x),\quad a = \frac{2S+1}{2S},\ b = \frac{1}{2S},

    with ``x = g_J mu_B S B / (k_B T)`` (Ashcroft & Mermin, *Solid State Physics* (1976), Ch. 31,
    paramagnetism of ions).  The Langevin form ``L(y) = coth y - 1/y`` removes the
    cancelling ``1/x`` terms, so small ``x`` is accurate: ``B_S(x) ~ (S+1) x / (3S)``.
    """
    a = (2 * spin + 1) / (2 * spin)
    b = 1 / (2 * spin)
    x = np.asarray(x, dtype=float)
    return a * langevin(a * x) - b * langevin(b * x)


@dataclass(frozen=True)
class JaccarinoPeter(Mechanism):
    r"""Field-induced superconductivity by Jaccarino-Peter compensation of an exchange field.

    Paramagnetic local moments of spin ``S`` polarise along ``B`` following a Brillouin function
    and act on the conduction electrons through an exchange field of saturation value ``h_J``
    opposite to the Zeeman field (negative exchange coupling; Jaccarino & Peter, PRL 9, 290
    (1962)).  The total spin field, in energy (coefficient of ``sigma``), is

    .. math::

        h_{tot}(B, T) = \frac{g}{2}\mu_B B - h_J\,B_S\!\left(\frac{g_J\mu_B S B}{k_B T}\right),

    and ``T_c`` solves the Pauli (plus optional orbital AG) pair-breaking equation of
    :mod:`reentrant.mechanisms.pair_breaking` with ``|h_tot|`` (Fischer, Helv. Phys. Acta 45, 331
    (1972); spin-disorder scattering of the moments is neglected):

    .. math::

        \ln\frac{T_{c0}}{T} = \operatorname{Re}\,\psi\!\left(\frac12
            + \frac{\alpha(B) + i\,h_{tot}(B, T)}{2\pi k_B T}\right) - \psi\!\left(\frac12\right),
        \qquad \alpha = \frac{\Delta_0}{2}\left(\frac{B}{B_{orb}}\right)^2.

    The Brillouin argument contains ``T`` itself, so this is an implicit equation in ``T``; it
    is solved by bracketing on a temperature scan and bisection, keeping the largest root
    (:func:`~reentrant.mechanisms.pair_breaking.largest_root`).  Where ``h_tot = 0`` at
    ``T = T_c0`` and there is no orbital term, ``T_c = T_c0`` exactly (compensation).

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    exchange_field_mev
        Saturation exchange field ``h_J`` in meV (> 0), opposing the Zeeman energy.
    spin
        Local-moment spin ``S`` (> 0).
    moment_g_factor
        g-factor ``g_J`` of the local moments (> 0).
    g_factor
        g-factor of the conduction electrons (> 0).
    orbital_field_t
        ``B_orb`` in T of an additional orbital AG term (> 0), or None for none.
    """

    tc0_k: float
    exchange_field_mev: float
    spin: float = 3.5
    moment_g_factor: float = 2.0
    g_factor: float = 2.0
    orbital_field_t: float | None = None

    name: ClassVar[str] = "jaccarino-peter"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        positive("exchange_field_mev", self.exchange_field_mev)
        positive("spin", self.spin)
        positive("moment_g_factor", self.moment_g_factor)
        positive("g_factor", self.g_factor)
        if self.orbital_field_t is not None:
            positive("orbital_field_t", self.orbital_field_t)

    def total_spin_field(self, field_t: ArrayLike, temperature_k: ArrayLike) -> np.ndarray:
        """``h_tot(B, T)`` in meV for field(s) in T and temperature(s) in K (broadcast)."""
        field = finite_array("field_t", field_t)
        temperature = finite_array("temperature_k", temperature_k)
        x = self.moment_g_factor * MU_B_MEV_PER_T * self.spin * field
        x = x / (K_B_MEV_PER_K * temperature)
        return zeeman_mev(field, self.g_factor) - self.exchange_field_mev * brillouin(self.spin, x)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        field = finite_array("field_t", field_t)
        b = field.reshape(-1, 1)
        kt0 = K_B_MEV_PER_K * self.tc0_k
        alpha = np.zeros_like(b)
        if self.orbital_field_t is not None:
            alpha = 0.5 * BCS_GAP_RATIO * (b / self.orbital_field_t) ** 2

        def residual(t: np.ndarray) -> np.ndarray:
            h_tot = self.total_spin_field(b, t * self.tc0_k) / kt0
            return tc_residual(t, alpha, h_tot)

        return self.tc0_k * largest_root(residual, b.shape[0]).reshape(field.shape)
