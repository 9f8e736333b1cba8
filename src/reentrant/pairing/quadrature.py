"""Integration lines through the energy shell of a band model, built once per model.

The Brillouin-zone integral ``int d^2k / (2 pi)^2`` is written as a sum over straight lines
``k = o + t d``:

* closed Fermi surfaces (parabolic, Rashba, Ising, tight binding): rays from the band centre,
  ``d^2k = t dt dtheta``, angles on a uniform periodic grid (spectrally accurate for smooth
  integrands);
* the open saddle of Eq. (1): lines of constant ``p_x`` over ``|p_x| < cutoff``,
  ``d^2k = dp_x dp_y``, with Gauss-Legendre panels in ``p_x`` graded around the points where the
  zero-field branches change (``p_x = 0``) and around the saddle points ``p_x = +-beta M``.

For each line the zero-field Fermi crossings of both branches (starting guesses for the compiled
kernel) and the edges of the energy shell ``|xi_s| < omega_D`` (fixed panel boundaries) are found
here with a fine scan and bisection.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.models.soc import AnisotropicSOC

_SCAN_POINTS = 4001
_MAX_ROOTS = 8


@dataclass(frozen=True)
class Resolution:
    """Discretisation of the k integral.

    Attributes
    ----------
    n_lines
        Number of rays (closed Fermi surfaces) or of p_x nodes (saddle).
    n_gl
        Gauss-Legendre nodes per panel along a line.
    ratio
        Geometric growth of panel widths away from a Fermi crossing.
    w_fac
        Finest panel half-width in units of ``T / |v_F|``.
    max_levels
        Maximum number of graded panels on each side of a crossing.
    """

    n_lines: int = 96
    n_gl: int = 6
    ratio: float = 2.0
    w_fac: float = 1.0
    max_levels: int = 24

    def __post_init__(self) -> None:
        if int(self.n_lines) < 8 or int(self.n_gl) < 2:
            raise ParameterError("resolution needs n_lines >= 8 and n_gl >= 2")
        if not 1.0 < validate.finite("ratio", self.ratio) <= 4.0:
            raise ParameterError("resolution ratio must lie in (1, 4]")
        validate.positive("w_fac", self.w_fac)

    def refined(self) -> Resolution:
        """A resolution about twice as fine in every direction (for error estimates)."""
        return replace(
            self,
            n_lines=int(round(self.n_lines * 1.5)),
            n_gl=self.n_gl + 2,
            ratio=float(np.sqrt(self.ratio)),
            w_fac=self.w_fac / 2.0,
            max_levels=2 * self.max_levels,
        )


@dataclass(frozen=True)
class LineSet:
    """Arrays describing the integration lines (consumed by the compiled kernel)."""

    origin: np.ndarray  # (L, 2)
    direction: np.ndarray  # (L, 2)
    weight: np.ndarray  # (L,) transverse weight including 1/(2 pi)^2
    lo: np.ndarray  # (L,)
    hi: np.ndarray  # (L,)
    radial: bool
    fixed: np.ndarray  # (L, F) shell edges (NaN padded)
    n_fixed: np.ndarray  # (L,)
    guess_t: np.ndarray  # (L, G) zero-field crossings
    guess_s: np.ndarray  # (L, G) their branch (-1 or +1)
    n_guess: np.ndarray  # (L,)
    k_scale: float  # a typical momentum (tolerances in the kernel)
    v_fermi: np.ndarray  # (2,) rms Fermi velocity components (Q search scales)


def graded_nodes(
    lo: float, hi: float, centres: list[float], finest: float, ratio: float, n_gl: int
) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss-Legendre nodes on [lo, hi], panels graded geometrically about centres."""
    pts = [lo, hi]
    for c in centres:
        if not lo < c < hi:
            continue
        pts.append(c)
        step = finest
        while step < hi - lo:
            pts.extend([c - step, c + step])
            step *= ratio
    edges = np.unique(np.clip(pts, lo, hi))
    x, w = np.polynomial.legendre.leggauss(n_gl)
    half = 0.5 * np.diff(edges)
    mid = 0.5 * (edges[1:] + edges[:-1])
    nodes = (mid[:, None] + half[:, None] * x[None, :]).ravel()
    weights = (half[:, None] * w[None, :]).ravel()
    return nodes, weights


def _zero_field_energies(model: BandModel, kx: np.ndarray, ky: np.ndarray) -> np.ndarray:
    """Zero-field branch energies (valley +1), shape (..., 2)."""
    return model.energies(kx, ky)


def _roots_on_lines(t: np.ndarray, f: np.ndarray) -> list[list[float]]:
    """Sign changes of f along axis 1 (lines x samples), located by linear interpolation."""
    out = []
    for line_f in f:
        idx = np.nonzero(np.signbit(line_f[:-1]) != np.signbit(line_f[1:]))[0]
        roots = []
        for i in idx[:_MAX_ROOTS]:
            f0, f1 = line_f[i], line_f[i + 1]
            roots.append(t[i] - f0 * (t[i + 1] - t[i]) / (f1 - f0))
        out.append(roots)
    return out


def _line_frame(model: BandModel, omega_d: float, res: Resolution):
    """Origins, directions, transverse weights, t ranges and radial flag of the lines."""
    disp = model.dispersion
    A = model.soc_linear()
    c = np.linalg.norm(model.soc_valley())
    alpha = np.linalg.norm(A, ord=2)
    if isinstance(disp, Saddle):
        beta = sum(s.beta for s in model.soc if isinstance(s, AnisotropicSOC))
        lam = disp.cutoff
        top = max(model.mu, 0.0) + omega_d + lam**2 / (2 * disp.mass_heavy) + alpha * lam + c
        p_max = np.sqrt(2 * disp.mass_light * top) * 1.05 + 1e-12
        centres = [0.0, beta * disp.mass_heavy, -beta * disp.mass_heavy]
        centres += _saddle_kinks(model, omega_d)
        u, wu = graded_nodes(-lam, lam, centres, 8 * lam / res.n_lines, res.ratio, 4)
        origin = np.stack([u, np.zeros_like(u)], -1)
        direction = np.tile([0.0, 1.0], (u.size, 1))
        lo = np.full(u.size, -p_max)
        hi = np.full(u.size, p_max)
        return origin, direction, wu / (2 * np.pi) ** 2, lo, hi, False
    n = int(res.n_lines)
    theta = 2 * np.pi * (np.arange(n) + 0.5) / n
    direction = np.stack([np.cos(theta), np.sin(theta)], -1)
    weight = np.full(n, 2 * np.pi / n / (2 * np.pi) ** 2)
    if isinstance(disp, Parabolic):
        m = disp.mass
        top = max(model.mu, 0.0) + omega_d + c
        k_max = (m * alpha + np.sqrt((m * alpha) ** 2 + 2 * m * top)) * 1.05
        origin = np.zeros((n, 2))
        return origin, direction, weight, np.zeros(n), np.full(n, k_max), True
    if isinstance(disp, TightBinding):
        a = disp.lattice_constant
        centre = 0.0 if model.mu < 4 * disp.hopping_next else np.pi / a
        origin = np.full((n, 2), centre)
        t_max = (np.pi / a) / np.maximum(np.abs(direction[:, 0]), np.abs(direction[:, 1]))
        return origin, direction, weight, np.zeros(n), t_max, True
    raise ParameterError(f"no integration geometry for dispersion {type(disp).__name__}")


def _saddle_kinks(model: BandModel, omega_d: float) -> list[float]:
    """p_x where a line of constant p_x starts or stops meeting a shell edge or the Fermi level.

    Along such a line ``xi_s(p_x, p_y)`` is smallest at ``p_y = 0``, so the line integral has a
    square-root kink where ``xi_s(p_x, 0)`` crosses ``-omega_D``, ``0`` or ``+omega_D``.
    """
    lam = model.dispersion.cutoff
    u = np.linspace(-lam, lam, 20001)
    xi = model.energies(u, np.zeros_like(u))
    kinks = []
    for band in range(2):
        for level in (-omega_d, 0.0, omega_d):
            kinks.extend(_roots_on_lines(u, (xi[:, band] - level)[None, :])[0])
    return kinks


def build_lines(model: BandModel, omega_d: float, res: Resolution) -> LineSet:
    """Integration lines with zero-field crossings and shell edges for ``model``."""
    omega_d = validate.positive("omega_d", omega_d)
    origin, direction, weight, lo, hi, radial = _line_frame(model, omega_d, res)
    n = origin.shape[0]
    s = np.linspace(0.0, 1.0, _SCAN_POINTS)
    t = lo[:, None] + (hi - lo)[:, None] * s[None, :]
    kx = origin[:, 0:1] + t * direction[:, 0:1]
    ky = origin[:, 1:2] + t * direction[:, 1:2]
    xi = _zero_field_energies(model, kx, ky)
    fixed, guess_t, guess_s, vel = [], [], [], []
    for line in range(n):
        tl = t[line]
        edges, g_t, g_s = [], [], []
        for band, sign in ((0, -1.0), (1, 1.0)):
            e = xi[line, :, band]
            for r in _roots_on_lines(tl, e[None, :])[0]:
                g_t.append(r)
                g_s.append(sign)
            for off in (omega_d, -omega_d):
                edges.extend(_roots_on_lines(tl, (e - off)[None, :])[0])
        fixed.append(sorted(edges))
        guess_t.append(g_t)
        guess_s.append(g_s)
    n_fixed = np.array([len(f) for f in fixed], dtype=np.int64)
    n_guess = np.array([len(g) for g in guess_t], dtype=np.int64)
    fixed_arr = np.full((n, max(1, n_fixed.max())), np.nan)
    gt = np.zeros((n, max(1, n_guess.max())))
    gs = np.ones((n, max(1, n_guess.max())))
    for i in range(n):
        fixed_arr[i, : n_fixed[i]] = fixed[i]
        gt[i, : n_guess[i]] = guess_t[i]
        gs[i, : n_guess[i]] = guess_s[i]
    k_scale = float(np.max(np.abs(np.concatenate([lo, hi]))))
    v_fermi = _fermi_velocity(model, origin, direction, gt, gs, n_guess)
    return LineSet(
        origin, direction, weight, lo, hi, radial, fixed_arr, n_fixed, gt, gs, n_guess,
        k_scale, v_fermi,
    )  # fmt: skip


def _fermi_velocity(model, origin, direction, gt, gs, n_guess) -> np.ndarray:
    """Root-mean-square zero-field Fermi velocity components (finite differences)."""
    vx, vy = [], []
    for i in range(origin.shape[0]):
        for j in range(n_guess[i]):
            k = origin[i] + gt[i, j] * direction[i]
            band = 1 if gs[i, j] > 0 else 0
            dk = 1e-6 * max(1.0, float(np.linalg.norm(k)))
            ex = model.energies(k[0] + dk, k[1])[band] - model.energies(k[0] - dk, k[1])[band]
            ey = model.energies(k[0], k[1] + dk)[band] - model.energies(k[0], k[1] - dk)[band]
            vx.append(ex / (2 * dk))
            vy.append(ey / (2 * dk))
    if not vx:
        raise ParameterError("the chemical potential gives no Fermi surface in the energy shell")
    return np.array([np.sqrt(np.mean(np.square(vx))), np.sqrt(np.mean(np.square(vy)))])
