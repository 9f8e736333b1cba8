r"""Filling of the slab's subbands: chemical potential from the sheet density, layer densities.

At zero field the (110) slab has the mirrors x -> -x ([001]) and y -> -y ([1-10], the cubic
X <-> Y exchange), so E(k_x, k_y) = E(-k_x, k_y) = E(k_x, -k_y) and one quarter of the k plane
suffices.  Sums over the 2D Brillouin zone are midpoint rules on a rectangle
``0 < k_x < K_x, 0 < k_y < K_y`` of that quarter with ``n_x x n_y`` points; each point carries
the k-space weight ``4 dk_x dk_y / (2 pi)^2`` (nm^-2), so that a spin-resolved band holds
``1 / A_cell`` electrons per nm^2 over the whole zone.  Occupations are Fermi-Dirac at the
electronic temperature ``kT`` (meV):

.. math::

    n = \sum_{\mathbf k} w_{\mathbf k} \sum_b f\big(E_b(\mathbf k) - \mu\big), \qquad
    n_l = \sum_{\mathbf k} w_{\mathbf k} \sum_b f\big(E_b(\mathbf k) - \mu\big)\,
          |\psi_{b\mathbf k}(l)|^2 .

The rectangle grows (x 1.5, up to the zone boundary) until the states on its outer edge are
empty to ``1e-6`` of the density, so the Fermi sea is never cut off; the grid spacing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq
from scipy.special import expit

from reentrant.bands import lattice
from reentrant.bands.slab import SlabModel
from reentrant.errors import ParameterError
from reentrant.validate import finite_array, positive

#: Occupation left on the outer edge of the k rectangle, relative to the density.
EDGE_TOLERANCE = 1e-6
#: A k point holding less than this fraction of the density is left out of the eigenvector pass.
EMPTY = 1e-13


def fermi(energy: ArrayLike, mu: float, kt: float, weight: ArrayLike = 1.0) -> np.ndarray:
    """Fermi-Dirac occupation ``1 / (exp((E - mu)/kT) + 1)`` times ``weight`` (meV).

    Occupations of empty states underflow to exactly 0.
    """
    with np.errstate(under="ignore"):
        return expit(-(np.asarray(energy) - mu) / kt) * weight


@dataclass(frozen=True)
class KGrid:
    """Midpoint grid on the quarter rectangle ``0 < k_x < K_x``, ``0 < k_y < K_y`` (nm^-1).

    Parameters
    ----------
    spacing : float
        Grid spacing dk in nm^-1 (both directions).
    extent : tuple of float
        Half-widths (K_x, K_y) in nm^-1, at most the zone boundary (pi/a0, pi/(sqrt 2 a0)).
    """

    spacing: float = 0.15
    extent: tuple[float, float] = (1.5, 1.5)

    def __post_init__(self) -> None:
        positive("spacing", self.spacing)
        ext = finite_array("extent", self.extent)
        if ext.shape != (2,) or np.any(ext <= 0):
            raise ParameterError(f"extent must be two positive numbers, got {self.extent!r}")
        object.__setattr__(self, "extent", (float(ext[0]), float(ext[1])))

    def clipped(self, a0: float) -> KGrid:
        """The grid with its extent limited to the zone boundary."""
        bx, by = lattice.zone_boundary(a0)
        return KGrid(self.spacing, (min(self.extent[0], bx), min(self.extent[1], by)))

    def points(self, a0: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(k_x, k_y, weight, edge) of the points; weight in nm^-2.

        ``edge`` marks the outer row and column where they cut the k plane short, i.e. where
        the rectangle has not reached the zone boundary (a0 in nm).
        """
        nx, ny = (max(2, int(np.ceil(e / self.spacing))) for e in self.extent)
        dx, dy = self.extent[0] / nx, self.extent[1] / ny
        kx, ky = np.meshgrid((np.arange(nx) + 0.5) * dx, (np.arange(ny) + 0.5) * dy, indexing="ij")
        edge = np.zeros((nx, ny), dtype=bool)
        bx, by = lattice.zone_boundary(a0)
        edge[-1, :] = not np.isclose(self.extent[0], bx)
        edge[:, -1] |= not np.isclose(self.extent[1], by)
        weight = np.full(kx.size, 4.0 * dx * dy / (2.0 * np.pi) ** 2)
        return kx.ravel(), ky.ravel(), weight, edge.ravel()

    def grown(self, a0: float) -> KGrid:
        """The same spacing on a rectangle 1.5 times larger (clipped to the zone)."""
        return KGrid(self.spacing, (1.5 * self.extent[0], 1.5 * self.extent[1])).clipped(a0)


def chemical_potential(
    energies: np.ndarray, weights: np.ndarray, density: float, kt: float
) -> float:
    """mu (meV) with ``sum_k w_k sum_b f(E_b(k) - mu) = density`` (nm^-2), Brent's method.

    ``energies`` has shape (points, bands), ``weights`` (points,).  The count is continuous and
    strictly increasing in mu, so the root is unique.
    """
    total = float(weights.sum()) * energies.shape[-1]
    if not 0 < density < total:
        raise ParameterError(
            f"density {density:.4g} nm^-2 outside what the bands of this k grid hold "
            f"(0, {total:.4g})"
        )

    def excess(mu: float) -> float:
        return float(fermi(energies, mu, kt, weights[:, None]).sum()) - density

    lo, hi = float(energies.min()) - 40 * kt, float(energies.max()) + 40 * kt
    return brentq(excess, lo, hi, xtol=1e-10, rtol=1e-14)


@dataclass(frozen=True)
class Filling:
    """Occupied subbands of a slab at a sheet density (zero field).

    Attributes
    ----------
    mu : float
        Chemical potential, meV.
    density : float
        Sheet density, nm^-2.
    layer_density : ndarray
        Electrons per nm^2 in each layer, interface first.
    band_density : ndarray
        Electrons per nm^2 in each subband (sorted by energy at each k).
    grid : KGrid
        The k grid used (after growing).
    kt : float
        Electronic temperature, meV.
    """

    mu: float
    density: float
    layer_density: np.ndarray
    band_density: np.ndarray
    grid: KGrid
    kt: float


def fermi_level(
    model: SlabModel, density: float, grid: KGrid | None = None, kt: float = 1.0
) -> tuple[float, KGrid]:
    """(mu in meV, k grid) of ``model`` at sheet density (nm^-2), from eigenvalues only.

    The k rectangle grows until its outer edge is empty (:data:`EDGE_TOLERANCE`).
    """
    mu, grid, _, _ = _occupied(model, positive("density", density), grid, positive("kt", kt))
    return mu, grid


def _occupied(model: SlabModel, density: float, grid: KGrid | None, kt: float):
    """(mu, grid, points of the grid holding electrons (kx, ky, weight), their energies)."""
    a0 = model.lattice_constant
    grid = (grid or KGrid()).clipped(a0)
    while True:
        kx, ky, weight, edge = grid.points(a0)
        if edge.any() and density >= weight.sum() * model.dimension:
            grid = grid.grown(a0)  # the rectangle cannot even hold the electrons
            continue
        values = model.energies(kx, ky)
        mu = chemical_potential(values, weight, density, kt)
        occ = fermi(values, mu, kt, weight[:, None])
        if occ[edge].sum() < EDGE_TOLERANCE * density:
            break
        grid = grid.grown(a0)
    used = occ.sum(axis=1) > EMPTY * density
    return mu, grid, (kx[used], ky[used], weight[used]), values[used]


def fill(model: SlabModel, density: float, grid: KGrid | None = None, kt: float = 1.0) -> Filling:
    """Chemical potential, layer and subband densities of ``model`` at sheet density (nm^-2).

    Equations in the module docstring; kt is the electronic temperature in meV.  The k
    rectangle grows until its outer edge is empty (:data:`EDGE_TOLERANCE`); the eigenvalues
    decide that (band solver); the eigenvectors are computed once, at the points of the final
    grid that hold electrons (more than :data:`EMPTY` of the density).
    """
    density = positive("density", density)
    kt = positive("kt", kt)
    mu, grid, (kx, ky, weight), _ = _occupied(model, density, grid, kt)
    states = model.states(kx, ky)
    occ = fermi(states["energy"], mu, kt, weight[:, None])
    with np.errstate(under="ignore"):
        layer = np.einsum("kb,kbl->l", occ, states["layer"])
    return Filling(mu, density, layer, occ.sum(axis=0), grid, kt)
