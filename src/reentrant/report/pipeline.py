r"""The steps of ``reentrant reproduce``: each a function of a :class:`ReportConfig` -> Dataset.

Steps (names are the cache entries and the groups of ``data.nc``):

* ``device``: the virtual gated Hall bar (:func:`reentrant.device.default_device`, T_c(B, V_BG)
  from the Eq. (1) pairing solver for the preset) on the paper's measurement grid -- R_xx,
  R_xy, T_c(B, V_BG), n(V_BG) (Figs. 1c-e, 2b-d analogues).
* ``paper_full`` / ``paper_upper``: T_c(B) in K of the paper's Eq. (1) for the preset, maximised
  over the pair momentum Q, with both spin branches (``full``) or the upper branch only (the
  paper's Eq. (2)) (:meth:`reentrant.pairing.model.PairingModel.tc_curve`; Fig. 3b analogue).
* ``mechanisms``: T_c(B) in K of the rival closed-form mechanisms at the preset's T_c0 and
  g-factor: Pauli limit, Fulde-Ferrell, orbital pair breaking, Jaccarino-Peter.
* ``search_upper`` / ``search_full``: the re-entrance search over Eq. (1)'s parameters in
  reduced units, one approximation each (:func:`reentrant.sweep.search.search_reentrance`, on
  the dask sweep engine), joined as ``search`` by :func:`assemble`.
* ``bands``: the tight-binding (110) slab at the device's V_BG = 0 density, its Y-Gamma-X
  subbands and the Eq. (1) fit at X (:func:`reentrant.bands.overview.overview`; Fig. 1b
  analogue).

:func:`run_steps` reads each step from the on-disk cache (:mod:`reentrant.report.cache`) or
computes it and stores it.  The steps that are missing run on one dask cluster: with ``jobs``
worker processes (``jobs > 1``: the other steps are tasks beside the search's points), or with
one worker thread in this process (``jobs = 1``: the other steps run here, one after another).
The search's sweep stores live in the cache directory, so an interrupted search resumes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from reentrant.bands.overview import overview
from reentrant.device import BackGate, VirtualDevice, default_device, paper_grid
from reentrant.mechanisms import FuldeFerrell, JaccarinoPeter, OrbitalPairBreaking, PauliLimit
from reentrant.report import cache
from reentrant.report.config import ReportConfig
from reentrant.validate import positive

if TYPE_CHECKING:  # the sweep engine needs the optional dask extra: imported where used
    from reentrant.sweep.search import SearchGrid

Progress = Callable[[int, int], None]
ProgressFactory = Callable[[str], AbstractContextManager[Progress]]

STEPS = (
    "device", "paper_full", "paper_upper", "mechanisms", "search_full", "search_upper", "bands",
)  # fmt: skip
#: Steps from the slowest to the fastest: the order in which workers pick them up.
BY_COST = (
    "search_upper", "search_full", "paper_upper", "paper_full", "bands", "mechanisms", "device",
)  # fmt: skip
DESCRIPTIONS = {
    "device": "virtual device (R_xx, R_xy over T, B, V_BG)",
    "paper_full": "Eq. (1) T_c(B), both spin branches",
    "paper_upper": "Eq. (1) T_c(B), upper branch (Eq. (2))",
    "mechanisms": "rival mechanisms T_c(B)",
    "search_full": "re-entrance search, both branches",
    "search_upper": "re-entrance search, upper branch",
    "bands": "tight-binding (110) slab and its Eq. (1) fit",
}
SEARCH_STEPS = {"search_upper": "upper-branch", "search_full": "full"}


def device_grid(config: ReportConfig) -> dict[str, np.ndarray]:
    """Measurement grid: the paper's (:func:`paper_grid`), coarser in field and gate if quick."""
    grid = paper_grid()
    if config.quick:
        grid["field_t"] = np.round(np.linspace(0.0, 9.0, 37), 10)
        grid["gate_voltage_v"] = np.arange(-200.0, 181.0, 20.0)
    return grid


def report_device(config: ReportConfig) -> VirtualDevice:
    """The default device on the report's model (:meth:`ReportConfig.pairing_model`).

    The device's Fermi level at V_BG = 0 and its T_c(B = 0) there are the model's, so the
    device and the paper's T_c(B) curves describe the same interface.
    """
    return default_device(config.pairing_model(), tolerance=config.tolerance)


def device_step(config: ReportConfig, progress: Progress | None = None) -> xr.Dataset:
    """Simulate :func:`report_device` on :func:`device_grid` (no noise)."""
    return report_device(config).simulate(**device_grid(config), progress=progress)


def paper_fields(config: ReportConfig) -> np.ndarray:
    """Field grid (T) of the Eq. (1) curves: ``field_points`` values from 0 to ``field_max_t``."""
    return np.linspace(0.0, config.field_max_t, config.field_points)


def paper_step(config: ReportConfig, approx: str, progress: Progress | None = None) -> xr.Dataset:
    """T_c(B) (K) and optimal Q (nm^-1) of Eq. (1) for the preset in approximation ``approx``."""
    ds = config.pairing_model().tc_curve(
        paper_fields(config), approx=approx, tolerance=config.tolerance, progress=progress
    )
    keep = [name for name in ("tc", "q_x", "q_y", "flags") if name in ds]
    return ds[keep].assign_attrs(
        {k: v for k, v in ds.attrs.items() if isinstance(v, str | int | float)}
    )


MECHANISMS = ("pauli", "fulde-ferrell", "orbital", "jaccarino-peter")


def mechanisms_step(config: ReportConfig, progress: Progress | None = None) -> xr.Dataset:
    """T_c(B) in K of the closed-form mechanisms at the preset's T_c0 and g-factor.

    Pauli limit and Fulde-Ferrell (Clogston-Chandrasekhar / FFLO, in-plane field, no orbital
    term), orbital pair breaking (Abrikosov-Gor'kov with ``orbital_field_t``), and
    Jaccarino-Peter compensation of an exchange field ``exchange_field_mev`` by the Zeeman
    energy; see each class in :mod:`reentrant.mechanisms` for its equation.
    """
    p = config.parameters
    tc0, g = p["tc0"], p["g_factor"]
    field = np.linspace(0.0, config.mechanism_field_max_t, config.mechanism_field_points)
    mechanisms = (
        PauliLimit(tc0_k=tc0, g_factor=g),
        FuldeFerrell(tc0_k=tc0, g_factor=g),
        OrbitalPairBreaking(tc0_k=tc0, orbital_field_t=config.orbital_field_t),
        JaccarinoPeter(tc0_k=tc0, exchange_field_mev=config.exchange_field_mev, g_factor=g),
    )
    rows = []
    for k, mechanism in enumerate(mechanisms):
        rows.append(np.asarray(mechanism.tc(field), dtype=float))
        if progress is not None:
            progress(k + 1, len(mechanisms))
    return xr.Dataset(
        {"tc": (("mechanism", "field"), np.array(rows), {"units": "K", "long_name": "T_c(B)"})},
        coords={
            "mechanism": ("mechanism", [m.name for m in mechanisms]),
            "field": ("field", field, {"units": "T", "long_name": "in-plane field"}),
        },
        attrs={
            "tc0_k": tc0,
            "g_factor": g,
            "orbital_field_t": config.orbital_field_t,
            "exchange_field_mev": config.exchange_field_mev,
        },
    )


def search_grid(config: ReportConfig, approx: str = "upper-branch") -> SearchGrid:
    """Grid of the search in one approximation: 2 x 2 (delta, M/m) if quick, else 3 x 2.

    Both map axes get at least two values so that every cell of the search map has a size.
    """
    from reentrant.sweep.search import SearchGrid

    zeeman = tuple(np.linspace(0.0, 1.5 if config.quick else 2.0, config.search_points))
    tc0 = config.parameters["tc0"]
    if config.quick:
        return SearchGrid(
            delta=(0.5, 1.0), beta=(-1.0,), mass_ratio=(10.0, 40.0), cutoff=(5.0,), zeeman=zeeman,
            approx=(approx,), g_factor=(2.0,), tc0_k=tc0, tolerance=config.tolerance,
        )  # fmt: skip
    return SearchGrid(
        delta=(0.5, 1.0, 3.0), beta=(-1.0,), mass_ratio=(10.0, 40.0), cutoff=(5.0,),
        zeeman=zeeman, approx=(approx,), g_factor=(1.0, 2.0), tc0_k=tc0,
        tolerance=config.tolerance,
    )  # fmt: skip


def search_step(
    config: ReportConfig, approx: str, progress: Progress | None = None, *, client=None,
    store: Path | None = None,
) -> xr.Dataset:  # fmt: skip
    """Re-entrance search over Eq. (1) in reduced units, one approximation (:func:`search_grid`).

    Runs on the dask cluster of ``client`` (None: a local one), with its sweep stores in the
    directory ``store`` (None: a temporary one).  The two approximations are separate steps.
    """
    from reentrant.sweep.search import search_reentrance

    return search_reentrance(
        search_grid(config, approx), store=store, client=client, progress=progress
    )


def bands_step(config: ReportConfig, progress: Progress | None = None) -> xr.Dataset:
    """The (110) slab at the device's V_BG = 0 density: subbands, Eq. (1) fit (Fig. 1b)."""
    data, _, _ = overview(BackGate().density_at_zero_nm2, points=41 if config.quick else 121)
    if progress is not None:
        progress(1, 1)
    return data


def assemble(results: dict[str, xr.Dataset]) -> dict[str, xr.Dataset]:
    """The step results with the two search halves joined along ``approx`` as ``search``."""
    out = {name: ds for name, ds in results.items() if name not in SEARCH_STEPS}
    out["search"] = xr.concat([results[name] for name in SEARCH_STEPS], dim="approx")
    return out


def compute_step(
    name: str, config: ReportConfig, progress: Progress | None = None, *, client=None,
    store: Path | None = None,
) -> xr.Dataset:  # fmt: skip
    """Compute pipeline step ``name`` (one of :data:`STEPS`); ``client``, ``store``: searches."""
    if name == "device":
        return device_step(config, progress)
    if name == "paper_full":
        return paper_step(config, "full", progress)
    if name == "paper_upper":
        return paper_step(config, "upper-branch", progress)
    if name == "mechanisms":
        return mechanisms_step(config, progress)
    if name in SEARCH_STEPS:
        return search_step(config, SEARCH_STEPS[name], progress, client=client, store=store)
    if name == "bands":
        return bands_step(config, progress)
    raise ValueError(f"unknown step {name!r}")


def _step_task(name: str, config: ReportConfig) -> xr.Dataset:
    """A step as a task of a dask worker (one numba thread, one-line warnings)."""
    from reentrant.sweep.task import single_threaded

    single_threaded()
    return compute_step(name, config)


def _no_progress(description: str) -> AbstractContextManager[Progress]:
    return nullcontext(lambda done, total: None)


def run_steps(
    config: ReportConfig,
    cache_dir: Path,
    *,
    force: bool = False,
    jobs: int = 1,
    progress: ProgressFactory | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, xr.Dataset]:
    """All steps, from the cache where possible; new results are stored in ``cache_dir``.

    Parameters
    ----------
    config
        The parameters (the cache key, with the package version).
    cache_dir
        Directory of the cache entries (and of the search's sweep stores).
    force
        Recompute every step and overwrite its entry (the search's stores are started anew).
    jobs
        Worker processes of the dask cluster; 1 computes in this process.
    progress
        ``progress(description)`` -> context manager yielding ``update(done, total)``.
    log
        Called with one line per step read from the cache.
    """
    from reentrant.sweep.engine import as_completed, local_client

    jobs = int(positive("jobs", jobs))
    progress = progress or _no_progress
    key = config.as_dict()
    results: dict[str, xr.Dataset] = {}
    todo = []
    for name in STEPS:
        cached = None if force else cache.load(cache_dir, name, key)
        if cached is None:
            todo.append(name)
        else:
            results[name] = cached
            if log is not None:
                log(f"{name}: from cache")
    if not todo:
        return {name: results[name] for name in STEPS}
    with local_client(jobs, processes=jobs > 1) as client:
        here, futures = todo, {}
        if jobs > 1:
            # one task per non-search step, submitted first: the search's points fill the gaps
            ordered = [name for name in BY_COST if name in todo]
            here = [name for name in ordered if name in SEARCH_STEPS]
            futures = {
                client.submit(_step_task, name, config, pure=False): name
                for name in ordered
                if name not in SEARCH_STEPS
            }
        for name in here:
            store = cache.cache_path(cache_dir, name, key).with_suffix("")
            if force and store.exists():
                shutil.rmtree(store)
            with progress(DESCRIPTIONS[name]) as update:
                results[name] = compute_step(name, config, update, client=client, store=store)
            cache.store(cache_dir, name, key, results[name])
        if futures:
            with progress(f"{len(futures)} steps on {jobs} workers") as update:
                update(0, len(futures))
                for done, future in enumerate(as_completed(futures), start=1):
                    name = futures[future]
                    results[name] = future.result()
                    cache.store(cache_dir, name, key, results[name])
                    update(done, len(futures))
    return {name: results[name] for name in STEPS}
