"""The normal-state model: ``H(k) = eps(k) - mu + g(k).sigma + h.sigma`` of a 2D spinful band.

A :class:`BandModel` is plain, validated data: a dispersion, spin-orbit terms and a chemical
potential, with an optional exchange field added to the Zeeman field.  The Zeeman vector ``h`` is
bound late, at evaluation time, so one model serves a whole field sweep.  Eigenvalues
``xi_+-(k) = eps(k) - mu +- |g(k) + h|`` with spin expectation ``<sigma> = +- (g + h)/|g + h|``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.dispersion import Dispersion, Parabolic, Saddle, TightBinding
from reentrant.models.soc import Ising, SpinOrbit


@dataclass(frozen=True)
class BandModel:
    """A 2D one-orbital spinful band with spin-orbit coupling.

    Parameters
    ----------
    dispersion
        Spin-independent band :math:`\\varepsilon(k)`.
    soc
        Spin-orbit terms; their vectors add.  An :class:`~reentrant.models.soc.Ising` term makes
        the model two-valley (valley index ``tau = +-1``, pairing between opposite valleys).
    mu
        Chemical potential (model energy units).
    exchange
        A constant exchange field added to the Zeeman vector (3 components), default none.
    """

    dispersion: Dispersion
    soc: tuple[SpinOrbit, ...] = ()
    mu: float = 0.0
    exchange: tuple[float, float, float] = field(default=(0.0, 0.0, 0.0))

    def __post_init__(self) -> None:
        validate.finite("mu", self.mu)
        if not isinstance(self.dispersion, Parabolic | Saddle | TightBinding):
            raise ParameterError(f"dispersion must be a dispersion object, got {self.dispersion!r}")
        object.__setattr__(self, "soc", tuple(self.soc))
        ex = validate.finite_array("exchange", self.exchange)
        if ex.shape != (3,):
            raise ParameterError("exchange must have 3 components")
        object.__setattr__(self, "exchange", tuple(float(x) for x in ex))

    @property
    def valleys(self) -> tuple[int, ...]:
        """Valley indices: (1, -1) with Ising coupling, else (1,)."""
        return (1, -1) if any(isinstance(s, Ising) for s in self.soc) else (1,)

    def soc_linear(self) -> np.ndarray:
        """3x2 matrix A of the momentum-linear SOC ``g = A k``."""
        return sum((s.linear() for s in self.soc), np.zeros((3, 2)))

    def soc_valley(self) -> np.ndarray:
        """Valley-odd constant SOC vector c (``g = A k + tau c``)."""
        return sum((s.valley() for s in self.soc), np.zeros(3))

    def with_mu(self, mu: float) -> BandModel:
        """The same model at another chemical potential."""
        return BandModel(self.dispersion, self.soc, mu, self.exchange)

    def spin_vector(
        self, kx: ArrayLike, ky: ArrayLike, zeeman: ArrayLike = (0, 0, 0), valley: int = 1
    ) -> np.ndarray:
        """``d(k) = g(k) + h + exchange``, shape (..., 3)."""
        k = np.stack(np.broadcast_arrays(np.asarray(kx, float), np.asarray(ky, float)), -1)
        h = np.asarray(zeeman, float) + np.asarray(self.exchange)
        return k @ self.soc_linear().T + valley * self.soc_valley() + h

    def energies(
        self, kx: ArrayLike, ky: ArrayLike, zeeman: ArrayLike = (0, 0, 0), valley: int = 1
    ) -> np.ndarray:
        """Band energies from mu, shape (..., 2): lower (index 0) and upper (index 1) branch."""
        d = np.linalg.norm(self.spin_vector(kx, ky, zeeman, valley), axis=-1)
        xi = self.dispersion.energy(kx, ky) - self.mu
        return np.stack([xi - d, xi + d], axis=-1)

    def spin_texture(
        self, kx: ArrayLike, ky: ArrayLike, zeeman: ArrayLike = (0, 0, 0), valley: int = 1
    ) -> np.ndarray:
        """Spin expectation ``<sigma>`` of the two branches, shape (..., 2, 3).

        ``<sigma>_+- = +- d/|d|`` (undefined where ``d = 0``; returned as 0 there).
        """
        d = self.spin_vector(kx, ky, zeeman, valley)
        norm = np.linalg.norm(d, axis=-1, keepdims=True)
        unit = np.divide(d, norm, out=np.zeros_like(d), where=norm > 0)
        return np.stack([-unit, unit], axis=-2)
