r"""Ginzburg-Landau critical field of a thin film in a parallel field (Tinkham's 2D form).

For a film of thickness ``d << xi`` in a parallel field the GL equation gives (Tinkham,
*Introduction to Superconductivity*, 2nd ed. (1996), Sec. 4.8.3; Harper & Tinkham, Phys. Rev.
172, 441 (1968))

.. math::

    B_{c\parallel}(T) = \frac{\sqrt{12}\,\Phi_0}{2\pi\,\xi(T)\,d}, \qquad
    \xi(T) = \frac{\xi(0)}{\sqrt{1 - T/T_{c0}}}
    \;\Rightarrow\; B_{c\parallel}(T) = B_{c\parallel}(0)\sqrt{1 - T/T_{c0}},

the orbital limit of a 2D superconductor near ``T_c0`` (the square-root law that distinguishes
it from the linear 3D one).  Inverted, ``T_c(B) = T_c0 [1 - (B/B_c||(0))^2]``.
``B_c||(0)`` is the GL extrapolation (not the true ``T = 0`` field); only the product
``xi(0) d`` enters, so the thickness follows from ``B_c||(0)`` once ``xi(0)`` is known
(e.g. from the perpendicular ``B_c2 = Phi_0 / (2 pi xi^2)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from reentrant.mechanisms.base import Mechanism
from reentrant.units import FLUX_QUANTUM_T_M2
from reentrant.validate import finite_array, positive

_NM = 1e-9


def film_critical_field_t(coherence_length_nm: float, thickness_nm: float) -> float:
    """``B_c||(0) = sqrt(12) Phi_0 / (2 pi xi(0) d)`` in T for ``xi(0)`` and ``d`` in nm.

    The relation is symmetric in ``xi(0)`` and ``d``: with ``xi(0)`` known, the same function
    of ``B_c||(0)`` and ``xi(0)`` gives ``d`` (:meth:`ThinFilmGL.thickness_nm`).
    """
    xi = positive("coherence_length_nm", coherence_length_nm) * _NM
    d = positive("thickness_nm", thickness_nm) * _NM
    return math.sqrt(12.0) * FLUX_QUANTUM_T_M2 / (2 * math.pi * xi * d)


@dataclass(frozen=True)
class ThinFilmGL(Mechanism):
    r"""T_c(B) of the 2D Ginzburg-Landau (Tinkham) thin-film form, ``T_c0 [1 - (B/B_c||(0))^2]``.

    Parameters
    ----------
    tc0_k
        Zero-field transition temperature in K (> 0).
    critical_field_t
        GL-extrapolated parallel critical field ``B_c||(0)`` in T (> 0).
    """

    tc0_k: float
    critical_field_t: float

    name: ClassVar[str] = "thin-film-gl"

    def __post_init__(self) -> None:
        positive("tc0_k", self.tc0_k)
        positive("critical_field_t", self.critical_field_t)

    @classmethod
    def from_film(cls, tc0_k: float, thickness_nm: float, coherence_length_nm: float) -> ThinFilmGL:
        """Build from the film thickness ``d`` and the GL coherence length ``xi(0)`` (nm)."""
        return cls(tc0_k, film_critical_field_t(coherence_length_nm, thickness_nm))

    def thickness_nm(self, coherence_length_nm: float) -> float:
        """Film thickness ``d`` in nm implied by ``B_c||(0)`` and ``xi(0)`` (nm)."""
        b = film_critical_field_t(coherence_length_nm, 1.0)
        return b / self.critical_field_t

    def critical_field(self, temperature_k: ArrayLike) -> np.ndarray:
        """``B_c||(T) = B_c||(0) sqrt(1 - T/T_c0)`` in T (0 above ``T_c0``)."""
        temperature = finite_array("temperature_k", temperature_k)
        return self.critical_field_t * np.sqrt(np.clip(1 - temperature / self.tc0_k, 0.0, None))

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        field = finite_array("field_t", field_t)
        return self.tc0_k * np.clip(1 - (field / self.critical_field_t) ** 2, 0.0, None)
