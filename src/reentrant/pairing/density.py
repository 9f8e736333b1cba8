r"""Carrier density of a band model in a field, and the chemical potential that holds it fixed.

For ``H(k) = eps(k) - mu + (g(k) + h).sigma`` at zero temperature

.. math::

    n(\mu, \mathbf h) = \sum_{\tau} \sum_{s=\pm} \int \frac{d^2k}{(2\pi)^2}\,
        \Theta\big(-\xi_s(\mathbf k)\big), \qquad
    \xi_s = \varepsilon(\mathbf k) - \mu + s\,|\mathbf g(\mathbf k) + \mathbf h|,

summed over valleys ``tau`` (Ising models).  The integral is written along a family of lines:
lines of constant ``p_x`` for the saddle of Eq. (1) (``d^2k = dp_x dp_y``) and rays from the
band centre otherwise (``d^2k = t dt du``).  Along each line the occupied length is exact up to
its end points, the Fermi crossings, which are bracketed on 512 samples and refined by 52
bisections (machine precision).  The occupied length is a smooth function of the transverse
coordinate ``u`` except where a line becomes tangent to a Fermi contour (the number of crossings
changes, a square-root kink); those ``u`` are located by bisection and made panel edges of a
composite 8-point Gauss-Legendre rule, which then converges exponentially (tested against closed
forms to 1e-9).  For the saddle only the window ``|p_x| < cutoff`` of the effective-mass
description counts; only differences of n matter (states outside the window are a rigid
background unaffected by the field).

The fixed-density condition ``n(mu(h), h) = n(mu_0, 0)`` is solved for mu by Brent's method
(:func:`chemical_potential_at_density`).  Units: the model's (per area in its inverse length
squared, energies in its energy unit).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from reentrant import validate
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding

_SAMPLES = 512
_BISECTIONS = 52
_SCAN_LINES = 1024
_PANELS = 48
_GL_X, _GL_W = np.polynomial.legendre.leggauss(8)


class _Lines:
    """The line family of a model: ``k(u, t) = o(u) + t d(u)`` with t in [0, t_max(u)] or +-."""

    def __init__(self, band: BandModel, h: np.ndarray) -> None:
        disp = band.dispersion
        alpha = float(np.linalg.norm(band.soc_linear(), ord=2))
        top = max(band.mu, 0.0) + float(np.linalg.norm(band.soc_valley()))
        top += float(np.linalg.norm(h))
        self.radial = not isinstance(disp, Saddle)
        if isinstance(disp, Saddle):
            lam = disp.cutoff
            kinetic = top + lam**2 / (2 * disp.mass_heavy) + alpha * lam
            self.t_max = 1.1 * np.sqrt(2 * disp.mass_light * kinetic) + 1e-12
            self.span = (-lam, lam)
        elif isinstance(disp, Parabolic):
            m = disp.mass
            self.t_max = 1.1 * (m * alpha + np.sqrt((m * alpha) ** 2 + 2 * m * top)) + 1e-12
            self.span = (0.0, 2 * np.pi)
        elif isinstance(disp, TightBinding):
            self.half = np.pi / disp.lattice_constant
            self.span = (0.0, 2 * np.pi)
        else:
            raise ParameterError(f"no carrier density for dispersion {type(disp).__name__}")
        self.square = isinstance(disp, TightBinding)

    def geometry(self, u: np.ndarray):
        """(origin (L, 2), direction (L, 2), t_lo (L,), t_hi (L,)) of lines ``u``."""
        if not self.radial:
            o = np.stack([u, np.zeros_like(u)], -1)
            d = np.broadcast_to([0.0, 1.0], o.shape)
            return o, d, np.full(u.shape, -self.t_max), np.full(u.shape, self.t_max)
        d = np.stack([np.cos(u), np.sin(u)], -1)
        if self.square:
            t_hi = self.half / np.max(np.abs(d), axis=-1)
        else:
            t_hi = np.full(u.shape, self.t_max)
        return np.zeros_like(d), d, np.zeros(u.shape), t_hi


def _xi(band, h, valley, branch, o, d, t):
    """xi_branch at k = o + t d (broadcast over the leading axes of o, d and t)."""
    return band.energies(o[..., 0] + t * d[..., 0], o[..., 1] + t * d[..., 1], h, valley)[
        ..., branch
    ]


def _sampled(band, h, valley, branch, lines: _Lines, u: np.ndarray):
    """Lines ``u`` sampled: (origin, direction, t_lo, t_hi, t samples, occupied samples)."""
    o, d, lo, hi = lines.geometry(u)
    s = np.linspace(0.0, 1.0, _SAMPLES)
    t = lo[:, None] + (hi - lo)[:, None] * s[None, :]
    occ = _xi(band, h, valley, branch, o[:, None], d[:, None], t) < 0
    return o, d, lo, hi, t, occ


def _counts(band, h, valley, branch, lines: _Lines, u: np.ndarray) -> np.ndarray:
    """Number of Fermi crossings on each line ``u`` (on the samples)."""
    occ = _sampled(band, h, valley, branch, lines, u)[-1]
    return np.count_nonzero(occ[:, :-1] != occ[:, 1:], axis=1)


def _occupied(band, h, valley, branch, lines: _Lines, u: np.ndarray) -> np.ndarray:
    """int J(t) dt over the occupied part of each line u (J = t for rays)."""
    o, d, lo, hi, t, occ = _sampled(band, h, valley, branch, lines, u)
    line, j = np.nonzero(occ[:, :-1] != occ[:, 1:])
    a, b = t[line, j], t[line, j + 1]
    inside_a = occ[line, j]
    for _ in range(_BISECTIONS):
        mid = 0.5 * (a + b)
        same = (_xi(band, h, valley, branch, o[line], d[line], mid) < 0) == inside_a
        a, b = np.where(same, mid, a), np.where(same, b, mid)
    root = 0.5 * (a + b)

    def primitive(x):
        return 0.5 * x * x if lines.radial else x

    # occupied length: sum over segments between consecutive break points (ends and crossings)
    total = np.where(occ[:, 0], -primitive(lo), 0.0) + np.where(occ[:, -1], primitive(hi), 0.0)
    sign = np.where(inside_a, 1.0, -1.0)  # occupied before the crossing: it ends a segment
    np.add.at(total, line, sign * primitive(root))
    return total


def _kinks(band, h, valley, branch, lines: _Lines) -> np.ndarray:
    """u where the number of Fermi crossings on a line changes (tangency: square-root kinks)."""
    u0, u1 = lines.span
    u = np.linspace(u0, u1, _SCAN_LINES)
    counts = _counts(band, h, valley, branch, lines, u)
    jumps = np.nonzero(counts[:-1] != counts[1:])[0]
    a, b = u[jumps], u[jumps + 1]
    ca = counts[jumps]
    for _ in range(40):
        mid = 0.5 * (a + b)
        same = _counts(band, h, valley, branch, lines, mid) == ca
        a, b = np.where(same, mid, a), np.where(same, b, mid)
    return 0.5 * (a + b)


def carrier_density(band: BandModel, zeeman: ArrayLike = (0.0, 0.0, 0.0)) -> float:
    """Carrier density n(mu, h) of ``band`` (its own mu) at Zeeman vector ``zeeman``, T = 0.

    Both branches and all valleys; per area in the model's units (nm^-2 for physical models).
    """
    h = validate.finite_array("zeeman", zeeman).reshape(3)
    lines = _Lines(band, h)
    u0, u1 = lines.span
    total = 0.0
    for valley in band.valleys:
        for branch in (0, 1):
            edges = np.unique(np.concatenate([[u0, u1], _kinks(band, h, valley, branch, lines)]))
            # split the panels between kinks into pieces of about equal width
            pieces = [
                np.linspace(a, b, max(2, int(np.ceil(_PANELS * (b - a) / (u1 - u0))) + 1))
                for a, b in zip(edges[:-1], edges[1:], strict=True)
            ]
            grid = np.unique(np.concatenate(pieces))
            mid, half = 0.5 * (grid[1:] + grid[:-1]), 0.5 * (grid[1:] - grid[:-1])
            u = (mid[:, None] + half[:, None] * _GL_X[None, :]).ravel()
            weights = (half[:, None] * _GL_W[None, :]).ravel()
            total += float(weights @ _occupied(band, h, valley, branch, lines, u))
    return total / (2 * np.pi) ** 2


def chemical_potential_at_density(
    bands: BandModel | Sequence[BandModel], density: float, zeeman: ArrayLike, window: float
) -> float:
    """The chemical potential at which ``bands`` in field ``zeeman`` hold ``density`` (T = 0).

    Several bands share one chemical potential: each keeps its offset, all move by the same
    amount; the result is the first band's mu.  Brent's method on ``n(mu) - density`` (n is
    non-decreasing in mu), bracketed within ``mu +- window`` (widened by doubling up to 8
    times); the root is found to 1e-12 relative to ``window``.

    Raises
    ------
    ConvergenceError
        No mu in the widened window holds the density.
    """
    bands = (bands,) if isinstance(bands, BandModel) else tuple(bands)
    density = validate.positive("density", density)
    window = validate.positive("window", window)
    mu0 = bands[0].mu

    def excess(mu: float) -> float:
        shift = mu - mu0
        return sum(carrier_density(b.with_mu(b.mu + shift), zeeman) for b in bands) - density

    lo, hi = mu0 - window, mu0 + window
    f_lo, f_hi = excess(lo), excess(hi)
    for _ in range(8):
        if f_lo <= 0 <= f_hi:
            return brentq(excess, lo, hi, xtol=1e-12 * window, rtol=1e-14)
        width = hi - lo
        if f_lo > 0:
            lo -= width
            f_lo = excess(lo)
        if f_hi < 0:
            hi += width
            f_hi = excess(hi)
    raise ConvergenceError(
        f"no chemical potential within {mu0:g} +- {hi - mu0:g} holds density {density:g}"
    )
