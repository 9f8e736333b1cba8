"""Tests of the HTML page: self-contained images, escaped captions, the comparison table."""

import base64

import matplotlib.pyplot as plt
import pytest

from reentrant.explain.observations import OBSERVATIONS
from reentrant.report.figures import FigureRecord
from reentrant.report.html import describe, render


@pytest.fixture
def records(tmp_path):
    out = []
    for k in range(2):
        fig, ax = plt.subplots(figsize=(1, 1))
        png = tmp_path / f"f{k}.png"
        fig.savefig(png)
        plt.close(fig)
        out.append(
            FigureRecord(f"f{k}", f"title <{k}>", "caption & more", png, png.with_suffix(".pdf"))
        )
    return out


def _summary(window):
    q = {"value": 1.0, "units": "T"}
    return {
        "package_version": "0.1.0",
        "config": {"preset": "lto-kto-110", "quick": False},
        "tc0_per_gate": {"tc0": {"value": [0.3, 0.5], "units": "K"}},
        "paper_model": {
            a: {
                "reentrant": False,
                "tc_min": {"value": None, "units": "K"},
                "field_min": q,
                "window": {"field": window, "units": "T"},
                "unverified_minimum": None,
                "sampling_converged": True,
            }
            for a in ("full", "upper-branch")
        },  # fmt: skip
        "reentrant_window_temperature": {"value": 0.33, "units": "K"},
        "pauli_limit_range": {"value": [0.6, 0.9], "units": "T"},
        "flux_penetration": {"field": q, "coherence_length": q, "width": q, "circular": True,
                             "coherence_length_source": "back-derived"},
        "gives_reentrance": {"pauli": False, "jaccarino-peter": True},
        "paper": {"pauli_limit_range": q, "cusp_field": q, "flux_width": q},
        "scorecard": {"a": _row("a", False), "b": _row("b", True)},
        "best": "b",
        "o4": {
            "reproduced_by": [],
            "closest": {"candidate": "a", "missed": [{"residual": "no_peak_cold",
                        "asks": "no peak at 90 mK"}], "of": 6, "residual_norm": 0.5},
        },
    }  # fmt: skip


def _row(name, physical):
    verdict = {"reproduced": False, "model": {"value": None, "units": "T"},
               "paper": {"value": 0.9, "units": "T"}, "reason": "no peak <here>"}  # fmt: skip
    return {
        "title": f"candidate {name}",
        "parameters": {
            "g_factor": {"value": 1.5, "lower": 0.5, "upper": 2.5, "units": "1", "source": "test"}
        },  # fmt: skip
        "physical": physical,
        "fit_cost": 1.0,
        "observations": {o.key: verdict for o in OBSERVATIONS},
        "reproduced": 0,
    }


def test_images_are_embedded_and_text_escaped(records):
    page = render(_summary([0.5, 0.7]), records)
    assert page.count('src="data:image/png;base64,') == len(records)
    encoded = base64.b64encode(records[0].png.read_bytes()).decode()
    assert encoded in page
    assert "title &lt;0&gt;" in page and "caption &amp; more" in page
    assert 'data-total="2"' in page
    assert "0.5 - 0.7 T" in page
    assert "<td>jaccarino-peter</td><td>yes</td>" in page


def test_missing_values_read_none(records):
    page = render(_summary(None), records)
    assert "<td>none</td>" in page
    assert "no re-entrant minimum" in page


def test_no_caveat_about_a_missing_minimum_when_one_is_found(records):
    summary = _summary([0.5, 0.7])
    summary["paper_model"]["full"]["reentrant"] = True
    assert "no re-entrant minimum" not in render(summary, records)


def test_scorecard_at_the_top_with_the_o4_answer_and_the_best_marked(records):
    page = render(_summary(None), records)
    top = page.index("<h2>Figures")
    assert page.index("No candidate reproduces O4") < page.index('id="scorecard"') < top
    assert '<tr data-candidate="b" class="best">' in page and "b (best)" in page
    assert "its fit misses 1 of 6 sub-criteria (no peak at 90 mK)" in page
    assert 'title="no peak &lt;here&gt;"' in page  # reasons escaped
    assert 'id="quick"' not in page and "hidden" in page.split('id="image-check"')[1][:50]


def test_quick_report_is_marked_at_the_top(records):
    summary = _summary(None)
    summary["config"]["quick"] = True
    page = render(summary, records)
    assert page.index("Quick preview") < page.index("Which mechanism")


def test_circular_coherence_length_is_said_and_a_sourced_one_named(records):
    summary = _summary(None)
    assert "circular" in render(summary, records)
    summary["flux_penetration"] |= {"circular": False, "coherence_length_source": "my B_c2"}
    page = render(summary, records)
    assert "(my B_c2)" in page and "back-derived from the paper's w" not in page


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"value": 0.9, "units": "T"}, "0.9 T"),
        ({"value": None, "units": "T"}, "none"),
        ({"range": [0.32, 0.48], "units": "K"}, "0.32 - 0.48 K"),
        ({"range": [2.5, 12.0], "lower_bound": True, "units": "T"}, "2.5 - > 12 T"),
        ({"range": [12.0, 12.0], "lower_bound": True, "units": "T"}, "> 12 T"),
        ({"lower_bound": 9.0, "trend": "decreasing with V_BG", "units": "T"},
         "> 9 T; decreasing with V_BG"),
        ({"trend": "no hysteresis", "units": ""}, "no hysteresis"),
    ],
)  # fmt: skip
def test_values_in_words(value, text):
    assert describe(value) == text
