"""The scorecard: every candidate fitted, simulated and judged against every observation.

For each candidate (:mod:`reentrant.explain.candidates`): fit its free parameters to the
observations within their cited bounds (:mod:`reentrant.explain.fit`), simulate the virtual
device with the fitted values on :func:`scoring_grid`, and judge each observation on the
simulated transport (:mod:`reentrant.explain.extract`).  The result is an
:class:`xarray.Dataset` over (candidate, observation) with the verdicts, the model's and the
paper's numbers as JSON strings, the fitted parameters and whether they are physical (inside
the bounds); :func:`scorecard_json` gives the nested form of ``summary.json``.

The best candidate is the physical one that reproduces the most observations, ties broken by
the fit's cost and then by the number of free parameters (:func:`best_candidate`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import xarray as xr

from reentrant.device import paper_grid
from reentrant.explain import observations as obs
from reentrant.explain.candidates import DEFAULT_CANDIDATES, PRESET, XI_NM, Candidate, candidate
from reentrant.explain.extract import TRACE_GATE_V, Verdict, judge_all
from reentrant.explain.fit import CandidateFit, fit_candidate
from reentrant.explain.observations import OBSERVATIONS

Progress = Callable[[int, int], None]


def scoring_grid(quick: bool = False) -> dict[str, np.ndarray]:
    """Temperatures (K), fields (T) and gate voltages (V) of the judged simulation.

    Fine in temperature (T_c at 50 % of R_N) and in field near the paper's cusp (0.05 T up to
    3 T, 0.1 T if ``quick``), then 0.5 T steps to 12 T (past the 9 T bound); gates every 20 V
    (40 V if ``quick``)
    and at -50 V and +50 V (O5's minimum, the traces of Fig. 2c).
    The paper's temperatures 90, 150, 200, 250, 330 and 900 mK are on the grid.
    """
    paper_temperatures = paper_grid()["temperature_k"]
    temperatures = np.unique(
        np.round(np.concatenate([np.arange(0.05, 0.9001, 0.025), paper_temperatures]), 10)
    )
    step = 0.1 if quick else 0.05
    fields = np.unique(
        np.round(np.concatenate([np.arange(0.0, 3.0, step), np.arange(3.0, 12.01, 0.5)]), 10)
    )
    gates = np.unique(np.concatenate([np.arange(-200.0, 181.0, 40.0 if quick else 20.0),
                                      [obs.PEAK_MINIMUM_GATE_V, TRACE_GATE_V]]))  # fmt: skip
    return {"temperature_k": temperatures, "field_t": fields, "gate_voltage_v": gates}


@dataclass(frozen=True)
class Score:
    """One candidate's row of the scorecard."""

    candidate: Candidate
    fit: CandidateFit
    verdicts: dict[str, Verdict]
    simulation: xr.Dataset

    @property
    def reproduced(self) -> int:
        """Number of observations reproduced."""
        return sum(v.reproduced for v in self.verdicts.values())


def score_candidate(
    cand: Candidate,
    *,
    preset: str = PRESET,
    quick: bool = False,
    xi_nm: float = XI_NM,
    max_evaluations: int | None = None,
) -> Score:
    """Fit, simulate and judge one candidate on the device of ``preset``.

    ``max_evaluations`` caps each Nelder-Mead run of the fit (default: :func:`fit_candidate`'s).
    """
    fit = fit_candidate(cand, preset, max_evaluations)
    sim = cand.device(fit.values, preset).simulate(**scoring_grid(quick))
    verdicts = judge_all(sim, magnetic_order=cand.magnetic_order, xi_nm=xi_nm)
    return Score(cand, fit, verdicts, sim)


#: Decimals to which fit costs are compared: the hinge residuals have floors that several
#: candidates reach (e.g. 0.34 for every curve without a peak near 0.9 T), equal up to rounding.
COST_DECIMALS = 6


def best_candidate(scores: Sequence[Score]) -> Score:
    """The physical candidate reproducing the most observations; then the lowest fit cost (to
    :data:`COST_DECIMALS`), then the fewest free parameters (the simpler explanation of the same
    data), then the first in order."""
    physical = [s for s in scores if s.fit.physical] or list(scores)
    return max(physical, key=lambda s: (s.reproduced, -round(s.fit.cost, COST_DECIMALS),
                                        -len(s.candidate.parameters)))  # fmt: skip


def run_scorecard(
    names: Sequence[str] | None = None,
    *,
    preset: str = PRESET,
    quick: bool = False,
    progress: Progress | None = None,
) -> list[Score]:
    """Score the named candidates (default: :data:`~reentrant.explain.candidates.
    DEFAULT_CANDIDATES`), in order, on the device of ``preset``."""
    chosen = [candidate(n) for n in (names or DEFAULT_CANDIDATES)]
    scores = []
    for i, cand in enumerate(chosen):
        scores.append(score_candidate(cand, preset=preset, quick=quick))
        if progress is not None:
            progress(i + 1, len(chosen))
    return scores


def scorecard_dataset(scores: Sequence[Score]) -> xr.Dataset:
    """The scorecard over (candidate, observation): verdicts, values, parameters, physicality."""
    keys = [o.key for o in OBSERVATIONS]
    names = [s.candidate.name for s in scores]

    def table(get) -> np.ndarray:
        return np.array([[get(s.verdicts[k]) for k in keys] for s in scores])

    best = best_candidate(scores).candidate.name
    return xr.Dataset(
        {
            "reproduced": (("candidate", "observation"), table(lambda v: bool(v.reproduced))),
            "model": (("candidate", "observation"), table(lambda v: json.dumps(v.model))),
            "paper": (("candidate", "observation"), table(lambda v: json.dumps(v.paper))),
            "reason": (("candidate", "observation"), table(lambda v: v.reason)),
            "physical": ("candidate", np.array([s.fit.physical for s in scores])),
            "fit_cost": ("candidate", np.array([s.fit.cost for s in scores]), {"units": "1"}),
            "parameters": ("candidate", np.array([json.dumps(s.fit.values) for s in scores])),
            "title": ("candidate", np.array([s.candidate.title for s in scores])),
        },
        coords={"candidate": names, "observation": keys},
        attrs={
            "best_candidate": best,
            "description": "candidate explanations of Maryenko et al. scored against the paper's "
            "observations (reentrant.explain)",
        },
    )


def scorecard_json(scores: Sequence[Score]) -> dict:
    """Nested form: per candidate its parameters, physicality and per observation the verdict."""
    out = {}
    for s in scores:
        out[s.candidate.name] = {
            "title": s.candidate.title,
            "parameters": {
                p.name: {
                    "value": s.fit.values[p.name],
                    "lower": p.lower,
                    "upper": p.upper,
                    "units": p.units,
                    "source": p.source,
                }  # fmt: skip
                for p in s.candidate.parameters
            },
            "physical": bool(s.fit.physical),
            "fit_cost": float(s.fit.cost),
            "observations": {k: v.as_dict() for k, v in s.verdicts.items()},
            "reproduced": int(s.reproduced),
        }
    return out
