"""Field-dependent low-temperature permittivity of the KTaO3 substrate (the gate dielectric).

KTaO3 is a quantum paraelectric: below ~10 K its static relative permittivity saturates at a
few thousand and is strongly suppressed by a dc electric field, because the soft polar phonon
hardens under bias (Fleury & Worlock, Phys. Rev. 174, 613 (1968); Ang, Bhalla & Cross,
Phys. Rev. B 64, 184104 (2001)).  The standard closed form of this suppression is Johnson's,
obtained from the Landau-Devonshire free energy F = a P^2 / 2 + b P^4 / 4 - E P of a
paraelectric (K. M. Johnson, J. Appl. Phys. 33, 2826 (1962)):

.. math::

    \\varepsilon_r(E) = \\frac{\\varepsilon_r(0)}{\\left[1 + (E/E_0)^2\\right]^{1/3}},

with E0 set by the quartic coefficient b; it falls as E^(-2/3) at strong field, as the exact
Landau-Devonshire solution does.

``eps_r`` is the *differential* permittivity dD/dE / eps0, so the displacement field is its
integral, which has a closed form through the Gauss hypergeometric function:

.. math::

    D(E) = \\varepsilon_0 \\int_0^E \\varepsilon_r(E')\\,dE'
         = \\varepsilon_0 \\varepsilon_r(0)\\, E\\;
           {}_2F_1\\!\\left(\\tfrac13, \\tfrac12; \\tfrac32; -(E/E_0)^2\\right).

Defaults: eps_r(0) = 4500, of the order of the measured static permittivity of KTaO3 at
liquid-helium temperature (Wemple, Phys. Rev. 137, A1575 (1965); Ang et al. 2001).  The field
scale E0 = 2e5 V/m (2 kV/cm) is an assumption of this simulator, not a fitted value: with it
the paper's gate range (|E| <= 4e5 V/m through 0.5 mm) tunes n by several 10^12 cm^-2.  Set
both from a measurement of the substrate at hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import hyp2f1

from reentrant.units import EPSILON_0_F_PER_M
from reentrant.validate import finite_array, positive


@dataclass(frozen=True)
class KTaO3Permittivity:
    """Johnson (Landau-Devonshire) form of the field-dependent permittivity of KTaO3.

    Parameters
    ----------
    eps_r0 : float
        Zero-field static relative permittivity (dimensionless), default 4500.
    field_scale_v_per_m : float
        Field E0 in V/m at which eps_r has fallen to eps_r0 / 2**(1/3), default 2e5.
    """

    eps_r0: float = 4500.0
    field_scale_v_per_m: float = 2.0e5

    def __post_init__(self) -> None:
        positive("eps_r0", self.eps_r0)
        positive("field_scale_v_per_m", self.field_scale_v_per_m)

    def eps_r(self, field_v_per_m: ArrayLike) -> np.ndarray:
        """Differential relative permittivity at electric field(s) E in V/m (dimensionless)."""
        e = finite_array("field_v_per_m", field_v_per_m)
        return self.eps_r0 / np.cbrt(1.0 + (e / self.field_scale_v_per_m) ** 2)

    def displacement(self, field_v_per_m: ArrayLike) -> np.ndarray:
        """Displacement field D(E) = eps0 * integral_0^E eps_r(E') dE' in C/m^2 (odd in E)."""
        e = finite_array("field_v_per_m", field_v_per_m)
        x2 = -((e / self.field_scale_v_per_m) ** 2)
        return EPSILON_0_F_PER_M * self.eps_r0 * e * hyp2f1(1.0 / 3.0, 0.5, 1.5, x2)
