"""The line quadrature of chi_ab, its threads, and the factory that binds a model to it (numba).

:func:`make_line_integrals` turns a model, an interaction, a resolution and a line family into a
function of the late-bound (us, Q, h, T) only; the compiled :func:`line_integrals` underneath is
one function for every model (see the package notes).  Along each line, Gauss-Legendre panels
are graded geometrically about the crossings and extrema found by
:mod:`reentrant.pairing.kernel.lines`, with a finest width ``w_fac T / (|v| + sqrt(T |curv|))``,
and the integrand (:mod:`reentrant.pairing.kernel.integrand`) is summed on them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numba
import numpy as np
from numba import njit

from reentrant.models.band import BandModel
from reentrant.pairing.kernel.band import dispersion_family, in_shell
from reentrant.pairing.kernel.integrand import SINGLET, accumulate_node, channel_codes
from reentrant.pairing.kernel.lines import (
    CROSSING,
    TURN,
    crossing_width,
    newton_point,
    scan_line,
)
from reentrant.pairing.quadrature import RADIAL, Geometry, Resolution

LineIntegrals = Callable[[np.ndarray, float, float, np.ndarray, float, bool], np.ndarray]


@njit(cache=True)
def _workspace(n_valleys, n_ch, n_scan, max_levels):
    """Work arrays of :func:`_line_integral`, allocated once per call and reused line by line."""
    cap_g = 32 * n_valleys
    cap_c = 4 * cap_g
    cap_b = cap_c * (2 * max_levels + 1) + 1
    return (
        np.empty(cap_g), np.empty(cap_g), np.empty(cap_g, dtype=np.int64),
        np.empty(cap_g, dtype=np.int64), np.empty(cap_g), np.empty(n_scan),
        np.empty(2 * n_scan), np.empty(2 * n_scan), np.empty(cap_c), np.empty(cap_c),
        np.empty(cap_c), np.empty(cap_c), np.empty(cap_b), np.empty(cap_b + 2 + cap_g),
        np.empty((n_ch, 4)), np.empty((2, n_ch, 4), dtype=np.complex128),
        np.empty((2, n_ch, 4), dtype=np.complex128),
    )  # fmt: skip


@njit(cache=True)
def _line_integral(family, p, A, c, mu, n_valleys, channels, fscale,
                   ox, oy, dx, dy, lo, hi, radial, mirror_lo,
                   qx, qy, h, temperature, omega_d, mask,
                   gl_x, gl_w, ratio, w_fac, max_levels, n_scan, acc, work):  # fmt: skip
    """Integral along one line (Jacobian t for rays) of the pair-susceptibility integrand.

    (At most 30 arguments: CPython passes more through a tuple, which numba cannot compile.)
    """
    scale = hi - lo
    singlet_only = channels.shape[0] == 1 and channels[0] == SINGLET
    (seed_t, seed_s, seed_v, seed_k, edges, samples, knots, values, cross, cwid, cs, ws, bp,
     pts, vec, x_mat, y_mat) = work  # fmt: skip
    ng, ne = scan_line(family, p, A, c, mu, n_valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
                        mirror_lo, seed_t, seed_s, seed_v, seed_k, edges, samples, knots,
                        values)  # fmt: skip
    nc = 0
    for g in range(ng):
        tau1 = 1.0 - 2.0 * seed_v[g]
        for e in range(2):
            # electron 1 at k + Q/2 in valley tau; electron 2 at -k + Q/2 in valley -tau, whose
            # zero-field crossings coincide with electron 1's (time reversal)
            sgn_k = 1.0 if e == 0 else -1.0
            tau = tau1 if e == 0 else -tau1
            s = seed_s[g]
            kind = seed_k[g]
            t, slope, curv, f, ok = newton_point(
                family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, seed_t[g],
                lo, hi, scale, kind != CROSSING,
            )  # fmt: skip
            if kind == CROSSING:
                cross[nc] = t if ok else seed_t[g]
                cwid[nc] = crossing_width(w_fac, temperature, slope, curv)
                nc += 1
            elif ok and f * curv > 0.0 and abs(f) < omega_d:
                # the branch turns without reaching the Fermi level: grade about its extremum
                cross[nc] = t
                cwid[nc] = crossing_width(w_fac, temperature, 0.0, curv)
                nc += 1
            elif ok and f * curv < 0.0 and (kind == TURN or abs(f) < 10.0 * temperature):
                # it crosses on both sides of the extremum, and the zero-field crossings do not
                # seed them (none, or too close for two Newton runs): follow both from here
                offset = np.sqrt(2.0 * abs(f / curv))
                for side in (-1.0, 1.0):
                    tc, sl, cu, _, okc = newton_point(
                        family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s,
                        t + side * offset, lo, hi, scale, False,
                    )  # fmt: skip
                    if okc:
                        cross[nc] = tc
                        cwid[nc] = crossing_width(w_fac, temperature, sl, cu)
                        nc += 1
    nb = 0
    for ic in range(nc):
        t = cross[ic]
        bp[nb] = t
        nb += 1
        step = cwid[ic]
        for _ in range(max_levels):
            if t - step > lo:
                bp[nb] = t - step
                nb += 1
            if t + step < hi:
                bp[nb] = t + step
                nb += 1
            if t - step <= lo and t + step >= hi:
                break
            step *= ratio
    bp[:nb].sort()
    # crossings in order of position (insertion sort: a handful of them)
    for i in range(nc):
        t, w = cross[i], cwid[i]
        k = i
        while k > 0 and cs[k - 1] > t:
            cs[k], ws[k] = cs[k - 1], ws[k - 1]
            k -= 1
        cs[k], ws[k] = t, w
    # thin the graded points: keep one only if it is far enough from the last kept one,
    # measured against the spacing that the nearest crossing asks for; then add the fixed
    # breakpoints (line ends, shell edges), where the integrand is discontinuous
    kept = 0
    shrink = 0.5 * (ratio - 1.0) / ratio
    near = 0
    for i in range(nb):
        t = bp[i]
        while near < nc - 1 and cs[near + 1] <= t:
            near += 1
        # min over crossings of max(width, shrink * distance), searched outwards from the
        # nearest ones: a crossing farther than the best so far cannot win
        need = np.inf
        for direction in (-1, 1):
            k = near if direction == -1 else near + 1
            while 0 <= k < nc:
                dist = shrink * abs(t - cs[k])
                if dist >= need:
                    break
                need = min(need, max(ws[k], dist))
                k += direction
        if kept == 0 or t - pts[kept - 1] >= 0.5 * need:
            pts[kept] = t
            kept += 1
    pts[kept] = lo
    pts[kept + 1] = hi
    kept += 2
    for j in range(ne):
        pts[kept] = edges[j]
        kept += 1
    pts[:kept].sort()
    for i in range(kept - 1):
        a = pts[i]
        b = pts[i + 1]
        if a < lo or b > hi or b - a <= 1e-14 * scale:
            continue
        tm = 0.5 * (a + b)
        if not in_shell(family, p, A, c, mu, n_valleys, ox + tm * dx, oy + tm * dy, omega_d):
            continue
        half = 0.5 * (b - a)
        for j in range(gl_x.shape[0]):
            t = tm + half * gl_x[j]
            jac = t if radial else 1.0
            accumulate_node(
                family, p, A, c, mu, n_valleys, channels, fscale, singlet_only, qx, qy, h,
                temperature, omega_d, mask, ox + t * dx, oy + t * dy, jac * half * gl_w[j], acc,
                vec, x_mat, y_mat,
            )  # fmt: skip


@njit(cache=True, nogil=True)
def line_integrals(us, lines, band, pairing, quad, qx, qy, h, temperature, half_line):
    """Line integrals at transverse coordinates ``us``, shape (len(us), n_ch, n_ch, 2).

    ``lines = (kind, gp)``: kind RADIAL: rays from ``(gp[0], gp[1])`` at angle u, ``t`` in
    ``[0, gp[2]]`` or, if ``gp[3] > 0``, up to the square of half-width ``gp[3]`` about the
    centre (Jacobian ``t``); kind PARALLEL: lines ``p_x = u``, ``p_y`` in ``[-gp[4], gp[4]]``, or
    only ``[0, gp[4]]`` if ``half_line`` (the caller doubles it where the integrand is even in
    ``p_y``).  ``band = (family, p, A, c, mu, n_valleys)``, ``pairing = (channels, omega_D,
    branch mask, p-wave form-factor scales (1/k_Fx, 1/k_Fy))``, ``quad = (gl_x, gl_w, ratio,
    w_fac, max_levels, n_scan)``; then the late-bound ``Q``, ``h`` (3,) and ``T``.
    """
    kind, gp = lines
    family, p, A, c, mu, n_valleys = band
    channels, omega_d, mask, fscale = pairing
    gl_x, gl_w, ratio, w_fac, max_levels, n_scan = quad
    n_ch = channels.shape[0]
    out = np.zeros((us.shape[0], n_ch, n_ch, 2))
    work = _workspace(n_valleys, n_ch, n_scan, max_levels)
    for l in range(us.shape[0]):
        u = us[l]
        if kind == RADIAL:
            ox, oy = gp[0], gp[1]
            dx, dy = np.cos(u), np.sin(u)
            lo = 0.0
            hi = gp[2] if gp[3] <= 0.0 else gp[3] / max(abs(dx), abs(dy))
            radial = True
        else:
            ox, oy = u, 0.0
            dx, dy = 0.0, 1.0
            lo, hi = (0.0 if half_line else -gp[4]), gp[4]
            radial = False
        acc = np.zeros((n_ch, n_ch, 2))
        _line_integral(family, p, A, c, mu, n_valleys, channels, fscale,
                       ox, oy, dx, dy, lo, hi, radial, half_line and not radial,
                       qx, qy, h, temperature, omega_d, mask,
                       gl_x, gl_w, ratio, w_fac, max_levels, n_scan, acc, work)  # fmt: skip
        out[l] = acc
    return out


def make_line_integrals(
    model: BandModel, interaction, resolution: Resolution, geometry: Geometry, bands: str = "all"
) -> LineIntegrals:
    """Line integrals of the pair-susceptibility integrand of one model, interaction, resolution.

    Parameters
    ----------
    model
        The normal state (dispersion, spin-orbit terms, mu); its exchange field is *not* bound
        here (it is part of the late-bound Zeeman vector).
    interaction
        The pairing interaction (its channels and cutoff omega_D).
    resolution
        :class:`reentrant.pairing.quadrature.Resolution` along the lines.
    geometry
        :class:`reentrant.pairing.quadrature.Geometry`: the line family.
    bands
        ``'all'``, ``'upper'`` or ``'lower'``: the branches kept.

    Returns
    -------
    callable
        ``lines(us, qx, qy, h, temperature, half_line=False)`` -> array (len(us), n_ch, n_ch, 2):
        real and imaginary parts of the line integrals of ``chi_ab`` (without ``1/(2 pi)^2``)
        at transverse coordinates ``us``; ``h`` is the total Zeeman vector (3,); ``half_line``
        integrates lines of constant p_x over ``p_y >= 0`` only.
    """
    family, p = dispersion_family(model.dispersion)
    lines = (int(geometry.kind), np.ascontiguousarray(geometry.params, dtype=np.float64))
    band = (
        family,
        p,
        np.ascontiguousarray(model.soc_linear(), dtype=np.float64),
        np.ascontiguousarray(model.soc_valley(), dtype=np.float64),
        float(model.mu),
        len(model.valleys),
    )
    pairing = (
        np.array(channel_codes(interaction), dtype=np.int64),
        float(interaction.cutoff),
        np.array([bands in ("all", "lower"), bands in ("all", "upper")]),
        np.ascontiguousarray(1.0 / np.maximum(geometry.k_fermi, 1e-300), dtype=np.float64),
    )
    gl_x, gl_w = np.polynomial.legendre.leggauss(int(resolution.n_gl))
    quad = (
        gl_x, gl_w, float(resolution.ratio), float(resolution.w_fac),
        int(resolution.max_levels), int(resolution.n_scan),
    )  # fmt: skip

    def bound(us, qx, qy, h, temperature, half_line=False):
        us = np.ascontiguousarray(us, dtype=np.float64)
        half_line = bool(half_line)
        h = np.ascontiguousarray(h, dtype=np.float64)
        args = (lines, band, pairing, quad, float(qx), float(qy), h, float(temperature), half_line)
        n = min(numba.get_num_threads(), max(1, us.size // 8))
        if n == 1:
            return line_integrals(us, *args)
        # interleaved chunks (neighbouring lines cost alike) on threads: the kernel drops the GIL
        parts = [np.ascontiguousarray(us[i::n]) for i in range(1, n)]
        futures = [_pool(n - 1).submit(line_integrals, part, *args) for part in parts]
        first = line_integrals(np.ascontiguousarray(us[0::n]), *args)
        out = np.empty((us.size, *first.shape[1:]))
        out[0::n] = first
        for i, future in enumerate(futures, start=1):
            out[i::n] = future.result()
        return out

    return bound


@cache
def _pool(workers: int) -> ThreadPoolExecutor:
    """Threads that run the compiled kernel on chunks of lines (it releases the GIL)."""
    return ThreadPoolExecutor(max_workers=workers)
