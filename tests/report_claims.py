"""Checks that what a report claims agrees with the data it wrote (used by the report tests).

The O4 check reads the R_xx(B) traces of data.nc's ``scorecard`` group and looks for a local
maximum itself (plain numpy, not the package's peak finder); the page check parses index.html
with the standard library's HTML parser and compares every scorecard cell with summary.json.
"""

import json
from html.parser import HTMLParser

import xarray as xr

PEAK_FIELD_T, WINDOW_T = 0.9, 0.15
HOT_K, COLD_K = 0.33, 0.09


def local_maxima(field, r, r_normal, prominence=0.01, reach_t=0.5):
    """Fields of the local maxima of r(B) that rise by >= prominence x R_N above the lowest
    point within reach_t on both sides (strict maxima; plateaus are not peaks)."""
    found = []
    for i in range(1, field.size - 1):
        if not (r[i] > r[i - 1] and r[i] >= r[i + 1]):
            continue
        left = r[(field >= field[i] - reach_t) & (field < field[i])]
        right = r[(field > field[i]) & (field <= field[i] + reach_t)]
        if min(r[i] - left.min(), r[i] - right.min()) >= prominence * r_normal:
            found.append(float(field[i]))
    return found


def peak_near_cusp(trace: xr.DataArray, r_normal: float, temperature: float) -> list[float]:
    """Local maxima of R_xx(B) at ``temperature`` within 0.15 T of 0.9 T."""
    r = trace.sel(temperature=temperature, method="nearest")
    assert abs(float(r.temperature) - temperature) < 1e-9, "temperature not on the grid"
    maxima = local_maxima(r.field.values, r.values, r_normal)
    return [b for b in maxima if abs(b - PEAK_FIELD_T) <= WINDOW_T]


def check_o4_claims(scorecard: xr.Dataset, summary: dict) -> int:
    """Every candidate's O4 verdict in summary.json against its traces in data.nc.

    Reproduced: a local maximum within 0.15 T of 0.9 T at 330 mK and none at 90 mK.  Not
    reproduced: either the traces lack that pattern, or the verdict found the peak (its model
    value) and names another sub-criterion it misses.  Returns how many claimed O4.
    """
    claimed = 0
    card = summary["scorecard"]
    assert sorted(card) == sorted(str(c) for c in scorecard.candidate.values)
    for name, row in card.items():
        data = scorecard.sel(candidate=name)
        trace, r_n = data.trace_r_xx, float(data.trace_r_normal)
        hot, cold = peak_near_cusp(trace, r_n, HOT_K), peak_near_cusp(trace, r_n, COLD_K)
        verdict = row["observations"]["O4"]
        assert bool(data.reproduced.sel(observation="O4")) == verdict["reproduced"], name
        if verdict["reproduced"]:
            claimed += 1
            assert hot and not cold, f"{name}: O4 claimed, data: 330 mK {hot}, 90 mK {cold}"
            assert abs(verdict["model"]["value"] - hot[0]) <= WINDOW_T
        elif hot and not cold:
            assert verdict["model"]["value"] is not None, f"{name}: peak in data, none judged"
            assert ";" in verdict["reason"], f"{name}: no missed sub-criterion named"
    return claimed


class _Table(HTMLParser):
    """Rows of the scorecard table: candidate, its class, and the data- attributes of cells."""

    def __init__(self):
        super().__init__()
        self.rows, self.inside = {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "scorecard":
            self.inside = True
        elif self.inside and tag == "tr" and "data-candidate" in attrs:
            self.current = attrs["data-candidate"]
            self.rows[self.current] = {"best": attrs.get("class") == "best", "cells": {}}
        elif self.inside and tag == "td" and "data-physical" in attrs:
            self.rows[self.current]["physical"] = attrs["data-physical"]
        elif self.inside and tag == "td" and "data-observation" in attrs:
            self.rows[self.current]["cells"][attrs["data-observation"]] = attrs

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False


def check_page_table(page: str, summary: dict) -> None:
    """The page's scorecard table says exactly what summary.json says; O4's headline too."""
    parser = _Table()
    parser.feed(page)
    card = summary["scorecard"]
    assert list(parser.rows) == list(card)
    for name, row in card.items():
        shown = parser.rows[name]
        assert shown["best"] == (name == summary["best"])
        assert shown["physical"] == ("yes" if row["physical"] else "no")
        assert set(shown["cells"]) == set(row["observations"])
        for key, verdict in row["observations"].items():
            cell = shown["cells"][key]
            assert cell["data-reproduced"] == ("yes" if verdict["reproduced"] else "no")
            assert json.loads(cell["data-model"]) == verdict["model"]
            assert json.loads(cell["data-paper"]) == verdict["paper"]
    o4 = summary["o4"]
    top = page.index('id="scorecard"')
    if o4["reproduced_by"]:
        assert "is reproduced by" in page[:top]
        assert all(name in page[:top] for name in o4["reproduced_by"])
    else:
        assert "No candidate reproduces O4" in page[:top]
        assert o4["closest"]["candidate"] in page[:top]
