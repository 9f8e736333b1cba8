"""Density of states near the Fermi level and the chemical potential it implies, mu(n).

The device needs the band model only through its density of states ``dos(E)`` in states per meV
per nm^2 (both spins).  Adding Delta n electrons per nm^2 moves the chemical potential from mu0
to the mu that solves (zero temperature, rigid band; Ashcroft & Mermin, Ch. 2)

.. math::

    \\int_{\\mu_0}^{\\mu} g(E)\\,dE = \\Delta n ,

so only differences of the DOS matter.  Two DOS are provided: the parabolic band (a textbook
check) and the band model of the paper's Eq. (1) (:func:`band_model_dos`, the default device's).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.saddle import density_of_states
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2
from reentrant.validate import finite, finite_array, non_negative, positive

#: A density of states: energy in meV -> states per meV per nm^2, both spins.
DensityOfStates = Callable[[np.ndarray], np.ndarray]

#: Relative offset from the van Hove energy at which the DOS peak is evaluated.
_HAIR = 1e-9


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


def _band_dos(model: BandModel, background_dos: float, energy_mev: np.ndarray) -> np.ndarray:
    e = np.atleast_1d(np.asarray(energy_mev, dtype=float))
    flat = e.ravel()
    g = density_of_states(model, flat).values
    singular = ~np.isfinite(g)
    if np.any(singular):
        # the log van Hove peak: one part in 1e9 (or 1e-9 meV) above the singular energy
        off = flat[singular] + _HAIR * np.maximum(np.abs(flat[singular]), 1.0)
        g[singular] = density_of_states(model, off).values
    return (g + background_dos).reshape(np.shape(energy_mev))


def band_model_dos(model: BandModel, background_dos: float = 0.0) -> DensityOfStates:
    """Both-spin DOS of the paper's Eq. (1) band model plus a constant background, per meV nm^2.

    The band part is :func:`reentrant.models.saddle.density_of_states` (exact DOS of Eq. (1)
    with the model's p_x cutoff window, both spin branches; Van Hove, Phys. Rev. 89, 1189 (1953)):

    .. math::

        g(E) = \\sum_{s=\\pm1} \\frac{\\sqrt{mM}}{2\\pi^2\\hbar^2}
               \\Big[G(s_2) - G(s_1)\\Big]_{E - M\\beta^2/2 - s h} + g_{bg},

    with G and the window ends s_{1,2} (set by the p_x cutoff) as in
    :func:`reentrant.models.saddle.species_density_of_states`, h the exchange field along x
    (0 by default), and energies in meV on the band model's own axis (from the bare saddle
    point, the axis of ``model.mu``; the van Hove energy is ``M beta^2 / 2`` at zero field).
    The logarithmic peak is infinite exactly at the van Hove energy; there the DOS a hair
    (1e-9 relative) above it is returned, so that :func:`chemical_potential` can integrate
    through it.

    ``background_dos`` g_bg stands for the other t2g subbands of the (110) interface (the
    dashed bands of the paper's Fig. 1b): spectators that hold part of the gate-induced charge
    (so they enter the Hall density and mu(n)) but take no part in pairing -- the pairing
    solver and :class:`~reentrant.device.tc_provider.BcsDosTc` see the band model alone.

    Parameters
    ----------
    model : BandModel
        A band model of the form of Eq. (1) (physical units: meV, nm^-1).
    background_dos : float
        Constant DOS of the spectator bands, states / (meV nm^2), both spins (>= 0).

    Returns
    -------
    callable
        Energy in meV -> states / (meV nm^2).
    """
    background = non_negative("background_dos", background_dos)
    density_of_states(model, np.zeros(1))  # checks that the model has the form of Eq. (1)
    return partial(_band_dos, model, background)


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
