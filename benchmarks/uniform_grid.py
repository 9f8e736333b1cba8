"""Uniform-grid reference implementation of the singlet pair susceptibility chi_00(Q, h, T).

A deliberately plain numpy evaluation of the same quantity as
:class:`reentrant.pairing.susceptibility.PairSusceptibility` (see its module docstring for the
physics), kept out of the package: it validates the adaptive quadrature
(``tests/pairing/test_reference.py``) and is the baseline of ``benchmarks/tc_curve.py``.  Only the
singlet channel ``psi_0 = 1`` is computed:

    chi_00(Q, h, T) = int d^2k/(2 pi)^2 sum_tau sum_{s s'} F(xi_s(k + Q/2), xi_s'(-k + Q/2))
                      (1 - s s' n(k + Q/2) . n'(-k + Q/2)) / 4 ,

    F(a, b) = [tanh(a/2T) + tanh(b/2T)] / (2 (a + b))
            = (1 + tanh x tanh y) tanh(x + y) / (x + y) / (4 T),   x = a/2T, y = b/2T,

(the second form uses tanh(x + y) = (tanh x + tanh y)/(1 + tanh x tanh y) and is finite at
``a + b = 0``).  Electron 1 sits in valley ``tau`` at ``k + Q/2`` with spin direction
``n = d_tau(k + Q/2)/|d|``, ``d_tau = g_tau + h``; electron 2 in valley ``-tau`` at
``-k + Q/2`` with ``n'`` likewise; ``xi_s = eps - mu + s|d|``.  The sum over ``tau`` runs over
the model's valleys (one valley, ``tau = 1``, without Ising SOC).

Shell convention: a branch state ``s`` of an electron belongs to the energy shell of the
zero-field branch ``sigma`` at the relative momentum whose spin it follows,
``sigma = sign(s n . g^0)`` (``sigma = s`` where ``n . g^0 = 0``), with ``g^0 = g_tau(k)`` for
electron 1 and ``g_-tau(-k)`` for electron 2; the state takes part if
``|eps(+-k) - mu + sigma |g^0|| < omega_D``.  ``bands='upper'``/``'lower'`` keeps only
``s = s' = +1``/``-1``.

The k integral is the midpoint rule on an ``n_k x n_k`` Cartesian grid over the bounding box of
the energy shell (the Brillouin zone for tight binding; ``|p_x| <= cutoff`` for the saddle of
Eq. (1) of Maryenko et al.).  Its error falls with the grid spacing only once the spacing is
well below ``T / v_F``, which is what makes it slow at low temperature.

Units: the model's own (hbar = k_B = 1); chi in (energy x area)^-1 per the momentum unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.pairing.curve import sweep
from reentrant.pairing.susceptibility import BANDS, PairingInteraction
from reentrant.pairing.tc import TcSolver

#: Grid points evaluated at once (bounds the memory of the vectorised evaluation).
_CHUNK = 1 << 20


def pair_kernel(a: np.ndarray, b: np.ndarray, temperature: float) -> np.ndarray:
    """F(a, b) = [tanh(a/2T) + tanh(b/2T)] / (2(a + b)), finite at a + b = 0 (energy^-1)."""
    x = a / (2.0 * temperature)
    y = b / (2.0 * temperature)
    z = x + y
    small = np.abs(z) < 1e-8
    ratio = np.tanh(z) / np.where(small, 1.0, z)
    ratio = np.where(small, 1.0, ratio)
    return (1.0 + np.tanh(x) * np.tanh(y)) * ratio / (4.0 * temperature)


def shell_box(model: BandModel, omega_d: float) -> tuple[float, float, float, float]:
    """Bounding box (kx_min, kx_max, ky_min, ky_max) of the zero-field energy shell.

    A state is in the shell only if ``eps(k) - mu - |g(k)| < omega_D``; with
    ``|g| <= alpha |k| + |c|`` (``alpha`` the spectral norm of the linear SOC, ``c`` the valley
    term) this bounds ``k``: ``k^2/2m - alpha k < mu + omega_D + |c|`` for a parabolic band, and
    ``p_y^2/2m < mu + omega_D + p_x^2/2M + alpha |p_x| + |c|`` with ``|p_x| <= cutoff`` for the
    saddle.  Tight binding uses the Brillouin zone ``[-pi/a, pi/a]^2``.
    """
    disp = model.dispersion
    alpha = float(np.linalg.norm(model.soc_linear(), ord=2))
    c = float(np.linalg.norm(model.soc_valley()))
    top = max(model.mu + omega_d + c, 0.0)
    if isinstance(disp, Parabolic):
        m = disp.mass
        k = m * alpha + np.sqrt((m * alpha) ** 2 + 2 * m * top)
        return -k, k, -k, k
    if isinstance(disp, Saddle):
        lam = disp.cutoff
        p = np.sqrt(2 * disp.mass_light * (top + lam**2 / (2 * disp.mass_heavy) + alpha * lam))
        return -lam, lam, -p, p
    if isinstance(disp, TightBinding):
        k = np.pi / disp.lattice_constant
        return -k, k, -k, k
    raise ParameterError(f"no uniform grid for dispersion {type(disp).__name__}")


def _soc(model: BandModel, kx: np.ndarray, ky: np.ndarray, tau: float) -> np.ndarray:
    """Zero-field spin-orbit vector g_tau(k) = A k + tau c, shape (..., 3)."""
    a, c = model.soc_linear(), model.soc_valley()
    return kx[..., None] * a[:, 0] + ky[..., None] * a[:, 1] + tau * c


def _electron(model, kx, ky, tau, h, omega_d, qx, qy, sign):
    """Energies xi_s, spin directions n, and shell flags of the branches s = -1, +1.

    The electron has momentum ``sign * k + Q/2``; its shell is decided at ``sign * k`` by the
    zero-field branch whose spin it follows.  Returns ``xi`` (2, N), ``n`` (N, 3),
    ``member`` (2, N).
    """
    px, py = sign * kx, sign * ky
    g0 = _soc(model, px, py, tau)
    g0n = np.linalg.norm(g0, axis=-1)
    e0 = model.dispersion.energy(px, py) - model.mu
    in_shell = np.stack([np.abs(e0 - g0n) < omega_d, np.abs(e0 + g0n) < omega_d])
    ex, ey = px + 0.5 * qx, py + 0.5 * qy
    d = _soc(model, ex, ey, tau) + h
    dn = np.linalg.norm(d, axis=-1)
    n = np.where(dn[:, None] > 0, d / np.where(dn > 0, dn, 1.0)[:, None], [0.0, 0.0, 1.0])
    eps = model.dispersion.energy(ex, ey) - model.mu
    xi = np.stack([eps - dn, eps + dn])
    dot = np.einsum("ni,ni->n", n, g0)
    member = []
    for s in (-1, 1):
        upper = np.where(dot != 0, s * dot > 0, s > 0)
        member.append(np.where(upper, in_shell[1], in_shell[0]))
    return xi, n, np.stack(member)


def _chunk_sum(model, kx, ky, h, omega_d, qx, qy, temperature, mask) -> float:
    """Sum over grid points (kx, ky) of the chi_00 integrand, valleys and branches summed."""
    total = 0.0
    for tau in model.valleys:
        xi1, n1, m1 = _electron(model, kx, ky, tau, h, omega_d, qx, qy, 1.0)
        xi2, n2, m2 = _electron(model, kx, ky, -tau, h, omega_d, qx, qy, -1.0)
        overlap = np.einsum("ni,ni->n", n1, n2)
        for i1, s1 in enumerate((-1, 1)):
            for i2, s2 in enumerate((-1, 1)):
                if not (mask[i1] and mask[i2]):
                    continue
                take = m1[i1] & m2[i2]
                weight = 0.25 * (1.0 - s1 * s2 * overlap[take])
                total += float(
                    np.sum(weight * pair_kernel(xi1[i1, take], xi2[i2, take], temperature))
                )
    return total


def uniform_grid_susceptibility(
    model: BandModel,
    interaction: PairingInteraction,
    q: ArrayLike,
    zeeman: ArrayLike,
    temperature: float,
    n_k: int,
    bands: str = "all",
) -> float:
    """Singlet pair susceptibility chi_00(Q, h, T) by the midpoint rule on a uniform k grid.

    Parameters
    ----------
    model, interaction
        Normal state and pairing interaction (only ``interaction.cutoff`` = omega_D is used).
    q
        Pair momentum Q (2,), model momentum units.
    zeeman
        Zeeman vector h (3,), model energy units (the model's exchange field is added).
    temperature
        T > 0, model energy units.
    n_k
        Grid points per direction over :func:`shell_box`.
    bands
        'all', 'upper' or 'lower' (single-branch projection).

    Returns
    -------
    float
        chi_00 in (energy x area)^-1, the same normalisation as ``PairSusceptibility.matrix``.
    """
    validate.one_of("bands", bands, BANDS)
    temperature = validate.positive("temperature", temperature)
    n_k = int(validate.positive("n_k", n_k))
    qx, qy = (float(x) for x in validate.finite_array("q", q).reshape(2))
    h = validate.finite_array("zeeman", zeeman).reshape(3) + np.asarray(model.exchange)
    omega_d = interaction.cutoff
    x0, x1, y0, y1 = shell_box(model, omega_d)
    dx, dy = (x1 - x0) / n_k, (y1 - y0) / n_k
    xs = x0 + dx * (np.arange(n_k) + 0.5)
    ys = y0 + dy * (np.arange(n_k) + 0.5)
    mask = (bands in ("all", "lower"), bands in ("all", "upper"))
    rows = max(1, _CHUNK // n_k)
    total = 0.0
    for start in range(0, n_k, rows):
        kx, ky = np.meshgrid(xs[start : start + rows], ys, indexing="ij")
        kx, ky = kx.ravel(), ky.ravel()
        near = _near_shell(model, kx, ky, omega_d)
        total += _chunk_sum(model, kx[near], ky[near], h, omega_d, qx, qy, temperature, mask)
    return total * dx * dy / (2 * np.pi) ** 2


def _near_shell(model: BandModel, kx: np.ndarray, ky: np.ndarray, omega_d: float) -> np.ndarray:
    """Points where some zero-field branch of some valley is within omega_D of the Fermi level.

    Only these can contribute (both electrons' shells are decided at ``+-k`` by branches of
    ``eps(k)``, even in k for every dispersion here, and ``|g_-tau(-k)| = |g_tau(k)|``).
    """
    e0 = model.dispersion.energy(kx, ky) - model.mu
    near = np.zeros(kx.shape, dtype=bool)
    for tau in model.valleys:
        g = np.linalg.norm(_soc(model, kx, ky, tau), axis=-1)
        near |= (np.abs(e0 - g) < omega_d) | (np.abs(e0 + g) < omega_d)
    return near


@dataclass
class UniformGridSusceptibility:
    """Singlet-only stand-in for ``PairSusceptibility`` evaluated on a uniform grid.

    Offers ``matrix``, ``leading``, ``eigenvalue`` and ``geometry.v_fermi`` so that
    :class:`reentrant.pairing.tc.TcSolver` runs unchanged on it; ``calls`` counts evaluations.
    """

    model: BandModel
    interaction: PairingInteraction
    n_k: int
    bands: str = "all"
    v_fermi: np.ndarray = field(default_factory=lambda: np.ones(2))
    calls: int = 0

    def __post_init__(self) -> None:
        validate.one_of("bands", self.bands, BANDS)
        validate.positive("n_k", self.n_k)
        if self.interaction.triplet > 0:
            raise ParameterError("the uniform-grid reference computes the singlet channel only")
        self.geometry = SimpleNamespace(v_fermi=np.asarray(self.v_fermi, float))

    def matrix(self, q: ArrayLike, zeeman: ArrayLike, temperature: float) -> np.ndarray:
        """chi as a 1 x 1 matrix (singlet channel)."""
        self.calls += 1
        chi = uniform_grid_susceptibility(
            self.model, self.interaction, q, zeeman, temperature, self.n_k, self.bands
        )
        return np.array([[chi]])

    def leading(self, q: ArrayLike, zeeman: ArrayLike, temperature: float):
        """V chi_00 and the (trivial) channel vector."""
        chi = self.matrix(q, zeeman, temperature)[0, 0]
        return float(self.interaction.singlet * chi), np.ones(1)

    def eigenvalue(self, q: ArrayLike, zeeman: ArrayLike, temperature: float) -> float:
        """V chi_00: superconducting instability where it reaches 1."""
        return self.leading(q, zeeman, temperature)[0]


def uniform_grid_solver(
    model: BandModel,
    interaction: PairingInteraction,
    n_k: int,
    *,
    tc0: float,
    n_k_coarse: int | None = None,
    v_fermi: ArrayLike = (1.0, 1.0),
    tolerance: float = 1e-3,
    t_min: float | None = None,
    t_max: float | None = None,
    bands: str = "all",
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0),
) -> TcSolver:
    """The package's :class:`reentrant.pairing.tc.TcSolver` running on uniform-grid chi_00.

    ``n_k`` points per direction for the susceptibility and ``n_k_coarse`` (default
    ``n_k // 2``) for the coarse temperature scan and Q search that the solver otherwise does
    with the adaptive quadrature; ``v_fermi`` sets the Q search scale (pass
    ``PairSusceptibility.geometry.v_fermi`` for the same search as the package); ``tc0`` the
    temperature range.
    """
    n_k_coarse = max(1, int(n_k) // 2) if n_k_coarse is None else int(n_k_coarse)
    fine = UniformGridSusceptibility(model, interaction, n_k, bands, v_fermi)
    coarse = UniformGridSusceptibility(model, interaction, n_k_coarse, bands, v_fermi)
    return TcSolver(
        fine, tc0, tolerance, False, direction, t_min=t_min, t_max=t_max, coarse=coarse
    )  # fmt: skip


def uniform_grid_tc_curve(
    model: BandModel,
    interaction: PairingInteraction,
    zeeman: ArrayLike,
    n_k: int,
    *,
    tc0: float = 1.0,
    n_k_coarse: int | None = None,
    v_fermi: ArrayLike = (1.0, 1.0),
    tolerance: float = 1e-3,
    bands: str = "all",
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0),
) -> xr.Dataset:
    """T_c(h) with Q optimised, by the package's algorithm on the uniform-grid chi_00.

    The field sweep, continuation, temperature scan, root search in ln T and Q optimisation are
    those of :func:`reentrant.pairing.curve.tc_curve` (:class:`reentrant.pairing.tc.TcSolver`);
    only the susceptibility differs: :class:`UniformGridSusceptibility` with ``n_k`` points per
    direction, and ``n_k_coarse`` (default ``n_k // 2``) for the coarse scan and Q search.
    ``v_fermi`` sets the Q search scale (use ``PairSusceptibility.geometry.v_fermi`` for the same
    search); ``tc0`` (the zero-field T_c, model units) the temperature range.

    Returns
    -------
    xarray.Dataset
        ``tc``, ``q_x``, ``q_y``, ``superconducting`` over coordinate ``zeeman`` (model units);
        attrs ``n_k``, ``n_k_coarse``, ``evaluations`` and ``coarse_evaluations``.
    """
    h = validate.finite_array("zeeman", zeeman).ravel()
    solver = uniform_grid_solver(
        model, interaction, n_k, tc0=tc0, n_k_coarse=n_k_coarse, v_fermi=v_fermi,
        tolerance=tolerance, bands=bands, direction=direction,
    )  # fmt: skip
    points = sweep(solver, h)
    tc = np.array([p.tc for p in points])
    units = {"units": "model energy"}
    return xr.Dataset(
        {
            "tc": ("zeeman", tc, {"long_name": "transition temperature", **units}),
            "q_x": ("zeeman", np.array([p.q[0] for p in points]), {"units": "model momentum"}),
            "q_y": ("zeeman", np.array([p.q[1] for p in points]), {"units": "model momentum"}),
            "superconducting": ("zeeman", tc > 0, {"long_name": "T_c above t_min"}),
        },
        coords={"zeeman": ("zeeman", h, {"long_name": "Zeeman energy h", **units})},
        attrs={
            "n_k": int(n_k),
            "n_k_coarse": solver.coarse.n_k,
            "evaluations": solver.susceptibility.calls,
            "coarse_evaluations": solver.coarse.calls,
            "tolerance": tolerance,
            "t_min": solver.t_min,
        },
    )
