"""The report's scorecard: rows through NetCDF, the best and the closest to O4, claims vs data.

A test candidate whose T_c(B) dips at 0.9 T (re-entrant by construction) and the Pauli limit
(never re-entrant) are scored on the quick grid, written as data.nc's ``scorecard`` group and
rebuilt; what summary.json and the page claim is checked against the written traces
(:mod:`report_claims`, plain numpy) and against the textbook facts of each T_c(B).
"""

import json

import numpy as np
import pytest
import xarray as xr
from fake_mechanisms import DipTc
from report_claims import check_o4_claims, check_page_table, local_maxima

from reentrant.explain.candidates import CANDIDATES, Candidate, Parameter, _closed_form, candidate
from reentrant.explain.fit import CandidateFit
from reentrant.explain.scorecard import Score, score_candidate, scorecard_json
from reentrant.io.output import write_netcdf
from reentrant.report.config import make_config
from reentrant.report.device_analysis import analyse_device
from reentrant.report.html import headline, scorecard_table
from reentrant.report.pipeline import best_device_step
from reentrant.report.scoring import (
    O4_RESIDUALS,
    closest_to_o4,
    join_rows,
    o4_distance,
    score_row,
    scorecard_summary,
    scores_from,
)

#: T_c(B) = T_c0 (1 - depth exp(-(B - 0.9)^2 / 2 (0.08 T)^2)): a minimum at the paper's cusp.
CUSP = Candidate(
    "cusp",
    "a T_c(B) minimum at 0.9 T (test)",
    (Parameter("depth", 0.3, 0.02, 0.8, "1", "test"),),
    _closed_form(lambda tc0, depth: DipTc(tc0, depth, width=2 * 0.08**2, center_t=0.9)),
)


@pytest.fixture(scope="module")
def scored():
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(CANDIDATES, CUSP.name, CUSP)
        scores = [
            score_candidate(c, quick=True, max_evaluations=60) for c in (CUSP, candidate("pauli"))
        ]
        yield scores


@pytest.fixture(scope="module")
def written(scored, tmp_path_factory):
    path = tmp_path_factory.mktemp("scores") / "data.nc"
    write_netcdf({"scorecard": join_rows([score_row(s) for s in scored])}, path)
    return xr.load_dataset(path, group="scorecard", engine="h5netcdf")


def test_rows_survive_the_file_and_rebuild_the_same_scorecard(scored, written):
    assert list(written.candidate.values) == ["cusp", "pauli"]
    assert json.loads(json.dumps(scorecard_json(scores_from(written)))) == json.loads(
        json.dumps(scorecard_json(scored))
    )
    assert written.attrs["best_candidate"] == "cusp"
    assert written.trace_r_xx.attrs["units"] == "Ohm"


def test_claims_agree_with_the_written_traces(written):
    summary = json.loads(json.dumps(scorecard_summary(scores_from(written))))
    # the dip at 0.9 T gives the peak at 330 mK and not at 90 mK; the Pauli limit never does
    assert check_o4_claims(written, summary) == 1
    assert summary["o4"]["reproduced_by"] == ["cusp"] and summary["best"] == "cusp"
    page = headline(summary) + scorecard_table(summary)
    check_page_table(page, summary)


def test_page_check_catches_a_cell_that_disagrees(written):
    # negative control: flip one verdict on the page only
    summary = json.loads(json.dumps(scorecard_summary(scores_from(written))))
    page = headline(summary) + scorecard_table(summary)
    wrong = page.replace('data-observation="O4" data-reproduced="yes"',
                         'data-observation="O4" data-reproduced="no"', 1)  # fmt: skip
    with pytest.raises(AssertionError):
        check_page_table(wrong, summary)


def test_the_pauli_limit_fails_o4_for_want_of_a_peak(written):
    # a Pauli-limited R_xx(B) rises monotonically to R_N: no local maximum anywhere
    pauli = written.sel(candidate="pauli")
    r_n = float(pauli.trace_r_normal)
    for t in pauli.temperature.values:
        r = pauli.trace_r_xx.sel(temperature=t)
        assert local_maxima(r.field.values, r.values, r_n) == []


def _score(name, residuals):
    fit = CandidateFit({}, {"tc0": 5.0, **residuals}, 1.0, True, 1)
    return Score(candidate(name), fit, {}, None)


def test_closest_counts_missed_sub_criteria_then_their_norm():
    zero = dict.fromkeys(O4_RESIDUALS, 0.0)
    one = _score("pauli", {**zero, "peak_visible": 3.0})  # one miss, large
    two = _score("orbital", {**zero, "peak_visible": 0.1, "no_peak_cold": 0.1})
    also_one = _score("fulde-ferrell", {**zero, "peak_inside": 0.5})
    assert o4_distance(two).missed == ("peak_visible", "no_peak_cold")
    assert o4_distance(two).norm == pytest.approx(np.hypot(0.1, 0.1), rel=1e-12)
    assert closest_to_o4([one, two, also_one]).candidate == "fulde-ferrell"
    assert closest_to_o4([one, two]).candidate == "pauli"  # fewer misses beats a smaller norm


def test_o4_residuals_are_residuals_of_the_fit(scored):
    assert set(O4_RESIDUALS) <= set(scored[0].fit.residuals)


def test_best_device_is_the_best_candidate_with_its_fitted_values(scored):
    config = make_config(quick=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(CANDIDATES, CUSP.name, CUSP)
        ds = best_device_step(config, scored)
    assert ds.attrs["candidate"] == "cusp"
    assert json.loads(ds.attrs["fitted_parameters"]) == scored[0].fit.values
    # its input T_c(B) at every gate dips by the fitted depth at 0.9 T (the closed form)
    depth = scored[0].fit.values["depth"]
    tc = ds.tc.sel(field=[0.0, 0.9])
    np.testing.assert_allclose(tc.sel(field=0.9) / tc.sel(field=0.0), 1 - depth, rtol=1e-9)
    # the analysis finds the resistive peak at +50 V near 0.9 T at 330 mK, none at 90 mK
    peaks = analyse_device(ds).sel(gate_voltage=50.0)
    assert abs(float(peaks.peak_position.sel(temperature=0.33)) - 0.9) <= 0.15
    assert float(peaks.peak_amplitude.sel(temperature=0.09)) == 0.0
