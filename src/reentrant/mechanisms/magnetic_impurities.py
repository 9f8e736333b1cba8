r"""Magnetic impurities polarised by a parallel field: field-enhanced T_c (Kharitonov-Feigel'man).

Kharitonov & Feigel'man (JETP Lett. 82, 421 (2005)) showed that in a very thin, highly
disordered film with strong spin-orbit scattering a parallel field can *raise* T_c: it
polarises the spins of magnetic impurities, which reduces the electrons' full exchange
scattering rate, while the field's own pair breaking is weak (a thin film has a small orbital
term, and spin-orbit scattering turns the Zeeman energy into the weak pair breaking
``h^2/Gamma``); for some impurity concentrations T_c is zero at B = 0 and non-zero only in a
window ``B* <= B <= B_c`` (field-induced superconductivity).  The largest effect is for
``S = 1/2``.

Model and derivation (Abrikosov-Gor'kov theory with polarised impurities).  Impurities of spin
``S`` at random positions couple to the electrons by ``J S . sigma`` and sit in the field with
their own Zeeman splitting ``omega_s = g_i mu_B B``, in thermal equilibrium at the temperature
``T`` (no impurity-impurity interaction, no Kondo renormalisation).  In Born approximation the
disorder average of ``J S_z sigma_z`` over random positions gives elastic scattering with weight
``<S_z^2>`` (the average ``<S_z>`` itself is a uniform exchange field, neglected here; see
:class:`~reentrant.mechanisms.jaccarino_peter.JaccarinoPeter` for its effect), and the
spin-flip part ``J (S_+ sigma_- + S_- sigma_+)`` transfers ``+- omega_s``.  The golden-rule rate
(out- plus in-scattering) of an electron at the Fermi level, averaged over its spin, is with
``A_+- = <S_-+ S_+->``, ``A_- = e^{x} A_+``, ``A_- - A_+ = 2 <S_z>`` and
``f(omega_s) = 1/(e^x + 1)``, ``x = omega_s / k_B T``:

.. math::

    A_+ [1 - f(\omega_s)] + A_- f(\omega_s) = \frac{2\langle S_z\rangle}{\sinh x},

which is ``<S_x^2 + S_y^2>`` for ``x -> 0`` and vanishes for ``x -> infinity``.  With the
free-spin identity ``<S_x^2 + S_y^2> = <S_z> coth(x/2)`` the total weight is

.. math::

    F(B, T) = \langle S_z^2\rangle + \frac{2\langle S_z\rangle}{\sinh x}
            = S(S+1) - \langle S_z\rangle \tanh\frac{x}{2},
    \qquad \langle S_z\rangle = S\,B_S\!\left(\frac{g_i\mu_B S B}{k_B T}\right)

(``B_S`` the Brillouin function), so the Abrikosov-Gor'kov pair-breaking energy of the impurities
is

.. math::

    \alpha_s(B, T) = \alpha_s(0)\,\frac{F(B, T)}{S(S+1)},

from ``alpha_s(0)`` (unpolarised, B = 0) down to ``alpha_s(0) S/(S+1)`` for fully polarised
spins, where only the non-flip part ``<S_z^2> = S^2`` is left (a factor 1/3 for ``S = 1/2``:
hence the largest effect).  Approximation: the energy transfer ``omega_s`` is kept in the
occupation factors but not in the Cooper-pair propagator (quasi-elastic; exact for
``omega_s << 2 pi k_B T``); for small fields ``F/S(S+1) = 1 - x^2/6 + O(x^4)`` for every ``S``.
The magnetic scattering's extra relaxation of the triplet pair amplitude is neglected against the
spin-orbit one (the strong spin-orbit regime of the cited paper).

``T_c`` solves the equation of
:mod:`~reentrant.mechanisms.spin_orbit_scattering` with ``alpha = alpha_orb(B) + alpha_s(B, T)``:

.. math::

    \ln\frac{T_{c0}}{T} = 2\pi k_B T\sum_{n\ge0}\left[\frac1{w_n}
        - \frac{w_n + \alpha + \Gamma}{(w_n + \alpha)(w_n + \alpha + \Gamma) + h^2}\right]

(digamma form in :func:`~reentrant.mechanisms.spin_orbit_scattering.spin_orbit_pair_breaking`).
``alpha_s`` depends on ``T`` through the polarisation, so ``T_c`` is a self-consistent root:
the residual is scanned over temperature and the largest sign change refined by bisection
(:func:`~reentrant.mechanisms.pair_breaking.largest_root`).  At ``B = 0`` this is the
Abrikosov-Gor'kov suppression ``ln(T_c0/T_c) = psi(1/2 + alpha_s(0)/(2 pi k_B T_c)) -
psi(1/2)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.jaccarino_peter import brillouin
from reentrant.mechanisms.spin_orbit_scattering import SpinOrbitScattering
from reentrant.units import K_B_MEV_PER_K, MU_B_MEV_PER_T
from reentrant.validate import finite_array, non_negative, positive


def exchange_scattering_weight(spin: float, x: ArrayLike) -> np.ndarray:
    r"""``F / S(S+1) = 1 - <S_z> tanh(x/2) / S(S+1)``: polarised over unpolarised exchange rate.

    Parameters
    ----------
    spin
        Impurity spin ``S`` (> 0).
    x
        ``g_i mu_B B / (k_B T)``, the impurity Zeeman splitting over temperature.

    Returns
    -------
    numpy.ndarray
        Between ``S/(S+1)`` (fully polarised) and 1 (``x = 0``); even in ``x``.
    """
    x = np.abs(np.asarray(x, dtype=float))
    s_z = spin * brillouin(spin, spin * x)
    return np.maximum(1.0 - s_z * np.tanh(0.5 * x) / (spin * (spin + 1)), spin / (spin + 1))


@dataclass(frozen=True)
class MagneticImpurities(Mechanism):
    r"""T_c(B) of a thin film with magnetic impurities that a parallel field polarises (KF 2005).

    See the module docstring for the model, the derivation of the pair-breaking energy
    ``alpha_s(B, T)`` and its approximations.  The film's own pair breaking is that of
    :class:`~reentrant.mechanisms.spin_orbit_scattering.SpinOrbitScattering` (Zeeman energy
    with spin-orbit scattering, optional orbital term); ``impurity_pair_breaking_mev = 0`` gives
    exactly that clean line.

    Parameters
    ----------
    tc0_k
        Transition temperature in K without impurities and field (> 0).
    impurity_pair_breaking_mev
        ``alpha_s(0)`` in meV (>= 0): the Abrikosov-Gor'kov pair-breaking energy of the
        unpolarised impurities, proportional to their concentration; ``T_c(0) = 0`` for
        ``alpha_s(0) >= Delta_0 / 2``.
    spin
        Impurity spin ``S`` (> 0).
    impurity_g_factor
        g-factor ``g_i`` of the impurity spins (> 0).
    so_energy_mev, g_factor, orbital_field_t
        The electrons' spin-orbit scattering energy ``hbar/tau_so`` (meV), g-factor and orbital
        field ``B_orb`` (T, or None), as in
        :class:`~reentrant.mechanisms.spin_orbit_scattering.SpinOrbitScattering`.
    """

    tc0_k: float
    impurity_pair_breaking_mev: float
    spin: float = 0.5
    impurity_g_factor: float = 2.0
    so_energy_mev: float = 0.0
    g_factor: float = 2.0
    orbital_field_t: float | None = None

    name: ClassVar[str] = "magnetic-impurities"

    def __post_init__(self) -> None:
        non_negative("impurity_pair_breaking_mev", self.impurity_pair_breaking_mev)
        positive("spin", self.spin)
        positive("impurity_g_factor", self.impurity_g_factor)
        self.film()

    def film(self) -> SpinOrbitScattering:
        """The impurity-free film: Zeeman with spin-orbit scattering and orbital term."""
        return SpinOrbitScattering(
            self.tc0_k, self.so_energy_mev, self.g_factor, self.orbital_field_t
        )

    def impurity_pair_breaking(self, field_t: ArrayLike, temperature_k: ArrayLike) -> np.ndarray:
        """``alpha_s(B, T)`` in meV for field(s) in T and temperature(s) in K (broadcast)."""
        field = finite_array("field_t", field_t)
        temperature = finite_array("temperature_k", temperature_k)
        x = self.impurity_g_factor * MU_B_MEV_PER_T * field / (K_B_MEV_PER_K * temperature)
        return self.impurity_pair_breaking_mev * exchange_scattering_weight(self.spin, x)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        return self.film().tc_with_pair_breaking(field_t, self.impurity_pair_breaking)
