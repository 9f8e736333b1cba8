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
Zeeman energies ``h = lambda B``: one sweep per approximation (:func:`search_spec`) on the dask
engine (:func:`reentrant.sweep.engine.run`), each point a curve of
:func:`reentrant.sweep.point.solve_point`; the saddle extent ``momentum_extent |beta| M`` is a
derived parameter of each point.  The effective Lande factor lambda only rescales the field
axis, ``B = h / lambda``, so it does not change whether or how deeply ``T_c`` dips; it enters
through ``field_min`` (in T) for a list of g-factors (``lambda = (g/2) mu_B``) and an assumed
``T_c0`` in K.

Only three energies in units of k_B T_c0 matter: ``delta``, ``omega_D`` and ``E_so = M beta^2``
(with the saddle extent in units of ``|beta| M``).  Scaling ``p_x -> s p_x`` maps
``(M, beta)`` to ``(s^2 M, beta / s)`` and leaves Eq. (1) invariant, and scaling ``p_y`` does the
same for ``m``; the Jacobians only rescale the density of states, which the calibration of the
coupling to T_c0 absorbs.  ``beta`` and ``mass_ratio`` are nevertheless both kept as axes (the
search keeps both); the map shows them acting through ``M beta^2`` alone (tested).

Re-entrance at a point is judged by its metrics (:mod:`reentrant.sweep.metrics`, from
:func:`reentrant.analysis.reentrance.tc_minimum`): an interior minimum ``T_c^min`` at ``h_min``
with ``T_c`` higher on both sides.  Its *rise* -- how far ``T_c`` climbs back,
``min(max_{h<h_min} T_c, max_{h>h_min} T_c) - T_c^min`` in units of T_c0 -- must exceed
``noise_factor x tolerance`` to count, so that root-finding noise of relative size
``tolerance`` is not reported as re-entrance.  A point whose solver failed or did not converge
to the tolerance (a :class:`~reentrant.errors.ConvergenceWarning`) has ``converged = False``
and NaN results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xarray as xr
from dask.system import CPU_COUNT
from distributed import Client

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.pairing.model import APPROXIMATIONS
from reentrant.sweep.engine import run_sweeps
from reentrant.sweep.spec import SweepSpec
from reentrant.sweep.store import STATUS
from reentrant.units import K_B_MEV_PER_K, MU_B_MEV_PER_T

PARAMETERS = ("delta", "beta", "mass_ratio", "cutoff")
#: Search parameter -> preset parameter of ``saddle-soc`` (the light mass is 1, so M/m = M).
PRESET_NAMES = {"delta": "delta", "beta": "beta", "mass_ratio": "mass_heavy", "cutoff": "cutoff"}
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

    @property
    def size(self) -> int:
        """Number of curves."""
        return int(np.prod(self.shape))


def search_spec(grid: SearchGrid, approx: str) -> SweepSpec:
    """The sweep of ``grid`` in one approximation: ``saddle-soc`` over (delta, beta, M, omega_D).

    The saddle extent is derived per point, ``momentum_cutoff = momentum_extent |beta| M``.
    """
    validate.one_of("approx", approx, APPROXIMATIONS)
    return SweepSpec(
        model="saddle-soc",
        field=grid.zeeman,
        vary=tuple((PRESET_NAMES[name], getattr(grid, name)) for name in PARAMETERS),
        fixed={"mass_light": 1.0},
        derived={"momentum_cutoff": f"{grid.momentum_extent!r} * abs(beta) * mass_heavy"},
        options={"approx": approx, "tolerance": grid.tolerance},
    )


def judge(sweep: xr.Dataset, threshold: float | xr.DataArray) -> dict[str, xr.DataArray]:
    """Judge every curve of a sweep (:func:`reentrant.sweep.store.open_sweep`) for re-entrance.

    A point is re-entrant when it is done, has an interior minimum and T_c rises back after it
    by more than ``threshold`` (T_c units).

    Returns
    -------
    dict
        ``reentrant`` (bool), ``depth`` (0 where not re-entrant), ``rise``, ``field_min`` (NaN
        where not re-entrant) and ``converged`` (done), over the sweep's varied dimensions;
        NaN where not done.
    """
    done = sweep.status == STATUS["done"]
    reentrant = done & np.isfinite(sweep.tc_min) & (sweep.rise > threshold)
    return {
        "reentrant": reentrant,
        "depth": sweep.depth.where(reentrant, 0.0).where(done),
        "rise": sweep.rise.where(done),
        "field_min": sweep.field_min.where(reentrant),
        "converged": done,
    }


def search_dataset(grid: SearchGrid, sweeps: Mapping[str, xr.Dataset]) -> xr.Dataset:
    """The search result from the sweep of each approximation (:func:`search_spec` stores).

    Returns
    -------
    xarray.Dataset
        Dimensions ``approx, delta, beta, mass_ratio, cutoff`` (+ ``zeeman``, ``g_factor``):
        ``tc`` (T_c0), ``reentrant`` (bool), ``depth`` ((T_c(0) - T_c^min) / T_c0, 0 if none),
        ``rise`` (T_c0), ``zeeman_min`` (k_B T_c0), ``field_min`` (T, per g-factor),
        ``converged`` (bool); NaN where not converged.
    """
    missing = [a for a in grid.approx if a not in sweeps]
    if missing:
        raise ParameterError(f"no sweep for approximation {missing[0]!r}")
    threshold = grid.noise_factor * grid.tolerance
    rename = {PRESET_NAMES[p]: p for p in PARAMETERS if PRESET_NAMES[p] != p}
    parts = []
    for approx in grid.approx:
        sweep = sweeps[approx].rename({**rename, "field": "zeeman"})
        judged = judge(sweep, threshold)
        judged["zeeman_min"] = judged.pop("field_min")
        parts.append(xr.Dataset({"tc": sweep.tc.where(judged["converged"]), **judged}))
    data = xr.concat(parts, dim="approx", coords="minimal", compat="override").transpose(
        "approx", *PARAMETERS, "zeeman"
    )
    scale = K_B_MEV_PER_K * grid.tc0_k / (0.5 * np.asarray(grid.g_factor) * MU_B_MEV_PER_T)
    dims = ("approx", *PARAMETERS)
    coords = {
        "approx": ("approx", list(grid.approx)),
        "delta": ("delta", list(grid.delta), {"units": "k_B T_c0", "long_name": "mu - E_vH"}),
        "beta": ("beta", list(grid.beta), {"units": "model (k_B T_c0 / momentum)"}),
        "mass_ratio": ("mass_ratio", list(grid.mass_ratio), {"units": "1", "long_name": "M/m"}),
        "cutoff": ("cutoff", list(grid.cutoff), {"units": "k_B T_c0", "long_name": "omega_D"}),
        "zeeman": (
            "zeeman",
            list(grid.zeeman),
            {"units": "k_B T_c0", "long_name": "Zeeman energy lambda B"},
        ),
        "g_factor": ("g_factor", list(grid.g_factor), {"units": "1"}),
    }
    zeeman_min = data.zeeman_min.values
    return xr.Dataset(
        {
            "tc": ((*dims, "zeeman"), data.tc.values, {"units": "T_c0", "long_name": "T_c / T_c0"}),
            "reentrant": (dims, data.reentrant.values, {"long_name": "non-monotonic T_c(B)"}),
            "depth": (dims, data.depth.values, {"units": "T_c0", "long_name": "depth of minimum"}),
            "rise": (dims, data.rise.values, {"units": "T_c0", "long_name": "rise after minimum"}),
            "zeeman_min": (dims, zeeman_min, {"units": "k_B T_c0", "long_name": "h at minimum"}),
            "field_min": (
                (*dims, "g_factor"),
                zeeman_min[..., None] * scale,
                {"units": "T", "long_name": "B at minimum"},
            ),
            "converged": (dims, data.converged.values, {"long_name": "solver converged"}),
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


def search_reentrance(
    grid: SearchGrid | None = None,
    *,
    store: str | Path | None = None,
    client: Client | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> xr.Dataset:
    """Solve T_c(h) over ``grid`` on the sweep engine and map where it is non-monotonic.

    Parameters
    ----------
    grid
        The search grid (default :class:`SearchGrid`: 24 curves).
    store
        Directory of the sweep stores, one ``<approx>.zarr`` per approximation; an interrupted
        search resumes from it.  None: a temporary directory, removed afterwards.
    client
        dask client of the cluster to use; None starts a local cluster of ``workers``
        single-threaded processes (default one per core) for this call, if any point is
        missing.
    progress
        Callback ``progress(done, total)`` after each curve.

    Returns
    -------
    xarray.Dataset
        See :func:`search_dataset`.
    """
    grid = SearchGrid() if grid is None else grid
    specs = {approx: search_spec(grid, approx) for approx in grid.approx}
    sweeps = run_sweeps(specs, store, client, workers=workers or CPU_COUNT, progress=progress)
    return search_dataset(grid, sweeps)
