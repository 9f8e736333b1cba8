r"""Confining potential of the interface: a triangular well, or Gauss's law in KTaO3.

Geometry along the normal z = [110]: a positive sheet of donor charge ``e n_d`` (the polar
LaTiO3 side) lies half a layer spacing in front of the first slab layer, at ``zeta = 0``; layer
``l`` sits at ``zeta_l = (l + 1/2) d`` with ``d = a0 / sqrt(2)`` and carries the electron sheet
density ``n_l``.  With no field on the LaTiO3 side, Gauss's law in the KTaO3 gives a piecewise
constant displacement field between the sheets,

.. math::

    D_s = e\Big(n_d - \sum_{l < s} n_l\Big), \qquad s = 0 \ldots N,

where segment ``s`` lies between layer ``s - 1`` and layer ``s`` (segment 0 between the donor
sheet and layer 0).  The field follows from the field-dependent permittivity of KTaO3,
``D = eps0 int_0^E eps_r(E') dE'`` (:class:`reentrant.device.permittivity.KTaO3Permittivity`),
inverted by root finding, and the electron potential energy is ``U(zeta) = e int_0^zeta E``:

.. math::

    U_0 = e E_0 \tfrac d2, \qquad U_l = U_{l-1} + e E_l d .

Charge neutrality with a back gate: of the total electron density ``n`` the back gate supplies
``n_g`` (:class:`reentrant.device.gate.BackGate`, ``induced_density``), the interface donors the
rest, ``n_d = n - n_g``; beyond the electron gas ``D_N = -e n_g``, the uniform displacement of
the gate capacitor, so a positive gate voltage adds electrons *and* pulls them away from the
interface.  Units: densities in nm^-2, fields in V/m, energies in meV, lengths in nm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ParameterError
from reentrant.units import ELEMENTARY_CHARGE_C
from reentrant.validate import finite, finite_array, positive

#: C/m^2 of one electron per nm^2.
CHARGE_PER_NM2 = ELEMENTARY_CHARGE_C * 1e18
#: meV gained by an electron moving 1 nm against a field of 1 V/m.
MEV_PER_VOLT_NM = 1e-6


@dataclass(frozen=True)
class Electrostatics:
    """Solution of Gauss's law for given layer densities.

    Attributes
    ----------
    potential : ndarray
        Electron potential energy U_l at each layer, meV (0 at the donor sheet).
    displacement : ndarray
        D_s in C/m^2 on the N + 1 segments (segment s between layers s - 1 and s; the last one
        beyond the slab).
    field : ndarray
        E_s in V/m on the same segments.
    """

    potential: np.ndarray
    displacement: np.ndarray
    field: np.ndarray


def sheet_positions(layers: int, spacing_nm: float) -> np.ndarray:
    """Distance zeta_l = (l + 1/2) d of each layer from the donor sheet, nm."""
    return (np.arange(layers) + 0.5) * positive("spacing_nm", spacing_nm)


def triangular_well(layers: int, spacing_nm: float, slope_mev_per_nm: float) -> np.ndarray:
    """Potential energy ``U_l = e E zeta_l`` of a uniform field (meV), the triangular well.

    ``slope_mev_per_nm`` is e E in meV/nm (1 meV/nm = 1e6 V/m); the textbook model of a
    surface or interface electron gas (Ando, Fowler & Stern, Rev. Mod. Phys. 54, 437 (1982)).
    """
    return finite("slope_mev_per_nm", slope_mev_per_nm) * sheet_positions(layers, spacing_nm)


def interface_well(
    layers: int,
    spacing_nm: float,
    density: float,
    gate_density: float,
    permittivity: KTaO3Permittivity,
) -> tuple[np.ndarray, float]:
    """(U_l in meV, E_s in V/m): triangular well of the donor sheet's field at the interface.

    ``D(E_s) = e n_d`` with ``n_d = n - n_g`` the donor density (nm^-2), and
    ``U_l = e E_s zeta_l`` (:func:`triangular_well`).
    """
    donors = positive("donor density n - n_g", density - gate_density)
    field = float(field_from_displacement(CHARGE_PER_NM2 * donors, permittivity))
    return triangular_well(layers, spacing_nm, MEV_PER_VOLT_NM * field), field


def field_from_displacement(
    displacement: ArrayLike, permittivity: KTaO3Permittivity, rtol: float = 1e-12
) -> np.ndarray:
    """E (V/m) with ``permittivity.displacement(E) = D`` for each D (C/m^2); D(E) is odd and
    strictly increasing, so the root is unique (Brent's method on a doubled bracket)."""
    d = finite_array("displacement", displacement)
    out = np.zeros_like(d)
    for index, target in np.ndenumerate(d):
        if target == 0.0:
            continue
        hi = permittivity.field_scale_v_per_m
        while float(permittivity.displacement(hi)) < abs(target):
            hi *= 2.0
        size = abs(target)
        root = brentq(lambda e, t=size: float(permittivity.displacement(e)) - t, 0.0, hi, rtol=rtol)
        out[index] = np.copysign(root, target)
    return out


def gauss_potential(
    layer_density_nm2: ArrayLike,
    spacing_nm: float,
    permittivity: KTaO3Permittivity,
    gate_density_nm2: float = 0.0,
) -> Electrostatics:
    """Potential energy of electrons in the interface field (module docstring: the equations).

    Parameters
    ----------
    layer_density_nm2
        Electron sheet density n_l of each layer, interface first (nm^-2).
    spacing_nm
        Layer spacing d (nm).
    permittivity
        Field-dependent permittivity of KTaO3.
    gate_density_nm2
        Part n_g of the total density supplied by the back gate (nm^-2).
    """
    n = finite_array("layer_density_nm2", layer_density_nm2).ravel()
    if n.size == 0:
        raise ParameterError("layer_density_nm2 needs at least one layer")
    d = positive("spacing_nm", spacing_nm)
    donors = n.sum() - finite("gate_density_nm2", gate_density_nm2)
    displacement = CHARGE_PER_NM2 * (donors - np.concatenate([[0.0], np.cumsum(n)]))
    field = field_from_displacement(displacement, permittivity)
    lengths = np.full(n.size, d)
    lengths[0] = 0.5 * d
    potential = MEV_PER_VOLT_NM * np.cumsum(field[:-1] * lengths)
    return Electrostatics(potential, displacement, field)
