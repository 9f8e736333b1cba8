"""The scorecard in the report: one step per candidate, the best candidate, the closest to O4.

Each candidate of the report (:attr:`ReportConfig.candidates`) is one pipeline step
(``score_<name>``): fitted, simulated on the scoring grid and judged
(:func:`reentrant.explain.scorecard.score_candidate`, the quick grid when the report is quick,
the report's coherence length for O7 and its cap on fit evaluations).  A step's Dataset
(:func:`score_row`) is the candidate's row of :func:`~reentrant.explain.scorecard.
scorecard_dataset` plus its fit residuals and the R_xx(B) traces O4 is judged on (V_BG =
+50 V, every temperature of the scoring grid), so that the report's claims can be checked
against ``data.nc``.  :func:`scores_from` rebuilds the :class:`~reentrant.explain.scorecard.
Score` objects from the rows, so the best candidate and the JSON form come from the
scorecard's own functions, cached or not.

Closest to O4 (:func:`o4_distance`): the fit's O4 residuals (:mod:`reentrant.explain.fit`)
are hinges, zero where a sub-criterion of the 0.9 T peak is met.  A candidate is closer the
fewer of them it misses; ties are broken by the root sum of their squares.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import xarray as xr

from reentrant.explain import observations as obs
from reentrant.explain.candidates import DEFAULT_CANDIDATES, candidate
from reentrant.explain.extract import CHANNEL, TRACE_GATE_V, Verdict
from reentrant.explain.fit import CandidateFit
from reentrant.explain.scorecard import (
    Score,
    best_candidate,
    score_candidate,
    scorecard_dataset,
    scorecard_json,
)
from reentrant.report.config import ReportConfig

#: Prefix of the per-candidate pipeline steps.
SCORE_PREFIX = "score_"

_WINDOW = f"{obs.PEAK_FIELD_T:g} +- {obs.PEAK_FIELD_WINDOW_T:g} T"
#: The fit residuals that measure O4, with what each asks (:mod:`reentrant.explain.fit`).
O4_RESIDUALS = {
    "peak_visible": f"a visible R_xx peak within {_WINDOW} at 330 mK",
    "peak_inside": f"its maximum inside {_WINDOW}, not at an edge",
    "peak_below_half": "the peak well below R_N",
    "sc_below_peak": "superconducting just below the peak",
    "sc_above_peak": "superconducting again above the peak",
    "no_peak_cold": "no peak at 90 mK",
}


def score_steps(names: Sequence[str] = DEFAULT_CANDIDATES) -> tuple[str, ...]:
    """One step name per candidate of ``names`` (default: those scored by default)."""
    return tuple(SCORE_PREFIX + name for name in names)


def score_row(score: Score) -> xr.Dataset:
    """One candidate's scorecard row with its fit residuals and the O4 traces of its device."""
    name = score.candidate.name
    row = scorecard_dataset([score])
    row.attrs = {}
    residuals = list(score.fit.residuals)
    row["fit_residual"] = (
        ("candidate", "residual"),
        [[score.fit.residuals[k] for k in residuals]],
        {"units": "1", "long_name": "fit residual at the fitted values (0: target met)"},
    )
    row = row.assign_coords(residual=residuals)
    row["fit_evaluations"] = ("candidate", [score.fit.evaluations])
    sim = score.simulation
    trace = sim.r_xx.sel(channel=CHANNEL, gate_voltage=TRACE_GATE_V, drop=True)
    row["trace_r_xx"] = trace.expand_dims(candidate=[name]).assign_attrs(
        units="Ohm",
        long_name=f"R_xx at V_BG = {TRACE_GATE_V:+g} V, current along [{CHANNEL}]",
    )
    r_normal = float(sim.r_normal.sel(channel=CHANNEL, gate_voltage=TRACE_GATE_V))
    row["trace_r_normal"] = ("candidate", [r_normal], {"units": "Ohm"})
    return row


def score_step(
    name: str, config: ReportConfig, progress: Callable[[int, int], None] | None = None
) -> xr.Dataset:
    """Score the candidate of step ``name`` (``score_<candidate>``) for the report."""
    score = score_candidate(
        candidate(name.removeprefix(SCORE_PREFIX)),
        preset=config.preset,
        quick=config.quick,
        xi_nm=config.coherence_length_nm,
        max_evaluations=config.fit_evaluations,
    )
    if progress is not None:
        progress(1, 1)
    return score_row(score)


def join_rows(rows: Sequence[xr.Dataset]) -> xr.Dataset:
    """The scorecard of the report: the rows along ``candidate``, the best one in attrs."""
    joined = xr.concat(list(rows), dim="candidate")
    scores = scores_from(joined)
    closest = closest_to_o4(scores)
    return joined.assign_attrs(
        best_candidate=best_candidate(scores).candidate.name,
        closest_to_o4=closest.candidate,
        description="candidate explanations of Maryenko et al. scored against the paper's "
        "observations (reentrant.explain); trace_r_xx: the R_xx(B) each O4 verdict rests on",
    )


def scores_from(scorecard: xr.Dataset) -> list[Score]:
    """The :class:`Score` of each row (``simulation``: the row's O4 traces only)."""
    scores = []
    for name in scorecard.candidate.values:
        row = scorecard.sel(candidate=name)
        cand = candidate(str(name))
        values = json.loads(str(row.parameters.values))
        residuals = {
            str(k): float(v)
            for k, v in zip(row.residual.values, row.fit_residual.values, strict=True)
        }
        fit = CandidateFit(
            values, residuals, float(row.fit_cost), bool(row.physical), int(row.fit_evaluations)
        )
        verdicts = {
            str(key): Verdict(
                str(key),
                bool(row.reproduced.sel(observation=key)),
                json.loads(str(row.model.sel(observation=key).values)),
                json.loads(str(row.paper.sel(observation=key).values)),
                str(row.reason.sel(observation=key).values),
            )
            for key in row.observation.values
        }
        scores.append(Score(cand, fit, verdicts, row[["trace_r_xx", "trace_r_normal"]]))
    return scores


@dataclass(frozen=True)
class O4Distance:
    """How far a candidate's fit is from O4: sub-criteria missed and the residuals' norm."""

    candidate: str
    missed: tuple[str, ...]
    norm: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, with what each missed sub-criterion asks."""
        return {
            "candidate": self.candidate,
            "missed": [{"residual": k, "asks": O4_RESIDUALS[k]} for k in self.missed],
            "of": len(O4_RESIDUALS),
            "residual_norm": self.norm,
        }


def o4_distance(score: Score) -> O4Distance:
    """The O4 sub-criteria ``score``'s fit misses (non-zero hinge) and their residuals' norm."""
    values = {k: score.fit.residuals[k] for k in O4_RESIDUALS}
    missed = tuple(k for k, v in values.items() if v > 0)
    return O4Distance(score.candidate.name, missed, math.sqrt(sum(v * v for v in values.values())))


def closest_to_o4(scores: Sequence[Score]) -> O4Distance:
    """The candidate missing the fewest O4 sub-criteria (then the smallest residual norm)."""
    return min((o4_distance(s) for s in scores), key=lambda d: (len(d.missed), d.norm))


def scorecard_summary(scores: Sequence[Score]) -> dict[str, Any]:
    """The ``summary.json`` entries of the scorecard: per candidate, the best, O4's state."""
    return {
        "scorecard": scorecard_json(scores),
        "best": best_candidate(scores).candidate.name,
        "o4": {
            "reproduced_by": [s.candidate.name for s in scores if s.verdicts["O4"].reproduced],
            "closest": closest_to_o4(scores).as_dict(),
        },
    }
