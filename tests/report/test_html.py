"""Tests of the HTML page: self-contained images, escaped captions, the comparison table."""

import base64

import matplotlib.pyplot as plt
import pytest

from reentrant.report.figures import FigureRecord
from reentrant.report.html import render


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
        "config": {"preset": "lto-kto-110"},
        "tc0_per_gate": {"tc0": {"value": [0.3, 0.5], "units": "K"}},
        "paper_model": {
            a: {
                "reentrant": False,
                "tc_min": {"value": None, "units": "K"},
                "field_min": q,
                "window": {"field": window, "units": "T"},
            }
            for a in ("full", "upper-branch")
        },  # fmt: skip
        "reentrant_window_temperature": {"value": 0.33, "units": "K"},
        "pauli_limit_range": {"value": [0.6, 0.9], "units": "T"},
        "flux_penetration": {"field": q, "coherence_length": q, "width": q},
        "gives_reentrance": {"pauli": False, "jaccarino-peter": True},
        "paper": {"pauli_limit_range": q, "cusp_field": q, "flux_width": q},
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
