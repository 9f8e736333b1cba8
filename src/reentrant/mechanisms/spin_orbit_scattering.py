r"""Spin-orbit scattering in a thin film in a parallel field (Klemm-Luther-Beasley / WHH).

Elastic scattering with random spin-orbit potentials (rate ``1/tau_so``) randomises the
electron spin between Zeeman precessions, so the Zeeman energy no longer splits singlet pairs
coherently: the in-plane critical field exceeds the Clogston-Chandrasekhar limit by
``~ sqrt(lambda_so)``.  This is the standard reading of Pauli-limit violation in thin films
(Werthamer, Helfand & Hohenberg, Phys. Rev. 147, 295 (1966); Klemm, Luther & Beasley, PRB 12,
877 (1975)) and at KTaO3 interfaces, where the enhancement of the in-plane critical field is
attributed to a thin layer and spin-orbit scattering (Filippozzi et al., arXiv:2411.05668,
(111) LaAlO3/KTaO3; spin-orbit scattering is also among the candidates of Poage et al.,
arXiv:2502.13264, for KTaO3 (110)).

Derivation (dirty limit, linearised Usadel equation; Fulde, Adv. Phys. 22, 667 (1973)).
Energies in units of ``k_B T_c0``, ``t = T/T_c0``, ``w_n = 2 pi t (n + 1/2)``.  In a field
along ``z`` the Zeeman energy ``h = (g/2) mu_B B`` couples the singlet pair amplitude ``F_s`` to
the ``m = 0`` triplet ``F_t``; spin-orbit scattering relaxes ``F_t`` at the rate
``Gamma = 2 hbar / (3 tau_so)`` (it leaves ``F_s`` alone; this fixes the convention of
``tau_so``, the one of the WHH fits ``lambda_so = 2 hbar / (3 pi k_B T_c0 tau_so)`` -- other
definitions of ``tau_so`` differ by factors of 2), and an Abrikosov-Gor'kov energy ``alpha``
(orbital, magnetic impurities) relaxes both:

.. math::

    (w_n + \alpha) F_s + i h F_t = \Delta, \qquad (w_n + \alpha + \Gamma) F_t + i h F_s = 0.

Eliminating ``F_t`` and inserting ``F_s`` in the gap equation
``ln(1/t) = 2 pi t sum_n [1/w_n - F_s/Delta]`` gives the Matsubara form

.. math::

    \ln\frac1t = 2\pi t\sum_{n\ge0}\left[\frac1{w_n}
        - \frac{w_n + \alpha + \Gamma}{(w_n + \alpha)(w_n + \alpha + \Gamma) + h^2}\right].

The denominator has the roots ``w_n + alpha + Gamma/2 = +- i s``, ``s = sqrt(h^2 -
Gamma^2/4)``; partial fractions and ``2 pi t sum_n [1/w_n - 1/(w_n + z)] = psi(1/2 +
z/(2 pi t)) - psi(1/2)`` give the digamma form (the form of WHH, with their
``lambda_so = Gamma / (pi k_B T_c0)``, their ``alpha h -> h / (pi k_B T_c0)`` and the film's
orbital term ``alpha`` in place of their bulk one)

.. math::

    \ln\frac1t = \left(\frac12 + \frac{i\Gamma}{4s}\right)
        \psi\!\left(\frac12 + \frac{\alpha + \Gamma/2 + i s}{2\pi t}\right)
        + \left(\frac12 - \frac{i\Gamma}{4s}\right)
        \psi\!\left(\frac12 + \frac{\alpha + \Gamma/2 - i s}{2\pi t}\right) - \psi(\tfrac12).

Limits: ``Gamma = 0`` is the Pauli (Sarma) line with AG term, ``Re psi(1/2 + (alpha +
ih)/(2 pi t))``; for ``Gamma >> h, 2 pi t`` the kernel tends to ``1/(w_n + alpha + h^2/Gamma)``,
i.e. Abrikosov-Gor'kov pair breaking with

.. math::

    \alpha_Z = \frac{h^2}{\Gamma} = \frac{3\tau_{so}}{2\hbar}\left(\frac g2\mu_B B\right)^2,

so at ``T = 0`` (``alpha_Z = Delta_0 / 2``) and without orbital term
``h_c = sqrt(Gamma Delta_0 / 2)``: ``B_c(0) = e^{gamma_E/2} sqrt(lambda_so) B_P = 1.33
sqrt(lambda_so) B_P`` with ``B_P`` the Clogston field (Klemm, Luther & Beasley 1975).

Orbital term of a film of thickness ``d << xi`` in a parallel field (Maki; Tinkham Ch. 10;
:func:`~reentrant.mechanisms.orbital.orbital_pair_breaking_mev`):
``alpha_orb = D e^2 d^2 B^2 / (6 hbar) = (Delta_0/2)(B/B_orb)^2``.  The Maki parameter of the
film is ``alpha_M = sqrt(2) B_orb / B_P``, the ratio of the orbital to the paramagnetic
critical fields.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.constants as sc
from numpy.typing import ArrayLike
from scipy.special import digamma, polygamma

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.orbital import OrbitalPairBreaking
from reentrant.mechanisms.pair_breaking import PSI_HALF, largest_root
from reentrant.mechanisms.pauli import clogston_field
from reentrant.units import BCS_GAP_RATIO, K_B_MEV_PER_K, zeeman_mev
from reentrant.validate import finite_array, non_negative, positive

#: ``hbar`` in meV ps: ``tau_so = HBAR_MEV_PS / so_energy``.
HBAR_MEV_PS: float = sc.hbar / sc.e * 1e3 * 1e12

#: Below this ``|s / (2 pi t)|`` the digamma form is replaced by its Taylor series in ``s^2``.
_TAYLOR_BELOW = 1e-3


def spin_orbit_pair_breaking(
    t: ArrayLike, alpha: ArrayLike, h: ArrayLike, gamma: ArrayLike
) -> np.ndarray:
    r"""Pair-breaking term of Zeeman energy with spin-orbit scattering (digamma form, module doc).

    Parameters
    ----------
    t
        Reduced temperature ``T / T_c0`` (> 0).
    alpha
        Abrikosov-Gor'kov pair-breaking energy in ``k_B T_c0`` (>= 0).
    h
        Zeeman energy ``(g/2) mu_B B`` in ``k_B T_c0``; only ``|h|`` matters.
    gamma
        Triplet relaxation energy ``Gamma = 2 hbar / (3 tau_so)`` in ``k_B T_c0`` (>= 0).

    Returns
    -------
    numpy.ndarray
        The broadcast right-hand side, equal to ``ln(1/t)`` on the transition line; >= 0.

    Notes
    -----
    Three numerically stable forms of the same expression, with ``x = 2 pi t``,
    ``a = alpha + Gamma/2`` and ``s^2 = h^2 - Gamma^2/4``:

    * ``s^2 > 0``: ``Re psi(z) - (Gamma/2s) Im psi(z) - psi(1/2)``, ``z = 1/2 + (a + is)/x``;
    * ``s^2 < 0``, ``kappa = sqrt(-s^2)``: two real digammas with the small root written as
      ``alpha + h^2/(Gamma/2 + kappa)`` and weights ``1/2 + Gamma/(4 kappa)`` and
      ``-h^2/(kappa (Gamma + 2 kappa))`` (no cancellation for ``Gamma >> h``);
    * ``|s|/x < 1e-3``: the Taylor series
      ``psi(z0) - (u/2) psi''(z0) - (Gamma/2x)[psi'(z0) - (u/6) psi'''(z0)] - psi(1/2)``,
      ``z0 = 1/2 + a/x``, ``u = s^2/x^2``, with truncation error ``O(u^2) < 1e-12``.
    """
    t, alpha, h, gamma = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (t, alpha, h, gamma))
    )
    x = 2 * np.pi * t
    s2 = h * h - 0.25 * gamma * gamma
    u = s2 / (x * x)
    taylor = np.abs(u) < _TAYLOR_BELOW**2
    out = np.empty(x.shape)
    for form, where in (
        (_oscillating, ~taylor & (s2 > 0)),
        (_decaying, ~taylor & (s2 <= 0)),
        (_series, taylor),
    ):
        if np.any(where):
            out[where] = form(x[where], alpha[where], h[where], gamma[where], s2[where])
    return out


def _oscillating(x, alpha, h, gamma, s2):
    """``s^2 > 0``: one complex digamma (see :func:`spin_orbit_pair_breaking`)."""
    s = np.sqrt(s2)
    psi = digamma(0.5 + (alpha + 0.5 * gamma + 1j * s) / x)
    return psi.real - 0.5 * gamma / s * psi.imag - PSI_HALF


def _decaying(x, alpha, h, gamma, s2):
    """``s^2 < 0``: two real digammas, the small root free of cancellation."""
    kappa = np.sqrt(-s2)
    small = digamma(0.5 + (alpha + h * h / (0.5 * gamma + kappa)) / x) - PSI_HALF
    large = digamma(0.5 + (alpha + 0.5 * gamma + kappa) / x) - PSI_HALF
    return (0.5 + 0.25 * gamma / kappa) * small - h * h / (kappa * (gamma + 2 * kappa)) * large


def _series(x, alpha, h, gamma, s2):
    """``|s| / x < 1e-3``: Taylor series in ``u = s^2 / x^2`` to first order."""
    z0 = 0.5 + (alpha + 0.5 * gamma) / x
    u = s2 / (x * x)
    return (
        digamma(z0)
        - 0.5 * u * polygamma(2, z0)
        - 0.5 * gamma / x * (polygamma(1, z0) - u / 6 * polygamma(3, z0))
        - PSI_HALF
    )


@dataclass(frozen=True)
class SpinOrbitScattering(Mechanism):
    r"""T_c(B) of a thin dirty film in a parallel field with spin-orbit scattering (KLB/WHH).

    ``T_c`` is the largest root of the equation of the module docstring with
    ``h = (g/2) mu_B B``, ``Gamma = (2/3) hbar/tau_so`` and the film's orbital term
    ``alpha = (Delta_0/2)(B/B_orb)^2`` (none if ``orbital_field_t`` is None).  Everything is
    even in ``B``.

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    so_energy_mev
        Spin-orbit scattering energy ``hbar / tau_so`` in meV (>= 0; 0 gives the Pauli line);
        ``lambda_so = 2 hbar / (3 pi k_B T_c0 tau_so)``.
    g_factor
        g-factor of the conduction electrons (>= 0).
    orbital_field_t
        ``B_orb`` in T (> 0) of the film's orbital pair breaking, or None for none
        (:meth:`from_film` builds it from thickness and diffusion constant).
    """

    tc0_k: float
    so_energy_mev: float
    g_factor: float = 2.0
    orbital_field_t: float | None = None

    name: ClassVar[str] = "spin-orbit-scattering"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        non_negative("so_energy_mev", self.so_energy_mev)
        non_negative("g_factor", self.g_factor)
        if self.orbital_field_t is not None:
            positive("orbital_field_t", self.orbital_field_t)

    @classmethod
    def from_film(
        cls,
        tc0_k: float,
        so_energy_mev: float,
        thickness_nm: float,
        diffusion_cm2_s: float,
        g_factor: float = 2.0,
    ) -> SpinOrbitScattering:
        """Build with the orbital term of a film: thickness (nm), diffusion constant (cm^2/s)."""
        orbital = OrbitalPairBreaking.from_film(tc0_k, thickness_nm, diffusion_cm2_s)
        return cls(tc0_k, so_energy_mev, g_factor, orbital.orbital_field_t)

    @classmethod
    def from_whh(
        cls,
        tc0_k: float,
        lambda_so: float,
        maki_parameter: float | None = None,
        g_factor: float = 2.0,
    ) -> SpinOrbitScattering:
        """Build from the WHH ``lambda_so`` and the film's Maki parameter (None: no orbital)."""
        so_energy = 1.5 * math.pi * K_B_MEV_PER_K * positive("tc0_k", tc0_k)
        so_energy *= non_negative("lambda_so", lambda_so)
        orbital = None
        if maki_parameter is not None:
            b_p = clogston_field(tc0_k, positive("g_factor", g_factor))
            orbital = positive("maki_parameter", maki_parameter) * b_p / math.sqrt(2.0)
        return cls(tc0_k, so_energy, g_factor, orbital)

    @property
    def lambda_so(self) -> float:
        """WHH spin-orbit parameter ``lambda_so = 2 hbar / (3 pi k_B T_c0 tau_so)``."""
        return 2 * self.so_energy_mev / (3 * math.pi * K_B_MEV_PER_K * self.tc0_k)

    @property
    def tau_so_ps(self) -> float:
        """Spin-orbit scattering time in ps (inf without spin-orbit scattering)."""
        return HBAR_MEV_PS / self.so_energy_mev if self.so_energy_mev > 0 else math.inf

    @property
    def maki_parameter(self) -> float:
        """Film Maki parameter ``sqrt(2) B_orb / B_P`` (inf without orbital term or Zeeman)."""
        if self.orbital_field_t is None or self.g_factor == 0:
            return math.inf
        return math.sqrt(2.0) * self.orbital_field_t / clogston_field(self.tc0_k, self.g_factor)

    def derived_parameters(self) -> dict[str, float]:
        """``lambda_so``, ``tau_so_ps`` and, with an orbital term, ``maki_parameter``."""
        out = {"lambda_so": self.lambda_so, "tau_so_ps": self.tau_so_ps}
        if self.orbital_field_t is not None and self.g_factor > 0:
            out["maki_parameter"] = self.maki_parameter
        return out

    def reduced_energies(self, field_t: ArrayLike) -> tuple[np.ndarray, np.ndarray, float]:
        """``(alpha_orb, h, Gamma)`` in units of ``k_B T_c0`` at field(s) ``field_t`` in T."""
        field = finite_array("field_t", field_t)
        kt0 = K_B_MEV_PER_K * self.tc0_k
        alpha = np.zeros_like(field)
        if self.orbital_field_t is not None:
            alpha = 0.5 * BCS_GAP_RATIO * (field / self.orbital_field_t) ** 2
        h = np.abs(zeeman_mev(field, self.g_factor)) / kt0
        return alpha, h, 2 * self.so_energy_mev / (3 * kt0)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        return self.tc_with_pair_breaking(field_t)

    def tc_with_pair_breaking(
        self,
        field_t: ArrayLike,
        extra: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    ) -> np.ndarray:
        """T_c in K with an extra Abrikosov-Gor'kov energy ``extra(B, T)`` in meV added to alpha.

        ``extra`` takes fields in T and temperatures in K (broadcast) and may depend on ``T``:
        the largest root of the residual in ``T`` is the self-consistent ``T_c``.
        """
        field = finite_array("field_t", field_t)
        alpha, h, gamma = self.reduced_energies(field)
        b = field.reshape(-1, 1)
        a = alpha.reshape(-1, 1)
        hh = h.reshape(-1, 1)
        kt0 = K_B_MEV_PER_K * self.tc0_k

        def residual(t: np.ndarray) -> np.ndarray:
            total = a if extra is None else a + extra(b, t * self.tc0_k) / kt0
            return np.log(t) + spin_orbit_pair_breaking(t, total, hh, gamma)

        return self.tc0_k * largest_root(residual, b.shape[0]).reshape(field.shape)
