"""The pair-susceptibility integrand at one relative momentum (numba).

``chi_ab`` sums, over valleys and branch pairs, ``F(xi_s(k+Q/2), xi_s'(-k+Q/2))`` times the
vertex trace ``(1/2) Tr[M_a^+ P_s M_b P~_s']`` (:mod:`reentrant.pairing.susceptibility` states
the physics).  A pairing channel ``Delta_a(k) = [psi_a(k) + d_a(k).sigma] i sigma_y / sqrt(2)``
(``psi`` even, ``d`` odd in k) is a code here: its place in :func:`channel_codes` and a branch of
:func:`vertex` returning ``(psi_a, d_a)``; :func:`accumulate_node` takes the general trace in the
Pauli basis, so a triplet with a fixed d-vector (x, y or z) and an odd p-wave form factor, or a
singlet-triplet mixture, needs nothing else.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from reentrant.pairing.kernel.band import dispersion, spin_vector

#: Pairing channels: the s-wave singlet (psi = 1), the triplet whose d-vector follows the
#: spin-orbit field (d = g_hat(k)), and triplets with a fixed d-vector along x, y or z and an odd
#: p-wave form factor ``f = k_x / k_Fx`` (px) or ``k_y / k_Fy`` (py): code
#: ``FIXED_TRIPLET + 3 * form + axis`` (form 0: px, 1: py; axis 0, 1, 2: x, y, z).
SINGLET, HELICAL_TRIPLET, FIXED_TRIPLET = 0, 1, 2
AXES = ("x", "y", "z")
FORMS = ("px", "py")


def channel_code(name: str, d_vector: str = "soc", form_factor: str = "py") -> int:
    """Kernel code of a channel: ``"singlet"``, or ``"triplet"`` with its d-vector and form."""
    if name == "singlet":
        return SINGLET
    if d_vector == "soc":
        return HELICAL_TRIPLET
    return FIXED_TRIPLET + 3 * FORMS.index(form_factor) + AXES.index(d_vector)


def channel_codes(interaction) -> tuple[int, ...]:
    """Kernel channel codes of a :class:`~reentrant.pairing.susceptibility.PairingInteraction`."""
    return tuple(
        channel_code(name, interaction.d_vector, interaction.form_factor)
        for name in interaction.channels
    )


@njit(cache=True, inline="always")
def vertex(channel, kx, ky, ux, uy, uz, fscale):
    """(psi, d_x, d_y, d_z) of a channel at relative momentum k; ``u`` is the SOC direction.

    ``fscale`` = (1/k_Fx, 1/k_Fy): the p-wave form factors ``k_i / k_Fi`` are of order one on
    the Fermi surface, so couplings of different channels compare.
    """
    if channel == SINGLET:
        return 1.0, 0.0, 0.0, 0.0
    if channel == HELICAL_TRIPLET:
        return 0.0, ux, uy, uz
    code = channel - FIXED_TRIPLET
    form = code // 3
    axis = code - 3 * form
    f = kx * fscale[0] if form == 0 else ky * fscale[1]
    if axis == 0:
        return 0.0, f, 0.0, 0.0
    if axis == 1:
        return 0.0, 0.0, f, 0.0
    return 0.0, 0.0, 0.0, f


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


@njit(cache=True, inline="always")
def _counts(s, dot, in_lo, in_hi):
    """Whether branch ``s`` takes part: the zero-field branch whose spin it follows is in the shell.

    ``dot`` is the branch's spin direction projected on the zero-field spin-orbit vector.
    """
    follows_upper = s * dot > 0.0 if dot != 0.0 else s > 0
    return in_hi if follows_upper else in_lo


@njit(cache=True, inline="always")
def accumulate_node(
    family, p, A, c, mu, n_valleys, channels, fscale, singlet_only, qx, qy, h, temperature,
    omega_d, mask, kx, ky, weight, out, vec, x_mat, y_mat,
):  # fmt: skip
    """Add weight * sum over valleys and band pairs of F * (1/2) Tr[...] to out[a, b, re/im].

    ``vec`` (n_ch, 4), ``x_mat`` and ``y_mat`` (2, n_ch, 4, complex) are work arrays.
    """
    n_ch = len(channels)
    # zero-field energies at the relative momentum decide the energy shell; the partner state
    # (valley -tau at -k) is the time-reversed one: same energies (every dispersion here is even
    # in k), spin-orbit vector f = A(-k) - tau c = -g
    e0 = dispersion(family, p, kx, ky) - mu
    for iv in range(n_valleys):
        tau1 = 1.0 - 2.0 * iv
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
        eps1 = dispersion(family, p, k1x, k1y) - mu
        eps2 = dispersion(family, p, k2x, k2y) - mu
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
        if not singlet_only:
            for a in range(n_ch):
                psi, dvx, dvy, dvz = vertex(channels[a], kx, ky, ux, uy, uz, fscale)
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
            if not (mask[i1] and _counts(s1, dot1, in_lo, in_hi)):
                continue
            for i2 in range(2):
                s2 = 2 * i2 - 1
                if not (mask[i2] and _counts(s2, dot2, in_lo, in_hi)):
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
