"""Hall resistance of the electron gas: one carrier type, or two parallel electron channels.

Sign convention: R_xy > 0 for electrons in a positive field, so the Hall density is
n_H = B / (e R_xy).  Fields in tesla, densities in nm^-2, mobilities in cm^2 / (V s), R in ohm.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.units import ELEMENTARY_CHARGE_C
from reentrant.validate import finite_array, positive

_PER_M2_PER_NM2 = 1e18
_M2_PER_CM2 = 1e-4


def hall_resistance(field_t: ArrayLike, density_nm2: ArrayLike) -> np.ndarray:
    """Single-carrier Hall resistance R_xy = B / (n e) in ohm (Ashcroft & Mermin, Eq. (1.15)).

    ``field_t`` and ``density_nm2`` broadcast together; the density must be positive.
    """
    b = finite_array("field_t", field_t)
    n = finite_array("density_nm2", density_nm2)
    if np.any(n <= 0):
        raise ParameterError("density_nm2 must be positive everywhere")
    return b / (n * _PER_M2_PER_NM2 * ELEMENTARY_CHARGE_C)


def two_carrier_hall_resistance(
    field_t: ArrayLike,
    densities_nm2: tuple[float, float],
    mobilities_cm2_per_vs: tuple[float, float],
) -> np.ndarray:
    """Hall resistance in ohm of two parallel electron bands (Drude two-carrier model).

    .. math::

        R_{xy} = \\frac{B}{e}\\,
        \\frac{n_1\\mu_1^2 + n_2\\mu_2^2 + (n_1+n_2)\\mu_1^2\\mu_2^2 B^2}
             {(n_1\\mu_1 + n_2\\mu_2)^2 + (n_1+n_2)^2\\mu_1^2\\mu_2^2 B^2}

    (Ashcroft & Mermin, Ch. 12, two bands of the same sign).  It tends to
    B / ((n1 + n2) e) at high field and when mu1 = mu2.
    """
    b = finite_array("field_t", field_t)
    n1, n2 = (
        positive(f"densities_nm2[{i}]", x) * _PER_M2_PER_NM2 for i, x in enumerate(densities_nm2)
    )
    m1, m2 = (
        positive(f"mobilities_cm2_per_vs[{i}]", x) * _M2_PER_CM2
        for i, x in enumerate(mobilities_cm2_per_vs)
    )
    cross = (n1 + n2) * m1**2 * m2**2 * b**2
    numerator = n1 * m1**2 + n2 * m2**2 + cross
    denominator = (n1 * m1 + n2 * m2) ** 2 + (n1 + n2) * cross
    return b / ELEMENTARY_CHARGE_C * numerator / denominator
