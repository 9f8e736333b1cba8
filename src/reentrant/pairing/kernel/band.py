"""The normal state in compiled form: eps(k), the spin vector d(k) and xi_s(k) (numba).

The same physics as :class:`reentrant.models.band.BandModel`, as functions of raw numbers for the
kernels.  A dispersion family is a code with a coefficient vector (:func:`dispersion_family`
maps the classes of :mod:`reentrant.models.dispersion` to them); adding a dispersion means a
code, its coefficients there and a branch of :func:`dispersion`.  Every dispersion is even in k
(the kernels pair k with -k).  Units are the model's, hbar = 1.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from reentrant.errors import ParameterError
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding

#: Dispersion families: ``p0 kx^2 + p1 ky^2``, and square-lattice tight binding (t, t', a).
QUADRATIC, SQUARE_LATTICE = 0, 1


def dispersion_family(disp) -> tuple[int, np.ndarray]:
    """Kernel family and coefficient vector of a dispersion object."""
    if isinstance(disp, Parabolic):
        c = 0.5 / disp.mass
        return QUADRATIC, np.array([c, c, 0.0])
    if isinstance(disp, Saddle):
        return QUADRATIC, np.array([-0.5 / disp.mass_heavy, 0.5 / disp.mass_light, 0.0])
    if isinstance(disp, TightBinding):
        return SQUARE_LATTICE, np.array([disp.hopping, disp.hopping_next, disp.lattice_constant])
    raise ParameterError(f"no compiled kernel for dispersion {type(disp).__name__}")


@njit(cache=True, inline="always")
def dispersion(family, p, kx, ky):
    """eps(k): quadratic ``p0 kx^2 + p1 ky^2``, or square-lattice tight binding (t, t', a)."""
    if family == QUADRATIC:
        return p[0] * kx * kx + p[1] * ky * ky
    a = p[2]
    cx = np.cos(kx * a)
    cy = np.cos(ky * a)
    return -2.0 * p[0] * (cx + cy) - 4.0 * p[1] * cx * cy


@njit(cache=True, inline="always")
def spin_vector(A, c, tau, hx, hy, hz, kx, ky):
    """d = A k + tau c + h (SOC plus Zeeman/exchange)."""
    return (
        A[0, 0] * kx + A[0, 1] * ky + tau * c[0] + hx,
        A[1, 0] * kx + A[1, 1] * ky + tau * c[1] + hy,
        A[2, 0] * kx + A[2, 1] * ky + tau * c[2] + hz,
    )


@njit(cache=True, inline="always")
def band_energy(family, p, A, c, mu, tau, h, kx, ky, s):
    """xi_s(k) = eps(k) - mu + s |d(k)|, s = -1 (lower) or +1 (upper)."""
    d0, d1, d2 = spin_vector(A, c, tau, h[0], h[1], h[2], kx, ky)
    return dispersion(family, p, kx, ky) - mu + s * np.sqrt(d0 * d0 + d1 * d1 + d2 * d2)


@njit(cache=True)
def in_shell(family, p, A, c, mu, n_valleys, kx, ky, omega_d):
    """True if some zero-field branch at k lies within omega_D of the Fermi level."""
    e0 = dispersion(family, p, kx, ky) - mu
    for iv in range(n_valleys):
        g0, g1, g2 = spin_vector(A, c, 1.0 - 2.0 * iv, 0.0, 0.0, 0.0, kx, ky)
        gn = np.sqrt(g0 * g0 + g1 * g1 + g2 * g2)
        if abs(e0 - gn) < omega_d or abs(e0 + gn) < omega_d:
            return True
    return False
