"""Compiled kernel of the pair susceptibility chi_ab(Q, h, T): a factory of line integrals (numba).

The physics is stated in :mod:`reentrant.pairing.susceptibility`; this module holds the compiled
loops and the factory that binds a model's constants to them (py-pde's ``make_*`` split)::

    lines = make_line_integrals(model, interaction, resolution, geometry, bands="all")
    values = lines(us, qx, qy, h, temperature, half_line)   # shape (len(us), n_ch, n_ch, 2)

Compilation, caching and threads
--------------------------------
:func:`line_integrals` is compiled once for every model: the structure of a problem (dispersion
family, number of valleys, pairing channels) enters as small integer arguments whose branches
cost nothing measurable, and the numeric constants (dispersion coefficients, spin-orbit matrix,
mu, omega_D, the resolution) as ordinary arguments, bound by the wrapper that
:func:`make_line_integrals` returns.  numba's disk cache (``cache=True``) keeps the one compiled
function between processes, so a sweep over many models, and every new process after the first,
compiles nothing.  (A closure compiled per structure was measured and rejected: 20-33 s of
compilation per structure on 2 cores, and numba's disk cache handed a second closure of the same
factory the machine code of the first.)  The kernel releases the GIL; the wrapper splits the
lines into interleaved chunks over ``numba.get_num_threads()`` threads (one in a worker process
that set it to 1).  Measured against numba's ``parallel=True`` loop on the same body: the same
speed, a third less compilation (cold 15 s instead of 21 s of CPU time on 2 cores) and no OpenMP
runtime whose idle threads spin.

Extending it
------------
* A dispersion: its class in :mod:`reentrant.models.dispersion` (the physics), and here a family
  in :func:`_family` (its coefficient vector) and a branch in :func:`_dispersion`.
* A pairing channel ``Delta_a(k) = [psi_a(k) + d_a(k).sigma] i sigma_y / sqrt(2)`` (``psi`` even,
  ``d`` odd in the relative momentum k): a channel code, its place in :func:`channel_codes`, and a
  branch of :func:`_vertex` returning ``(psi_a, d_a)``.  :func:`_accumulate_node` adds its
  elements with every other channel through the general trace ``(1/2) Tr[M_a^+ P M_b P~']``
  (``M = psi + d.sigma``), so a triplet with a fixed d-vector (x, y or z) and an odd p-wave form
  factor, or singlet-triplet mixtures, need nothing else in the kernel.

Quadrature along a line
-----------------------
The k integral runs along a family of straight lines ``k = o + t d`` (radial rays, Jacobian
``t``, or parallel lines, Jacobian 1).  On every line the zero-field Fermi crossings of each branch
are located by sampling and bisection, with the line also cut at the extrema of the branch energy
between samples, so that a *pair* of crossings closer together than the sampling (the two
crossings that straddle ``p_y = 0`` on lines through a van Hove saddle) is found as well.  For
every evaluation the crossings of the four single-particle energies ``xi_s(k + Q/2)`` and
``xi_s'(-k + Q/2)`` are followed by Newton's method from the zero-field ones, and composite
Gauss-Legendre panels are graded geometrically around each with a finest width
``w_fac * T / (|v| + sqrt(T |curvature|))``.  An extremum of a branch whose value lies within
omega_D of the Fermi level without crossing it (a band edge or saddle just above or below the
Fermi level) is graded the same way (``|v| = 0``).  The sharp (scale T) structure of the
integrand is therefore resolved wherever the field and Q move it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numba
import numpy as np
from numba import njit

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.pairing.quadrature import RADIAL, Geometry, Resolution

_TINY = 1e-300
#: Kinds of the seeds of a line: a zero-field Fermi crossing; an extremum of a branch within
#: omega_D of the Fermi level that does not cross it (a turn), or about which it crosses twice.
CROSSING, TURN, TURN_CROSSED = 0, 1, 2

#: Dispersion families of the compiled kernel.
QUADRATIC, SQUARE_LATTICE = 0, 1
#: Pairing channels: the s-wave singlet (psi = 1) and the triplet whose d-vector follows the
#: spin-orbit field (d = g_hat(k)).
SINGLET, HELICAL_TRIPLET = 0, 1

LineIntegrals = Callable[[np.ndarray, float, float, np.ndarray, float, bool], np.ndarray]


def _family(dispersion) -> tuple[int, np.ndarray]:
    """Kernel family and coefficient vector of a dispersion object."""
    if isinstance(dispersion, Parabolic):
        c = 0.5 / dispersion.mass
        return QUADRATIC, np.array([c, c, 0.0])
    if isinstance(dispersion, Saddle):
        return QUADRATIC, np.array([-0.5 / dispersion.mass_heavy, 0.5 / dispersion.mass_light, 0.0])
    if isinstance(dispersion, TightBinding):
        d = dispersion
        return SQUARE_LATTICE, np.array([d.hopping, d.hopping_next, d.lattice_constant])
    raise ParameterError(f"no compiled kernel for dispersion {type(dispersion).__name__}")


def channel_codes(interaction) -> tuple[int, ...]:
    """Kernel channel codes of a :class:`~reentrant.pairing.susceptibility.PairingInteraction`."""
    return (SINGLET, HELICAL_TRIPLET)[: interaction.n_channels]


@njit(cache=True, inline="always")
def _dispersion(family, p, kx, ky):
    """eps(k): quadratic ``p0 kx^2 + p1 ky^2``, or square-lattice tight binding (t, t', a)."""
    if family == QUADRATIC:
        return p[0] * kx * kx + p[1] * ky * ky
    a = p[2]
    cx = np.cos(kx * a)
    cy = np.cos(ky * a)
    return -2.0 * p[0] * (cx + cy) - 4.0 * p[1] * cx * cy


@njit(cache=True, inline="always")
def _vertex(channel, kx, ky, ux, uy, uz):
    """(psi, d_x, d_y, d_z) of a channel at relative momentum k; ``u`` is the SOC direction."""
    if channel == SINGLET:
        return 1.0, 0.0, 0.0, 0.0
    return 0.0, ux, uy, uz


@njit(cache=True, inline="always")
def _spin_vector(A, c, tau, hx, hy, hz, kx, ky):
    """d = A k + tau c + h (SOC plus Zeeman/exchange)."""
    return (
        A[0, 0] * kx + A[0, 1] * ky + tau * c[0] + hx,
        A[1, 0] * kx + A[1, 1] * ky + tau * c[1] + hy,
        A[2, 0] * kx + A[2, 1] * ky + tau * c[2] + hz,
    )


@njit(cache=True, inline="always")
def _band_energy(family, p, A, c, mu, tau, h, kx, ky, s):
    """xi_s(k) = eps(k) - mu + s |d(k)|, s = -1 (lower) or +1 (upper)."""
    d0, d1, d2 = _spin_vector(A, c, tau, h[0], h[1], h[2], kx, ky)
    return _dispersion(family, p, kx, ky) - mu + s * np.sqrt(d0 * d0 + d1 * d1 + d2 * d2)


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
def _line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t):
    """xi_s at the point ``sgn_k * (o + t d) + Q/2`` of a line."""
    kx = sgn_k * (ox + t * dx) + 0.5 * qx
    ky = sgn_k * (oy + t * dy) + 0.5 * qy
    return _band_energy(family, p, A, c, mu, tau, h, kx, ky, s)


@njit(cache=True)
def _newton_point(
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
        f = _line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t)
        fp = _line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t + eps)
        fm = _line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t - eps)
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
    f = _line_energy(family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, t)
    return t, abs(df), d2, f, True


@njit(cache=True, inline="always")
def _crossing_width(w_fac, temperature, slope, curvature):
    """Finest panel half-width at a crossing: ``w_fac T / (|v| + sqrt(T |curvature|))``."""
    return w_fac * temperature / (slope + np.sqrt(temperature * abs(curvature)) + _TINY)


@njit(cache=True)
def _in_shell(family, p, A, c, mu, n_valleys, kx, ky, omega_d):
    """True if some zero-field branch at k lies within omega_D of the Fermi level."""
    e0 = _dispersion(family, p, kx, ky) - mu
    for iv in range(n_valleys):
        g0, g1, g2 = _spin_vector(A, c, 1.0 - 2.0 * iv, 0.0, 0.0, 0.0, kx, ky)
        gn = np.sqrt(g0 * g0 + g1 * g1 + g2 * g2)
        if abs(e0 - gn) < omega_d or abs(e0 + gn) < omega_d:
            return True
    return False


@njit(cache=True, inline="always")
def _accumulate_node(
    family, p, A, c, mu, n_valleys, channels, singlet_only, qx, qy, h, temperature, omega_d,
    mask, kx, ky, weight, out, vec, x_mat, y_mat,
):  # fmt: skip
    """Add weight * sum over valleys and band pairs of F * (1/2) Tr[...] to out[a, b, re/im].

    ``vec`` (n_ch, 4), ``x_mat`` and ``y_mat`` (2, n_ch, 4, complex) are work arrays.
    """
    n_ch = len(channels)
    # zero-field energies at the relative momentum decide the energy shell; the partner state
    # (valley -tau at -k) is the time-reversed one: same energies (every dispersion here is even
    # in k), spin-orbit vector f = A(-k) - tau c = -g
    e0 = _dispersion(family, p, kx, ky) - mu
    for iv in range(n_valleys):
        tau1 = 1.0 - 2.0 * iv
        tau2 = -tau1
        g0, g1, g2 = _spin_vector(A, c, tau1, 0.0, 0.0, 0.0, kx, ky)
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
        eps1 = _dispersion(family, p, k1x, k1y) - mu
        eps2 = _dispersion(family, p, k2x, k2y) - mu
        a0, a1, a2 = _spin_vector(A, c, tau1, h[0], h[1], h[2], k1x, k1y)
        b0, b1, b2 = _spin_vector(A, c, tau2, h[0], h[1], h[2], k2x, k2y)
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
        if not singlet_only:
            for a in range(n_ch):
                psi, dvx, dvy, dvz = _vertex(channels[a], kx, ky, ux, uy, uz)
                vec[a, 0], vec[a, 1], vec[a, 2], vec[a, 3] = psi, dvx, dvy, dvz
            # X_s1 = M_a P_s1 and Y_s2 = M_b P~_s2 in the Pauli basis (m0 + m.sigma), with
            # P = (1 + A.sigma)/2, A = s1 n1, and P~' = (1 + B.sigma)/2, B = -s2 n2:
            # (psi + d.sigma)(1 + A.sigma)/2 = [psi + d.A + (psi A + d + i d x A).sigma] / 2
            for i in range(2):
                sg = 2.0 * i - 1.0
                for a in range(n_ch):
                    for which in range(2):
                        if which == 0:
                            vx, vy, vz = sg * n1x, sg * n1y, sg * n1z
                        else:
                            vx, vy, vz = -sg * n2x, -sg * n2y, -sg * n2z
                        psi, dvx, dvy, dvz = vec[a, 0], vec[a, 1], vec[a, 2], vec[a, 3]
                        m = x_mat if which == 0 else y_mat
                        m[i, a, 0] = 0.5 * (psi + dvx * vx + dvy * vy + dvz * vz)
                        m[i, a, 1] = 0.5 * (psi * vx + dvx + 1j * (dvy * vz - dvz * vy))
                        m[i, a, 2] = 0.5 * (psi * vy + dvy + 1j * (dvz * vx - dvx * vz))
                        m[i, a, 3] = 0.5 * (psi * vz + dvz + 1j * (dvx * vy - dvy * vx))
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
                # singlet: (1/2) Tr[P P~'] = (1 + A.B)/4, A = s1 n1, B = -s2 n2
                ab = -s1 * s2 * (n1x * n2x + n1y * n2y + n1z * n2z)
                if singlet_only and 1.0 + ab < 1e-15:
                    continue  # no singlet overlap (parallel spins)
                ea = ea_hi if s1 > 0 else ea_lo
                eb = eb_hi if s2 > 0 else eb_lo
                if abs(ea + eb) > 1e-3 * temperature:
                    ta = ta_hi if s1 > 0 else ta_lo
                    tb = tb_hi if s2 > 0 else tb_lo
                    fk = (ta + tb) / (2.0 * (ea + eb))
                else:
                    fk = pair_kernel(ea, eb, temperature)
                w = weight * fk
                if singlet_only:
                    out[0, 0, 0] += w * 0.25 * (1.0 + ab)
                    continue
                for a in range(n_ch):
                    for b in range(n_ch):
                        t = x_mat[i1, a, 0] * y_mat[i2, b, 0]
                        for j in range(1, 4):
                            t += x_mat[i1, a, j] * y_mat[i2, b, j]
                        out[a, b, 0] += w * t.real
                        out[a, b, 1] += w * t.imag


@njit(cache=True)
def _root_level(family, p, A, c, mu, tau, ox, oy, dx, dy, s, level, a, b):
    """Root in [a, b] of xi_s(o + t d) - level at zero field (a sign change is known).

    Illinois regula falsi (Dowell & Jarratt, BIT 11, 168 (1971)) to ``1e-13 (b - a)``, with a
    bisection step whenever it stalls; superlinear on these smooth, nearly quadratic functions.
    """
    zero = np.zeros(3)
    fa = _band_energy(family, p, A, c, mu, tau, zero, ox + a * dx, oy + a * dy, s) - level
    fb = _band_energy(family, p, A, c, mu, tau, zero, ox + b * dx, oy + b * dy, s) - level
    tol = 1e-13 * (b - a)
    side = 0
    for _ in range(200):
        if b - a <= tol:
            break
        m = (a * fb - b * fa) / (fb - fa)
        if not a < m < b:
            m = 0.5 * (a + b)
        fm = _band_energy(family, p, A, c, mu, tau, zero, ox + m * dx, oy + m * dy, s) - level
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
def _extremum(family, p, A, c, mu, tau, ox, oy, dx, dy, s, a, b, sign):
    """Golden-section search in [a, b] for the minimum of ``sign * xi_s`` at zero field."""
    zero = np.zeros(3)
    x1 = a + _GOLDEN * (b - a)
    x2 = b - _GOLDEN * (b - a)
    f1 = sign * _band_energy(family, p, A, c, mu, tau, zero, ox + x1 * dx, oy + x1 * dy, s)
    f2 = sign * _band_energy(family, p, A, c, mu, tau, zero, ox + x2 * dx, oy + x2 * dy, s)
    for _ in range(48):
        if f1 < f2:
            b, x2, f2 = x2, x1, f1
            x1 = a + _GOLDEN * (b - a)
            f1 = sign * _band_energy(family, p, A, c, mu, tau, zero, ox + x1 * dx, oy + x1 * dy, s)
        else:
            a, x1, f1 = x1, x2, f2
            x2 = b - _GOLDEN * (b - a)
            f2 = sign * _band_energy(family, p, A, c, mu, tau, zero, ox + x2 * dx, oy + x2 * dy, s)
    t = 0.5 * (a + b)
    return t, _band_energy(family, p, A, c, mu, tau, zero, ox + t * dx, oy + t * dy, s)


@njit(cache=True)
def _scan_line(family, p, A, c, mu, n_valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
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
                samples[i] = _band_energy(
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
                        te, fe = _extremum(family, p, A, c, mu, tau, ox, oy, dx, dy, s,
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
                        root = _root_level(
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
def _line_integral(family, p, A, c, mu, n_valleys, channels, singlet_only,
                   ox, oy, dx, dy, lo, hi, radial, mirror_lo,
                   qx, qy, h, temperature, omega_d, mask,
                   gl_x, gl_w, ratio, w_fac, max_levels, n_scan, acc, work):  # fmt: skip
    """Integral along one line (Jacobian t for rays) of the pair-susceptibility integrand."""
    scale = hi - lo
    (seed_t, seed_s, seed_v, seed_k, edges, samples, knots, values, cross, cwid, cs, ws, bp,
     pts, vec, x_mat, y_mat) = work  # fmt: skip
    ng, ne = _scan_line(family, p, A, c, mu, n_valleys, ox, oy, dx, dy, lo, hi, omega_d, n_scan,
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
            t, slope, curv, f, ok = _newton_point(
                family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s, seed_t[g],
                lo, hi, scale, kind != CROSSING,
            )  # fmt: skip
            if kind == CROSSING:
                cross[nc] = t if ok else seed_t[g]
                cwid[nc] = _crossing_width(w_fac, temperature, slope, curv)
                nc += 1
            elif ok and f * curv > 0.0 and abs(f) < omega_d:
                # the branch turns without reaching the Fermi level: grade about its extremum
                cross[nc] = t
                cwid[nc] = _crossing_width(w_fac, temperature, 0.0, curv)
                nc += 1
            elif ok and f * curv < 0.0 and (kind == TURN or abs(f) < 10.0 * temperature):
                # it crosses on both sides of the extremum, and the zero-field crossings do not
                # seed them (none, or too close for two Newton runs): follow both from here
                offset = np.sqrt(2.0 * abs(f / curv))
                for side in (-1.0, 1.0):
                    tc, sl, cu, _, okc = _newton_point(
                        family, p, A, c, mu, tau, h, ox, oy, dx, dy, sgn_k, qx, qy, s,
                        t + side * offset, lo, hi, scale, False,
                    )  # fmt: skip
                    if okc:
                        cross[nc] = tc
                        cwid[nc] = _crossing_width(w_fac, temperature, sl, cu)
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
        if not _in_shell(family, p, A, c, mu, n_valleys, ox + tm * dx, oy + tm * dy, omega_d):
            continue
        half = 0.5 * (b - a)
        for j in range(gl_x.shape[0]):
            t = tm + half * gl_x[j]
            jac = t if radial else 1.0
            _accumulate_node(
                family, p, A, c, mu, n_valleys, channels, singlet_only, qx, qy, h, temperature,
                omega_d, mask, ox + t * dx, oy + t * dy, jac * half * gl_w[j], acc, vec, x_mat,
                y_mat,
            )  # fmt: skip


@njit(cache=True, nogil=True)
def line_integrals(us, lines, band, pairing, quad, qx, qy, h, temperature, half_line):
    """Line integrals at transverse coordinates ``us``, shape (len(us), n_ch, n_ch, 2).

    ``lines = (kind, gp)``: kind RADIAL: rays from ``(gp[0], gp[1])`` at angle u, ``t`` in
    ``[0, gp[2]]`` or, if ``gp[3] > 0``, up to the square of half-width ``gp[3]`` about the
    centre (Jacobian ``t``); kind PARALLEL: lines ``p_x = u``, ``p_y`` in ``[-gp[4], gp[4]]``, or
    only ``[0, gp[4]]`` if ``half_line`` (the caller doubles it where the integrand is even in
    ``p_y``).  ``band = (family, p, A, c, mu, n_valleys)``, ``pairing = (channels, omega_D,
    branch mask)``, ``quad = (gl_x, gl_w, ratio, w_fac, max_levels, n_scan)``; then the
    late-bound ``Q``, ``h`` (3,) and ``T``.
    """
    kind, gp = lines
    family, p, A, c, mu, n_valleys = band
    channels, omega_d, mask = pairing
    gl_x, gl_w, ratio, w_fac, max_levels, n_scan = quad
    n_ch = channels.shape[0]
    singlet_only = n_ch == 1 and channels[0] == SINGLET
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
        _line_integral(family, p, A, c, mu, n_valleys, channels, singlet_only,
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
    family, p = _family(model.dispersion)
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
