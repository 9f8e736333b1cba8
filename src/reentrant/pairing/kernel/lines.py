"""Fermi crossings and band extrema along one integration line (numba).

A line is ``k = o + t d``; an electron on it sits at ``sgn_k (o + t d) + Q/2``.  At zero field
:func:`scan_line` finds every crossing of each branch with the Fermi level and the shell edges
``+-omega_D``, cutting the line at the extrema of the branch energy between its samples, so that
a pair of crossings closer than the sampling (about a van Hove saddle) is found too; at finite
field and Q :func:`newton_point` follows each crossing or extremum from there.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from reentrant.pairing.kernel.band import band_energy

#: Kinds of the seeds of a line: a zero-field Fermi crossing; an extremum of a branch within
#: omega_D of the Fermi level that does not cross it (a turn), or about which it crosses twice.
CROSSING, TURN, TURN_CROSSED = 0, 1, 2
_TINY = 1e-300


@njit(cache=True)
def line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t):
    """xi_s at the point ``sgn_k * (o + t d) + Q/2`` of a line."""
    kx = sgn_k * (ox + t * dx) + 0.5 * qx
    ky = sgn_k * (oy + t * dy) + 0.5 * qy
    return band_energy(family, p, A, c, mu, tau, h, kx, ky, s)


@njit(cache=True)
def newton_point(
    family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t0, lo, hi, scale, extremum
):
    """Root near t0 of xi_s along the line or, with ``extremum``, of its derivative.

    Derivatives by central differences.  A crossing that leaves ``[lo, hi]`` is a failure; an
    extremum is clamped to the line (an end of a half line can be one).  Returns
    (t, |slope|, signed curvature, xi_s(t), ok).
    """
    t = t0
    eps = 1e-6 * scale
    f = df = d2 = 0.0
    step = np.inf
    for _ in range(30):
        f = line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t)
        fp = line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t + eps)
        fm = line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t - eps)
        df = (fp - fm) / (2.0 * eps)
        d2 = (fp - 2.0 * f + fm) / (eps * eps)
        num, den = (df, d2) if extremum else (f, df)
        if den == 0.0:
            return t, abs(df), d2, f, extremum
        t_new = t - num / den
        if extremum:
            t_new = min(max(t_new, lo), hi)
        elif t_new < lo or t_new > hi:
            return t, abs(df), d2, f, False
        step = t_new - t
        t = t_new
        if abs(step) < 1e-12 * scale:
            break
    else:
        if abs(step) >= 1e-8 * scale:
            return t, abs(df), d2, f, False
    f = line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t)
    return t, abs(df), d2, f, True


@njit(cache=True, inline="always")
def crossing_width(w_fac, temperature, slope, curvature):
    """Finest panel half-width at a crossing: ``w_fac T / (|v| + sqrt(T |curvature|))``."""
    return w_fac * temperature / (slope + np.sqrt(temperature * abs(curvature)) + _TINY)


@njit(cache=True)
def root_level(family, p, A, c, mu, tau, ox, oy, dx, dy, s, level, a, b):
    """Root in [a, b] of xi_s(o + t d) - level at zero field (a sign change is known).

    Illinois regula falsi (Dowell & Jarratt, BIT 11, 168 (1971)) to ``1e-13 (b - a)``, with a
    bisection step whenever it stalls; superlinear on these smooth, nearly quadratic functions.
    """
    zero = np.zeros(3)
    fa = band_energy(family, p, A, c, mu, tau, zero, ox + a * dx, oy + a * dy, s) - level
    fb = band_energy(family, p, A, c, mu, tau, zero, ox + b * dx, oy + b * dy, s) - level
    tol = 1e-13 * (b - a)
    side = 0
    for _ in range(200):
        if b - a <= tol:
            break
        m = (a * fb - b * fa) / (fb - fa)
        if not a < m < b:
            m = 0.5 * (a + b)
        fm = band_energy(family, p, A, c, mu, tau, zero, ox + m * dx, oy + m * dy, s) - level
        if fm == 0.0:
            return m
        if (fm < 0.0) == (fa < 0.0):
            a, fa = m, fm
            if side == -1:
                fb *= 0.5  # Illinois: the end kept twice in a row has its value halved
            side = -1
        else:
            b, fb = m, fm
            if side == 1:
                fa *= 0.5
            side = 1
    return 0.5 * (a + b)


_GOLDEN = 0.5 * (3.0 - np.sqrt(5.0))


@njit(cache=True)
def locate_extremum(family, p, A, c, mu, tau, ox, oy, dx, dy, s, a, b, sign):
    """Golden-section search in [a, b] for the minimum of ``sign * xi_s`` at zero field."""
    zero = np.zeros(3)
    x1 = a + _GOLDEN * (b - a)
    x2 = b - _GOLDEN * (b - a)
    f1 = sign * band_energy(family, p, A, c, mu, tau, zero, ox + x1 * dx, oy + x1 * dy, s)
    f2 = sign * band_energy(family, p, A, c, mu, tau, zero, ox + x2 * dx, oy + x2 * dy, s)
    for _ in range(48):
        if f1 < f2:
            b, x2, f2 = x2, x1, f1
            x1 = a + _GOLDEN * (b - a)
            f1 = sign * band_energy(family, p, A, c, mu, tau, zero, ox + x1 * dx, oy + x1 * dy, s)
        else:
            a, x1, f1 = x1, x2, f2
            x2 = b - _GOLDEN * (b - a)
            f2 = sign * band_energy(family, p, A, c, mu, tau, zero, ox + x2 * dx, oy + x2 * dy, s)
    t = 0.5 * (a + b)
    return t, band_energy(family, p, A, c, mu, tau, zero, ox + t * dx, oy + t * dy, s)


@njit(cache=True)
def scan_line(family, p, A, c, mu, n_valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
               mirror_lo, seed_t, seed_s, seed_v, seed_k, edges, samples, knots,
               values):  # fmt: skip
    """Zero-field Fermi crossings, band extrema near the Fermi level and shell edges of a line.

    Samples ``n_scan`` points per valley and branch.  Where three consecutive samples enclose an
    extremum of ``xi_s``, it is located by golden-section search and added as a knot, so that
    ``xi_s`` is monotonic between consecutive knots (given at most one extremum within two
    sample spacings); every sign change of ``xi_s``, ``xi_s - omega_D`` and ``xi_s + omega_D``
    between knots is then exactly one crossing, located by bisection.  A pair of crossings
    between two samples (about a van Hove saddle) is therefore found.  ``mirror_lo``: the line is
    the half ``t >= lo`` of a line symmetric about ``lo``, where every branch has an extremum.
    Seeds are the crossings and the extrema within omega_D of the Fermi level (``seed_k``:
    CROSSING, TURN, TURN_CROSSED).  Returns (number of seeds, number of edges).
    """
    ng = 0
    ne = 0
    cap_g = seed_t.shape[0]
    cap_e = edges.shape[0]
    zero = np.zeros(3)
    step = (hi - lo) / (n_scan - 1)
    for iv in range(n_valleys):
        tau = 1.0 - 2.0 * iv
        for band in range(2):
            s = 2 * band - 1
            for i in range(n_scan):
                t = lo + step * i
                samples[i] = band_energy(
                    family, p, A, c, mu, tau, zero, ox + t * dx, oy + t * dy, s
                )
            nk = 0
            for i in range(n_scan):
                t = lo + step * i
                f = samples[i]
                te, fe = t, f
                extremum = False
                if 0 < i < n_scan - 1:
                    # the slope changes sign about sample i (>= on one side: a pair of equal
                    # samples about an extremum is one extremum)
                    down, up = f - samples[i - 1], samples[i + 1] - f
                    if (down < 0.0 <= up) or (down > 0.0 >= up):
                        extremum = True
                        sign = 1.0 if down < 0.0 else -1.0
                        te, fe = locate_extremum(family, p, A, c, mu, tau, ox, oy, dx, dy, s,
                                           t - step, t + step, sign)  # fmt: skip
                elif i == 0 and mirror_lo:
                    extremum = True
                    sign = 1.0 if samples[1] > f else -1.0
                if extremum and te < t and (nk == 0 or te > knots[nk - 1]):
                    knots[nk], values[nk] = te, fe
                    nk += 1
                knots[nk], values[nk] = t, f
                nk += 1
                if extremum and te > t:
                    knots[nk], values[nk] = te, fe
                    nk += 1
                if extremum and abs(fe) < omega_d and ng < cap_g:
                    kind = TURN if sign * fe > 0.0 else TURN_CROSSED
                    seed_t[ng], seed_s[ng], seed_v[ng], seed_k[ng] = te, s, iv, kind
                    ng += 1
            for j in range(1, nk):
                for k in range(3):
                    level = 0.0 if k == 0 else (omega_d if k == 1 else -omega_d)
                    if (values[j - 1] - level < 0.0) != (values[j] - level < 0.0):
                        root = root_level(
                            family, p, A, c, mu, tau, ox, oy, dx, dy, s, level,
                            knots[j - 1], knots[j],
                        )  # fmt: skip
                        if k == 0 and ng < cap_g:
                            seed_t[ng], seed_s[ng], seed_v[ng], seed_k[ng] = root, s, iv, CROSSING
                            ng += 1
                        elif k > 0 and ne < cap_e:
                            edges[ne] = root
                            ne += 1
    return ng, ne
