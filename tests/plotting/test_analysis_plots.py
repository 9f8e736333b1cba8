"""Figures of measured data and extracted quantities: the data they are given, legends, units."""

import re
import warnings

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr
from matplotlib.collections import LineCollection

from reentrant.analysis.extract import extract_all
from reentrant.analysis.transition import extract_transition
from reentrant.errors import ParameterError
from reentrant.plotting.analysis import (
    MAX_CURVES,
    analysis_figures,
    plot_extracted,
    plot_transitions,
)

RN = 100.0
#: A legend entry naming a curve by its coordinates: ``V_BG = 50 V``, ``T = 0.3 K, B = 1 T``.
COORDINATE_ENTRY = re.compile(r"^\w+ = [-+.\deE]+ (K|T|V)(, \w+ = [-+.\deE]+ (K|T|V))*$")


def _step(x, x0, w):
    return 0.5 * (1 + np.tanh((x - x0) / w))


DENSE_T = np.linspace(0.05, 0.9, 171)


def _rt(gates=(0.0, 50.0, 100.0), t=DENSE_T):
    tcs = np.linspace(0.3, 0.4, len(gates))
    return xr.Dataset(
        {"r_xx": (("gate_voltage", "temperature"), RN * _step(t[None, :], tcs[:, None], 0.02))},
        coords={
            "gate_voltage": ("gate_voltage", list(gates), {"units": "V", "long_name": "V_BG"}),
            "temperature": ("temperature", t, {"units": "K", "long_name": "temperature"}),
        },
    )


def _rb(temps=(0.1, 0.2, 0.3)):
    b = np.round(np.linspace(0.0, 9.0, 451), 10)
    bcs = np.linspace(6.0, 4.0, len(temps))
    return xr.Dataset(
        {
            "r_xx": (("temperature", "field"), RN * _step(b[None, :], bcs[:, None], 0.1)),
            "r_xy": (("temperature", "field"), np.tile(-b / (sc.e * 5e17), (len(temps), 1))),
        },
        coords={
            "temperature": ("temperature", list(temps), {"units": "K"}),
            "field": ("field", b, {"units": "T"}),
        },
    )


def _sparse_rt():
    return _rt(t=np.array([0.09, 0.15, 0.2, 0.25, 0.33, 0.9]))


def _figures(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis_figures(extract_all(data), data)


def _curves(ax):
    """The data curves of an axes: lines with more than one point, and error-bar bars."""
    lines = [
        ln for ln in ax.lines if len(ln.get_xdata()) > 1 and not ln.get_label().startswith("_")
    ]
    bars = [c for c in ax.collections if isinstance(c, LineCollection) and len(c.get_segments())]
    return lines, bars


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_rt(), {"transition", "tc", "pauli_limit"}),
        (_rb(), {"field_sweeps", "critical_field", "peak_amplitude"}),
        (_rb().isel(temperature=0, drop=True), {"field_sweeps"}),  # a single R(B) file
        (_sparse_rt(), {"transition", "tc", "pauli_limit"}),
    ],
)
def test_every_figure_with_several_curves_has_a_legend_with_units(data, expected):
    figures = _figures(data)
    assert expected <= set(figures)
    for name, fig in figures.items():
        for ax in fig.axes:
            lines, _ = _curves(ax)
            assert "(" in ax.get_xlabel() and "(" in ax.get_ylabel(), name  # units on axes
            labelled = [
                ln for ln in ax.lines + ax.containers if not str(ln.get_label()).startswith("_")
            ]
            if len(lines) + len(ax.containers) > 1:
                legend = ax.get_legend()
                assert legend is not None, name
                texts = [t.get_text() for t in legend.get_texts()]
                for artist in labelled:
                    assert artist.get_label() in texts, (name, artist.get_label())
                coordinates = [t for t in texts if " = " in t]
                assert all(COORDINATE_ENTRY.match(t) for t in coordinates), texts
                if len(ax.containers) + len([ln for ln in lines if " = " in ln.get_label()]) > 1:
                    assert coordinates, texts  # several data curves: each named by its coordinates


def test_transitions_draw_each_curve_normalised_with_brackets():
    data = _rt()
    tr = extract_transition(data.r_xx)
    fig = plot_transitions(data.r_xx, tr)
    ax = fig.axes[0]
    curves = [ln for ln in ax.lines if ln.get_label().startswith("V_BG = ")]
    assert [c.get_label() for c in curves] == ["V_BG = 0 V", "V_BG = 50 V", "V_BG = 100 V"]
    np.testing.assert_allclose(curves[0].get_ydata(), data.r_xx.values[0] / RN, rtol=1e-12)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "50% of R_N" in texts and "T_c" in texts


def test_bracket_only_values_are_drawn_as_bars():
    data = _sparse_rt()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = extract_all(data)
    assert np.all(np.isnan(out.tc))
    fig = plot_extracted(out.tc, "gate_voltage", out.tc_low, out.tc_high)
    ax = fig.axes[0]
    bars = [c for c in ax.collections if isinstance(c, LineCollection) and c.get_segments()]
    segments = np.concatenate([c.get_segments() for c in bars])
    # one vertical bar per gate voltage from tc_low to tc_high
    np.testing.assert_allclose(sorted(segments[:, 0, 1]), sorted(out.tc_low.values))
    np.testing.assert_allclose(sorted(segments[:, 1, 1]), sorted(out.tc_high.values))
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "bracket only (too wide for a value)" in texts


def test_at_most_max_curves_with_a_note():
    gates = np.linspace(-200.0, 180.0, 39)
    fig = plot_extracted(
        xr.DataArray(
            np.ones((39, 4)),
            dims=("gate_voltage", "temperature"),
            coords={"gate_voltage": gates, "temperature": [0.1, 0.2, 0.3, 0.4]},
            name="x",
        ),
        "temperature",
    )
    ax = fig.axes[0]
    assert len(ax.lines) == MAX_CURVES
    assert ax.get_title() == f"{MAX_CURVES} of 39 curves"


def test_plot_extracted_amplitude_vs_gate():
    amp = xr.DataArray(
        [[1.0, 2.0, 3.0], [0.0, 0.5, 1.0]],
        dims=("temperature", "gate_voltage"),
        coords={"temperature": [0.3, 0.2], "gate_voltage": [-50.0, 0.0, 50.0]},
        name="peak_amplitude",
        attrs={"units": "Ohm"},
    )
    fig = plot_extracted(amp, "gate_voltage")
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [0.0, 0.5, 1.0])
    assert "Ohm" in ax.get_ylabel()


def test_plot_extracted_bad_dim():
    with pytest.raises(ParameterError, match="no dimension 'field'"):
        plot_extracted(xr.DataArray([1.0], dims="temperature", name="tc"), "field")
