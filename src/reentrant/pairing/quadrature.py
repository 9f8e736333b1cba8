"""Integration geometry of the k integral and the adaptive transverse quadrature.

The Brillouin-zone integral ``int d^2k / (2 pi)^2`` is written as an integral over a transverse
coordinate ``u`` of line integrals along ``k = o(u) + t d(u)``:

* closed Fermi surfaces (parabolic, Rashba, Ising, tight binding): rays from the band centre at
  angle ``u``, ``d^2k = t dt du``;
* the open saddle of Eq. (1): lines of constant ``p_x = u`` over ``|p_x| < cutoff``,
  ``d^2k = dp_x dp_y``; the initial panels in ``p_x`` are graded about the points where the
  zero-field branches change (``p_x = 0``), the saddle points ``p_x = +-beta M`` and the ``p_x``
  where the Fermi level or a shell edge passes a saddle (square-root kinks).

Along each line the compiled kernel (:mod:`reentrant.pairing.kernel`) locates the Fermi
crossings and grades Gauss-Legendre panels about them (scale ``T / v_F``).  Across lines,
:func:`adaptive_transverse` integrates with Gauss-Kronrod panels in ``u``, bisected where the
Kronrod-Gauss difference says the error is largest, until the total error estimate is below
``rtol * |integral|``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from reentrant import validate
from reentrant.errors import ConvergenceWarning, ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.models.soc import AnisotropicSOC

RADIAL, PARALLEL = 0, 1


@dataclass(frozen=True)
class Resolution:
    """Discretisation of the k integral.

    Attributes
    ----------
    n_lines
        Sets the initial transverse grid: ``n_lines // 4`` Gauss-Kronrod panels of 7 lines each
        (rays, or lines of constant p_x for the saddle, whose kinks add panel edges).
    n_gl
        Gauss-Legendre nodes per panel along a line.
    ratio
        Geometric growth of panel widths away from a Fermi crossing along a line.
    w_fac
        Finest panel half-width along a line, in units of ``T / |v_F|``.
    max_levels
        Maximum number of graded panels on each side of a crossing.
    rtol
        Relative tolerance of the adaptive transverse integration.
    max_depth
        Maximum number of bisections of an initial transverse panel.
    n_scan
        Samples per line used to find the zero-field crossings and shell edges (the line is also
        cut at the extrema between samples, so close pairs of crossings need no dense sampling).
    """

    n_lines: int = 32
    n_gl: int = 4
    ratio: float = 2.5
    w_fac: float = 1.0
    max_levels: int = 24
    rtol: float = 1e-4
    max_depth: int = 12
    n_scan: int = 32

    def __post_init__(self) -> None:
        if int(self.n_lines) < 8 or int(self.n_gl) < 2 or int(self.n_scan) < 16:
            raise ParameterError("resolution needs n_lines >= 8, n_gl >= 2 and n_scan >= 16")
        if not 1.0 < validate.finite("ratio", self.ratio) <= 4.0:
            raise ParameterError("resolution ratio must lie in (1, 4]")
        validate.positive("w_fac", self.w_fac)
        validate.positive("rtol", self.rtol)

    def refined(self) -> Resolution:
        """A resolution about twice as fine in every direction (for error estimates)."""
        return replace(
            self,
            n_lines=2 * self.n_lines,
            n_gl=self.n_gl + 2,
            ratio=float(np.sqrt(self.ratio)),
            w_fac=self.w_fac / 2.0,
            max_levels=2 * self.max_levels,
            rtol=self.rtol / 4.0,
            n_scan=2 * self.n_scan,
        )


@dataclass(frozen=True)
class Geometry:
    """Line family of a model: kind, parameters for the kernel, initial transverse panels."""

    kind: int
    params: np.ndarray  # [cx, cy, t_max, square half-width, p_max]
    panels: np.ndarray  # edges of the initial transverse panels
    v_fermi: np.ndarray  # rms zero-field Fermi velocity components (Q search scales)
    k_fermi: np.ndarray = field(default_factory=lambda: np.ones(2))  # rms Fermi momenta (p-wave)


def _roots(x: np.ndarray, f: np.ndarray) -> list[float]:
    """Sign changes of f(x), located by linear interpolation."""
    idx = np.nonzero(np.signbit(f[:-1]) != np.signbit(f[1:]))[0]
    return [x[i] - f[i] * (x[i + 1] - x[i]) / (f[i + 1] - f[i]) for i in idx]


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
            kinks.extend(_roots(u, xi[:, band] - level))
    return kinks


def build_geometry(model: BandModel, omega_d: float, res: Resolution) -> Geometry:
    """Line family, initial panels and Fermi-velocity scale of ``model``."""
    omega_d = validate.positive("omega_d", omega_d)
    disp = model.dispersion
    alpha = np.linalg.norm(model.soc_linear(), ord=2)
    c = np.linalg.norm(model.soc_valley())
    n_panels = max(2, int(res.n_lines) // 4)
    if isinstance(disp, Saddle):
        beta = sum(s.beta for s in model.soc if isinstance(s, AnisotropicSOC))
        lam = disp.cutoff
        top = max(model.mu, 0.0) + omega_d + lam**2 / (2 * disp.mass_heavy) + alpha * lam + c
        p_max = np.sqrt(2 * disp.mass_light * top) * 1.05 + 1e-12
        centres = [0.0, beta * disp.mass_heavy, -beta * disp.mass_heavy]
        centres += _saddle_kinks(model, omega_d)
        grid = np.linspace(-lam, lam, n_panels + 1)
        panels = np.unique(np.clip(np.concatenate([grid, centres]), -lam, lam))
        geometry = Geometry(PARALLEL, np.array([0.0, 0.0, 0.0, 0.0, p_max]), panels, np.zeros(2))
    elif isinstance(disp, Parabolic):
        m = disp.mass
        top = max(model.mu, 0.0) + omega_d + c
        k_max = (m * alpha + np.sqrt((m * alpha) ** 2 + 2 * m * top)) * 1.05
        panels = np.linspace(0.0, 2 * np.pi, n_panels + 1)
        geometry = Geometry(RADIAL, np.array([0.0, 0.0, k_max, 0.0, 0.0]), panels, np.zeros(2))
    elif isinstance(disp, TightBinding):
        a = disp.lattice_constant
        centre = 0.0 if model.mu < 4 * disp.hopping_next else np.pi / a
        panels = np.linspace(0.0, 2 * np.pi, n_panels + 1)
        params = np.array([centre, centre, 0.0, np.pi / a, 0.0])
        geometry = Geometry(RADIAL, params, panels, np.zeros(2))
    else:
        raise ParameterError(f"no integration geometry for dispersion {type(disp).__name__}")
    v_fermi, k_fermi = _fermi_scales(model, geometry)
    return replace(geometry, v_fermi=v_fermi, k_fermi=k_fermi)


def _line_points(geometry: Geometry, u: np.ndarray, s: np.ndarray):
    """Momenta (kx, ky) of samples ``s`` in [0, 1] along the lines ``u`` (shape (U, S))."""
    gp = geometry.params
    if geometry.kind == PARALLEL:
        t = -gp[4] + 2 * gp[4] * s
        return np.broadcast_to(u[:, None], (u.size, s.size)), np.broadcast_to(t, (u.size, s.size))
    d = np.stack([np.cos(u), np.sin(u)], -1)
    t_max = gp[2] if gp[3] <= 0 else gp[3] / np.max(np.abs(d), axis=1, keepdims=True)
    t = t_max * s[None, :]
    return gp[0] + t * d[:, 0:1], gp[1] + t * d[:, 1:2]


def _fermi_scales(model: BandModel, geometry: Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Root-mean-square zero-field Fermi velocity and momentum components, from 64 lines.

    The crossings of each branch with the Fermi level are the sign changes of ``xi_s`` on the
    sampled lines; the velocity there is the central difference of ``xi_s`` (step ``1e-6``
    relative), all evaluated in four vectorised calls.  The momenta (about the origin of the
    relative momentum) scale the p-wave form factors of the pairing channels.
    """
    u = np.linspace(geometry.panels[0], geometry.panels[-1], 66)[1:-1]
    kx, ky = _line_points(geometry, u, np.linspace(0.0, 1.0, 4001))
    xi = model.energies(kx, ky)
    flips = np.signbit(xi[:, :-1]) != np.signbit(xi[:, 1:])
    line, i, band = np.nonzero(flips)
    if line.size == 0:
        raise ParameterError("the chemical potential gives no Fermi surface: no pairing possible")
    px, py = kx[line, i], ky[line, i]
    dk = 1e-6 * np.maximum(1.0, np.hypot(px, py))
    pick = np.arange(px.size)

    def diff(ax: np.ndarray, ay: np.ndarray) -> np.ndarray:
        plus = model.energies(px + ax, py + ay)[pick, band]
        minus = model.energies(px - ax, py - ay)[pick, band]
        return (plus - minus) / (2 * dk)

    zero = np.zeros_like(dk)
    vx, vy = diff(dk, zero), diff(zero, dk)
    velocity = np.sqrt([np.mean(vx**2), np.mean(vy**2)])
    momentum = np.sqrt([np.mean(px**2), np.mean(py**2)])
    return velocity, momentum


#: Gauss-Kronrod 3/7 rule on [-1, 1] (Piessens et al., QUADPACK, Springer 1983): Kronrod
#: nodes and weights, and the weights of the embedded 3-point Gauss rule (nodes 0, +-sqrt(3/5)).
_K7_NODES = np.array(
    [-0.9604912687080203, -0.7745966692414834, -0.4342437493468026, 0.0,
     0.4342437493468026, 0.7745966692414834, 0.9604912687080203]
)  # fmt: skip
_K7_WEIGHTS = np.array(
    [0.1046562260264673, 0.2684880898683334, 0.4013974147759622, 0.4509165386584741,
     0.4013974147759622, 0.2684880898683334, 0.1046562260264673]
)  # fmt: skip
_G3_WEIGHTS = np.array([0.0, 5 / 9, 0.0, 8 / 9, 0.0, 5 / 9, 0.0])


def adaptive_transverse(
    line_values: Callable[[np.ndarray], np.ndarray],
    panels: np.ndarray,
    rtol: float,
    max_depth: int,
) -> tuple[np.ndarray, float]:
    """Globally adaptive Gauss-Kronrod integral over u of ``line_values(us)`` (arrays per line).

    Each panel is integrated with the 7-point Kronrod rule; its error is estimated by the
    difference from the embedded 3-point Gauss rule.  While the summed error exceeds
    ``rtol * |integral|``, the panels whose error exceeds their share are bisected (QUADPACK's
    strategy), up to ``max_depth`` times.  All lines of one round go to ``line_values`` in one
    call.  Returns (integral, estimated absolute error); warns with :class:`ConvergenceWarning`
    if the tolerance was not reached.
    """

    def rule(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        half = 0.5 * (b - a)
        us = (0.5 * (a + b))[:, None] + half[:, None] * _K7_NODES[None, :]
        vals = line_values(us.ravel()).reshape(a.size, _K7_NODES.size, -1)
        kron = np.einsum("p,n,pnk->pk", half, _K7_WEIGHTS, vals)
        gauss = np.einsum("p,n,pnk->pk", half, _G3_WEIGHTS, vals)
        return kron, np.max(np.abs(kron - gauss), axis=1)

    a, b = panels[:-1].copy(), panels[1:].copy()
    value, err = rule(a, b)
    depth = np.zeros(a.size, dtype=int)
    while True:
        total = np.max(np.abs(value.sum(axis=0)))
        target = rtol * max(total, 1e-300)
        if err.sum() <= target:
            break
        pick = (err > target / err.size) & (depth < max_depth)
        if not np.any(pick):
            warnings.warn(
                f"transverse integration stopped at depth {max_depth} with relative error "
                f"{err.sum() / max(total, 1e-300):.1e} > {rtol:.1e}",
                ConvergenceWarning,
                stacklevel=3,
            )
            break
        mid = 0.5 * (a[pick] + b[pick])
        na = np.concatenate([a[pick], mid])
        nb = np.concatenate([mid, b[pick]])
        nvalue, nerr = rule(na, nb)
        keep = ~pick
        nd = np.concatenate([depth[pick], depth[pick]]) + 1
        a, b = np.concatenate([a[keep], na]), np.concatenate([b[keep], nb])
        value = np.concatenate([value[keep], nvalue])
        err = np.concatenate([err[keep], nerr])
        depth = np.concatenate([depth[keep], nd])
    return value.sum(axis=0), float(err.sum())
