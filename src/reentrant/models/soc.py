"""Spin-orbit terms ``g(k) . sigma`` of a 2D band.

Every term here is linear in momentum or momentum-independent, so the total is
``g_i(k) = sum_j A_ij k_j + tau c_i`` with a 3x2 matrix ``A`` and a valley-odd constant ``c``
(``tau = +-1`` the valley index; single-valley models have no constant part).  Energies in the
model's units, momenta in its inverse length units, hbar = 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reentrant import validate


@dataclass(frozen=True)
class Rashba:
    """Rashba coupling ``alpha (k x z) . sigma = alpha (k_y sigma_x - k_x sigma_y)``.

    Bychkov & Rashba, JETP Lett. 39, 78 (1984).  Spin splitting ``2 alpha k``.
    """

    alpha: float

    def __post_init__(self) -> None:
        validate.finite("alpha", self.alpha)

    def linear(self) -> np.ndarray:
        """Matrix A of ``g = A k``."""
        return np.array([[0.0, self.alpha], [-self.alpha, 0.0], [0.0, 0.0]])

    def valley(self) -> np.ndarray:
        """Valley-odd constant part c (none)."""
        return np.zeros(3)


@dataclass(frozen=True)
class Dresselhaus:
    """Linear 2D Dresselhaus coupling ``beta (k_x sigma_x - k_y sigma_y)``.

    Dresselhaus, Phys. Rev. 100, 580 (1955), restricted to a (001) quantum well.
    """

    beta: float

    def __post_init__(self) -> None:
        validate.finite("beta", self.beta)

    def linear(self) -> np.ndarray:
        """Matrix A of ``g = A k``."""
        return np.array([[self.beta, 0.0], [0.0, -self.beta], [0.0, 0.0]])

    def valley(self) -> np.ndarray:
        """Valley-odd constant part c (none)."""
        return np.zeros(3)


@dataclass(frozen=True)
class AnisotropicSOC:
    """The extremely anisotropic coupling ``beta p_x sigma_x`` of the paper's Eq. (1).

    Maryenko et al., Eq. (1); the paper assumes ``beta < 0``.
    """

    beta: float

    def __post_init__(self) -> None:
        validate.finite("beta", self.beta)

    def linear(self) -> np.ndarray:
        """Matrix A of ``g = A k``."""
        return np.array([[self.beta, 0.0], [0.0, 0.0], [0.0, 0.0]])

    def valley(self) -> np.ndarray:
        """Valley-odd constant part c (none)."""
        return np.zeros(3)


@dataclass(frozen=True)
class Ising:
    """Ising coupling ``tau * soc * sigma_z``, opposite in the two valleys (spin splitting 2 soc).

    Lu et al., Science 350, 1353 (2015); Xi et al., Nat. Phys. 12, 139 (2016).
    """

    soc: float

    def __post_init__(self) -> None:
        validate.finite("soc", self.soc)

    def linear(self) -> np.ndarray:
        """Matrix A of ``g = A k`` (none)."""
        return np.zeros((3, 2))

    def valley(self) -> np.ndarray:
        """Valley-odd constant part c = (0, 0, soc)."""
        return np.array([0.0, 0.0, self.soc])


SpinOrbit = Rashba | Dresselhaus | AnisotropicSOC | Ising
