"""Compiled kernel of the pair susceptibility chi_ab(Q, h, T): a factory of line integrals (numba).

The physics is stated in :mod:`reentrant.pairing.susceptibility`; this package holds the compiled
loops and the factory that binds a model's constants to them (py-pde's ``make_*`` split)::

    lines = make_line_integrals(model, interaction, resolution, geometry, bands="all")
    values = lines(us, qx, qy, h, temperature, half_line)   # shape (len(us), n_ch, n_ch, 2)

Compilation, caching and threads
--------------------------------
The compiled ``line_integrals`` (:mod:`~reentrant.pairing.kernel.factory`) is compiled once for
every model: the structure of a problem (dispersion family, number of valleys, pairing channels)
enters as small integer arguments whose branches cost nothing measurable, and the numeric
constants (dispersion coefficients, spin-orbit matrix, mu, omega_D, the resolution) as ordinary
arguments, bound by the wrapper that :func:`make_line_integrals` returns.  numba's disk cache
(``cache=True``) keeps the one compiled function between processes, so a sweep over many models,
and every new process after the first, compiles nothing.  (A closure compiled per structure was
measured and rejected: 20-33 s of compilation per structure on 2 cores, and numba's disk cache
handed a second closure of the same factory the machine code of the first.)  The kernel
releases the GIL; the wrapper splits the lines into interleaved chunks over
``numba.get_num_threads()`` threads (one in a worker process that set it to 1).  Measured
against numba's ``parallel=True`` loop on the same body: the same speed, a quarter less
compilation and no OpenMP runtime whose idle threads spin.

Extending it
------------
* A dispersion: its class in :mod:`reentrant.models.dispersion` (the physics), and in
  :mod:`~reentrant.pairing.kernel.band` a family in ``dispersion_family`` (its coefficient
  vector) and a branch of ``dispersion``.  Nothing else.
* A pairing channel ``Delta_a(k) = [psi_a(k) + d_a(k).sigma] i sigma_y / sqrt(2)`` (``psi`` even,
  ``d`` odd in the relative momentum k), in :mod:`~reentrant.pairing.kernel.integrand`: a channel
  code, its place in ``channel_codes`` and a branch of ``vertex`` returning ``(psi_a, d_a)``;
  ``accumulate_node`` adds its elements with every other channel through the general trace
  ``(1/2) Tr[M_a^+ P M_b P~']`` (``M = psi + d.sigma``), so a triplet with a fixed d-vector
  (x, y or z) and an odd p-wave form factor, or singlet-triplet mixtures, need nothing else in
  the kernel (the interaction that names the channels is
  :class:`reentrant.pairing.susceptibility.PairingInteraction`).

Modules: :mod:`~reentrant.pairing.kernel.band` (eps, d, xi in compiled form),
:mod:`~reentrant.pairing.kernel.lines` (crossings and extrema along a line),
:mod:`~reentrant.pairing.kernel.integrand` (the integrand at one k),
:mod:`~reentrant.pairing.kernel.factory` (the line quadrature, the threads and the factory).

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

from reentrant.pairing.kernel.factory import LineIntegrals, make_line_integrals
from reentrant.pairing.kernel.integrand import (
    HELICAL_TRIPLET,
    SINGLET,
    channel_codes,
    pair_kernel,
)

__all__ = [
    "HELICAL_TRIPLET",
    "SINGLET",
    "LineIntegrals",
    "channel_codes",
    "make_line_integrals",
    "pair_kernel",
]
