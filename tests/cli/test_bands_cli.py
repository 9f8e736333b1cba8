"""``reentrant bands``: JSON fit of Eq. (1), files in --out, refusal to overwrite, mistakes."""

import json

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

from reentrant.bands.interface import interface_state
from reentrant.bands.saddle import fit_saddle
from reentrant.bands.slab import SlabModel
from reentrant.cli import app, run_guarded

runner = CliRunner()
#: A density whose electron gas is a few layers thick (fast).
ARGS = ["bands", "--density", "2e14", "--layers", "6"]


@pytest.mark.slow
def test_json_fit_and_files_in_out(tmp_path):
    out = tmp_path / "bands"
    out.mkdir()
    (out / "bands.nc").write_text("an older result")  # replaced only because of --force
    result = runner.invoke(app, [*ARGS, "--format", "json", "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("{")]
    data = json.loads(line)
    assert {"mass_heavy", "mass_light", "beta", "delta", "rms"} <= set(data["fit"])
    assert data["density"] == 2e14
    assert data["units"]["mass_heavy"] == "m_e" and data["units"]["beta"] == "meV nm"
    assert data["units"]["delta"] == "meV" and data["units"]["density"] == "cm^-2"
    # the same numbers as the API at 2 nm^-2
    state = interface_state(2.0, model=SlabModel(layers=6))
    fit = fit_saddle(state.model, state.mu)
    assert data["fit"]["delta"] == pytest.approx(fit.delta, abs=1e-6)
    assert data["fit"]["mass_heavy"] == pytest.approx(fit.mass_heavy, rel=1e-9)
    for name in ("bands.nc", "fig1b_orbital.png", "fig1b_orbital.pdf", "fig1b_spin.png"):
        assert (out / name).stat().st_size > 0
    saved = xr.load_dataset(out / "bands.nc")
    assert saved.attrs["delta"] == pytest.approx(fit.delta, abs=1e-6)
    assert np.isclose(saved.layer_density.sum(), 2.0)


def test_refuses_to_overwrite_a_file_it_did_not_write(tmp_path, capsys, monkeypatch):
    out = tmp_path / "bands"
    out.mkdir()
    (out / "fig1b_spin.png").write_text("someone else's figure")
    monkeypatch.setattr("sys.argv", ["reentrant", *ARGS, "--out", str(out)])
    assert run_guarded(app) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fig1b_spin.png exists and was not written by reentrant" in err[0]
    assert (out / "fig1b_spin.png").read_text() == "someone else's figure"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bands", "--density", "-1"], "--density must be positive"),
        (["bands", "--density", "2e15"], "exceeds 1e+15 cm^-2"),
        (["bands", "--layers", "500"], "--layers must be between 1 and 400"),
        (["bands", "--force"], "--force applies to files in --out"),
        (["bands", "--format", "xml"], "unknown format 'xml'"),
        (["bands", "--confinement", "box"], "unknown confinement 'box'"),
    ],
)
def test_user_mistakes_exit_2_with_one_error_line(args, message, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["reentrant", *args])
    assert run_guarded(app) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
