r"""Where does the paper's model give a re-entrant T_c(B)?  A grid search over its parameters.

Each grid point is the reduced-units preset ``saddle-soc`` (Eq. (1) of Maryenko et al.,
energies in k_B T_c0, light mass m = 1) with

* ``delta``: Fermi level above the zero-field saddle (van Hove) energy ``M beta^2 / 2`` of the
  upper branch; the field moves one Fermi-surface neck to the van Hove point at ``h = delta``
  (the paper's discussion below Eq. (3));
* ``beta``: the spin-orbit constant (< 0 in the paper);
* ``mass_ratio``: ``M / m``;
* ``cutoff``: the BCS energy cutoff omega_D.

For every point and each approximation (``"upper-branch"``: Eq. (2) projection; ``"full"``: both
spin branches) the coupling is calibrated to ``T_c(0) = 1`` and ``T_c(h)`` is solved over the
Zeeman energies ``h = lambda B`` (:func:`reentrant.pairing.curve.tc_curve`).  The effective Lande
factor lambda only rescales the field axis, ``B = h / lambda``, so it does not change whether or
how deeply ``T_c`` dips; it enters through ``field_min`` (in T) for a list of g-factors
(``lambda = (g/2) mu_B``) and an assumed ``T_c0`` in K.

Only three energies in units of k_B T_c0 matter: ``delta``, ``omega_D`` and ``E_so = M beta^2``
(with the saddle extent in units of ``|beta| M``).  Scaling ``p_x -> s p_x`` maps
``(M, beta)`` to ``(s^2 M, beta / s)`` and leaves Eq. (1) invariant, and scaling ``p_y`` does the
same for ``m``; the Jacobians only rescale the density of states, which the calibration of the
coupling to T_c0 absorbs.  ``beta`` and ``mass_ratio`` are nevertheless both kept as axes (the
search keeps both); the map shows them acting through ``M beta^2`` alone (tested).

Re-entrance at a point is judged by :func:`reentrant.analysis.reentrance.tc_minimum`: an interior
minimum ``T_c^min`` at ``h_min`` with ``T_c`` higher on both sides.  Its *rise* -- how far
``T_c`` climbs back, ``min(max_{h<h_min} T_c, max_{h>h_min} T_c) - T_c^min`` in units of T_c0 --
must exceed ``noise_factor x tolerance`` to count, so that root-finding noise of relative size
``tolerance`` is not reported as re-entrance.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import xarray as xr

from reentrant import validate
from reentrant.analysis.reentrance import tc_minimum
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.models.presets import preset
from reentrant.pairing.curve import solver_for, tc_curve
from reentrant.pairing.model import APPROXIMATIONS
from reentrant.units import K_B_MEV_PER_K, MU_B_MEV_PER_T

PARAMETERS = ("delta", "beta", "mass_ratio", "cutoff")
Progress = Callable[[int, int], None]


def _values(name: str, values: Sequence[float]) -> tuple[float, ...]:
    array = validate.finite_array(name, values).ravel()
    if array.size == 0:
        raise ParameterError(f"{name} needs at least one value")
    return tuple(float(v) for v in array)


@dataclass(frozen=True)
class SearchGrid:
    """Grid of the search, reduced units of ``saddle-soc`` (energies in k_B T_c0, m = 1).

    Attributes
    ----------
    delta, beta, mass_ratio, cutoff
        Values of each searched parameter (see the module docstring).
    zeeman
        Zeeman energies ``h = lambda B`` in units of k_B T_c0 (increasing, from 0).
    approx
        Approximations to solve: ``"upper-branch"`` and/or ``"full"``.
    g_factor
        Effective g-factors used to express ``h_min`` as a field in T.
    tc0_k
        Zero-field T_c in K used for that conversion.
    tolerance
        Relative tolerance on T_c.
    noise_factor
        A minimum counts when ``T_c`` rises back by more than ``noise_factor * tolerance``.
    momentum_extent
        Extent of the saddle region, ``|p_x| < momentum_extent * |beta| M``, in units of the
        position ``|beta| M`` of the Fermi-surface necks (the ``lto-kto-110`` preset has 6).
    """

    delta: tuple[float, ...] = (0.25, 1.0, 3.0)
    beta: tuple[float, ...] = (-1.0, -2.0)
    mass_ratio: tuple[float, ...] = (10.0, 40.0)
    cutoff: tuple[float, ...] = (10.0,)
    zeeman: tuple[float, ...] = tuple(np.linspace(0.0, 3.0, 13))
    approx: tuple[str, ...] = ("upper-branch", "full")
    g_factor: tuple[float, ...] = (1.0, 2.0, 4.0)
    tc0_k: float = 0.4
    tolerance: float = 1e-2
    noise_factor: float = 3.0
    momentum_extent: float = 3.0

    def __post_init__(self) -> None:
        for name in (*PARAMETERS, "zeeman", "g_factor"):
            object.__setattr__(self, name, _values(name, getattr(self, name)))
        for name in ("mass_ratio", "cutoff", "g_factor"):
            for v in getattr(self, name):
                validate.positive(name, v)
        for v in self.delta:
            validate.positive("delta", v)
        if 0.0 in self.beta:
            raise ParameterError("beta must be non-zero (the saddle extent scales with |beta| M)")
        h = np.asarray(self.zeeman)
        if h.size < 3 or np.any(np.diff(h) <= 0) or h[0] < 0:
            raise ParameterError("zeeman must be >= 3 increasing values starting at >= 0")
        approx = tuple(self.approx)
        if not approx:
            raise ParameterError("approx needs at least one approximation")
        for a in approx:
            validate.one_of("approx", a, APPROXIMATIONS)
        object.__setattr__(self, "approx", approx)
        validate.positive("tc0_k", self.tc0_k)
        validate.positive("tolerance", self.tolerance)
        validate.positive("noise_factor", self.noise_factor)
        validate.positive("momentum_extent", self.momentum_extent)

    @classmethod
    def quick(cls) -> SearchGrid:
        """A one-point grid with three fields, for tests and smoke runs (about ten seconds)."""
        return cls(
            delta=(1.0,),
            beta=(-1.0,),
            mass_ratio=(10.0,),
            cutoff=(5.0,),
            zeeman=(0.0, 0.5, 1.0),
            g_factor=(2.0,),
        )

    @property
    def shape(self) -> tuple[int, ...]:
        """Sizes of (approx, delta, beta, mass_ratio, cutoff)."""
        return (len(self.approx), *(len(getattr(self, p)) for p in PARAMETERS))


def solve_point(
    approx: str, delta: float, beta: float, mass_ratio: float, cutoff: float, grid: SearchGrid
) -> np.ndarray:
    """T_c(h) / T_c0 of one grid point (NaN everywhere if the solver does not converge)."""
    band, omega_d = preset("saddle-soc").model(
        mass_heavy=mass_ratio,
        mass_light=1.0,
        beta=beta,
        delta=delta,
        momentum_cutoff=grid.momentum_extent * abs(beta) * mass_ratio,
        cutoff=cutoff,
    )
    try:
        sus = solver_for(band, omega_d, 1.0, tolerance=grid.tolerance, bands=APPROXIMATIONS[approx])
        ds = tc_curve(sus, grid.zeeman, tolerance=grid.tolerance, tc0=1.0, check_points=0)
    except ConvergenceError:
        return np.full(len(grid.zeeman), np.nan)
    return ds.tc.values


def _summary(h: np.ndarray, tc: np.ndarray, threshold: float) -> tuple[bool, float, float, float]:
    """(re-entrant, depth, h_min, rise) of one curve in units of T_c0."""
    if not np.all(np.isfinite(tc)):
        return False, np.nan, np.nan, np.nan
    minimum = tc_minimum(h, tc)
    if not minimum.found:
        return False, 0.0, np.nan, 0.0
    i = int(np.argmin(np.abs(h - minimum.field_min)))
    rise = min(tc[: i + 1].max(), tc[i:].max()) - minimum.tc_min
    if rise <= threshold:
        return False, 0.0, np.nan, float(rise)
    return True, float(tc[0] - minimum.tc_min), float(minimum.field_min), float(rise)


def search_reentrance(
    grid: SearchGrid | None = None, *, jobs: int = 1, progress: Progress | None = None
) -> xr.Dataset:
    """Solve T_c(h) over ``grid`` and map where it is non-monotonic.

    Parameters
    ----------
    grid
        The search grid (default :class:`SearchGrid`: 24 curves, a few minutes on 2 cores).
    jobs
        Worker processes (:class:`concurrent.futures.ProcessPoolExecutor`, started with
        ``spawn``); 1 runs in-process.
    progress
        Callback ``progress(done, total)`` after each curve.

    Returns
    -------
    xarray.Dataset
        Dimensions ``approx, delta, beta, mass_ratio, cutoff`` (+ ``zeeman``, ``g_factor``):
        ``tc`` (T_c0), ``reentrant`` (bool), ``depth`` ((T_c(0) - T_c^min) / T_c0, 0 if none),
        ``rise`` (T_c0), ``zeeman_min`` (k_B T_c0), ``field_min`` (T, per g-factor),
        ``converged`` (bool).
    """
    grid = SearchGrid() if grid is None else grid
    jobs = int(validate.positive("jobs", jobs))
    h = np.asarray(grid.zeeman)
    points = list(itertools.product(*(range(n) for n in grid.shape)))
    args = [
        (grid.approx[a], grid.delta[d], grid.beta[b], grid.mass_ratio[m], grid.cutoff[c], grid)
        for a, d, b, m, c in points
    ]
    tc = np.full((*grid.shape, h.size), np.nan)
    if jobs == 1:
        for k, (index, arg) in enumerate(zip(points, args, strict=True)):
            tc[index] = solve_point(*arg)
            if progress is not None:
                progress(k + 1, len(points))
    else:
        # "spawn": forking a process whose numba kernels already started OpenMP threads is unsafe
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for k, (index, curve) in enumerate(
                zip(points, pool.map(solve_point, *zip(*args, strict=True)), strict=True)
            ):
                tc[index] = curve
                if progress is not None:
                    progress(k + 1, len(points))
    threshold = grid.noise_factor * grid.tolerance
    summary = np.array([_summary(h, tc[i], threshold) for i in points], dtype=float)
    summary = summary.reshape(*grid.shape, 4)
    scale = K_B_MEV_PER_K * grid.tc0_k / (0.5 * np.asarray(grid.g_factor) * MU_B_MEV_PER_T)
    dims = ("approx", *PARAMETERS)
    coords = {
        "approx": ("approx", list(grid.approx)),
        "delta": ("delta", list(grid.delta), {"units": "k_B T_c0", "long_name": "mu - E_vH"}),
        "beta": ("beta", list(grid.beta), {"units": "model (k_B T_c0 / momentum)"}),
        "mass_ratio": ("mass_ratio", list(grid.mass_ratio), {"units": "1", "long_name": "M/m"}),
        "cutoff": ("cutoff", list(grid.cutoff), {"units": "k_B T_c0", "long_name": "omega_D"}),
        "zeeman": ("zeeman", h, {"units": "k_B T_c0", "long_name": "Zeeman energy lambda B"}),
        "g_factor": ("g_factor", list(grid.g_factor), {"units": "1"}),
    }
    zeeman_min = summary[..., 2]
    return xr.Dataset(
        {
            "tc": ((*dims, "zeeman"), tc, {"units": "T_c0", "long_name": "T_c / T_c0"}),
            "reentrant": (dims, summary[..., 0] > 0, {"long_name": "non-monotonic T_c(B)"}),
            "depth": (dims, summary[..., 1], {"units": "T_c0", "long_name": "depth of minimum"}),
            "rise": (dims, summary[..., 3], {"units": "T_c0", "long_name": "rise after minimum"}),
            "zeeman_min": (dims, zeeman_min, {"units": "k_B T_c0", "long_name": "h at minimum"}),
            "field_min": (
                (*dims, "g_factor"),
                zeeman_min[..., None] * scale,
                {"units": "T", "long_name": "B at minimum"},
            ),
            "converged": (
                dims,
                np.all(np.isfinite(tc), axis=-1),
                {"long_name": "solver converged"},
            ),
        },
        coords=coords,
        attrs={
            "model": "saddle-soc",
            "mass_light": 1.0,
            "momentum_extent": grid.momentum_extent,
            "tolerance": grid.tolerance,
            "noise_threshold": threshold,
            "tc0_k": grid.tc0_k,
            "description": "re-entrance search over the paper's Eq. (1), reduced units",
        },
    )
