"""The recorded scorecard: which candidate explains the experiment best, fitted once, shipped.

Scoring every candidate costs minutes (the solver-based ones solve Eq. (1) at thousands of
(B, V_BG) points), so the package ships the result of one run of ``reentrant explain`` as
``scorecard_record.json`` beside this module: the best candidate by
:func:`reentrant.explain.scorecard.best_candidate` (the scorecard decides, not a hand choice)
with its fitted parameters, and every candidate's verdicts.  :func:`reentrant.device.
default_device` builds its device on it.  Regenerate the record after a change of a candidate,
the fit or the observations::

    reentrant explain --quick --out DIR   # then copy DIR/scorecard.json over the record

``tests/explain/test_record.py`` checks that the record still agrees with the package: its
best candidate is the one :func:`best_candidate`'s rule picks from the recorded rows, its
values lie inside the candidate's current bounds, and re-judging the recorded device gives
the recorded verdicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from reentrant.errors import InputFileError
from reentrant.explain.candidates import Candidate, candidate

#: File name of the record inside the package.
RECORD_NAME = "scorecard_record.json"


@dataclass(frozen=True)
class RecordedBest:
    """The best candidate of the record, its fitted values and the preset it was fitted on."""

    candidate: Candidate
    values: dict[str, float]
    preset: str
    reproduced: tuple[str, ...]


def recorded_scorecard() -> dict[str, Any]:
    """The shipped scorecard (the JSON document of ``reentrant explain --out``)."""
    path = files("reentrant.explain") / RECORD_NAME
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise InputFileError(f"the recorded scorecard {RECORD_NAME} is unreadable: {exc}") from None
    for key in ("best", "preset", "candidates"):
        if key not in document:
            raise InputFileError(f"the recorded scorecard {RECORD_NAME} has no {key!r}")
    return document


def recorded_best() -> RecordedBest:
    """The recorded best candidate with its fitted values (:func:`recorded_scorecard`)."""
    document = recorded_scorecard()
    name = document["best"]
    row = document["candidates"][name]
    values = {k: float(v["value"]) for k, v in row["parameters"].items()}
    reproduced = tuple(k for k, v in row["observations"].items() if v["reproduced"])
    return RecordedBest(candidate(name), values, str(document["preset"]), reproduced)
