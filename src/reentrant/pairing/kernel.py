"""Compiled kernel of the pair susceptibility chi_ab(Q, h, T) (numba).

The physics is stated in :mod:`reentrant.pairing.susceptibility`; this module holds only the
compiled loops over raw arrays.  The k integral runs along a family of straight lines
``k = o + t d`` (radial rays, Jacobian ``t``, or parallel lines, Jacobian 1).  On every line and
for every evaluation the Fermi crossings of the four single-particle energies
``xi_s(k + Q/2)`` and ``xi_s'(-k + Q/2)`` are located by Newton's method from the zero-field
crossings, and composite Gauss-Legendre panels are graded geometrically around each of them with
a finest width ``w_fac * T / (|v| + sqrt(T |curvature|))``.  The sharp (scale T) structure of the
integrand is therefore resolved wherever the field and Q move it.
"""

from __future__ import annotations

import os

# numba's parallel loops run on OpenMP here.  Its default "active" wait makes idle threads spin,
# and on a machine with other load a spinning thread holds up each short parallel region until
# the scheduler preempts it: a T_c(B) curve measured 3.5-14 s with one competing process against
# 2.2 s on one thread.  Passive waiting (threads sleep between regions) measured 2.5 s there and
# was also faster on a quiet 2-core machine (1.33 s against 1.52 s).  A user's own setting wins;
# it must be set before the OpenMP runtime loads, i.e. before the first parallel call.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
from numba import njit, prange  # noqa: E402

_TINY = 1e-300


@njit(cache=True, inline="always")
def dispersion(kind, p, kx, ky):
    """eps(k): kind 0 quadratic ``p0 kx^2 + p1 ky^2``; kind 1 square-lattice tight binding."""
    if kind == 0:
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
def band_energy(kind, p, A, c, mu, tau, h, kx, ky, s):
    """xi_s(k) = eps(k) - mu + s |d(k)|, s = -1 (lower) or +1 (upper)."""
    d0, d1, d2 = spin_vector(A, c, tau, h[0], h[1], h[2], kx, ky)
    return dispersion(kind, p, kx, ky) - mu + s * np.sqrt(d0 * d0 + d1 * d1 + d2 * d2)


@njit(cache=True, inline="always")
def pair_kernel(a, b, temperature):
    """F(a, b) = [tanh(a/2T) + tanh(b/2T)] / (2 (a + b)) = T sum_n 1/((i w_n - a)(-i w_n - b)).

    Evaluated as sinh(z)/z / (4 T cosh x cosh y), z = x + y, x = a/2T, y = b/2T, which is
    finite at a + b = 0.
    """
    x = 0.5 * a / temperature
    y = 0.5 * b / temperature
    z = x + y
    if abs(z) > 20.0:
        return (np.tanh(x) + np.tanh(y)) / (2.0 * (a + b))
    if abs(z) < 1e-4:
        sz = 1.0 + z * z / 6.0
    else:
        sz = np.sinh(z) / z
    cx = np.cosh(x)
    cy = np.cosh(y)
    return sz / (4.0 * temperature * cx * cy)


@njit(cache=True)
def _newton_crossing(
    kind, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t0, lo, hi, scale
):
    """Root t of xi_s(sgn_k * (o + t d) + Q/2) = 0 near t0; returns (t, |slope|, |curv|, ok)."""
    t = t0
    eps = 1e-6 * scale
    for _ in range(30):
        kx = sgn_k * (ox + t * dx) + 0.5 * qx
        ky = sgn_k * (oy + t * dy) + 0.5 * qy
        f = band_energy(kind, p, A, c, mu, tau, h, kx, ky, s)
        fp = band_energy(kind, p, A, c, mu, tau, h, kx + sgn_k * eps * dx, ky + sgn_k * eps * dy, s)
        fm = band_energy(kind, p, A, c, mu, tau, h, kx - sgn_k * eps * dx, ky - sgn_k * eps * dy, s)
        df = (fp - fm) / (2.0 * eps)
        d2 = (fp - 2.0 * f + fm) / (eps * eps)
        if df == 0.0:
            return t, 0.0, abs(d2), False
        step = f / df
        t_new = t - step
        if t_new < lo or t_new > hi:
            return t, abs(df), abs(d2), False
        t = t_new
        if abs(step) < 1e-12 * scale:
            return t, abs(df), abs(d2), True
    return t, abs(df), abs(d2), abs(step) < 1e-8 * scale


@njit(cache=True)
def _in_shell(kind, p, A, c, mu, valleys, kx, ky, omega_d):
    """True if some zero-field branch at k lies within omega_D of the Fermi level."""
    e0 = dispersion(kind, p, kx, ky) - mu
    for iv in range(valleys.shape[0]):
        g0, g1, g2 = spin_vector(A, c, valleys[iv], 0.0, 0.0, 0.0, kx, ky)
        gn = np.sqrt(g0 * g0 + g1 * g1 + g2 * g2)
        if abs(e0 - gn) < omega_d or abs(e0 + gn) < omega_d:
            return True
    return False


@njit(cache=True)
def _accumulate_node(
    kind, p, A, c, mu, valleys, qx, qy, h, temperature, omega_d, mask, n_ch, kx, ky, weight, out
):
    """Add weight * sum over valleys and band pairs of F * (1/2) Tr[...] to out[a, b, re/im]."""
    # zero-field energies at the relative momentum decide the energy shell; the partner state
    # (valley -tau at -k) is the time-reversed one: same energies (every dispersion here is even
    # in k), spin-orbit vector f = A(-k) - tau c = -g
    e0 = dispersion(kind, p, kx, ky) - mu
    for iv in range(valleys.shape[0]):
        tau1 = valleys[iv]
        tau2 = -tau1
        g0, g1, g2 = spin_vector(A, c, tau1, 0.0, 0.0, 0.0, kx, ky)
        gn = np.sqrt(g0 * g0 + g1 * g1 + g2 * g2)
        f0, f1, f2 = -g0, -g1, -g2
        # shell membership of the zero-field branches; the same for the time-reversed partner
        in_lo = abs(e0 - gn) < omega_d
        in_hi = abs(e0 + gn) < omega_d
        if not (in_lo or in_hi):
            continue
        # electron 1 at k + Q/2 (valley tau1), electron 2 at -k + Q/2 (valley tau2)
        k1x = kx + 0.5 * qx
        k1y = ky + 0.5 * qy
        k2x = -kx + 0.5 * qx
        k2y = -ky + 0.5 * qy
        eps1 = dispersion(kind, p, k1x, k1y) - mu
        eps2 = dispersion(kind, p, k2x, k2y) - mu
        a0, a1, a2 = spin_vector(A, c, tau1, h[0], h[1], h[2], k1x, k1y)
        b0, b1, b2 = spin_vector(A, c, tau2, h[0], h[1], h[2], k2x, k2y)
        an = np.sqrt(a0 * a0 + a1 * a1 + a2 * a2)
        bn = np.sqrt(b0 * b0 + b1 * b1 + b2 * b2)
        if an > 0.0:
            n1x, n1y, n1z = a0 / an, a1 / an, a2 / an
        else:
            n1x, n1y, n1z = 0.0, 0.0, 1.0
        if bn > 0.0:
            n2x, n2y, n2z = b0 / bn, b1 / bn, b2 / bn
        else:
            n2x, n2y, n2z = 0.0, 0.0, 1.0
        if gn > 0.0:
            ux, uy, uz = g0 / gn, g1 / gn, g2 / gn
        else:
            ux, uy, uz = 0.0, 0.0, 0.0
        # tanh(E/2T) of the four single-particle energies, shared by the four band pairs
        ea_lo, ea_hi = eps1 - an, eps1 + an
        eb_lo, eb_hi = eps2 - bn, eps2 + bn
        half_t = 0.5 / temperature
        ta_lo, ta_hi = np.tanh(ea_lo * half_t), np.tanh(ea_hi * half_t)
        tb_lo, tb_hi = np.tanh(eb_lo * half_t), np.tanh(eb_hi * half_t)
        # a state belongs to the energy shell of the zero-field branch (at the relative
        # momentum) whose spin it follows: continuous in k, Q and h, unlike the energy order
        dot1 = n1x * g0 + n1y * g1 + n1z * g2
        dot2 = n2x * f0 + n2y * f1 + n2z * f2
        for i1 in range(2):
            s1 = 2 * i1 - 1
            if not mask[i1]:
                continue
            follows_upper = s1 * dot1 > 0.0 if dot1 != 0.0 else s1 > 0
            if not (in_hi if follows_upper else in_lo):
                continue
            for i2 in range(2):
                s2 = 2 * i2 - 1
                if not mask[i2]:
                    continue
                follows_upper = s2 * dot2 > 0.0 if dot2 != 0.0 else s2 > 0
                if not (in_hi if follows_upper else in_lo):
                    continue
                # P = (1 + A.sigma)/2 with A = s1 n1; P~' = (1 + B.sigma)/2 with B = -s2 n2
                Ax, Ay, Az = s1 * n1x, s1 * n1y, s1 * n1z
                Bx, By, Bz = -s2 * n2x, -s2 * n2y, -s2 * n2z
                ab = Ax * Bx + Ay * By + Az * Bz
                if n_ch == 1 and 1.0 + ab < 1e-15:
                    continue  # no singlet overlap (parallel spins)
                ea = ea_hi if s1 > 0 else ea_lo
                eb = eb_hi if s2 > 0 else eb_lo
                if abs(ea + eb) > 1e-3 * temperature:
                    ta = ta_hi if s1 > 0 else ta_lo
                    tb = tb_hi if s2 > 0 else tb_lo
                    fk = (ta + tb) / (2.0 * (ea + eb))
                else:
                    fk = pair_kernel(ea, eb, temperature)
                w = weight * fk * 0.5
                out[0, 0, 0] += w * 0.5 * (1.0 + ab)
                if n_ch > 1:
                    au = Ax * ux + Ay * uy + Az * uz
                    bu = Bx * ux + By * uy + Bz * uz
                    # A . (u x B)
                    cr = (
                        Ax * (uy * Bz - uz * By)
                        + Ay * (uz * Bx - ux * Bz)
                        + Az * (ux * By - uy * Bx)
                    )
                    out[0, 1, 0] += w * 0.5 * (au + bu)
                    out[0, 1, 1] += w * 0.5 * cr
                    out[1, 0, 0] += w * 0.5 * (au + bu)
                    out[1, 0, 1] -= w * 0.5 * cr
                    # A' = 2 (u.A) u - A
                    apx = 2.0 * au * ux - Ax
                    apy = 2.0 * au * uy - Ay
                    apz = 2.0 * au * uz - Az
                    out[1, 1, 0] += w * 0.5 * (1.0 + apx * Bx + apy * By + apz * Bz)


@njit(cache=True)
def _bisect_level(kind, p, A, c, mu, tau, ox, oy, dx, dy, s, level, a, b):
    """Root in [a, b] of xi_s(o + t d) - level at zero field (a sign change is known)."""
    zero = np.zeros(3)
    fa = band_energy(kind, p, A, c, mu, tau, zero, ox + a * dx, oy + a * dy, s) - level
    for _ in range(32):
        m = 0.5 * (a + b)
        fm = band_energy(kind, p, A, c, mu, tau, zero, ox + m * dx, oy + m * dy, s) - level
        if (fm < 0.0) == (fa < 0.0):
            a, fa = m, fm
        else:
            b = m
    return 0.5 * (a + b)


@njit(cache=True)
def _scan_line(kind, p, A, c, mu, valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
               guess_t, guess_s, guess_v, edges):  # fmt: skip
    """Zero-field Fermi crossings (per valley and branch) and shell edges along one line.

    Samples ``n_scan`` points, brackets every sign change of ``xi_s``, ``xi_s - omega_D`` and
    ``xi_s + omega_D`` and bisects it.  Returns (number of crossings, number of edges).
    """
    ng = 0
    ne = 0
    cap_g = guess_t.shape[0]
    cap_e = edges.shape[0]
    zero = np.zeros(3)
    for iv in range(valleys.shape[0]):
        tau = valleys[iv]
        for band in range(2):
            s = 2 * band - 1
            prev = 0.0
            t_prev = lo
            for i in range(n_scan):
                t = lo + (hi - lo) * i / (n_scan - 1)
                xi = band_energy(kind, p, A, c, mu, tau, zero, ox + t * dx, oy + t * dy, s)
                if i > 0:
                    for k in range(3):
                        level = 0.0 if k == 0 else (omega_d if k == 1 else -omega_d)
                        if (prev - level < 0.0) != (xi - level < 0.0):
                            root = _bisect_level(
                                kind, p, A, c, mu, tau, ox, oy, dx, dy, s, level, t_prev, t
                            )
                            if k == 0 and ng < cap_g:
                                guess_t[ng] = root
                                guess_s[ng] = s
                                guess_v[ng] = iv
                                ng += 1
                            elif k > 0 and ne < cap_e:
                                edges[ne] = root
                                ne += 1
                prev = xi
                t_prev = t
    return ng, ne


@njit(cache=True)
def _line_integral(kind, p, A, c, mu, valleys, ox, oy, dx, dy, lo, hi, radial,
                   qx, qy, h, temperature, omega_d, mask, n_ch,
                   gl_x, gl_w, ratio, w_fac, max_levels, n_scan, acc):  # fmt: skip
    """Integral along one line (Jacobian t for rays) of the pair-susceptibility integrand."""
    scale = hi - lo
    nv = valleys.shape[0]
    cap_g = 16 * nv
    guess_t = np.empty(cap_g)
    guess_s = np.empty(cap_g)
    guess_v = np.empty(cap_g, dtype=np.int64)
    edges = np.empty(32 * nv)
    ng, ne = _scan_line(kind, p, A, c, mu, valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
                        guess_t, guess_s, guess_v, edges)  # fmt: skip
    cross = np.empty(2 * ng)
    cwid = np.empty(2 * ng)
    nc = 0
    for g in range(ng):
        tau1 = valleys[guess_v[g]]
        for e in range(2):
            # electron 1 at k + Q/2 in valley tau; electron 2 at -k + Q/2 in valley -tau, whose
            # zero-field crossings coincide with electron 1's (time reversal)
            sgn_k = 1.0 if e == 0 else -1.0
            tau = tau1 if e == 0 else -tau1
            t, slope, curv, ok = _newton_crossing(
                kind, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy,
                guess_s[g], guess_t[g], lo, hi, scale,
            )  # fmt: skip
            if not ok:
                t = guess_t[g]
            cross[nc] = t
            cwid[nc] = w_fac * temperature / (slope + np.sqrt(temperature * curv) + _TINY)
            nc += 1
    bp = np.empty(nc * (2 * max_levels + 1) + 1)
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
    raw = np.sort(bp[:nb])
    # thin the graded points: keep one only if it is far enough from the last kept one,
    # measured against the spacing that the nearest crossing asks for; then add the fixed
    # breakpoints (line ends, shell edges), where the integrand is discontinuous
    pts = np.empty(nb + 2 + ne)
    kept = 0
    shrink = 0.5 * (ratio - 1.0) / ratio
    for i in range(nb):
        t = raw[i]
        need = np.inf
        for ic in range(nc):
            gap = max(cwid[ic], shrink * abs(t - cross[ic]))
            if gap < need:
                need = gap
        if kept == 0 or t - pts[kept - 1] >= 0.5 * need:
            pts[kept] = t
            kept += 1
    pts[kept] = lo
    pts[kept + 1] = hi
    kept += 2
    for j in range(ne):
        pts[kept] = edges[j]
        kept += 1
    pts = np.sort(pts[:kept])
    for i in range(kept - 1):
        a = pts[i]
        b = pts[i + 1]
        if a < lo or b > hi or b - a <= 1e-14 * scale:
            continue
        tm = 0.5 * (a + b)
        if not _in_shell(kind, p, A, c, mu, valleys, ox + tm * dx, oy + tm * dy, omega_d):
            continue
        half = 0.5 * (b - a)
        for j in range(gl_x.shape[0]):
            t = tm + half * gl_x[j]
            jac = t if radial else 1.0
            _accumulate_node(
                kind, p, A, c, mu, valleys, qx, qy, h, temperature, omega_d, mask, n_ch,
                ox + t * dx, oy + t * dy, jac * half * gl_w[j], acc,
            )  # fmt: skip


@njit(cache=True, parallel=True)
def line_integrals(
    geometry, gp, us,
    kind, p, A, c, mu, valleys,
    qx, qy, h, temperature, omega_d, mask, n_ch,
    gl_x, gl_w, ratio, w_fac, max_levels, n_scan, half_line,
):  # fmt: skip
    """Line integrals for transverse coordinates ``us``, shape (len(us), n_ch, n_ch, 2).

    ``geometry`` 0: rays from ``(gp[0], gp[1])`` at angle u, ``t`` in ``[0, gp[2]]`` or, if
    ``gp[3] > 0``, up to the square of half-width ``gp[3]`` about the centre; Jacobian ``t``.
    ``geometry`` 1: lines ``p_x = u``, ``p_y`` in ``[-gp[4], gp[4]]``, or only ``[0, gp[4]]``
    if ``half_line`` (the caller doubles it where the integrand is even in ``p_y``); Jacobian 1.
    """
    out = np.zeros((us.shape[0], n_ch, n_ch, 2))
    for l in prange(us.shape[0]):
        u = us[l]
        if geometry == 0:
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
        _line_integral(kind, p, A, c, mu, valleys, ox, oy, dx, dy, lo, hi, radial,
                       qx, qy, h, temperature, omega_d, mask, n_ch,
                       gl_x, gl_w, ratio, w_fac, max_levels, n_scan, acc)  # fmt: skip
        out[l] = acc
    return out
