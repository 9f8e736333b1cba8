r"""Shared machinery of the analytic mechanisms: the digamma pair-breaking equation and its roots.

Every analytic mechanism in :mod:`reentrant.mechanisms` reduces to the linearised gap equation
of a weak-coupling s-wave BCS superconductor with a pair-breaking perturbation, written in
*reduced* units (energies in ``k_B T_c0``, temperature ``t = T / T_c0``):

.. math::

    \ln\frac{1}{t} = \operatorname{Re}\,\psi\!\left(\frac12
        + \frac{\alpha + i h}{2\pi t}\right) - \psi\!\left(\frac12\right),

with ``alpha`` an Abrikosov-Gor'kov (time-reversal breaking, e.g. orbital) pair-breaking energy
and ``h`` the Zeeman energy, the coefficient of ``h . sigma`` (Abrikosov & Gor'kov, JETP 12, 1243
(1961); Maki, in *Superconductivity* ed. Parks (1969); Fischer, Helv. Phys. Acta 45, 331
(1972); for ``alpha = 0`` Sarma, J. Phys. Chem. Solids 24, 1029 (1963)).  It follows
from the Matsubara sum ``ln(1/t) = 2 pi t sum_n [1/w_n - Re 1/(w_n + alpha + i h)]`` with
``w_n = 2 pi t (n + 1/2)`` and the identity
``psi(1/2 + z) - psi(1/2) = sum_n [1/(n + 1/2) - 1/(n + 1/2 + z)]``.

The superconducting instability sets in where the residual ``ln t + Re psi(...) - psi(1/2)``
changes sign from positive (normal) to negative (paired) on cooling.  Because the linearised
equation can have several roots in ``t`` (the uniform Pauli line bends back below
``t = 0.48``), :func:`largest_root` returns the *largest* one: the temperature where the normal
state first becomes unstable on cooling, i.e. the physical ``T_c`` of a second-order transition.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.special import digamma

#: psi(1/2) = -gamma_E - 2 ln 2.
PSI_HALF: float = float(digamma(0.5))

#: Lowest reduced temperature searched; a T_c below ``T_MIN * T_c0`` is reported as 0.
T_MIN: float = 1e-3

_SCAN = np.concatenate([np.geomspace(T_MIN, 0.05, 48, endpoint=False), np.linspace(0.05, 1, 320)])
_BISECTIONS = 52


def pair_breaking(t: np.ndarray, alpha: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Pair-breaking term ``Re psi(1/2 + (alpha + i h)/(2 pi t)) - psi(1/2)`` (dimensionless).

    Parameters
    ----------
    t
        Reduced temperature ``T / T_c0`` (> 0).
    alpha
        Abrikosov-Gor'kov pair-breaking energy in units of ``k_B T_c0`` (>= 0).
    h
        Zeeman energy ``(g/2) mu_B B`` in units of ``k_B T_c0``; only ``|h|`` matters.

    Returns
    -------
    numpy.ndarray
        The broadcast pair-breaking term, >= 0, equal to 0 for ``alpha = h = 0``.
    """
    z = 0.5 + (np.asarray(alpha, dtype=float) + 1j * np.asarray(h, dtype=float)) / (2 * np.pi * t)
    return digamma(z).real - PSI_HALF


def tc_residual(t: np.ndarray, alpha: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Residual ``ln t + pair_breaking(t, alpha, h)`` of the linearised gap equation.

    Negative where the normal state is unstable to uniform s-wave pairing, positive where it is
    stable; ``T_c`` is its largest zero in ``0 < t <= 1`` (see module docstring).
    """
    return np.log(t) + pair_breaking(t, alpha, h)


def bisect(
    func: Callable[[np.ndarray], np.ndarray],
    lower: np.ndarray,
    upper: np.ndarray,
    iterations: int = _BISECTIONS,
) -> np.ndarray:
    """Vectorised bisection for a root of ``func`` between ``lower`` and ``upper``.

    ``func`` acts element-wise on an array shaped like ``lower``; its sign at ``lower`` must
    differ from its sign at ``upper``.  After ``iterations`` halvings the bracket is narrower than
    ``(upper - lower) / 2**iterations``; the midpoint is returned.
    """
    lo = np.array(lower, dtype=float)
    hi = np.array(upper, dtype=float)
    f_lo = func(lo)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        f_mid = func(mid)
        same = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(same, mid, lo)
        f_lo = np.where(same, f_mid, f_lo)
        hi = np.where(same, hi, mid)
    return 0.5 * (lo + hi)


def largest_root(residual: Callable[[np.ndarray], np.ndarray], size: int) -> np.ndarray:
    """Largest reduced temperature ``t`` in ``[T_MIN, 1]`` where ``residual`` changes sign.

    Parameters
    ----------
    residual
        ``residual(t)`` for ``t`` of shape ``(size, k)`` returns an array of the same shape: row
        ``i`` belongs to problem ``i`` (e.g. one field value).  Positive means normal, negative or
        zero means superconducting.
    size
        Number of independent problems.

    Returns
    -------
    numpy.ndarray
        Shape ``(size,)``: the largest root for each problem, 1 where the residual is <= 0
        already at ``t = 1``, 0 where it is positive on the whole scan (no ``T_c`` above
        ``T_MIN``).

    Notes
    -----
    The roots are bracketed on a fixed scan of 368 temperatures (geometric below 0.05, linear
    above) and refined by bisection to machine precision.  A superconducting window narrower
    than the scan spacing (about 3e-3) can be missed; for the uniform Pauli line this happens only
    within a relative 1e-6 of its maximal field.
    """
    grid = np.broadcast_to(_SCAN, (size, _SCAN.size))
    f = residual(grid)
    paired = f <= 0
    any_paired = paired.any(axis=1)
    last = _SCAN.size - 1 - np.argmax(paired[:, ::-1], axis=1)
    at_top = any_paired & (last == _SCAN.size - 1)
    bracketed = any_paired & ~at_top
    upper_index = np.minimum(last + 1, _SCAN.size - 1)
    lo = _SCAN[last][:, None]
    hi = _SCAN[upper_index][:, None]
    refined = bisect(residual, lo, np.where(bracketed[:, None], hi, lo + 1e-3))[:, 0]
    return np.where(at_top, 1.0, np.where(bracketed, refined, 0.0))
