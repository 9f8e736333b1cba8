"""The shipped scorecard record agrees with the package; default_device() is built on its best."""

import pytest

from reentrant.device import PairingTc, default_device
from reentrant.errors import ParameterError
from reentrant.explain.candidates import CANDIDATES, XI_NM
from reentrant.explain.extract import judge_all
from reentrant.explain.record import recorded_best, recorded_scorecard
from reentrant.explain.scorecard import scoring_grid


def test_the_recorded_best_is_the_one_the_rule_picks():
    """Best = the physical candidate reproducing the most observations, then the lowest fit
    cost (to 6 decimals), then the fewest free parameters (the rule of
    reentrant.explain.scorecard.best_candidate), applied to the rows here."""
    document = recorded_scorecard()
    rows = document["candidates"]
    assert set(rows) <= set(CANDIDATES)
    physical = [n for n, r in rows.items() if r["physical"]] or list(rows)

    def rank(name):
        row = rows[name]
        reproduced = sum(o["reproduced"] for o in row["observations"].values())
        return (reproduced, -round(row["fit_cost"], 6), -len(row["parameters"]))

    assert document["best"] == max(physical, key=rank)


def test_the_recorded_values_lie_inside_the_current_bounds():
    best = recorded_best()
    for p in best.candidate.parameters:
        assert p.lower <= best.values[p.name] <= p.upper, p.name
    assert set(best.values) == {p.name for p in best.candidate.parameters}


@pytest.mark.slow
def test_the_recorded_device_still_earns_its_verdicts():
    """Re-simulate the best candidate's device with the recorded values on the grid it was
    judged on, judge it again: the same observations are reproduced."""
    document = recorded_scorecard()
    best = recorded_best()
    sim = best.candidate.device(best.values, best.preset).simulate(
        **scoring_grid(document["quick"])
    )
    verdicts = judge_all(sim, magnetic_order=best.candidate.magnetic_order, xi_nm=XI_NM)
    assert tuple(k for k, v in verdicts.items() if v.reproduced) == best.reproduced


def test_default_device_is_the_recorded_best():
    best = recorded_best()
    device = default_device()
    expected = best.candidate.device(best.values, best.preset)
    assert type(device.tc_provider) is type(expected.tc_provider)
    assert device.parameters == expected.parameters
    if isinstance(expected.tc_provider, PairingTc):
        assert device.tc_provider == expected.tc_provider
    else:
        with pytest.raises(ParameterError, match="isotropic"):
            default_device(angle=30.0)
