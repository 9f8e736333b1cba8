"""Spin-independent dispersions eps(k) of a 2D one-orbital band.

Energies and momenta are in the model's own units with hbar = 1 (``E = k^2 / 2m``); physical
models are built by :mod:`reentrant.models.presets` from meV, nm^-1 and masses in m_e through
:func:`reentrant.models.dispersion.mass_from_me`.  The compiled pairing kernel
(:mod:`reentrant.pairing.kernel`) reads the parameters of these classes; nothing here knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2


def mass_from_me(mass_me: float) -> float:
    """Mass in internal units meV^-1 nm^-2 (hbar = 1) for a mass given in units of m_e.

    With ``E = k^2 / (2 m)`` and ``hbar^2/(2 m_e) = 38.1 meV nm^2``:
    ``m = mass_me / (2 * hbar^2/(2 m_e))``.
    """
    return validate.positive("mass", mass_me) / (2.0 * HBAR2_OVER_2ME_MEV_NM2)


@dataclass(frozen=True)
class Parabolic:
    """Isotropic parabolic band ``eps(k) = k^2 / (2 m)`` (band bottom at 0)."""

    mass: float

    def __post_init__(self) -> None:
        validate.positive("mass", self.mass)

    def energy(self, kx: ArrayLike, ky: ArrayLike) -> np.ndarray:
        """eps(k) for arrays of momenta."""
        return (np.asarray(kx) ** 2 + np.asarray(ky) ** 2) / (2.0 * self.mass)


@dataclass(frozen=True)
class Saddle:
    """Extended saddle point of the paper's Eq. (1): ``eps = -p_x^2/(2M) + p_y^2/(2m)``.

    Momenta are measured from the zone-boundary point ``(pi/a_[001], 0)``; the saddle region is
    limited to ``|p_x| < cutoff`` (the momentum cutoff of the effective-mass description).
    Maryenko et al., Eq. (1); ``M >> m`` in the paper.
    """

    mass_heavy: float
    mass_light: float
    cutoff: float

    def __post_init__(self) -> None:
        validate.positive("mass_heavy", self.mass_heavy)
        validate.positive("mass_light", self.mass_light)
        validate.positive("cutoff", self.cutoff)

    def energy(self, kx: ArrayLike, ky: ArrayLike) -> np.ndarray:
        """eps(p) for arrays of momenta (measured from the saddle point)."""
        return -(np.asarray(kx) ** 2) / (2 * self.mass_heavy) + np.asarray(ky) ** 2 / (
            2 * self.mass_light
        )


@dataclass(frozen=True)
class TightBinding:
    """Square-lattice band ``eps = -2t (cos k_x a + cos k_y a) - 4t' cos k_x a cos k_y a``.

    Momenta in units of 1/a when ``lattice_constant = 1``.  Van Hove energy ``4 t'`` (saddle
    points at (pi/a, 0)), band bottom ``-4t - 4t'`` for ``|t'| < t/2``.
    """

    hopping: float
    hopping_next: float = 0.0
    lattice_constant: float = 1.0

    def __post_init__(self) -> None:
        validate.positive("hopping", self.hopping)
        validate.finite("hopping_next", self.hopping_next)
        validate.positive("lattice_constant", self.lattice_constant)
        if abs(self.hopping_next) >= 0.5 * self.hopping:
            raise ParameterError("hopping_next must satisfy |t'| < t/2")

    def energy(self, kx: ArrayLike, ky: ArrayLike) -> np.ndarray:
        """eps(k) for arrays of momenta."""
        a = self.lattice_constant
        cx, cy = np.cos(np.asarray(kx) * a), np.cos(np.asarray(ky) * a)
        return -2 * self.hopping * (cx + cy) - 4 * self.hopping_next * cx * cy


Dispersion = Parabolic | Saddle | TightBinding
