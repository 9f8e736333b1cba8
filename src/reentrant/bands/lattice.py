r"""Geometry of a (110) slab of the perovskite B-site (Ta) lattice.

B sites sit at integer cubic coordinates ``(i, j, k) a0``.  The (110) layer of a site is
``n = i + j``; inside a layer the in-plane axes are

* ``x = [001]``: coordinate ``k a0``, period ``a0``;
* ``y = [1-10]``: coordinate ``(i - j) a0 / sqrt(2)``, period ``sqrt(2) a0``;

and the slab normal is ``z = [110]``, layer spacing ``a0 / sqrt(2)``.  Inside one layer
``i - j`` has the parity of ``n``, so adjacent layers are shifted by ``a0 / sqrt(2)`` along y.
One site per layer makes the 2D cell ``a0 x sqrt(2) a0`` (area ``sqrt(2) a0^2``); its Brillouin
zone has ``X = (pi/a0, 0)`` (Gamma-X along [001], k_x) and ``Y = (0, pi/(sqrt(2) a0))``
(Gamma-Y along [1-10], k_y), the labels of Maryenko et al., Fig. 1b and Fig. 3a
(``a_[001] = a0``, ``a_[1-10] = sqrt(2) a0``).

A cubic bond ``d = (dX, dY, dZ)`` (in units of a0) connects layer ``n`` to layer
``n + dX + dY`` with in-plane displacement ``(dZ a0, (dX - dY) a0 / sqrt(2))``.

Lattice constant: a0 = 0.39883 nm, KTaO3 at 298 K from single-crystal X-ray diffraction
("Electron density and atomic displacements in KTaO3", Acta Cryst. B 56, 594 (2000):
a = 3.9883(2) Angstrom); the low-temperature value differs by less than 0.1 %.
"""

from __future__ import annotations

import itertools

import numpy as np

#: Cubic lattice constant of KTaO3 in nm (Acta Cryst. B 56, 594 (2000), 298 K).
A0_NM = 0.39883

_R2 = np.sqrt(2.0)

#: Rows: the slab axes x = [001], y = [1-10], z = [110] as unit vectors in cubic coordinates.
SLAB_AXES = np.array([[0.0, 0.0, 1.0], [1.0 / _R2, -1.0 / _R2, 0.0], [1.0 / _R2, 1.0 / _R2, 0.0]])

#: The six nearest-neighbour bonds (units of a0): +-X, +-Y, +-Z.
NEAREST = tuple(
    tuple(int(s) * (1 if axis == c else 0) for c in range(3)) for axis in range(3) for s in (1, -1)
)

#: The twelve next-nearest-neighbour bonds (face diagonals, units of a0).
NEXT_NEAREST = tuple(
    tuple(v)
    for a, b in itertools.combinations(range(3), 2)
    for sa, sb in itertools.product((1, -1), repeat=2)
    for v in [np.eye(3, dtype=int)[a] * sa + np.eye(3, dtype=int)[b] * sb]
)


def layer_spacing(a0: float = A0_NM) -> float:
    """Distance between adjacent (110) layers, ``a0 / sqrt(2)`` (nm)."""
    return a0 / _R2


def cell_area(a0: float = A0_NM) -> float:
    """Area of the 2D cell of one (110) layer, ``a0 * sqrt(2) a0`` (nm^2)."""
    return _R2 * a0 * a0


def zone_boundary(a0: float = A0_NM) -> tuple[float, float]:
    """(k_X, k_Y) = (pi / a0, pi / (sqrt(2) a0)) in nm^-1: the X and Y points."""
    return np.pi / a0, np.pi / (_R2 * a0)


def layer_step(bond: tuple[int, int, int]) -> int:
    """Change of the (110) layer index along a cubic bond, ``dX + dY``."""
    return bond[0] + bond[1]


def in_plane_displacement(bond: tuple[int, int, int], a0: float = A0_NM) -> tuple[float, float]:
    """In-plane (x, y) displacement in nm of a cubic bond: ``(dZ a0, (dX - dY) a0 / sqrt(2))``."""
    return bond[2] * a0, (bond[0] - bond[1]) * a0 / _R2


def to_cubic(vector_slab: np.ndarray) -> np.ndarray:
    """A vector (last axis 3) from slab components (x, y, z) to cubic components (X, Y, Z)."""
    return np.asarray(vector_slab, dtype=float) @ SLAB_AXES


def to_slab(vector_cubic: np.ndarray) -> np.ndarray:
    """A vector (last axis 3) from cubic components (X, Y, Z) to slab components (x, y, z)."""
    return np.asarray(vector_cubic) @ SLAB_AXES.T
