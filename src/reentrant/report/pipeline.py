r"""The steps of ``reentrant reproduce``: each a function of a :class:`ReportConfig` -> Dataset.

Steps (names are the cache entries; :func:`assemble` makes the groups of ``data.nc``):

* ``device``: the virtual gated Hall bar of the paper's model (:func:`reentrant.device.
  default_device`, T_c(B, V_BG) from the Eq. (1) pairing solver for the preset) on
  :func:`device_grid` -- R_xx, R_xy, T_c(B, V_BG), n(V_BG) (Figs. 1c-e, 2b-d analogues).
* ``paper_full`` / ``paper_upper``: T_c(B) in K of the paper's Eq. (1) for the preset, maximised
  over the pair momentum Q, with both spin branches (``full``) or the upper branch only (the
  paper's Eq. (2)) (:meth:`reentrant.pairing.model.PairingModel.tc_curve`; Fig. 3b analogue),
  on field points refined where T_c changes fast or has a minimum
  (:func:`reentrant.analysis.sampling.refine_curve`).
* ``mechanisms``: T_c(B) in K of every closed-form mechanism of
  :data:`reentrant.mechanisms.MECHANISMS` at the preset's T_c0 and g-factor, on one field grid
  refined for all of them.
* ``search_upper`` / ``search_full``: the re-entrance search over Eq. (1)'s parameters in
  reduced units, one approximation each (:func:`reentrant.sweep.search.search_reentrance`, on
  the dask sweep engine), joined as ``search`` by :func:`assemble`.
* ``bands``: the tight-binding (110) slab at the device's V_BG = 0 density, its Y-Gamma-X
  subbands and the Eq. (1) fit at X (:func:`reentrant.bands.overview.overview`; Fig. 1b
  analogue).
* ``score_<candidate>``: one per candidate of the scorecard
  (:mod:`reentrant.report.scoring`), joined as ``scorecard`` by :func:`assemble`.
* ``best_device``: the device of the best candidate (its fitted values) on :func:`device_grid`,
  computed after the scorecard it depends on.

:func:`run_steps` reads each step from the on-disk cache (:mod:`reentrant.report.cache`) or
computes it and stores it.  The steps that are missing run on one dask cluster: with ``jobs``
worker processes (``jobs > 1``: the other steps are tasks beside the search's points), or with
one worker thread in this process (``jobs = 1``: the other steps run here, one after another).
The search's sweep stores live in the cache directory, so an interrupted search resumes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from reentrant.analysis.sampling import RefinedCurve, refine_curve
from reentrant.bands.overview import overview
from reentrant.device import BackGate, VirtualDevice, default_device, paper_grid
from reentrant.explain.scorecard import Score, best_candidate, scoring_grid
from reentrant.mechanisms import MECHANISMS, Mechanism, PaperModel, configure, default_mechanism
from reentrant.report import cache
from reentrant.report.config import ReportConfig
from reentrant.report.scoring import SCORE_PREFIX, join_rows, score_step, score_steps, scores_from
from reentrant.report.summary import NOISE_FACTOR
from reentrant.validate import positive

if TYPE_CHECKING:  # the sweep engine needs the optional dask extra: imported where used
    from reentrant.sweep.search import SearchGrid

Progress = Callable[[int, int], None]
ProgressFactory = Callable[[str], AbstractContextManager[Progress]]

BASE_STEPS = (
    "device", "paper_full", "paper_upper", "mechanisms", "search_full", "search_upper", "bands",
)  # fmt: skip
#: The step that needs the scorecard's result (computed after every other step).
BEST_DEVICE = "best_device"
#: Steps run as tasks, the slowest first: workers pick them up in this order (then the
#: search's points); the candidates' steps go after ``device``, so that the best candidate's
#: device (which needs them) can start early.
BY_COST = ("bands", "device", "paper_upper", "paper_full", "mechanisms")
DESCRIPTIONS = {
    "device": "virtual device of the paper's model (R_xx, R_xy over T, B, V_BG)",
    "paper_full": "Eq. (1) T_c(B), both spin branches",
    "paper_upper": "Eq. (1) T_c(B), upper branch (Eq. (2))",
    "mechanisms": "rival mechanisms T_c(B)",
    "search_full": "re-entrance search, both branches",
    "search_upper": "re-entrance search, upper branch",
    BEST_DEVICE: "virtual device of the best candidate",
    "bands": "tight-binding (110) slab and its Eq. (1) fit",
}
SEARCH_STEPS = {"search_upper": "upper-branch", "search_full": "full"}
#: Largest change of T_c across a refined interval, as a fraction of T_c0.
TC_STEP = 0.05


def steps(config: ReportConfig | None = None) -> tuple[str, ...]:
    """Every step: the fixed ones, one per scorecard candidate of ``config`` (default: every
    candidate), then the best device."""
    names = score_steps() if config is None else score_steps(config.candidates)
    return BASE_STEPS + names + (BEST_DEVICE,)


def description(name: str) -> str:
    """What step ``name`` computes (for progress bars)."""
    if name.startswith(SCORE_PREFIX):
        return f"scorecard: {name.removeprefix(SCORE_PREFIX)} fitted and judged"
    return DESCRIPTIONS[name]


#: Temperatures (K) of the paper's figures: 90 mK to 900 mK (Figs. 2b-d).
PAPER_TEMPERATURES_K = paper_grid()["temperature_k"]


def device_grid(config: ReportConfig) -> dict[str, np.ndarray]:
    """Measurement grid of both devices.

    Temperatures: those of the scorecard's simulations (:func:`~reentrant.explain.scorecard.
    scoring_grid`: the paper's 90, 150, 200, 250, 330, 900 mK and every 25 mK from 50 mK to
    900 mK, the R_xx(T) transitions of Fig. 1d).  Fields:
    every 0.05 T (0.1 T if quick) up to 2 T, where the paper's model loses superconductivity,
    then every 0.25 T (0.5 T) to the paper's 9 T.  Gates: every 20 V (40 V if quick) from -200
    to +180 V (both ends in), with -50 V (the minimum of Fig. 2d) and +50 V (the traces of
    Fig. 2c).
    """
    fine, coarse, step = (0.1, 0.5, 40.0) if config.quick else (0.05, 0.25, 20.0)
    fields = np.concatenate([np.arange(0.0, 2.0, fine), np.arange(2.0, 9.0001, coarse)])
    gates = np.concatenate([np.arange(-200.0, 181.0, step), [-50.0, 50.0, 180.0]])
    return {
        "temperature_k": scoring_grid(config.quick)["temperature_k"],
        "field_t": np.unique(np.round(fields, 10)),
        "gate_voltage_v": np.unique(gates),
    }


def report_device(config: ReportConfig) -> VirtualDevice:
    """The default device on the report's model (:meth:`ReportConfig.pairing_model`).

    The device's Fermi level at V_BG = 0 and its T_c(B = 0) there are the model's, so the
    device and the paper's T_c(B) curves describe the same interface.
    """
    return default_device(config.pairing_model(), tc_source="pairing", tolerance=config.tolerance)


def device_step(config: ReportConfig, progress: Progress | None = None) -> xr.Dataset:
    """Simulate :func:`report_device` on :func:`device_grid` (no noise)."""
    ds = report_device(config).simulate(**device_grid(config), progress=progress)
    return ds.assign_attrs(device="paper's model, Eq. (1)")


def best_device_step(
    config: ReportConfig, scores: list[Score], progress: Progress | None = None
) -> xr.Dataset:
    """Simulate the best candidate's device (its fitted values) on :func:`device_grid`."""
    best = best_candidate(scores)
    device = best.candidate.device(best.fit.values, config.preset)
    ds = device.simulate(**device_grid(config), progress=progress)
    return ds.assign_attrs(
        device=f"best candidate: {best.candidate.title}",
        candidate=best.candidate.name,
        fitted_parameters=json.dumps(best.fit.values),
    )


def paper_fields(config: ReportConfig) -> np.ndarray:
    """Initial field grid (T) of the Eq. (1) curves: ``field_points`` from 0 to ``field_max_t``."""
    return np.linspace(0.0, config.field_max_t, config.field_points)


def _sampling_attrs(curve: RefinedCurve, tc_step: float, min_step: float) -> dict[str, object]:
    return {
        "sampling": "adaptive (reentrant.analysis.sampling.refine_curve)",
        "sampling_converged": int(curve.converged),
        "sampling_tc_step_k": tc_step,
        "sampling_min_step_t": min_step,
        "sampling_largest_jump_k": curve.largest_jump,
    }


def paper_step(config: ReportConfig, approx: str, progress: Progress | None = None) -> xr.Dataset:
    """T_c(B) (K) and optimal Q (nm^-1) of Eq. (1) for the preset in approximation ``approx``.

    The fields start from :func:`paper_fields` and are refined until T_c changes by at most
    :data:`TC_STEP` x T_c0 between neighbours wider than ``field_resolution_t`` and minima
    are resolved, within ``max_field_points``; whether that was reached is in the attrs.
    """
    model = config.pairing_model()
    tc0 = config.parameters["tc0"]
    parts: list[xr.Dataset] = []

    def evaluate(fields: np.ndarray) -> np.ndarray:
        part = model.tc_curve(fields, approx=approx, tolerance=config.tolerance)
        parts.append(part)
        if progress is not None:
            progress(sum(p.sizes["field"] for p in parts), config.max_field_points)
        return part.tc.values

    tc_step = TC_STEP * tc0
    curve = refine_curve(
        evaluate, paper_fields(config), tc_step=tc_step, min_step=config.field_resolution_t,
        max_points=config.max_field_points, tc_noise=NOISE_FACTOR * config.tolerance * tc0,
    )  # fmt: skip
    keep = [name for name in ("tc", "q_x", "q_y", "flags") if name in parts[0]]
    ds = xr.concat([part[keep] for part in parts], dim="field").sortby("field")
    attrs = {k: v for k, v in parts[0].attrs.items() if isinstance(v, str | int | float)}
    errors = [p.attrs["tc_error_estimate"] for p in parts if "tc_error_estimate" in p.attrs]
    if errors:
        attrs["tc_error_estimate"] = float(max(errors))
    return ds.assign_attrs(attrs | _sampling_attrs(curve, tc_step, config.field_resolution_t))


def report_mechanisms(config: ReportConfig) -> list[Mechanism]:
    """Every closed-form mechanism of :data:`MECHANISMS` with the report's parameters.

    Each starts from its registry defaults (:func:`reentrant.mechanisms.configure`) with the
    preset's T_c0, the preset's g where the mechanism has a Zeeman term (default g > 0), and
    the report's ``orbital_field_t`` and ``exchange_field_mev`` where the mechanism uses them
    (default not None).  The paper's own mechanism is left out: the Eq. (1) curves of the
    report's model stand for it.
    """
    p = config.parameters
    report = {
        "tc0_k": p["tc0"],
        "g_factor": p["g_factor"],
        "orbital_field_t": config.orbital_field_t,
        "exchange_field_mev": config.exchange_field_mev,
    }
    out = []
    for name in MECHANISMS:
        default = default_mechanism(name)
        if isinstance(default, PaperModel):
            continue
        used = default.fit_parameters()
        settings = {k: v for k, v in report.items() if used.get(k, 0.0) > 0}
        out.append(configure(name, settings))
    return out


def mechanisms_step(config: ReportConfig, progress: Progress | None = None) -> xr.Dataset:
    """T_c(B) in K of :func:`report_mechanisms` on one refined field grid.

    Each mechanism's field points are refined from ``mechanism_field_points`` in
    0..``mechanism_field_max_t`` (up to four times as many, steps down to 0.01 T); every
    mechanism is then evaluated on the union of the points.  See each class in
    :mod:`reentrant.mechanisms` for its equation.
    """
    mechanisms = report_mechanisms(config)
    start = np.linspace(0.0, config.mechanism_field_max_t, config.mechanism_field_points)
    min_step = 0.01
    tc_step = TC_STEP * config.parameters["tc0"]
    fields, converged = [start], []
    for k, mechanism in enumerate(mechanisms):
        curve = refine_curve(
            mechanism.tc, start, tc_step=tc_step, min_step=min_step,
            max_points=4 * config.mechanism_field_points,
        )  # fmt: skip
        fields.append(curve.field)
        converged.append(curve.converged)
        if progress is not None:
            progress(k + 1, len(mechanisms))
    field = np.unique(np.concatenate(fields))
    rows = [np.asarray(m.tc(field), dtype=float) for m in mechanisms]
    return xr.Dataset(
        {
            "tc": (("mechanism", "field"), np.array(rows), {"units": "K", "long_name": "T_c(B)"}),
            "sampling_converged": ("mechanism", np.array(converged)),
        },
        coords={
            "mechanism": ("mechanism", [m.name for m in mechanisms]),
            "field": ("field", field, {"units": "T", "long_name": "in-plane field"}),
        },
        attrs={
            "tc0_k": config.parameters["tc0"],
            "g_factor": config.parameters["g_factor"],
            "orbital_field_t": config.orbital_field_t,
            "exchange_field_mev": config.exchange_field_mev,
            "parameters": json.dumps({m.name: m.fit_parameters() for m in mechanisms}),
            "sampling_min_step_t": min_step,
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
    """The step results as the groups of ``data.nc``: the search halves joined along
    ``approx`` as ``search``, the candidates' rows along ``candidate`` as ``scorecard``."""
    scores = [name for name in results if name.startswith(SCORE_PREFIX)]
    out = {
        name: ds for name, ds in results.items() if name not in SEARCH_STEPS and name not in scores
    }
    out["search"] = xr.concat([results[name] for name in SEARCH_STEPS], dim="approx")
    out["scorecard"] = join_rows([results[name] for name in scores])
    return out


def compute_step(
    name: str, config: ReportConfig, progress: Progress | None = None, *, client=None,
    store: Path | None = None, results: dict[str, xr.Dataset] | None = None,
) -> xr.Dataset:  # fmt: skip
    """Compute pipeline step ``name`` (one of :func:`steps`).

    ``client``, ``store``: the searches' cluster and sweep store; ``results``: the candidates'
    rows that ``best_device`` is chosen from.
    """
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
    if name.startswith(SCORE_PREFIX):
        return score_step(name, config, progress)
    if name == BEST_DEVICE:
        rows = join_rows([results[step] for step in score_steps(config.candidates)])
        return best_device_step(config, scores_from(rows), progress)
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
    names = steps(config)
    results: dict[str, xr.Dataset] = {}
    todo = []
    for name in names:
        cached = None if force else cache.load(cache_dir, name, key)
        if cached is None:
            todo.append(name)
        else:
            results[name] = cached
            if log is not None:
                log(f"{name}: from cache")
    first = [name for name in todo if name != BEST_DEVICE]
    if first:
        with local_client(jobs, processes=jobs > 1) as client:
            here, futures = first, {}
            if jobs > 1:
                # one task per non-search step, submitted first: the search's points fill gaps
                tasks = [
                    n
                    for n in BY_COST[:2] + score_steps(config.candidates) + BY_COST[2:]
                    if n in first
                ]
                here = [name for name in first if name in SEARCH_STEPS]
                futures = {
                    client.submit(_step_task, name, config, pure=False): name for name in tasks
                }
            for name in here:
                store = cache.cache_path(cache_dir, name, key).with_suffix("")
                if force and store.exists():
                    shutil.rmtree(store)
                with progress(description(name)) as update:
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
    if BEST_DEVICE in todo:
        with progress(description(BEST_DEVICE)) as update:
            results[BEST_DEVICE] = compute_step(BEST_DEVICE, config, update, results=results)
        cache.store(cache_dir, BEST_DEVICE, key, results[BEST_DEVICE])
    return {name: results[name] for name in names}
