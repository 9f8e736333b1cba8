"""``reentrant explain``: the scorecard's JSON and files, on cheap candidates."""

import dataclasses
import json

import pytest
import xarray as xr
from fake_mechanisms import DipTc
from typer.testing import CliRunner

from reentrant.cli import app
from reentrant.explain.candidates import CANDIDATES, Candidate, Parameter, _closed_form

#: A T_c(B) minimum at the paper's 0.9 T (re-entrant by construction), with a small fit budget.
CUSP = Candidate(
    "cusp",
    "a T_c(B) minimum at 0.9 T (test)",
    (Parameter("depth", 0.6, 0.02, 0.8, "1", "test"),),
    _closed_form(lambda tc0, depth: DipTc(tc0, depth, width=2 * 0.08**2, center_t=0.9)),
    scan=2,
    evaluations=8,
)


def test_json_names_the_best_and_the_files_hold_the_same(tmp_path):
    pauli = dataclasses.replace(CANDIDATES["pauli"], scan=2, evaluations=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(CANDIDATES, CUSP.name, CUSP)
        patch.setitem(CANDIDATES, "pauli", pauli)
        args = ["explain", "--quick", "--candidate", "cusp", "--candidate", "pauli"]
        result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "x"), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["best"] == "cusp" and document["preset"] == "lto-kto-110"
    assert document["quick"] is True and set(document["candidates"]) == {"cusp", "pauli"}
    # the Pauli limit (B_P = 1.86 T/K x T_c at g = 2) cannot reach 9 T at any g >= 0.5 (O3)
    assert not document["candidates"]["pauli"]["observations"]["O3"]["reproduced"]
    assert json.loads((tmp_path / "x" / "scorecard.json").read_text()) == document
    ds = xr.load_dataset(tmp_path / "x" / "scorecard.nc")
    assert list(ds.candidate.values) == ["cusp", "pauli"] and ds.attrs["best_candidate"] == "cusp"
    for name in ("cusp", "pauli"):
        marks = document["candidates"][name]["observations"]
        for key, verdict in marks.items():
            assert bool(ds.reproduced.sel(candidate=name, observation=key)) == verdict["reproduced"]
