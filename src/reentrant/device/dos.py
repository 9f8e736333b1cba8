"""Density of states near the Fermi level and the chemical potential it implies, mu(n).

The device needs the band model only through its density of states ``dos(E)`` in states per meV
per nm^2 (both spins).  Adding Delta n electrons per nm^2 moves the chemical potential from mu0
to the mu that solves (issue 4, Sec. 2; zero temperature, rigid band)

.. math::

    \\int_{\\mu_0}^{\\mu} g(E)\\,dE = \\Delta n ,

so only differences of the DOS matter.  Two textbook DOS are provided for tests and the default
device: the parabolic band and the saddle point (van Hove singularity) of the paper's Eq. (1)
without spin-orbit coupling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2
from reentrant.validate import finite, finite_array, positive

#: A density of states: energy in meV -> states per meV per nm^2, both spins.
DensityOfStates = Callable[[np.ndarray], np.ndarray]


def parabolic_dos(mass_me: float) -> DensityOfStates:
    """Constant DOS g = m / (pi hbar^2) of a 2D parabolic band, both spins, per meV per nm^2.

    Ashcroft & Mermin, Solid State Physics, Ch. 2 (2D free electrons); m in units of m_e,
    hbar^2 / m_e = 2 * HBAR2_OVER_2ME_MEV_NM2.
    """
    m = positive("mass_me", mass_me)
    value = m / (np.pi * 2.0 * HBAR2_OVER_2ME_MEV_NM2)

    def dos(energy_mev: np.ndarray) -> np.ndarray:
        return np.full(np.shape(energy_mev), value)

    return dos


@dataclass(frozen=True)
class SaddlePointDos:
    """DOS of the saddle point E = -p_x^2/(2M) + p_y^2/(2m) (paper, Eq. (1) with beta = B = 0).

    With p_x = sqrt(2M) u, p_y = sqrt(2m) v and the cut-off |u|, |v| <= sqrt(Lambda), counting
    states gives, per spin (Van Hove, Phys. Rev. 89, 1189 (1953); cf. Ashcroft & Mermin Ch. 8)

    .. math::

        g_\\sigma(E) = \\frac{\\sqrt{mM}}{\\pi^2 \\hbar^2}
            \\operatorname{arsinh}\\sqrt{\\frac{\\Lambda - |E|}{|E|}}
            \\approx \\frac{\\sqrt{mM}}{2\\pi^2\\hbar^2} \\ln\\frac{4\\Lambda}{|E|},

    zero for |E| >= Lambda; E is measured from the saddle point.  Returned for both spins.

    Parameters
    ----------
    light_mass_me, heavy_mass_me : float
        m and M in units of m_e.
    cutoff_mev : float
        Energy cut-off Lambda in meV.
    background_dos : float
        Constant DOS of other bands added to it, per meV per nm^2 (default 0).
    """

    light_mass_me: float = 0.5
    heavy_mass_me: float = 5.0
    cutoff_mev: float = 200.0
    background_dos: float = 0.0

    def __post_init__(self) -> None:
        positive("light_mass_me", self.light_mass_me)
        positive("heavy_mass_me", self.heavy_mass_me)
        positive("cutoff_mev", self.cutoff_mev)
        finite("background_dos", self.background_dos)
        if self.background_dos < 0:
            raise ParameterError(f"background_dos must be non-negative, got {self.background_dos}")

    def __call__(self, energy_mev: np.ndarray) -> np.ndarray:
        """Both-spin DOS at energies in meV (from the saddle point), per meV per nm^2."""
        e = np.abs(np.asarray(energy_mev, dtype=float))
        e = np.maximum(e, 1e-12 * self.cutoff_mev)
        prefactor = np.sqrt(self.light_mass_me * self.heavy_mass_me) / (
            np.pi**2 * 2.0 * HBAR2_OVER_2ME_MEV_NM2
        )
        ratio = np.clip((self.cutoff_mev - e) / e, 0.0, None)
        return 2.0 * prefactor * np.arcsinh(np.sqrt(ratio)) + self.background_dos


def chemical_potential(
    dos: DensityOfStates,
    delta_n_nm2: ArrayLike,
    mu0_mev: float,
    window_mev: float = 50.0,
    points: int = 20001,
) -> np.ndarray:
    """Chemical potential mu in meV solving integral_{mu0}^{mu} dos(E) dE = Delta n.

    The integral is tabulated by the midpoint rule on ``points`` cells spanning
    mu0 +- window_mev (exact for a DOS linear in E) and inverted by linear interpolation.

    Parameters
    ----------
    dos : callable
        Both-spin DOS, meV -> states / (meV nm^2); must be positive over the window.
    delta_n_nm2 : array_like
        Density changes in nm^-2.
    mu0_mev : float
        Chemical potential at Delta n = 0, meV.
    window_mev : float
        Half-width of the energy window searched, meV.
    points : int
        Number of integration cells.

    Raises
    ------
    ParameterError
        If the DOS is not positive and finite on the window, or a Delta n lies outside it.
    """
    dn = finite_array("delta_n_nm2", delta_n_nm2)
    mu0 = finite("mu0_mev", mu0_mev)
    window = positive("window_mev", window_mev)
    edges = np.linspace(mu0 - window, mu0 + window, 2 * (int(points) // 2) + 1)
    mids = 0.5 * (edges[1:] + edges[:-1])
    g = np.asarray(dos(mids), dtype=float)
    if g.shape != mids.shape or not np.all(np.isfinite(g)) or np.any(g <= 0):
        raise ParameterError("dos must return finite positive values over mu0 +- window_mev")
    cumulative = np.concatenate(([0.0], np.cumsum(g * np.diff(edges))))
    cumulative -= cumulative[(edges.size - 1) // 2]
    if dn.min(initial=0.0) < cumulative[0] or dn.max(initial=0.0) > cumulative[-1]:
        raise ParameterError("delta_n_nm2 moves mu outside mu0 +- window_mev; widen window_mev")
    return np.interp(dn, cumulative, edges)
