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


def shorted_hall_resistance(
    r_xy_normal: ArrayLike, r_xx: ArrayLike, r_normal: ArrayLike
) -> np.ndarray:
    """Hall resistance in ohm with superconducting fluctuations shunting the longitudinal current.

    Fluctuation Cooper pairs add to sigma_xx but not, at leading order, to sigma_xy: the
    fluctuation Hall conductivity is smaller by the particle-hole asymmetry (Aronov, Hikami &
    Larkin, Phys. Rev. B 51, 3880 (1995)).  So sigma_xy = sigma_xy^N while sigma_xx is the normal
    one enhanced by the factor k = R_N / R_xx that the longitudinal resistance shows.  Inverting
    the conductivity tensor, with the normal-state resistivity tensor
    [[R_N, -R_H], [R_H, R_N]] (R_H = ``r_xy_normal``):

    .. math::

        R_{xy} = \\frac{\\sigma_{xy}}{\\sigma_{xx}^2 + \\sigma_{xy}^2}
               = R_H\\,\\frac{(R_N^2 + R_H^2)\\,R_{xx}^2}{R_N^4 + R_H^2 R_{xx}^2}
               \\approx R_H \\left(\\frac{R_{xx}}{R_N}\\right)^2
               \\quad (|R_H| \\ll R_N),

    which is R_H where R_xx = R_N and 0 where R_xx = 0 (the Hall voltage is shorted).  All
    inputs broadcast together; ``r_normal`` must be positive.
    """
    r_h = np.asarray(r_xy_normal, dtype=float)
    r = np.asarray(r_xx, dtype=float)
    r_n = np.asarray(r_normal, dtype=float)
    if np.any(r_n <= 0):
        raise ParameterError("r_normal must be positive everywhere")
    r_n2 = r_n * r_n
    return r_h * (r_n2 + r_h * r_h) * r * r / (r_n2 * r_n2 + (r_h * r) ** 2)
