"""End-to-end: ``reentrant reproduce --quick`` writes every promised file, consistent with data.nc.

One quick run (module fixture) serves all tests; a second run must come from the cache.  The
browser test opens index.html in headless Chromium and counts decoded images.
"""

import json
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest
from numpy.testing import assert_allclose
from report_claims import check_o4_claims, check_page_table, local_maxima
from scipy import constants
from typer.testing import CliRunner

from reentrant.cli import app, run_guarded
from reentrant.explain.candidates import CANDIDATES
from reentrant.report.config import make_config
from reentrant.report.figures import FIGURES
from reentrant.report.pipeline import steps
from reentrant.report.run import GROUPS, read_data

pytestmark = pytest.mark.slow


def _run(*args):
    result = CliRunner().invoke(app, ["reproduce", *args])
    assert result.exit_code == 0, result.output
    return result


#: The closed-form candidates only: each solver-based one costs minutes (tests/explain covers
#: them on their own).
CLOSED_FORM = [name for name, c in CANDIDATES.items() if c.kind == "closed-form"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    config = out.parent / "preview.toml"
    config.write_text(f"candidates = {json.dumps(CLOSED_FORM)}\n")
    start = time.perf_counter()
    _run("--quick", "--jobs", "2", "--config", str(config), "--out", str(out))
    return out, time.perf_counter() - start


def test_every_promised_file_exists_and_is_not_empty(report):
    out, _ = report
    names = ["data.nc", "summary.json", "index.html"]
    names += [f"{name}.{suffix}" for name in FIGURES for suffix in ("png", "pdf")]
    for name in names:
        assert (out / name).stat().st_size > 0, name
    for fig in ("fig1c", "fig1d", "fig1e", "fig2b", "fig2c", "fig2d", "fig3a", "fig3b"):
        assert fig in FIGURES
    assert {"phase_diagram", "mechanisms", "search_map"} <= set(FIGURES)


def test_summary_matches_data(report):
    out, _ = report
    numbers = json.loads((out / "summary.json").read_text())
    data = read_data(out / "data.nc")
    assert set(data) == set(GROUPS)
    device, est = data["device"], data["estimates"]
    assert est.tc0.attrs["units"] == "K" and device.r_xx.attrs["units"] == "Ohm"
    # T_c0 per gate is the device's T_c at B = 0
    assert_allclose(numbers["tc0_per_gate"]["tc0"]["value"], device.tc.sel(field=0.0).values)
    assert_allclose(numbers["tc0_per_gate"]["gate_voltage"]["value"], device.gate_voltage)
    # B_P = sqrt(2) Delta_0 / (g mu_B), Delta_0 = (pi e^-gamma) k_B T_c (Clogston), g = 2
    mu_b = constants.physical_constants["Bohr magneton"][0]
    tc0 = device.tc.sel(field=0.0).values
    bp = np.sqrt(2) * np.pi * np.exp(-np.euler_gamma) * constants.k * tc0 / (2 * mu_b)
    assert_allclose(numbers["pauli_limit_range"]["value"], [bp.min(), bp.max()], rtol=1e-9)
    # w = Phi0 / (B xi)
    flux = numbers["flux_penetration"]
    phi0 = constants.h / (2 * constants.e)
    w = phi0 / (flux["field"]["value"] * flux["coherence_length"]["value"] * 1e-9) * 1e9
    assert_allclose(flux["width"]["value"], w, rtol=1e-12)
    assert_allclose(float(est.flux_width), w, rtol=1e-12)
    # T_c^min and re-entrance of the paper's model, per approximation, against data.nc
    for approx, step in (("full", "paper_full"), ("upper-branch", "paper_upper")):
        entry = numbers["paper_model"][approx]
        row = est.sel(approx=approx)
        assert entry["reentrant"] == bool(row.paper_reentrant)
        if entry["reentrant"]:
            curve = data[step].tc.values
            assert curve.min() - 1e-9 <= entry["tc_min"]["value"] <= curve.max()
        else:
            assert entry["tc_min"]["value"] is None
    flags = dict(zip(est.mechanism.values, est.gives_reentrance.values, strict=True))
    assert numbers["gives_reentrance"] == {str(k): bool(v) for k, v in flags.items()}
    # Jaccarino-Peter compensation is re-entrant by construction, the Pauli limit never is
    assert numbers["gives_reentrance"]["jaccarino-peter"] is True
    assert numbers["gives_reentrance"]["pauli"] is False
    assert numbers["paper"]["cusp_field"] == {"value": 0.9, "units": "T"}


def test_scorecard_claims_match_the_data_and_the_page(report):
    out, _ = report
    numbers = json.loads((out / "summary.json").read_text())
    data = read_data(out / "data.nc")
    check_o4_claims(data["scorecard"], numbers)
    check_page_table((out / "index.html").read_text(), numbers)
    assert data["scorecard"].attrs["best_candidate"] == numbers["best"]
    # the best candidate's device is the one drawn beside the paper's model
    best = data["best_device"]
    assert best.attrs["candidate"] == numbers["best"]
    fitted = json.loads(best.attrs["fitted_parameters"])
    assert fitted == {
        k: v["value"] for k, v in numbers["scorecard"][numbers["best"]]["parameters"].items()
    }


def test_figure_grids_hold_what_the_captions_name(report):
    out, _ = report
    data = read_data(out / "data.nc")
    page = (out / "index.html").read_text()
    for group in ("device", "best_device"):
        device = data[group]
        assert 50.0 in device.gate_voltage.values  # Fig. 2c: +50 V in title and caption
        assert {0.09, 0.15, 0.2, 0.25, 0.33, 0.9} <= set(np.round(device.temperature.values, 6))
    assert "Fig. 2c analogue: R_xx(B) at V_BG = +50 V, 90-900 mK" in page
    assert "Quick preview" in page[: page.index("Which mechanism")]


def test_peak_amplitudes_agree_with_the_sweeps(report):
    # where the analysis found no resistive peak, no R_xx(B) sweep has a local maximum that
    # rises 1 % of R_N above its surroundings with superconducting ground on both sides
    out, _ = report
    data = read_data(out / "data.nc")
    for device, analysis in (
        ("device", "device_analysis"),
        ("best_device", "best_device_analysis"),
    ):
        ds, found = data[device], data[analysis]
        r = ds.r_xx.sel(channel="001")
        for t in found.temperature.values:
            for v in found.gate_voltage.values:
                amp = float(found.peak_amplitude.sel(temperature=t, gate_voltage=v))
                sweep = r.sel(temperature=t, gate_voltage=v).values
                r_n = float(ds.r_normal.sel(channel="001", gate_voltage=v))
                maxima = local_maxima(ds.field.values, sweep, r_n)
                sc_below = [b for b in maxima if sweep[ds.field.values < b].min() <= 0.1 * r_n]
                if amp == 0.0:
                    assert not [
                        b for b in sc_below if sweep[ds.field.values > b].min() <= 0.1 * r_n
                    ], (device, t, v)
                else:
                    position = float(found.peak_position.sel(temperature=t, gate_voltage=v))
                    assert any(abs(b - position) <= 0.1 for b in maxima), (device, t, v)


def test_second_run_only_redraws(report):
    out, first = report
    start = time.perf_counter()
    config = out.parent / "preview.toml"
    result = _run("--quick", "--config", str(config), "--out", str(out), "--format", "json")
    chosen = make_config(quick=True, config={"candidates": CLOSED_FORM})
    assert result.output.count("from cache") == len(steps(chosen))
    assert time.perf_counter() - start < first
    (line,) = [x for x in result.output.splitlines() if x.startswith("{")]
    files = json.loads(line)["files"]
    assert len(files) == 3 + 2 * len(FIGURES)
    assert str(out / "data.nc") in files and str(out / "index.html") in files


@pytest.mark.parametrize(
    ("config", "options", "message"),
    [
        ("colour = 1\n", [], "unknown config key 'colour'"),
        ("[model]\ndelt = 1\n", [], "unknown parameter 'delt'"),
        ("tolerance = 0\n", [], "tolerance must lie in (0, 0.1]"),
        ("tolerance = \n", [], "invalid TOML"),
        ("", ["--preset", "bcs-2d"], "reduced units"),
        ("", ["--jobs", "0"], "--jobs must be an integer from 1 to 64"),
        ("", ["--format", "xml"], "format"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(
    config, options, message, tmp_path, capsys, monkeypatch
):
    path = tmp_path / "c.toml"
    path.write_text(config)
    argv = ["reentrant", "reproduce", "--config", str(path), "--out", str(tmp_path), *options]
    monkeypatch.setattr(sys, "argv", argv)
    code = run_guarded(app)
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]
    assert not (tmp_path / "summary.json").exists()


def _images_loaded(page, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (.ci/run installs it in CI)")
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    match = re.search(r'id="image-check" data-loaded="(\d+)" data-total="(\d+)"', dom)
    assert match, "the page's image check did not run"
    return int(match.group(1)), int(match.group(2))


def test_every_image_loads_in_a_headless_browser(report, tmp_path):
    out, _ = report
    loaded, total = _images_loaded(out / "index.html", tmp_path)
    assert total == len(FIGURES)
    assert loaded == total


def test_browser_check_detects_a_broken_image(report, tmp_path):
    # negative control: the same page with one image's data corrupted reports it
    out, _ = report
    page = (out / "index.html").read_text()
    broken = re.sub(
        r"data:image/png;base64,[A-Za-z0-9+/=]{40}", "data:image/png;base64,AAAA", page, count=1
    )
    path = tmp_path / "broken.html"
    path.write_text(broken)
    loaded, total = _images_loaded(path, tmp_path)
    assert (loaded, total) == (len(FIGURES) - 1, len(FIGURES))
