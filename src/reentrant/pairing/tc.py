"""Transition temperatures from the linearized gap equation, optimised over the pair momentum.

T_c(h) is the *highest* temperature ``T`` in ``[t_min, t_max]`` at which
``Lambda(h, T) = max_Q lambda(Q, h, T)`` reaches 1, where ``lambda`` is the leading eigenvalue of
``V^1/2 chi(Q, h, T) V^1/2`` (:mod:`reentrant.pairing.susceptibility`); ``T_c = 0`` only where
``Lambda < 1`` was established at every temperature down to ``t_min``.  ``Lambda`` need not be
monotonic in T (the Pauli-limited uniform line has two roots above its tricritical field, FFLO
pockets and re-entrant curves more), so the answer must not depend on where a search starts.

:class:`TcSolver` holds what is solved -- the susceptibility, the temperature range ``[t_min,
t_max]`` (from the model's T_c0: 1e-2 and 2 times it by default, in every unit system), the
tolerance -- and keeps no state; :mod:`reentrant.pairing.search` finds the root: a descending
scan on a ln T grid that brackets the highest root (with the proof of why, and the resolution
below which a window could be missed), the refinement in the bracket, and the explicit
continuation along a sweep.  :func:`zero_field_tc` gives T_c0 without any scale given.

All energies (Zeeman h, T, Q v_F) are in the model's units, hbar = k_B = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from reentrant import validate
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.pairing.optimize import global_search, newton_maximise
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.search import (
    COARSE,
    FLAGS,
    ILL_CONDITIONED_SLOPE,
    SCAN_STEP,
    FieldSearch,
    ScanRecord,
    TcPoint,
)
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility

#: Default temperature range in units of the zero-field T_c0.
T_MIN_FRACTION, T_MAX_FACTOR = 1e-2, 2.0


def resolution_for(tolerance: float) -> Resolution:
    """Default discretisation for a relative tolerance on T_c (checked by refinement).

    Chosen from convergence studies of the leading eigenvalue against a much finer grid
    (bcs-2d and saddle-soc, T from 0.02 to 1 T_c0): the three levels give relative errors of
    lambda of at most about 3e-4, 6e-5 and 1e-5, i.e. T_c errors below the tolerance
    (``dlambda/dlnT`` is about ``-N_0 V``, 0.2-0.3).
    """
    tolerance = validate.positive("tolerance", tolerance)
    if tolerance >= 3e-3:
        return Resolution(n_lines=16, n_gl=3, ratio=2.5, w_fac=2.0, rtol=3e-4)
    if tolerance >= 3e-4:
        return Resolution(n_lines=32, n_gl=3, ratio=2.5, w_fac=2.0, rtol=1e-4)
    return Resolution(n_lines=48, n_gl=4, ratio=2.0, w_fac=1.0, max_levels=32, rtol=1e-5)


def zero_field_q(susceptibility: PairSusceptibility, temperature: float) -> np.ndarray:
    """The pair momentum that maximises lambda at zero field and ``temperature``.

    Q = 0 for Kramers channels (time reversal pairs k with -k at equal energy).  Otherwise the
    best of Q = 0 and the species-matching momenta
    (:attr:`~reentrant.pairing.susceptibility.PairSusceptibility.q_seeds`), refined by a damped
    Newton ascent on the scale ``2 pi T / v_F``.
    """
    if susceptibility.interaction.kramers:
        return np.zeros(2)

    def lam(q: np.ndarray) -> float:
        return susceptibility.eigenvalue(q, np.zeros(3), temperature)

    q, value = global_search(lam, np.vstack([np.zeros((1, 2)), susceptibility.q_seeds]))
    v = susceptibility.geometry.v_fermi
    scale = 2 * np.pi * temperature / np.maximum(v, 1e-12 * v.max())
    q, _, _ = newton_maximise(
        lam, q, 0.02 * scale, 1e-3 * scale, mirror=susceptibility.mirror_symmetric, f0=value
    )
    return q


def _zero_field_root(susceptibility: PairSusceptibility, q: np.ndarray, tolerance: float):
    """Highest root in T of lambda(q, h = 0, T) = 1 at fixed q (see :func:`zero_field_tc`)."""

    def g(log_t: float) -> float:
        return susceptibility.eigenvalue(q, np.zeros(3), np.exp(log_t)) - 1.0

    top = np.log(susceptibility.interaction.cutoff)
    while g(top) >= 0.0:
        top += np.log(2.0)
        if top > np.log(susceptibility.interaction.cutoff) + 40:
            raise ConvergenceError("zero-field T_c above 1e17 omega_D: no bracket")
    bottom = top
    while g(bottom) < 0.0:
        bottom -= np.log(4.0)
        if bottom < top - 60:
            raise ParameterError("no superconductivity at zero field (T_c0 < 1e-26 omega_D)")
    return float(np.exp(brentq(g, bottom, bottom + np.log(4.0), xtol=tolerance / 8)))


def zero_field_tc(susceptibility: PairSusceptibility, tolerance: float = 1e-3) -> float:
    """T_c at zero field (model energy units), without any temperature scale given.

    Kramers channels: at ``h = 0`` and ``Q = 0`` every pair is a Kramers pair with
    ``a = b = xi``, so ``chi(T) = sum_k F(xi, xi; T) M(k)`` with ``F = tanh(xi/2T)/(2 xi)``
    decreasing in T and ``M(k)`` positive semi-definite (a Gram matrix of the channel form
    factors): ``chi(T1) - chi(T2)`` is positive semi-definite for ``T1 < T2`` and the leading
    eigenvalue decreases monotonically, so the root is unique.  It is bracketed from the cutoff
    omega_D (doubling up, then quartering down) and located by Brent's method in ln T.  A
    fixed-d triplet pairs at the species-matching Q (:func:`zero_field_q`): the root at fixed Q
    alternates with a re-optimisation of Q at the root until T_c moves by less than the
    tolerance (at most 6 rounds).  An exchange field breaks the argument (the zero-field problem
    is then not Kramers-paired): such models must give T_c0.
    """
    if np.any(np.asarray(susceptibility.model.exchange) != 0.0):
        raise ParameterError("a model with an exchange field needs its T_c0 given (tc0)")
    tolerance = validate.positive("tolerance", tolerance)
    if susceptibility.interaction.kramers:
        return _zero_field_root(susceptibility, np.zeros(2), tolerance)
    seeds = susceptibility.q_seeds
    q = seeds[0] if seeds.size else np.zeros(2)
    tc = _zero_field_root(susceptibility, q, tolerance)
    for _ in range(6):
        q = zero_field_q(susceptibility, tc)
        new = _zero_field_root(susceptibility, q, tolerance)
        if abs(np.log(new / tc)) < tolerance:
            return new
        tc = new
    raise ConvergenceError("zero-field T_c and Q did not converge together")


@dataclass(frozen=True)
class TcSolver:
    """T_c(h) of one model and interaction, maximised over Q unless ``uniform``.

    The solver is stateless: :meth:`solve` takes the previous points of a sweep explicitly.

    Parameters
    ----------
    susceptibility
        The pair susceptibility (model, interaction, resolution, band projection).
    tc0
        Zero-field T_c of the model (model energy units, e.g. from :func:`zero_field_tc`): the
        temperature scale of the search range.
    tolerance
        Relative tolerance on T_c of the root search (the quadrature error is checked separately
        by :func:`reentrant.pairing.curve.tc_curve`).
    uniform
        Fix Q = 0 (no finite-momentum pairing).
    direction
        Unit vector of the Zeeman field (default in-plane x).
    t_min, t_max
        Temperature range searched (model units); default ``1e-2`` and ``2`` times ``tc0``.
        Below ``t_min`` the state is reported normal; ``T_c >= t_max`` raises.
    coarse
        The coarse susceptibility of the scan (default: ``susceptibility`` on :data:`COARSE`).
    """

    susceptibility: PairSusceptibility
    tc0: float
    tolerance: float = 1e-3
    uniform: bool = False
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0)
    t_min: float | None = None
    t_max: float | None = None
    coarse: PairSusceptibility | None = None

    def __post_init__(self) -> None:
        tc0 = validate.positive("tc0", self.tc0)
        validate.positive("tolerance", self.tolerance)
        t_min = T_MIN_FRACTION * tc0 if self.t_min is None else self.t_min
        t_max = T_MAX_FACTOR * tc0 if self.t_max is None else self.t_max
        object.__setattr__(self, "t_min", validate.positive("t_min", t_min))
        object.__setattr__(self, "t_max", validate.positive("t_max", t_max))
        if not self.t_min < self.t_max:
            raise ParameterError(f"t_min = {self.t_min:g} must lie below t_max = {self.t_max:g}")
        d = validate.finite_array("direction", self.direction).ravel()
        if d.shape != (3,) or not np.any(d):
            raise ParameterError("direction must be a non-zero 3-vector")
        object.__setattr__(self, "direction", tuple(float(x) for x in d / np.linalg.norm(d)))
        if self.coarse is None:
            object.__setattr__(self, "coarse", self.susceptibility.with_resolution(COARSE))

    @property
    def grid(self) -> np.ndarray:
        """ln T of the scan, descending from ln t_max in steps of :data:`SCAN_STEP` to ln t_min."""
        top, bottom = np.log(self.t_max), np.log(self.t_min)
        steps = int(np.ceil((top - bottom) / SCAN_STEP - 1e-9))
        return np.append(top - SCAN_STEP * np.arange(steps), bottom)

    @property
    def mirror(self) -> bool:
        """lambda(Q_x, Q_y) = lambda(Q_x, -Q_y) (mirror-symmetric model, any field)."""
        return bool(getattr(self.susceptibility, "mirror_symmetric", False))

    def solve(self, h: float, previous: Sequence[TcPoint] = ()) -> TcPoint:
        """T_c and optimal Q at Zeeman energy ``h``.

        ``previous``: the solutions at the preceding fields of a sweep, oldest first (the last
        two are used): continuation of Q, T_c and the temperature scan.  Without it the solve is
        cold (global Q search at every scan temperature); either way the result is the highest
        root at the resolution stated in the module notes.
        """
        h = validate.finite("zeeman", h)
        fixed = np.zeros(2) if self.uniform or self._time_reversal(h) else None
        return FieldSearch(self, h, fixed, previous).run()

    def tc_at_q(self, h: float, q: ArrayLike) -> float:
        """T_c at a fixed pair momentum ``q`` (highest root of lambda(q) = 1; 0 below t_min)."""
        q = validate.finite_array("q", q).reshape(2)
        return FieldSearch(self, validate.finite("zeeman", h), q, ()).run().tc

    def _time_reversal(self, h: float) -> bool:
        """At zero total field Q = 0 is optimal for Kramers channels (k paired with -k)."""
        return (
            h == 0.0
            and self.susceptibility.interaction.kramers
            and not np.any(np.asarray(self.susceptibility.model.exchange))
        )


def calibrate_interaction(
    susceptibility_factory, cutoff: float, tc0: float, triplet_ratio: float = 0.0, **channel
) -> PairingInteraction:
    """Coupling that gives zero-field T_c = ``tc0`` exactly.

    With ``V = v diag(1, r)`` the leading eigenvalue of ``V^1/2 chi V^1/2`` is linear in ``v``,
    so ``v = 1 / max_Q lambda_max(v = 1)`` at ``(h, T) = (0, tc0)``: Q = 0 for Kramers channels,
    the species-matching Q of a fixed-d triplet otherwise (:func:`zero_field_q`).
    ``susceptibility_factory`` maps an interaction to a :class:`PairSusceptibility`;
    ``channel`` holds the interaction's ``singlet`` (default 1), ``d_vector`` and
    ``form_factor``; a triplet-only interaction has ``singlet=0`` and ``triplet_ratio`` its
    triplet coupling relative to the overall scale.
    """
    tc0 = validate.positive("tc0", tc0)
    singlet = channel.pop("singlet", 1.0)
    triplet = validate.non_negative("triplet_ratio", triplet_ratio)
    unit = PairingInteraction(singlet, cutoff, triplet, **channel)
    sus = susceptibility_factory(unit)
    lam = sus.eigenvalue(zero_field_q(sus, tc0), np.zeros(3), tc0)
    if lam <= 0:
        raise ConvergenceError("no pairing at zero field: the pair susceptibility vanishes")
    return unit.scaled(1.0 / lam)


__all__ = [
    "FLAGS",
    "zero_field_q",
    "ILL_CONDITIONED_SLOPE",
    "ScanRecord",
    "TcPoint",
    "TcSolver",
    "calibrate_interaction",
    "resolution_for",
    "zero_field_tc",
]
