"""Back-gate electrostatics: sheet density induced through the KTaO3 substrate.

The gate is a parallel-plate capacitor: the interface electron gas on one face of the substrate,
the metallized back side on the other (paper, Fig. 1a).  With no free charge inside the
dielectric, Gauss's law makes D uniform across it; since eps_r depends on E only, E = V / d is
uniform too.  The charge per area induced on the interface is D, so (Jackson, Ch. 4.4)

.. math::

    \\Delta n(V_{BG}) = \\frac{1}{e} \\int_0^{V_{BG}/d} \\varepsilon_0 \\varepsilon_r(E)\\,dE ,

positive V_BG adding electrons.  Units: V in volt, d in nm, densities in nm^-2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ParameterError
from reentrant.units import ELEMENTARY_CHARGE_C
from reentrant.validate import finite_array, positive

#: nm^-2 per m^-2.
_NM2_PER_M2 = 1e-18


@dataclass(frozen=True)
class BackGate:
    """A back gate through a KTaO3 substrate of the given thickness.

    Parameters
    ----------
    thickness_nm : float
        Substrate thickness d in nm (default 0.5 mm = 5e5 nm).
    density_at_zero_nm2 : float
        Sheet electron density n(0) at V_BG = 0 in nm^-2 (default 0.3 nm^-2 = 3e13 cm^-2).
    permittivity : KTaO3Permittivity
        Field-dependent permittivity of the substrate.
    """

    thickness_nm: float = 5.0e5
    density_at_zero_nm2: float = 0.3
    permittivity: KTaO3Permittivity = field(default_factory=KTaO3Permittivity)

    def __post_init__(self) -> None:
        positive("thickness_nm", self.thickness_nm)
        positive("density_at_zero_nm2", self.density_at_zero_nm2)

    def electric_field(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Uniform field E = V_BG / d in the substrate, V/m."""
        v = finite_array("gate_voltage", gate_voltage_v)
        return v / (self.thickness_nm * 1e-9)

    def induced_density(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Induced sheet density Delta n(V_BG) = D(V_BG / d) / e in nm^-2."""
        d = self.permittivity.displacement(self.electric_field(gate_voltage_v))
        return d / ELEMENTARY_CHARGE_C * _NM2_PER_M2

    def density(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Total sheet density n(V_BG) = n(0) + Delta n(V_BG) in nm^-2.

        Raises
        ------
        ParameterError
            If the gate would deplete the electron gas (n <= 0) somewhere.
        """
        n = self.density_at_zero_nm2 + self.induced_density(gate_voltage_v)
        if np.any(n <= 0):
            raise ParameterError(
                "gate_voltage depletes the electron gas (n <= 0); raise density_at_zero_nm2 "
                "or narrow the gate range"
            )
        return n
