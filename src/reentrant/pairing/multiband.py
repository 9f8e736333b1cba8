r"""Several bands paired by a coupling matrix: the multiband linearised gap equation.

Each band ``i`` has its own s-wave singlet gap ``Delta_i`` and pair susceptibility ``chi_i(Q, h,
T)`` (:class:`reentrant.pairing.susceptibility.PairSusceptibility` with unit coupling); pairs
scatter between bands through the coupling matrix ``V_ij`` (intraband on the diagonal, Suhl,
Matthias & Walker, PRL 3, 552 (1959); Moskalenko, Fiz. Met. Metalloved. 8, 503 (1959)):

.. math::

    \Delta_i = \sum_j V_{ij}\,\chi_j(Q, h, T)\,\Delta_j .

The condensate has one pair momentum Q for all bands.  With ``chi`` diagonal and non-negative the
instability is where the largest eigenvalue of ``chi^(1/2) V chi^(1/2)`` (symmetric for a
symmetric V, attractive or repulsive off-diagonal) reaches 1.  With ``V_ij = 0`` for ``i != j``
the eigenvalues are ``V_ii chi_i``: T_c is the larger of the separate bands' (tested).

:class:`MultibandSusceptibility` offers the interface the T_c solver uses (``eigenvalue``,
``leading``, ``geometry``, ``interaction``, ``with_resolution``, ...), so
:class:`reentrant.pairing.tc.TcSolver` solves it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.pairing.quadrature import Geometry, Resolution
from reentrant.pairing.susceptibility import PairSusceptibility


@dataclass(frozen=True)
class MultibandInteraction:
    """Singlet couplings between bands, ``V_ij`` (energy x area), and the common cutoff."""

    couplings: tuple[tuple[float, ...], ...]
    cutoff: float

    def __post_init__(self) -> None:
        v = validate.finite_array("band couplings", self.couplings)
        if v.ndim != 2 or v.shape[0] != v.shape[1] or v.shape[0] < 1:
            raise ParameterError("band couplings must be a square matrix")
        if not np.allclose(v, v.T):
            raise ParameterError("band couplings must be symmetric (V_ij = V_ji)")
        if np.max(np.linalg.eigvalsh(v)) <= 0:
            raise ParameterError("band couplings have no attractive channel")
        validate.positive("cutoff", self.cutoff)
        object.__setattr__(self, "couplings", tuple(tuple(float(x) for x in row) for row in v))

    #: The solver's view of the channels: each band pairs in the s-wave singlet channel.
    channels = ("singlet",)
    kramers = True
    n_channels = 1

    def matrix(self) -> np.ndarray:
        """The coupling matrix."""
        return np.array(self.couplings)

    def scaled(self, factor: float) -> MultibandInteraction:
        """Every coupling multiplied by ``factor``."""
        return replace(self, couplings=tuple(tuple(factor * x for x in r) for r in self.couplings))


@dataclass(frozen=True)
class MultibandSusceptibility:
    """The bands' singlet susceptibilities (unit coupling each) and the coupling matrix.

    ``parts[i]`` is band i's :class:`PairSusceptibility` with a unit singlet coupling and the
    common cutoff; ``interaction`` the :class:`MultibandInteraction`.
    """

    parts: tuple[PairSusceptibility, ...]
    interaction: MultibandInteraction
    geometry: Geometry = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.parts) != len(self.interaction.couplings):
            raise ParameterError("one coupling-matrix row per band is needed")
        for part in self.parts:
            if part.interaction.channels != ("singlet",) or part.interaction.singlet != 1.0:
                raise ParameterError("each band's susceptibility needs a unit singlet coupling")
        # the Q search scales with the slowest Fermi velocity of any band
        v = np.min([p.geometry.v_fermi for p in self.parts], axis=0)
        object.__setattr__(self, "geometry", replace(self.parts[0].geometry, v_fermi=v))

    @property
    def model(self):
        """The first band (exchange field and Kramers checks of the solver)."""
        return self.parts[0].model

    @property
    def resolution(self) -> Resolution:
        """The discretisation of every band."""
        return self.parts[0].resolution

    @property
    def bands(self) -> str:
        """The branch projection of every band."""
        return self.parts[0].bands

    @property
    def mirror_symmetric(self) -> bool:
        """True if every band is mirror symmetric."""
        return all(p.mirror_symmetric for p in self.parts)

    @property
    def q_seeds(self) -> np.ndarray:
        """No species-matching momenta (singlet pairing only)."""
        return np.zeros((0, 2))

    def with_resolution(self, resolution: Resolution) -> MultibandSusceptibility:
        """The same bands on another discretisation."""
        return MultibandSusceptibility(
            tuple(p.with_resolution(resolution) for p in self.parts), self.interaction
        )

    def band_susceptibilities(self, q: ArrayLike, zeeman: ArrayLike, temperature: float):
        """chi_i(Q, h, T) of every band (real, >= 0)."""
        return np.array([p.matrix(q, zeeman, temperature)[0, 0].real for p in self.parts])

    def leading(self, q: ArrayLike, zeeman: ArrayLike, temperature: float):
        """Largest eigenvalue of chi^1/2 V chi^1/2 and its eigenvector (band weights)."""
        root = np.sqrt(np.maximum(self.band_susceptibilities(q, zeeman, temperature), 0.0))
        vals, vecs = np.linalg.eigh(root[:, None] * self.interaction.matrix() * root[None, :])
        return float(vals[-1]), vecs[:, -1]

    def eigenvalue(self, q: ArrayLike, zeeman: ArrayLike, temperature: float) -> float:
        """Largest eigenvalue: superconducting instability where it reaches 1."""
        return self.leading(q, zeeman, temperature)[0]
