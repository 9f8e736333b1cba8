"""``index.html``: one self-contained page with the figures embedded (base64 PNG) and captioned.

The page needs no other file (the PDFs beside it are linked, not required).  A short script
writes how many images decoded (``naturalWidth > 0``) into ``#image-check`` so a headless
browser can verify the page (``chromium --headless --dump-dom``).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from typing import Any

from reentrant.report.figures import FigureRecord

_STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }
figure { margin: 2em 0; } figure img { max-width: 100%; }
figcaption { font-size: 0.92em; color: #333; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.2em 0.6em; }
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
  el.textContent = ok + " of " + imgs.length + " images loaded";
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
        (f"flux-penetration w at {_fmt(flux['field'])}, xi = {_fmt(flux['coherence_length'])}",
         _fmt(flux["width"]), f"about {_fmt(paper['flux_width'])}"),
    ]  # fmt: skip


def notes(summary: dict[str, Any]) -> list[str]:
    """Plain-language caveats of the comparison, derived from the numbers."""
    out = [
        "The coherence length used for w is an input (coherence_length_nm); its default, 51 nm, "
        "is the value implied by the paper's own w = 45 nm at 0.9 T, because the paper's "
        "perpendicular-field xi is in its Supplementary Information.  With the default the w row "
        "checks the formula w = Phi0 / (B xi), not a measurement.",
        "The virtual device's T_c(B, V_BG) comes from the pairing solver on the Eq. (1) band "
        "with one coupling for all gate voltages (its Fermi level 3 meV above the van Hove "
        "energy at V_BG = 0, so that the gate keeps it on one side of the peak); Figs. 2b-d "
        "show a resistive peak only where that T_c(B) is re-entrant, which it is not here.",
    ]
    if not any(entry["reentrant"] for entry in summary["paper_model"].values()):
        out.append(
            "With these preset parameters the Eq. (1) T_c(B) has no re-entrant minimum on the "
            "computed field grid (no T_c^min, no window); the parameter-search map shows where "
            "in the model's parameter space a minimum appears."
        )
    return out


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
    blocks = []
    for record in figures:
        data = base64.b64encode(record.png.read_bytes()).decode("ascii")
        blocks.append(
            f'<figure id="{esc(record.name)}"><img alt="{esc(record.title)}" '
            f'src="data:image/png;base64,{data}">'
            f"<figcaption><b>{esc(record.title)}.</b> {esc(record.caption)} "
            f'(<a href="{esc(record.pdf.name)}">PDF</a>)</figcaption></figure>'
        )
    config = esc(json.dumps(summary["config"], indent=1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>reentrant: reproduction of Maryenko et al.</title><style>{_STYLE}</style></head>
<body>
<h1>Re-entrant superconductivity at the (110) LaTiO3-KTaO3 interface: reproduction</h1>
<p>Computed by <code>reentrant reproduce</code> {esc(summary["package_version"])} on the
<code>{esc(summary["config"]["preset"])}</code> preset.  All arrays are in <code>data.nc</code>,
the numbers below in <code>summary.json</code>.</p>
<p id="image-check" data-loaded="0" data-total="{len(figures)}">images not checked</p>
<h2>Comparison with the paper</h2>
<table><tr><th>quantity</th><th>this computation</th><th>paper</th></tr>{rows}</table>
<ul>{caveats}</ul>
<h2>Does each mechanism give re-entrance?</h2>
<p>An interior minimum of T_c(B) with T_c rising back above solver noise.</p>
<table><tr><th>mechanism</th><th>re-entrant</th></tr>{mechanisms}</table>
<h2>Figures</h2>
{"".join(blocks)}
<h2>Parameters</h2><pre>{config}</pre>
<script>{_CHECK}</script>
</body></html>
"""
