"""``index.html``: one self-contained page with the figures embedded (base64 PNG) and captioned.

At the top: whether this is a quick preview, the answer to the paper's central observation
(O4, the 0.9 T resistive peak: which candidates reproduce it, or plainly that none does and
which comes closest), and the scorecard as a table (candidates x observations: reproduced or
not, the model's value beside the paper's, physical fit or not, the best candidate marked).
Every cell carries its verdict and values as ``data-`` attributes, the same numbers as
``summary.json``.

The page needs no other file (the PDFs beside it are linked, not required).  A short script
writes how many images decoded (``naturalWidth > 0``) into the hidden ``#image-check`` so a
headless browser can verify the page (``chromium --headless --dump-dom``).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from typing import Any

from reentrant.explain.observations import OBSERVATIONS
from reentrant.report.figures import FigureRecord

_STYLE = """
body { font-family: sans-serif; max-width: 72em; margin: 2em auto; line-height: 1.4; }
figure { margin: 2em 0; } figure img { max-width: 100%; }
figcaption { font-size: 0.92em; color: #333; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.2em 0.5em; }
#scorecard td { font-size: 0.85em; vertical-align: top; }
#scorecard td.yes { background: #e3f4e3; } #scorecard td.no { background: #fbe9e9; }
#scorecard tr.best th { background: #fff3c4; }
.value { color: #333; } .paper { color: #777; }
.quick { background: #fff3c4; border: 1px solid #d8b400; padding: 0.5em 1em; }
.headline { font-size: 1.1em; border-left: 4px solid #c33; padding-left: 0.8em; }
.headline.found { border-left-color: #3a3; }
"""

_CHECK = """
window.addEventListener("load", function () {
  var imgs = document.images, ok = 0;
  for (var i = 0; i < imgs.length; i++) {
    if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; }
  }
  var el = document.getElementById("image-check");
  el.setAttribute("data-loaded", ok);
  el.setAttribute("data-total", imgs.length);
});
"""


def _fmt(quantity: dict[str, Any] | None, digits: int = 3) -> str:
    if quantity is None or quantity.get("value") is None:
        return "none"
    value = quantity["value"]
    if isinstance(value, list):
        text = " - ".join(f"{v:.{digits}g}" for v in value)
    else:
        text = f"{value:.{digits}g}"
    return f"{text} {quantity['units']}"


def comparison_rows(summary: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(quantity, ours, paper) rows of the comparison table."""
    paper = summary["paper"]
    full = summary["paper_model"]["full"]
    upper = summary["paper_model"]["upper-branch"]
    window = full["window"]["field"]
    tc0 = summary["tc0_per_gate"]["tc0"]["value"]
    flux = summary["flux_penetration"]
    return [
        ("T_c0 over the gate range", _fmt({"value": [min(tc0), max(tc0)], "units": "K"}),
         "0.3 - 0.5 K (Fig. 1e)"),
        ("Pauli limit B_P over the gate range", _fmt(summary["pauli_limit_range"]),
         _fmt(paper["pauli_limit_range"])),
        ("T_c^min, B_min (both branches)", f"{_fmt(full['tc_min'])}, {_fmt(full['field_min'])}",
         f"cusp at {_fmt(paper['cusp_field'])}"),
        ("T_c^min, B_min (upper branch, Eq. 2)",
         f"{_fmt(upper['tc_min'])}, {_fmt(upper['field_min'])}", "minimum exists (Fig. 3b)"),
        (f"re-entrant window at {_fmt(summary['reentrant_window_temperature'])}",
         "none" if window is None else f"{window[0]:.3g} - {window[1]:.3g} T",
         "resistive peak at 0.9 T (Fig. 2b, c)"),
        (f"flux-penetration w at {_fmt(flux['field'])}, xi = {_fmt(flux['coherence_length'])}"
         + (" (back-derived from the paper's w: circular)" if flux["circular"] else
            f" ({flux['coherence_length_source']})"),
         _fmt(flux["width"]), f"about {_fmt(paper['flux_width'])}"),
    ]  # fmt: skip


def notes(summary: dict[str, Any]) -> list[str]:
    """Plain-language caveats of the comparison, derived from the numbers."""
    flux = summary["flux_penetration"]
    model = summary["paper_model"]
    reentrant = any(entry["reentrant"] for entry in model.values())
    if flux["circular"]:
        xi = (
            "The coherence length used for w is an input (coherence_length_nm) with no source "
            "given: its default is back-derived from the paper's own w = 45 nm at 0.9 T (the "
            "paper's perpendicular-field xi is in its Supplementary Information), so the w row "
            "and O7 check the formula w = Phi0 / (B xi), not a measurement.  Set "
            "coherence_length_nm and coherence_length_source in a config file to test it."
        )
    else:
        xi = f"The coherence length is an input: {flux['coherence_length_source']}."
    out = [
        xi,
        "The paper's-model device's T_c(B, V_BG) comes from the pairing solver on the Eq. (1) "
        "band with one coupling for all gate voltages (its Fermi level 3 meV above the van Hove "
        "energy at V_BG = 0, so that the gate keeps it on one side of the peak); its Figs. 2b-d "
        "can show a resistive peak only where that T_c(B) is re-entrant"
        + (", which it is here." if reentrant else ", which it is not here."),
    ]
    if not reentrant:
        out.append(
            "With these preset parameters the Eq. (1) T_c(B) has no re-entrant minimum on the "
            "computed field points (no T_c^min, no window); the parameter-search map shows where "
            "in the model's parameter space a minimum appears."
        )
    for approx, entry in model.items():
        suspect = entry["unverified_minimum"]
        if suspect is not None:
            out.append(
                f"The {approx} curve dips to {_fmt(suspect['tc'])} at {_fmt(suspect['field'])} "
                "and rises again by more than the noise allowance, but the optimal pair momentum "
                "jumps to another branch there: the solver may have missed the other branch on "
                "one side, so this minimum is not counted as re-entrance."
            )
        if not entry["sampling_converged"]:
            out.append(
                f"The {approx} curve did not reach its field resolution within max_field_points: "
                "T_c may change by more than 5 % of T_c0 between some computed fields."
            )
    return out


def describe(value: dict[str, Any]) -> str:
    """A model's or the paper's number for an observation, in words: value, range, bound, trend.

    ``value`` is an observation's JSON form (:class:`reentrant.explain.extract.Verdict`):
    ``{"value": x}``, ``{"range": [lo, hi]}``, ``{"lower_bound": x}`` and/or ``{"trend": ...}``
    with ``"units"``; a boolean ``lower_bound`` marks the range's top as a lower bound.
    """
    units = value.get("units", "")
    unit = f" {units}" if units else ""
    parts = []
    if "value" in value:
        parts.append("none" if value["value"] is None else f"{value['value']:.3g}{unit}")
    if "range" in value:
        rng = value["range"]
        top = "> " if value.get("lower_bound") is True else ""
        if rng is None:
            parts.append("none")
        elif rng[0] == rng[1]:
            parts.append(f"{top}{rng[1]:.3g}{unit}")
        else:
            parts.append(f"{rng[0]:.3g} - {top}{rng[1]:.3g}{unit}")
    bound = value.get("lower_bound")
    if isinstance(bound, int | float) and not isinstance(bound, bool):
        parts.append(f"> {bound:g}{unit}")
    if "trend" in value:
        parts.append(str(value["trend"]))
    return "; ".join(parts) or "-"


def _cell(observation: str, verdict: dict[str, Any]) -> str:
    esc = html.escape
    mark = "yes" if verdict["reproduced"] else "no"
    return (
        f'<td class="{mark}" data-observation="{esc(observation)}" data-reproduced="{mark}" '
        f"data-model='{esc(json.dumps(verdict['model']), quote=True)}' "
        f"data-paper='{esc(json.dumps(verdict['paper']), quote=True)}' "
        f'title="{esc(verdict["reason"])}"><b>{mark}</b><br>'
        f'<span class="value">model: {esc(describe(verdict["model"]))}</span><br>'
        f'<span class="paper">paper: {esc(describe(verdict["paper"]))}</span></td>'
    )


def _parameters(row: dict[str, Any]) -> str:
    out = []
    for name, p in row["parameters"].items():
        units = "" if p["units"] in ("", "1") else f" {p['units']}"
        out.append(f"{name} = {p['value']:.3g}{units} [{p['lower']:.3g}, {p['upper']:.3g}]")
    return "<br>".join(html.escape(x) for x in out) or "none"


def scorecard_table(summary: dict[str, Any]) -> str:
    """The scorecard as an HTML table: candidates x observations, the best row marked."""
    esc = html.escape
    card, best = summary["scorecard"], summary["best"]
    keys = [o.key for o in OBSERVATIONS]
    head = "".join(f'<th title="{esc(o.title)}">{esc(o.key)}</th>' for o in OBSERVATIONS)
    rows = []
    for name, row in card.items():
        label = esc(name) + (" (best)" if name == best else "")
        physical = "yes" if row["physical"] else "no"
        cells = "".join(_cell(k, row["observations"][k]) for k in keys)
        marked = ' class="best"' if name == best else ""
        rows.append(
            f'<tr data-candidate="{esc(name)}"{marked}>'
            f'<th title="{esc(row["title"])}">{label}</th>'
            f'<td data-physical="{physical}">{physical}</td>'
            f"<td>{_parameters(row)}</td>{cells}</tr>"
        )
    return (
        '<table id="scorecard"><tr><th>candidate</th><th>physical fit</th>'
        f"<th>fitted parameters [cited bounds]</th>{head}</tr>{''.join(rows)}</table>"
    )


def headline(summary: dict[str, Any]) -> str:
    """The answer on O4 in one paragraph: who reproduces it, or that none does and the closest."""
    esc = html.escape
    o4 = summary["o4"]
    if o4["reproduced_by"]:
        names = ", ".join(o4["reproduced_by"])
        return (
            f'<p class="headline found">O4, the resistive peak at 0.9 T, is reproduced by: '
            f"<b>{esc(names)}</b>.</p>"
        )
    closest = o4["closest"]
    missed = "; ".join(m["asks"] for m in closest["missed"]) or "none"
    title = summary["scorecard"][closest["candidate"]]["title"]
    return (
        '<p class="headline">No candidate reproduces O4, the resistive peak of R_xx(B) at '
        "0.9 T that is the paper's central result.  Closest: "
        f"<b>{esc(closest['candidate'])}</b> ({esc(title)}): its fit misses "
        f"{len(closest['missed'])} of {closest['of']} sub-criteria ({esc(missed)}); O4 "
        f"residual norm {closest['residual_norm']:.3g}.</p>"
    )


def best_sentence(summary: dict[str, Any]) -> str:
    """Which candidate the device figures show beside the paper's model, and why."""
    best = summary["scorecard"][summary["best"]]
    done = [k for k, v in best["observations"].items() if v["reproduced"]]
    return (
        f"<p>Best candidate (the physical fit reproducing the most observations, then the "
        f"lowest fit cost, then the fewest free parameters): "
        f"<b>{html.escape(summary['best'])}</b>, {html.escape(best['title'])}"
        f": {len(done)} of {len(best['observations'])} ({html.escape(', '.join(done))}).  "
        "The device figures below show it beside the paper's model.</p>"
    )


def render(summary: dict[str, Any], figures: Sequence[FigureRecord]) -> str:
    """The HTML text of the report page."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>"
        for a, b, c in comparison_rows(summary)
    )
    caveats = "".join(f"<li>{esc(line)}</li>" for line in notes(summary))
    mechanisms = "".join(
        f"<tr><td>{esc(name)}</td><td>{'yes' if flag else 'no'}</td></tr>"
        for name, flag in summary["gives_reentrance"].items()
    )
    observations = "".join(
        f"<li><b>{esc(o.key)}</b> {esc(o.title)}.  Reproduced if {esc(o.criterion)}.</li>"
        for o in OBSERVATIONS
    )
    blocks = []
    for record in figures:
        data = base64.b64encode(record.png.read_bytes()).decode("ascii")
        blocks.append(
            f'<figure id="{esc(record.name)}"><img alt="{esc(record.title)}" '
            f'src="data:image/png;base64,{data}">'
            f"<figcaption><b>{esc(record.title)}.</b> {esc(record.caption)} "
            f'(<a href="{esc(record.pdf.name)}">PDF</a>)</figcaption></figure>'
        )
    config = "".join(
        f"<tr><td>{esc(k)}</td><td>{esc(json.dumps(v))}</td></tr>"
        for k, v in summary["config"].items()
    )
    quick = (
        '<p class="quick" id="quick"><b>Quick preview</b> (<code>--quick</code>): coarse '
        "grids and fewer fit evaluations; numbers and verdicts may differ from the full "
        "report.</p>"
        if summary["config"]["quick"]
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>reentrant: reproduction of Maryenko et al.</title><style>{_STYLE}</style></head>
<body>
<h1>Re-entrant superconductivity at the (110) LaTiO3-KTaO3 interface: reproduction</h1>
{quick}
<p>Computed by <code>reentrant reproduce</code> {esc(summary["package_version"])} on the
<code>{esc(summary["config"]["preset"])}</code> preset.  All arrays are in <code>data.nc</code>,
the numbers below in <code>summary.json</code>.</p>
<p id="image-check" data-loaded="0" data-total="{len(figures)}" hidden></p>
<h2>Which mechanism explains the experiment?</h2>
{headline(summary)}
{best_sentence(summary)}
<p>Each candidate's free parameters are fitted to the observations within cited bounds, its
device simulated and judged by the analysis code (<code>reentrant explain</code>).  Green:
reproduced; hover over a cell for the reason.</p>
{scorecard_table(summary)}
<ul>{observations}</ul>
<h2>The paper's model, Eq. (1)</h2>
<table><tr><th>quantity</th><th>this computation</th><th>paper</th></tr>{rows}</table>
<ul>{caveats}</ul>
<h2>Does each mechanism give re-entrance?</h2>
<p>An interior minimum of T_c(B) with T_c rising back above solver noise.</p>
<table><tr><th>mechanism</th><th>re-entrant</th></tr>{mechanisms}</table>
<h2>Figures</h2>
{"".join(blocks)}
<h2>Parameters of this run</h2>
<table><tr><th>key</th><th>value</th></tr>{config}</table>
<script>{_CHECK}</script>
</body></html>
"""
