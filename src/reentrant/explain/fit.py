r"""Fit a candidate's free parameters to the paper's observations (lmfit, within cited bounds).

The fit simulates the candidate's device where the observations are made -- 90 mK up to 12 T at
the lowest gate voltage, 90 mK and 330 mK over 0.2-3 T at +50 V, T_c(B = 0) at 0 V -- and
measures how far its resistance is from each target.  The residuals, dimensionless and zero
when the target is met (``rho = R_xx / R_N``):

* O1, T_c0: ``(T_c(B = 0, V_BG = 0) - T_c0) / 0.05 K`` with the shared device's calibrated
  T_c0 (:func:`reentrant.explain.candidates.calibrated_base`; a mechanism may lower it);
* O3, the in-plane critical field at 90 mK and -200 V: ``max(0, 9 T - B_c) / 9 T``, B_c where
  ``rho`` reaches 1/2;
* O4, the resistive peak at +50 V (the paper's Fig. 2c gate): at 330 mK the largest ``rho``
  within 0.15 T of 0.9 T between 0.05 (visible) and 0.45 (well below R_N) and at least 0.03
  above both window edges (a maximum inside the window), superconducting bases on both sides
  (the smallest ``rho`` in 0.4-0.75 T and in 1.05-3 T below 0.1), and at 90 mK no peak there
  (``rho < 0.05`` in the window); each a hinge ``max(0, miss) / 0.1``.

The residuals are piecewise smooth with flat regions where a target is met or missed by far, so
the candidate's starting values and a Sobol sequence over the bounds (16 points for closed-form
candidates, 4 for the solver-based ones) are evaluated first; lmfit's Nelder-Mead then minimises
the sum of squares from the best two (150 evaluations each) or, for the solver-based candidates,
from the best one (6 evaluations), and the best result is kept.  A closed-form evaluation costs
about 0.2 s, a solver-based one 3-10 s (about 40 fields of Eq. (1) on the coarser
:data:`FIELD_STEPS`), so the solver-based fits are a coarse search, not a converged fit: their
verdicts say what the model does near the best point found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import lmfit
import numpy as np
import xarray as xr
from scipy.stats import qmc

from reentrant.explain import observations as obs
from reentrant.explain.candidates import PRESET, Candidate, calibrated_base
from reentrant.explain.extract import CHANNEL

#: Field steps (T) of the fit's simulations by kind of candidate: (up to 12 T at the lowest gate,
#: O3's critical field; 0.2-3 T at the traces' gate, O4's peak).  T_c(B = 0) alone at V_BG = 0
#: (O1).  The solver-based candidates use the coarser steps (still three fields in O4's window).
FIELD_STEPS = {"closed-form": (0.5, 0.05), "pairing": (1.0, 0.1)}


def fit_fields(kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(critical-field grid, trace grid) in T of the fit's simulations of a kind of candidate."""
    critical, trace = FIELD_STEPS[kind]
    return (np.round(np.arange(0.0, 12.0 + critical / 2, critical), 10),
            np.round(np.arange(0.2, 3.0 + trace / 2, trace), 10))  # fmt: skip


#: Gate voltages (V): the lowest (O3), zero (O1) and the traces' (O4).
LOWEST_GATE, ZERO_GATE, TRACE_GATE = -200.0, 0.0, 50.0


@dataclass(frozen=True)
class CandidateFit:
    """Fitted values, the final residuals and whether the values are inside the bounds.

    ``evaluations``: the distinct parameter points simulated.
    """

    values: dict[str, float]
    residuals: dict[str, float]
    cost: float
    physical: bool
    evaluations: int


def _window(field: np.ndarray, rho: np.ndarray, lo: float, hi: float, pick) -> float:
    inside = (field >= lo) & (field <= hi)
    return float(pick(rho[inside]))


def _rho(sim: xr.Dataset, temperature: float) -> np.ndarray:
    """R_xx / R_N over field at one temperature of a one-gate simulation."""
    r = sim.r_xx.sel(channel=CHANNEL, temperature=temperature).isel(gate_voltage=0)
    return (r / sim.r_normal.sel(channel=CHANNEL).isel(gate_voltage=0)).values


def residuals(lowest: xr.Dataset, trace: xr.Dataset, tc0: float, tc0_k: float) -> dict:
    """The named residuals (see the module notes) of the fit's simulations (:func:`simulate`)."""
    cold, hot = obs.BASE_TEMPERATURE_K, obs.PEAK_TEMPERATURE_K
    rho_low, field_low = _rho(lowest, cold), lowest.field.values
    below = np.nonzero(rho_low < 0.5)[0]
    if rho_low[-1] < 0.5:
        bc = float(field_low[-1])
    else:
        bc = float(field_low[below[-1]]) if below.size else 0.0
    field = trace.field.values
    hot_rho, cold_rho = _rho(trace, hot), _rho(trace, cold)
    lo, hi = obs.PEAK_FIELD_T - obs.PEAK_FIELD_WINDOW_T, obs.PEAK_FIELD_T + obs.PEAK_FIELD_WINDOW_T
    peak = _window(field, hot_rho, lo, hi, np.max)
    edges = max(float(np.interp(lo, field, hot_rho)), float(np.interp(hi, field, hot_rho)))
    return {
        "tc0": (tc0 - tc0_k) / 0.05,
        "critical_field": max(0.0, obs.CRITICAL_FIELD_BOUND_T - bc) / obs.CRITICAL_FIELD_BOUND_T,
        "peak_visible": max(0.0, 0.05 - peak) / 0.1,
        "peak_inside": max(0.0, 0.03 - (peak - edges)) / 0.1,
        "peak_below_half": max(0.0, peak - 0.45) / 0.1,
        "sc_below_peak": max(0.0, _window(field, hot_rho, 0.4, lo, np.min) - 0.1) / 0.1,
        "sc_above_peak": max(0.0, _window(field, hot_rho, hi, 3.0, np.min) - 0.1) / 0.1,
        "no_peak_cold": max(0.0, _window(field, cold_rho, lo, hi, np.max) - 0.05) / 0.1,
    }


def simulate(cand: Candidate, values: Mapping[str, float], preset: str = PRESET):
    """The fit's simulations: (lowest gate, traces' gate, T_c(B = 0) at V_BG = 0 in K)."""
    device = cand.device(values, preset)
    temperatures = [obs.BASE_TEMPERATURE_K, obs.PEAK_TEMPERATURE_K]
    critical_fields, trace_fields = fit_fields(cand.kind)
    lowest = device.simulate(temperatures[:1], critical_fields, [LOWEST_GATE])
    trace = device.simulate(temperatures, trace_fields, [TRACE_GATE])
    tc0 = float(device.tc_table([0.0], [ZERO_GATE])[0, 0])
    return lowest, trace, tc0


def fit_candidate(
    cand: Candidate, preset: str = PRESET, max_evaluations: int | None = None
) -> CandidateFit:
    """Fit ``cand``'s free parameters to the observations within their bounds (see module).

    ``max_evaluations`` caps each Nelder-Mead run below the candidate's own budget
    (``cand.evaluations``).
    """
    budget = cand.evaluations if max_evaluations is None else min(cand.evaluations, max_evaluations)
    names = [p.name for p in cand.parameters]
    tc0 = calibrated_base(preset)[0]
    # one simulation per distinct point: lmfit evaluates the best point again at the end, and
    # the final residuals are those of the best point
    memo: dict[tuple[float, ...], dict[str, float]] = {}

    def named(values: Mapping[str, float]) -> dict[str, float]:
        key = tuple(values[n] for n in names)
        if key not in memo:
            memo[key] = residuals(*simulate(cand, values, preset), tc0)
        return memo[key]

    def vector(params: lmfit.Parameters) -> np.ndarray:
        return np.array(list(named({n: float(params[n].value) for n in names}).values()))

    def cost_of(values: Mapping[str, float]) -> float:
        return float(np.sum(np.square(list(named(values).values()))))

    # the hinges are flat where a target is missed by far: scan a fixed quasi-random design
    # (a scrambled-free Sobol sequence over the bounds) and start Nelder-Mead from the best ones
    design = qmc.Sobol(len(names), scramble=False).random(cand.scan)
    lower = np.array([p.lower for p in cand.parameters])
    upper = np.array([p.upper for p in cand.parameters])
    points = [cand.start()] + [dict(zip(names, lower + u * (upper - lower), strict=True))
                               for u in design]  # fmt: skip
    costs = [cost_of(point) for point in points]
    starts = [points[i] for i in np.argsort(costs)[: cand.starts]]
    best = None
    for start in starts:
        params = lmfit.Parameters()
        for p in cand.parameters:
            params.add(p.name, value=start[p.name], min=p.lower, max=p.upper)
        result = lmfit.minimize(vector, params, method="nelder", max_nfev=budget)
        values = {n: float(result.params[n].value) for n in names}
        cost = cost_of(values)
        if best is None or cost < best[0]:
            best = (cost, values)
    cost, values = best
    return CandidateFit(values, named(values), cost, cand.physical(values), len(memo))
