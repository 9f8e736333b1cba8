"""The search for the highest root of max_Q lambda(Q, h, T) = 1 at one field (TcSolver's engine).

:class:`reentrant.pairing.tc.TcSolver` defines what is solved (the model, the temperature range,
the tolerance); this module finds it, one field at a time, with the continuation data of a sweep
passed in explicitly (:class:`ScanRecord` in :class:`TcPoint`).

Algorithm: scan, bracket, refine
--------------------------------
1. *Scan.*  On the fixed grid ``T_j = t_max 2^(-j/4)`` (steps ``Delta = ln 2 / 4`` in ln T, the
   last point ``t_min``), descending from ``t_max``, ``Lambda`` is estimated with a coarse
   quadrature (``Lambda_c``: its error on lambda was at most 0.02 over the presets, T from
   0.01 to 1 T_c0, h up to 3 T_c0, Q on and off the axis; tested), maximised over Q on a polar
   grid (:mod:`reentrant.pairing.optimize`)
   and a coarse ascent.  ``Lambda_c < 1 - mu`` (``mu`` = :data:`COARSE_MARGIN` = 0.05) marks a
   normal temperature.  A temperature with ``Lambda_c >= 1 - mu`` is decided with the fine
   quadrature: the fine ``lambda`` at the best Q, and if that is below 1 a fine Newton ascent in
   Q that stops once ``max_Q lambda >= 1`` is settled either way.  The first superconducting one
   and the lowest certified-normal temperature above it bracket ``T_c``.
2. *Refine.*  Inside the bracket the root of ``lambda(Q, T) = 1`` in ln T at fixed Q (Illinois
   regula falsi) alternates with a damped Newton re-optimisation of Q at the root, until the root
   moves by less than the tolerance; ``Lambda >= lambda``, so each round moves the root up.

Why it is the highest root, and where it could miss one
-------------------------------------------------------
Every grid temperature above the bracket is normal: its coarse estimate was below ``1 - mu`` and
the coarse quadrature errs by less than ``mu``, or the fine maximum over Q was below 1.
``Lambda`` is continuous in ln T, so a window ``{Lambda >= 1}`` above the bracket would have to
lie strictly between two consecutive grid temperatures: **a superconducting window narrower than
Delta = ln 2 / 4 in ln T (19 % in T) is the only thing the scan can miss.**  Such a window is
still found where it shows as a local maximum of the scanned values within :data:`MARGINAL`
(0.01) of 1: a parabola in ln T through three fine values locates the peak, which is then
maximised over Q.  Inside the bracket the refinement ends at a root with ``dLambda/dlnT < 0``
(the top of a window); a second root between it and the temperature above would again be a
window narrower than the bracket.  The maximum over Q carries the same kind of statement: it is
global at the resolution of the polar grid (radii ``q_s`` and ``2 q_s``, ``q_s = (2|h| + 2 pi T)
/ v_F``, eight directions; plus the species-matching momenta of a fixed-d triplet,
:attr:`reentrant.pairing.susceptibility.PairSusceptibility.q_seeds`) refined by the ascent,
which a cold solve runs at every scan temperature.

Continuation along a sweep
--------------------------
The scan values travel with the solution (:class:`ScanRecord` in :class:`TcPoint`); the solver
itself keeps no state.  At the next field a grid temperature last estimated at field ``h'`` with
value ``v`` is *not* estimated again while ``1 - mu - v > C |h - h'| / max(T, min(|h|, |h'|))``:
over that field step ``Lambda`` cannot have reached ``1 - mu`` if ``|dLambda/dh| <= C /
max(T, |h|)`` (h and T in the same units).  Pauli pair breaking gives ``|dLambda/dh| = N_0 V
|Im psi'(1/2 + iy)| / (2 pi T)``, ``y = h / 2 pi T``, and ``|Im psi'(1/2 + iy)| <= min(2.83,
1.21 / y)``, so ``|dLambda/dh| <= 1.21 N_0 V / max(T, |h|)``; :data:`FIELD_DRIFT` ``C = 1``
covers ``N_0 V <= 0.8`` (checked on bcs-2d, saddle-soc and ising, Q on and off the optimum, in
the tests).  So a field re-estimates only the grid temperatures whose margin is small (the one or
two near ``T_c``), every grid temperature above the bracket still holds the certificate of step
1, and the guarantee of a cold solve is kept, with the drift bound standing in for a fresh
evaluation.  What continuation saves is the Q search and the fine decisions: a re-estimated
temperature is evaluated at the Q it had at the previous field (at the predicted Q near the
predicted T_c) and at the species-matching momenta of a fixed-d triplet (two branches,
degenerate at h = 0, one of which the field favours); where the coarse optimum lies on another
branch than the continued Q, the decision continues from the better of the two.  A temperature
reached for the first time continues Q from the one above, with the polar search at every
fourth; every fourth field the polar search runs at the bracket (or,
on a normal field, at the scan temperature closest to 1) and one evaluation off the Q_x axis
checks a mirror-symmetric model's Q_y = 0; a candidate above the predicted T_c is left to the
refinement, which climbs through it if it belongs to the window below (a separate window there
would lie within two scan steps of the one found).

Flags
-----
``TcPoint.flags`` is a bit mask (:data:`FLAGS`, the CF flag convention in the curve Dataset):
``ill_conditioned`` where ``|dLambda/dlnT| < 0.02`` at ``T_c`` (T_c(h) nearly vertical: the value
is kept, its error is large), ``not_converged`` where T_c and Q did not settle together in the
allowed rounds (the last value is kept), ``narrow_window`` where ``T_c`` lies in a window found by
the peak search, ``coarse_scan_missed`` where the fine root lay above a temperature the coarse
scan had marked normal (the fine result is kept); ``refinement_exceeds_tolerance`` is set by
:func:`reentrant.pairing.curve.tc_curve`.

All energies (Zeeman h, T, Q v_F) are in the model's units, hbar = k_B = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from reentrant.errors import ConvergenceError
from reentrant.pairing.optimize import global_search, newton_maximise, polar_grid
from reentrant.pairing.quadrature import Resolution

#: Coarse quadrature of the temperature scan and the global Q search.
COARSE = Resolution(n_lines=12, n_gl=2, ratio=3.0, w_fac=2.0, max_levels=16, rtol=3e-2)
#: Step of the temperature scan in ln T.
SCAN_STEP = float(np.log(2.0) / 4)
#: Margin on the coarse estimate of Lambda (its error is at most about 0.02).
COARSE_MARGIN = 0.05
#: Bound C of |dLambda/dh| <= C / max(T, |h|) used to skip scan temperatures along a sweep.
FIELD_DRIFT = 1.0
#: A scanned local maximum of Lambda this close to 1 is searched for a narrow window.
MARGINAL = 0.01
#: |dLambda/dlnT| below which T_c is flagged ill-conditioned.
ILL_CONDITIONED_SLOPE = 0.02
#: Fields of a sweep between two global Q searches at the bracket.
SEARCH_EVERY = 4
#: dLambda/dlnT ~ -N_0 V before any root is known.
_SLOPE_GUESS = -0.3

#: Flag bits of a solution (CF ``flag_masks`` / ``flag_meanings``).
FLAGS = {
    "refinement_exceeds_tolerance": 1,
    "ill_conditioned": 2,
    "not_converged": 4,
    "narrow_window": 8,
    "coarse_scan_missed": 16,
}


@dataclass(frozen=True)
class ScanRecord:
    """The coarse temperature scan at one field, carried along a sweep (continuation state).

    Attributes
    ----------
    zeeman
        Field at which each grid temperature was last estimated (NaN: never).
    value
        Coarse estimate of ``max_Q lambda`` there.
    q
        Its pair momentum, shape (n, 2).
    """

    zeeman: np.ndarray
    value: np.ndarray
    q: np.ndarray

    @classmethod
    def empty(cls, n: int) -> ScanRecord:
        """A record with no grid temperature estimated."""
        return cls(np.full(n, np.nan), np.full(n, np.nan), np.zeros((n, 2)))

    def copy(self) -> ScanRecord:
        """An independent copy (a solve updates its own)."""
        return ScanRecord(self.zeeman.copy(), self.value.copy(), self.q.copy())


@dataclass(frozen=True)
class TcPoint:
    """Solution at one field: T_c, optimal Q, channel weights, flags and continuation data."""

    zeeman: float
    tc: float
    q: np.ndarray
    weights: np.ndarray
    superconducting: bool
    #: fine and coarse susceptibility evaluations of this solve
    evaluations: int = 0
    coarse_evaluations: int = 0
    #: dLambda/dlnT at T_c (negative; 0 where not superconducting)
    slope: float = 0.0
    flags: int = 0
    scan: ScanRecord | None = field(default=None, repr=False)
    #: fields since the last global Q search at the bracket
    since_search: int = 0


class FieldSearch:
    """One solve at one field: the scan, the bracket and the refinement (lives for one call).

    ``solver`` is the :class:`reentrant.pairing.tc.TcSolver` (its susceptibilities, tolerance,
    range and scan grid); ``fixed_q`` a pair momentum held fixed (uniform pairing), or None.
    """

    def __init__(self, solver, h: float, fixed_q, previous: Sequence[TcPoint]):
        self.s = solver
        self.h = h
        self.zeeman = h * np.asarray(solver.direction)
        self.fixed_q = fixed_q
        self.grid = solver.grid
        self.n_fine = 0
        self.n_coarse = 0
        self.flags = 0
        self.memo: dict[tuple[float, float, float], float] = {}
        prev = [p for p in previous if p is not None][-2:]
        last = prev[-1] if prev else None
        self.sweep = (
            last is not None and last.scan is not None and len(last.scan.value) == len(self.grid)
        )
        self.record = last.scan.copy() if self.sweep else ScanRecord.empty(len(self.grid))
        # global Q search at every scan temperature of a cold solve; along a sweep at every
        # SEARCH_EVERY-th temperature reached for the first time, and every SEARCH_EVERY fields
        # at the bracket (or at the highest scan value of a normal field); Q is continued from
        # the previous field, or from the temperature above, in between
        self.cold = fixed_q is None and not self.sweep
        self.search = fixed_q is None and self.sweep and last.since_search >= SEARCH_EVERY - 1
        self.since_search = last.since_search + 1 if self.sweep and not self.search else 0
        self.q_pred, self.t_pred, self.slope = self._predict(prev)

    # -- evaluations -------------------------------------------------------------------------

    def lam(self, q: np.ndarray, t: float) -> float:
        """Fine leading eigenvalue (each (Q, T) evaluated once per solve)."""
        key = (float(q[0]), float(q[1]), float(t))
        if key not in self.memo:
            self.n_fine += 1
            self.memo[key] = self.s.susceptibility.eigenvalue(q, self.zeeman, t)
        return self.memo[key]

    def lam_coarse(self, q: np.ndarray, t: float) -> float:
        """Coarse leading eigenvalue."""
        self.n_coarse += 1
        return self.s.coarse.eigenvalue(q, self.zeeman, t)

    def q_scale(self, t: float) -> np.ndarray:
        """Momentum scale (2|h| + 2 pi T)/v_F per component: where pair breaking is undone."""
        v = self.s.susceptibility.geometry.v_fermi
        return (2 * abs(self.h) + 2 * np.pi * t) / np.maximum(v, 1e-12 * v.max())

    def coarse_max(self, t: float, starts: list[np.ndarray], search: bool, ascend: bool):
        """Coarse estimate of max_Q lambda at T: best of ``starts``.

        With ``search`` a polar grid of Q joins the starts; with ``ascend`` a coarse Newton
        ascent follows from the best point.  The species-matching momenta of a non-Kramers
        channel (:attr:`PairSusceptibility.q_seeds`) are always tried: two branches of pairs
        (Q near +-2 beta M for Eq. (1)) are degenerate at h = 0 and the field favours one, so
        a sweep that only continued its Q could stay on the other between global searches.
        """
        if self.fixed_q is not None:
            return self.fixed_q, self.lam_coarse(self.fixed_q, t)
        candidates = [np.asarray(q, float) for q in starts]
        candidates.extend(self.s.susceptibility.q_seeds)
        if search:
            grid = polar_grid(2.0 * self.q_scale(t), 2, upper_half=self.s.mirror)
            candidates.extend(grid)
        unique = np.unique(np.round(np.array(candidates), 15), axis=0)
        q, value = global_search(lambda q: self.lam_coarse(q, t), unique)
        if ascend:
            scale = self.q_scale(t)
            q, value, n = newton_maximise(
                lambda q: self.lam_coarse(q, t), q, 0.05 * scale, 1e-2 * scale,
                max_iter=2, mirror=self.s.mirror, f_tol=0.1 * COARSE_MARGIN, f0=value,
            )  # fmt: skip
        return q, value

    def fine_max(
        self, t: float, starts: list[np.ndarray], lam0: float | None = None, decide: bool = False
    ):
        """max_Q of the fine lambda at T by Newton ascents from ``starts`` (first: lambda ``lam0``).

        A lambda deficit d shifts T_c by d / |dlambda/dlnT|: Newton stops at 2 % of tolerance.
        With ``decide`` only whether the maximum reaches 1 matters (the ascent stops once that
        is settled, see :func:`reentrant.pairing.optimize.newton_maximise`).
        """
        if self.fixed_q is not None:
            return self.fixed_q, (self.lam(self.fixed_q, t) if lam0 is None else lam0)
        scale = self.q_scale(t)
        f_tol = 0.02 * self.s.tolerance * abs(self.slope)
        best = None
        for i, start in enumerate(starts):
            if i > 0 and np.all(np.abs(start - starts[0]) <= 0.1 * scale):
                continue
            known = lam0 if i == 0 else None
            q, value, n = newton_maximise(
                lambda q: self.s.susceptibility.eigenvalue(q, self.zeeman, t),
                start, 0.02 * scale, 1e-3 * scale, mirror=self.s.mirror, f_tol=f_tol, f0=known,
                target=1.0 if decide else None,
            )  # fmt: skip
            self.n_fine += n
            if best is None or value > best[1]:
                best = (q, value)
        return best

    # -- the three steps ---------------------------------------------------------------------

    def run(self) -> TcPoint:
        """Scan, bracket and refine; the normal state where the scan finds no window."""
        bracket = self.scan()
        if bracket is None and self.search and self.revisit_closest():
            bracket = self.scan()
        if bracket is None:
            q = self.fixed_q if self.fixed_q is not None else self.q_pred
            return self._point(0.0, q, 0.0)
        tc, q, slope = self.refine(*bracket)
        if abs(slope) < ILL_CONDITIONED_SLOPE:
            self.flags |= FLAGS["ill_conditioned"]
        return self._point(tc, q, slope)

    def scan(self):
        """Descend the grid to the first superconducting temperature: the bracket, or None.

        Returns ``(x_lo, x_hi, q, lam)``: ln T of the superconducting point and of the lowest
        temperature above it that is certified normal (the coarse estimate below ``1 - mu``, or
        the drift bound; ln t_max if none), the pair momentum and the fine lambda (>= 1) there.
        """
        rec = self.record
        q_above = self.q_pred
        x_normal = None
        peak = None  # (grid index, ln T, Q, fine lambda) of a marginal candidate
        undecided = []  # candidates above the predicted T_c
        new = 0  # temperatures estimated for the first time
        for j, x in enumerate(self.grid):
            t = float(np.exp(x))
            known = np.isfinite(rec.value[j])
            if known and 1.0 - COARSE_MARGIN - rec.value[j] > self.drift(rec.zeeman[j], t):
                x_normal = x
                continue  # certified normal by the drift bound
            if known:  # the Q predicted near T_c, else this temperature's at the last field
                q_c, v = self.coarse_max(
                    t, [self.q_pred if self.near_prediction(x) else rec.q[j]], False, False
                )
            else:  # from the temperature above, with the global search now and then
                search = self.cold or new % SEARCH_EVERY == 0
                starts = [q_above, self.q_pred] if self.near_prediction(x) else [q_above]
                q_c, v = self.coarse_max(t, starts, search, True)
                new += 1
            rec.zeeman[j], rec.value[j], rec.q[j] = self.h, v, q_c
            q_above = q_c
            if peak is not None:
                if v < peak[3]:
                    found = self.narrow_window(peak, x_normal)
                    if found is not None:
                        return found
                peak = None
            if v < 1.0 - COARSE_MARGIN:
                x_normal = x
                continue
            if self.t_pred is not None and x > np.log(self.t_pred):
                # above the predicted T_c: left undecided.  If it belongs to the window below,
                # the refinement climbs through it (the bracket ends at the certified normal
                # temperature above); a separate window there would be closer than two scan
                # steps to the one below.  Decided at the end if no window is found below.
                undecided.append((x, t, q_c))
                continue
            found = self.decide(x, t, q_c, x_normal)
            if found is not None:
                return found
            if self.last_fine >= 1.0 - MARGINAL and j + 1 < len(self.grid):
                peak = (j, x, self.last_q, self.last_fine)
        for x, t, q_c in undecided:
            found = self.decide(x, t, q_c, self._above(x))
            if found is not None:
                return found
        return None

    def decide(self, x: float, t: float, q_c: np.ndarray, x_normal: float | None):
        """Fine decision at a candidate temperature: the bracket if superconducting, else None.

        The fine lambda at the predicted Q, then at the coarse optimum, then the fine maximum
        over Q (the coarse one can miss a narrow peak at low T).  Leaves the best fine value and
        its Q in ``last_fine``, ``last_q``.
        """
        ceiling = self._ceiling(x_normal)
        q_pred = self.q_pred
        if self.sweep and not np.all(np.abs(q_c - q_pred) <= self.q_scale(t)):
            # the coarse optimum lies on another branch of Q (e.g. the other species-matching
            # momentum of an equal-spin triplet): continue from the better of the two
            q_pred = max((q_pred, q_c), key=lambda q: self.lam(q, t))
        if self.sweep and self.t_pred is not None and x < np.log(self.t_pred) < ceiling:
            # the predicted T_c lies in this scan step: superconducting there is enough
            lam = self.lam(q_pred, self.t_pred)
            if lam >= 1.0:
                return self._bracket(np.log(self.t_pred), ceiling, q_pred, lam)
        q_try = q_pred if self.sweep and self.near_prediction(x) else q_c
        lam = self.lam(q_try, t)
        if lam < 1.0 and np.any(q_try != q_c):
            q_try, lam = q_c, self.lam(q_c, t)
        if lam < 1.0:
            q_try, lam = self.fine_max(t, [q_try], lam, decide=True)
        self.last_fine, self.last_q = lam, q_try
        return self._bracket(x, ceiling, q_try, lam) if lam >= 1.0 else None

    def _bracket(self, x: float, ceiling: float, q: np.ndarray, lam: float):
        """The bracket at a superconducting point, after the periodic global Q search there."""
        if self.search:
            q, lam = self.global_start(float(np.exp(x)), q, lam)
        return x, ceiling, q, lam

    def _above(self, x: float) -> float | None:
        """The lowest scan temperature above ln T = x that the record certifies normal."""
        above = [
            y for y, v in zip(self.grid, self.record.value, strict=True)
            if y > x and v < 1.0 - COARSE_MARGIN
        ]  # fmt: skip
        return min(above) if above else None

    def revisit_closest(self) -> bool:
        """Global Q search at the scan temperature closest to superconducting (a normal field).

        Returns True if it is now a candidate (the scan must run again).
        """
        rec = self.record
        j = int(np.nanargmax(rec.value))
        t = float(np.exp(self.grid[j]))
        q, v = self.coarse_max(t, [rec.q[j]], True, True)
        rec.zeeman[j], rec.value[j], rec.q[j] = self.h, v, q
        return v >= 1.0 - COARSE_MARGIN

    def near_prediction(self, x: float) -> bool:
        """ln T = x lies within a scan step of the predicted T_c (the predicted Q applies)."""
        return self.t_pred is not None and abs(x - np.log(self.t_pred)) < SCAN_STEP

    def drift(self, h_then: float, t: float) -> float:
        """Bound on the change of Lambda at T between the field ``h_then`` and this one."""
        low = min(abs(h_then), abs(self.h)) if h_then * self.h > 0 else 0.0
        return FIELD_DRIFT * abs(self.h - h_then) / max(t, low)

    def global_start(self, t: float, q: np.ndarray, lam: float):
        """The better of ``q`` and the best point of a coarse polar search at T (fine lambda)."""
        q_g, _ = self.coarse_max(t, [q], True, False)
        if np.all(np.abs(q_g - q) <= 0.1 * self.q_scale(t)):
            return q, lam
        lam_g = self.lam(q_g, t)
        return (q_g, lam_g) if lam_g > lam else (q, lam)

    def _ceiling(self, x_normal: float | None) -> float:
        """Upper end of a bracket: the certified normal temperature, else ln t_max."""
        return float(np.log(self.s.t_max)) if x_normal is None else x_normal

    def narrow_window(self, peak, x_normal: float | None):
        """A window narrower than a scan step about a marginal local maximum of the scan.

        Fine lambda at the neighbouring grid temperatures (at the peak's Q), the vertex of the
        parabola in ln T through the three values, and a fine Q maximisation there.  Returns
        the bracket or None.
        """
        j, x, q, lam = peak
        xs = [x + SCAN_STEP, x, self.grid[j + 1]]
        ys = [self.lam(q, float(np.exp(xs[0]))), lam, self.lam(q, float(np.exp(xs[2])))]
        if ys[2] >= 1.0:
            return xs[2], x, q, ys[2]
        if not ys[1] >= max(ys[0], ys[2]):
            return None
        a, b, _ = np.polyfit(np.array(xs) - x, ys, 2)
        x_peak = x + (float(np.clip(-b / (2 * a), -SCAN_STEP, SCAN_STEP)) if a < 0 else 0.0)
        q_peak, lam_peak = self.fine_max(float(np.exp(x_peak)), [q], decide=True)
        if lam_peak < 1.0:
            return None
        self.flags |= FLAGS["narrow_window"]
        return x_peak, self._ceiling(x_normal), q_peak, lam_peak

    def refine(self, x_lo: float, x_hi: float, q: np.ndarray, lam_lo: float):
        """T_c in the bracket: root at fixed Q alternating with Q re-optimised at the root.

        Returns (T_c, Q, dLambda/dlnT at T_c).
        """
        sc = (x_lo, lam_lo - 1.0)  # a point with lambda >= 1 at the current Q
        x0, g0 = x_lo, lam_lo - 1.0
        if self.t_pred is not None and x_lo < np.log(self.t_pred) < x_hi:
            x0, g0 = float(np.log(self.t_pred)), None
        for _ in range(8):
            x_root, slope, (x_last, g_last) = self.root_fixed_q(q, sc, x_hi, x0, g0)
            self.slope = slope
            if self.fixed_q is not None:
                return float(np.exp(x_root)), q, slope
            t_last = float(np.exp(x_last))
            # re-optimise Q at the root search's newest point (lambda known there); the gain
            # moves the root up by gain / |slope| to first order
            q_new, lam_new = self.fine_max(t_last, [q], g_last + 1.0)
            inv_slope = 1.0 / max(abs(slope), 1e-12)
            x_new = x_last + (lam_new - 1.0) * inv_slope
            if (lam_new - 1.0 - g_last) * inv_slope >= self.s.tolerance / 4:
                # not negligible: check the updated root with one evaluation at the new Q (an
                # error of Q from the T change is second order) before another full round
                lam_check = self.lam(q_new, float(np.exp(x_new)))
                if abs(lam_check - 1.0) * inv_slope >= self.s.tolerance / 8:
                    q, x0, g0 = q_new, x_new, lam_check - 1.0
                    sc = (
                        (x0, g0)
                        if g0 >= 0.0
                        else ((x_last, lam_new - 1.0) if lam_new >= 1.0 else None)
                    )
                    continue
                x_new += (lam_check - 1.0) * inv_slope
            q = q_new
            if self.s.mirror and q[1] == 0.0 and (self.cold or self.search):
                # with the global search (cold, or every SEARCH_EVERY fields): is Q_y = 0 a
                # maximum in Q_y?
                probe = q + np.array([0.0, 0.02 * self.q_scale(t_last)[1]])
                lam_probe = self.lam(probe, t_last)
                if lam_probe > lam_new:
                    # Q_y = 0 is a saddle: ascend in 2D from the probe
                    q, x0, g0 = probe, x_last, lam_probe - 1.0
                    sc = (x0, g0) if g0 >= 0.0 else None
                    continue
            return float(np.exp(x_new)), q, slope
        self.flags |= FLAGS["not_converged"]
        return float(np.exp(x_root)), q, slope

    def root_fixed_q(self, q, sc, x_hi, x0, g0):
        """Root of lambda(q, T) = 1 in ln T from ``x0`` (``g0 = lambda - 1`` there, if known).

        ``sc``: a point ``(x, g)`` with ``g >= 0`` at this Q, or None.  Steps up (secant
        estimate from the slope, at most one scan step) while ``g >= 0``, or down towards ``sc``
        while ``g < 0``, then refines by the Illinois variant of regula falsi (Dowell & Jarratt,
        BIT 11, 168 (1971)), which keeps the bracket and converges superlinearly on the nearly
        linear ``lambda(ln T)``; it stops when the secant correction ``|g / g'|`` is below
        ``tolerance / 8`` in ln T and returns the corrected point.  Stepping above ``x_hi``
        (which the scan marked normal) is allowed but flagged.  Returns (root, dlambda/dlnT,
        newest evaluated (x, g)).
        """
        top, bottom = np.log(self.s.t_max), np.log(self.s.t_min)

        def g(x: float) -> float:
            return self.lam(q, float(np.exp(x))) - 1.0

        if g0 is None:
            g0 = g(x0)
        step = float(np.clip(1.2 * abs(g0 / self.slope), 2e-3, SCAN_STEP))
        if g0 >= 0.0:
            a, fa = x0, g0
            while True:
                b = a + step
                if a < x_hi < b:
                    b = x_hi
                elif b > x_hi:
                    self.flags |= FLAGS["coarse_scan_missed"]
                if b > top + 1e-12:
                    raise ConvergenceError(
                        f"T_c above the search range t_max={self.s.t_max:g} at zeeman={self.h:g}"
                    )
                fb = g(b)
                if fb < 0.0:
                    break
                a, fa = b, fb
                step = min(2.0 * step, SCAN_STEP)
        elif sc is not None and sc[0] < x0:
            (a, fa), (b, fb) = sc, (x0, g0)
        else:
            b, fb = x0, g0
            while True:
                a = max(b - step, bottom)
                fa = g(a)
                if fa >= 0.0:
                    break
                if a <= bottom:
                    raise ConvergenceError(f"lost the root of lambda = 1 at zeeman={self.h:g}")
                b, fb = a, fa
                step = min(2.0 * step, SCAN_STEP)
        # a: lambda >= 1, b: lambda < 1; the derivative at the root is the secant of the two
        # newest evaluations (the bracket's chord can span a curved stretch of lambda(ln T))
        xtol = self.s.tolerance / 8
        lo, flo, hi, fhi = a, fa, b, fb
        newest, older = (hi, fhi), (lo, flo)

        def local_slope() -> float:
            s = (newest[1] - older[1]) / (newest[0] - older[0])
            return s if s != 0.0 else (fhi - flo) / (hi - lo)

        for _ in range(60):
            if abs(newest[1] / local_slope()) < xtol or hi - lo < xtol:
                break  # the Newton correction from the newest point is inside the tolerance
            x = hi - fhi * (hi - lo) / (fhi - flo)
            fx = g(x)
            older, newest = newest, (x, fx)
            if fx >= 0.0:
                if older[0] == lo:
                    fhi *= 0.5  # Illinois: the retained end's value is halved
                lo, flo = x, fx
            else:
                if older[0] == hi:
                    flo *= 0.5
                hi, fhi = x, fx
        s = local_slope()
        return newest[0] - newest[1] / s, s, newest

    # -- bookkeeping -------------------------------------------------------------------------

    def _predict(self, prev: list[TcPoint]):
        """Continuation predictor: (Q, T_c or None, dlambda/dlnT) from the previous points."""
        sc = [p for p in prev if p.superconducting]
        if not sc or not prev[-1].superconducting:
            return np.zeros(2), None, _SLOPE_GUESS
        b = sc[-1]
        slope = b.slope if b.slope < 0 else _SLOPE_GUESS
        if len(sc) == 2 and sc[0].zeeman != b.zeeman:
            a = sc[0]
            f = float(np.clip((self.h - b.zeeman) / (b.zeeman - a.zeeman), -1.0, 1.0))
            return b.q + f * (b.q - a.q), max(b.tc + f * (b.tc - a.tc), 0.5 * b.tc), slope
        return np.asarray(b.q, float), b.tc, slope

    def _point(self, tc: float, q: np.ndarray, slope: float) -> TcPoint:
        """The TcPoint of this solve."""
        t = tc if tc > 0 else self.s.t_min
        return TcPoint(
            self.h, tc, np.asarray(q, float), self._weights(t, q), tc > 0, self.n_fine,
            self.n_coarse, slope, self.flags, self.record, self.since_search,
        )  # fmt: skip

    def _weights(self, temperature: float, q: np.ndarray) -> np.ndarray:
        """(singlet, triplet) weights: |eigenvector components|^2 of the leading solution."""
        channels = self.s.susceptibility.interaction.channels
        if len(channels) == 1:  # one channel: nothing to compute
            return np.array([1.0, 0.0] if channels[0] == "singlet" else [0.0, 1.0])
        _, vec = self.s.susceptibility.leading(q, self.zeeman, temperature)
        w = np.abs(vec) ** 2
        return w / w.sum()
