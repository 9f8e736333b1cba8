"""Transition temperatures from the linearized gap equation, optimised over the pair momentum.

T_c(h) is the largest temperature at which ``max_Q lambda(Q, h, T) = 1``, where ``lambda`` is the
leading eigenvalue of ``V^1/2 chi(Q, h, T) V^1/2`` (:mod:`reentrant.pairing.susceptibility`).
The root in ``ln T`` at fixed Q is bracketed by geometric steps from a starting guess and
refined by the Illinois method; then Q is re-optimised at that temperature
(:mod:`reentrant.pairing.optimize`) and the root updated, until the update is below the
tolerance.  A global polar search with a coarse quadrature picks the basin (at the first field,
after a normal point and every fourth field of a sweep), a damped Newton ascent refines it,
warm-started from the previous field (continuation); for mirror-symmetric models Q stays on the
Q_x axis while one evaluation off it confirms the axis is a maximum.  "No superconductivity above
``t_min``" is a result (``tc = 0``, ``superconducting = False``), not an error.

All energies (Zeeman h, T, Q v_F) are in the model's units, hbar = k_B = 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ConvergenceError
from reentrant.pairing.optimize import global_search, newton_maximise, polar_grid
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility

_COARSE = Resolution(n_lines=12, n_gl=2, ratio=3.0, w_fac=2.0, max_levels=16, rtol=3e-2)


@dataclass(frozen=True)
class TcPoint:
    """Solution at one field: T_c, optimal Q, channel weights and bookkeeping."""

    zeeman: float
    tc: float
    q: np.ndarray
    weights: np.ndarray
    superconducting: bool
    evaluations: int
    #: dlambda/dlnT at T_c (negative; 0 where not superconducting)
    slope: float = 0.0


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


@dataclass
class TcSolver:
    """T_c(h) of one model and interaction, maximised over Q unless ``uniform``.

    Parameters
    ----------
    susceptibility
        The pair susceptibility (model, interaction, resolution, band projection).
    tolerance
        Relative tolerance on T_c of the root search (the quadrature error is checked separately
        by :func:`reentrant.pairing.curve.tc_curve`).
    t_min, t_max
        Temperature search range (model units).  Below ``t_min`` the state is reported normal.
    uniform
        Fix Q = 0 (no finite-momentum pairing).
    direction
        Unit vector of the Zeeman field (default in-plane x).
    """

    susceptibility: PairSusceptibility
    tolerance: float = 1e-3
    t_min: float = 1e-3
    t_max: float = 1e3
    uniform: bool = False
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0)
    _coarse: PairSusceptibility | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        validate.positive("tolerance", self.tolerance)
        validate.positive("t_min", self.t_min)
        validate.positive("t_max", self.t_max)
        self._slope = -0.3  # dlambda/dlnT ~ -N_0 V, refined as roots are found
        d = validate.finite_array("direction", self.direction)
        self._dir = d / np.linalg.norm(d)
        # lambda(Q_x, Q_y) = lambda(Q_x, -Q_y) for a mirror-symmetric model, whatever the field
        # (k_y -> -k_y leaves the spins alone; see the susceptibility notes): search the upper
        # half plane only and keep Q on the Q_x axis where that is a maximum in Q_y
        self._mirror = bool(getattr(self.susceptibility, "mirror_symmetric", False))
        if not self.uniform:
            s = self.susceptibility
            self._coarse = PairSusceptibility(s.model, s.interaction, _COARSE, s.bands)

    def _q_scale(self, h: float, temperature: float) -> np.ndarray:
        """Momentum scale (2|h| + 2 pi T)/v_F per component: where pair-breaking is undone."""
        v = self.susceptibility.geometry.v_fermi
        return (2 * abs(h) + 2 * np.pi * temperature) / np.maximum(v, 1e-12 * v.max())

    def _coarse_search(self, h: float, temperature: float, q0: np.ndarray, n_radii: int = 2):
        """Global search on a polar grid of Q and ``q0`` (coarse quadrature): (best q, lambda)."""
        zeeman = h * self._dir
        q_max = 2.0 * self._q_scale(h, temperature)
        grid = np.vstack([polar_grid(q_max, n_radii, upper_half=self._mirror), q0[None]])
        q, lam = global_search(lambda q: self._coarse.eigenvalue(q, zeeman, temperature), grid)
        return q, lam, len(grid)

    def max_eigenvalue(
        self, h: float, temperature: float, q0: np.ndarray, search: bool, lam0: float | None = None
    ):
        """max_Q lambda at (h, T): (q, lambda, evaluations); ``lam0``: lambda at q0 if known."""
        zeeman = h * self._dir
        sus = self.susceptibility
        if self.uniform:
            return np.zeros(2), sus.eigenvalue(np.zeros(2), zeeman, temperature), 1
        scale = self._q_scale(h, temperature)
        n = 0
        if search:
            qg, _, m = self._coarse_search(h, temperature, q0)
            n += m
            starts = [q0, qg] if np.any(np.abs(qg - q0) > 0.1 * scale) else [q0]
        else:
            starts = [q0]
        # a lambda deficit d shifts T_c by d / |dlambda/dlnT|: stop Newton at 2 % of tolerance
        f_tol = 0.02 * self.tolerance * abs(self._slope)
        best = None
        for start in starts:
            q, lam, m = newton_maximise(
                lambda q: sus.eigenvalue(q, zeeman, temperature),
                start, 0.02 * scale, 1e-3 * scale, mirror=self._mirror, f_tol=f_tol,
                f0=lam0 if start is q0 else None,
            )  # fmt: skip
            n += m
            if best is None or lam > best[1]:
                best = (q, lam)
        return best[0], best[1], n

    def _root_fixed_q(self, h: float, q: np.ndarray, t0: float):
        """Largest-near-t0 root of lambda(q, h, T) = 1 in ln T.

        Returns (T_c, dlambda/dlnT, evaluations, newest evaluated (T, lambda)).

        Brackets by geometric steps (growing) from ``t0``, then refines by the Illinois variant
        of regula falsi (Dowell & Jarratt, BIT 11, 168 (1971)), which keeps the bracket and
        converges superlinearly on the nearly linear ``lambda(ln T)``; it stops when the secant
        correction ``|f / f'|`` is below ``tolerance / 8`` in ``ln T`` and returns the corrected
        point.  Returns T_c = 0 if lambda < 1 down to ``t_min``.
        """
        zeeman = h * self._dir
        lam = self.susceptibility.eigenvalue
        n = 0

        def g(log_t: float) -> float:
            nonlocal n
            n += 1
            return lam(q, zeeman, np.exp(log_t)) - 1.0

        x0 = np.log(t0)
        f0 = g(x0)
        lo_bound, hi_bound = np.log(self.t_min), np.log(self.t_max)
        # secant guess from the last known slope dlambda/dlnT (negative near T_c), then growing
        # steps until the sign changes
        step = float(np.clip(1.2 * abs(f0 / self._slope), 2e-3, 0.3))
        while True:
            x1 = x0 + step if f0 >= 0 else x0 - step
            if x1 < lo_bound:
                x1 = lo_bound
            if x1 > hi_bound:
                raise ConvergenceError(
                    f"T_c above the search range t_max={self.t_max:g} at zeeman={h:g}"
                )
            f1 = g(x1)
            if (f1 >= 0) != (f0 >= 0):
                break
            if x1 == lo_bound:
                return 0.0, 0.0, n, (np.exp(x1), f1 + 1.0)
            x0, f0 = x1, f1
            step *= 2.0
        slope = (f1 - f0) / (x1 - x0)
        if slope < 0:
            self._slope = slope
        xtol = self.tolerance / 8
        a, fa, b, fb = x0, f0, x1, f1
        # the derivative at the root is the secant of the two newest evaluations (the bracket's
        # chord can span a curved stretch of lambda(ln T))
        last = (x0, f0)

        def newest_slope() -> float:
            local = (fb - last[1]) / (b - last[0])
            return local if local != 0.0 else (fb - fa) / (b - a)

        for _ in range(60):
            if abs(fb / newest_slope()) < xtol:
                break  # the Newton correction from the newest point is inside the tolerance
            x = b - fb * (b - a) / (fb - fa)
            fx = g(x)
            last = (b, fb)
            if (fx >= 0) != (fb >= 0):
                a, fa = b, fb
            else:
                fa *= 0.5  # Illinois: halve the retained end's value so it is not stuck
            b, fb = x, fx
            if abs(b - a) < xtol:
                break
        local = newest_slope()
        return float(np.exp(b - fb / local)), float(local), n, (np.exp(b), fb + 1.0)

    def solve(
        self,
        h: float,
        guess: TcPoint | None = None,
        t_start: float | None = None,
        search: bool = True,
    ) -> TcPoint:
        """T_c and optimal Q at Zeeman energy ``h`` (continuation from ``guess`` if given).

        Alternates a root search in T at fixed Q with a re-optimisation of Q at that T; since
        lambda is stationary in Q at the optimum, the T_c error from a slightly off Q is second
        order and two or three rounds converge.  Without ``search``, a superconducting ``guess``
        (the continuation predictor) supplies the first Q directly.  For a mirror-symmetric
        model, a solution on the Q_x axis is accepted only after one evaluation at
        ``Q_y = 0.02 x`` the Q scale confirms that the axis is a maximum in Q_y; otherwise the
        full 2D ascent continues from there.
        """
        h = validate.finite("zeeman", h)
        start = t_start if t_start is not None else 1.0
        if guess is not None and guess.superconducting:
            t, q = guess.tc, np.asarray(guess.q, float)
        elif guess is not None:
            # the previous field was normal: test the lowest temperature first; a coarse global
            # maximum clearly below 1 settles it without refinement (the coarse grid errs by at most
            # about 1e-2 in lambda in the convergence study of resolution_for, well inside 0.05)
            q = np.asarray(guess.q, float)
            if not self.uniform:
                q_c, lam_c, m = self._coarse_search(h, self.t_min, q, n_radii=1)
                if lam_c < 0.95:
                    return TcPoint(h, 0.0, q_c, self._weights(h, self.t_min, q_c), False, m)
            q, lam, n = self.max_eigenvalue(h, self.t_min, q, True)
            if lam < 1.0:
                return TcPoint(h, 0.0, q, self._weights(h, self.t_min, q), False, n)
            t = self.t_min
        else:
            t, q = start, np.zeros(2)
        t = min(max(t, self.t_min), self.t_max)
        n = 0
        if search or guess is None or not guess.superconducting:
            q, lam, n = self.max_eigenvalue(h, t, q, search=search or guess is None)
        for _ in range(8):
            tc, slope, m, (t_last, lam_last) = self._root_fixed_q(h, q, t)
            n += m
            if tc == 0.0 and not self.uniform:
                # lambda < 1 at this Q down to t_min, but the optimal Q moves with T and
                # max_Q lambda need not be monotonic in T (low-temperature FFLO lines): descend
                # in T re-optimising Q, and restart the root search where it reaches 1
                t_down, q_down, lam_down = t, q, 0.0
                while t_down * 0.6 > self.t_min:
                    t_down *= 0.6
                    q_down, lam_down, m = self.max_eigenvalue(h, t_down, q_down, search=False)
                    n += m
                    if lam_down >= 1.0:
                        break
                if lam_down >= 1.0:
                    q, t = q_down, t_down
                    continue
                q = q_down
            if tc == 0.0:
                q_low, lam_low, m = self.max_eigenvalue(h, self.t_min, q, search=True)
                n += m
                if lam_low < 1.0:
                    return TcPoint(h, 0.0, q_low, self._weights(h, self.t_min, q_low), False, n)
                q, t = q_low, self.t_min
                continue
            if self.uniform:
                return TcPoint(h, tc, q, self._weights(h, tc, q), True, n, slope)
            # re-optimise Q at the root search's newest point (lambda there is known); the gain
            # moves the root up by gain / |slope| to first order
            q_new, lam_new, m = self.max_eigenvalue(h, t_last, q, False, lam_last)
            n += m
            inv_slope = 1.0 / max(abs(slope), 1e-12)
            t_new = t_last * np.exp((lam_new - 1.0) * inv_slope)
            q, t = q_new, t_new
            if (lam_new - lam_last) * inv_slope >= self.tolerance / 4:
                # not negligible: check the updated root with one evaluation at the new Q (an
                # error of Q from the T change is second order) before another full round
                lam_check = self.susceptibility.eigenvalue(q, h * self._dir, t_new)
                n += 1
                if abs(lam_check - 1.0) * inv_slope >= self.tolerance / 8:
                    continue
                t_new *= np.exp((lam_check - 1.0) * inv_slope)
                lam_new = lam_check
            if self._mirror and q[1] == 0.0:
                probe = q + np.array([0.0, 0.02 * self._q_scale(h, t_new)[1]])
                n += 1
                if self.susceptibility.eigenvalue(probe, h * self._dir, t_new) > lam_new:
                    q, t = probe, t_new  # Q_y = 0 is a saddle: ascend in 2D from the probe
                    continue
            return TcPoint(h, t_new, q, self._weights(h, t_new, q), True, n, slope)
        raise ConvergenceError(f"T_c and Q did not converge together at zeeman={h:g}")

    def tc_at_q(self, h: float, q: ArrayLike, t_start: float = 1.0) -> float:
        """T_c for a fixed pair momentum ``q`` (0 if below ``t_min``)."""
        q = validate.finite_array("q", q).reshape(2)
        t_start = min(max(validate.positive("t_start", t_start), self.t_min), self.t_max)
        return self._root_fixed_q(validate.finite("zeeman", h), q, t_start)[0]

    def tc0(self, t_start: float = 1.0) -> float:
        """Zero-field T_c (uniform pairing; Q = 0 is optimal at h = 0 by time reversal)."""
        return self.tc_at_q(0.0, np.zeros(2), t_start)

    def _weights(self, h: float, temperature: float, q: np.ndarray) -> np.ndarray:
        """|eigenvector components|^2 of the leading pairing channel (singlet, triplet)."""
        if self.susceptibility.interaction.n_channels == 1:
            return np.ones(1)  # singlet only: nothing to compute
        _, vec = self.susceptibility.leading(q, h * self._dir, temperature)
        w = np.abs(vec) ** 2
        return w / w.sum()


def calibrate_interaction(
    susceptibility_factory, cutoff: float, tc0: float, triplet_ratio: float = 0.0
) -> PairingInteraction:
    """Coupling that gives zero-field, uniform T_c = ``tc0`` exactly.

    With ``V = v diag(1, r)`` the leading eigenvalue of ``V^1/2 chi V^1/2`` is linear in ``v``,
    so ``v = 1 / lambda_max(v = 1)`` at ``(Q, h, T) = (0, 0, tc0)``.  ``susceptibility_factory``
    maps an interaction to a :class:`PairSusceptibility`.
    """
    tc0 = validate.positive("tc0", tc0)
    unit = PairingInteraction(1.0, cutoff, validate.non_negative("triplet_ratio", triplet_ratio))
    lam = susceptibility_factory(unit).eigenvalue(np.zeros(2), np.zeros(3), tc0)
    if lam <= 0:
        raise ConvergenceError("no pairing at zero field: the pair susceptibility vanishes")
    return unit.scaled(1.0 / lam)
