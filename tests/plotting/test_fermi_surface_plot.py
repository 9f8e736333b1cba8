"""Tests of the Fig. 3a analogue and the DOS figure: what is drawn is the physics of Eq. (1).

Each check recomputes the expected curve inside the test from the 2x2 Hamiltonian of Eq. (1)
or a closed form, and compares it with the data of the drawn artists.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.errors import ParameterError
from reentrant.models.presets import preset
from reentrant.plotting.fermi_surface import (
    plot_density_of_states,
    plot_fermi_surface,
    plot_minima_vs_field,
)

SIGMA_X = np.array([[0.0, 1.0], [1.0, 0.0]])
BIG_M, MASS, BETA = 20.0, 1.0, -2.0  # the saddle-soc preset


@pytest.fixture
def model():
    return preset("saddle-soc").model()[0]


def upper_energy(model, px, py, h):
    eps = -(px**2) / (2 * BIG_M) + py**2 / (2 * MASS)
    matrices = eps[:, None, None] * np.eye(2) + (BETA * px + h)[:, None, None] * SIGMA_X
    return np.linalg.eigvalsh(matrices)[:, 1]


def lines(ax, gid):
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def finite_points(line):
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    keep = np.isfinite(y)
    return x[keep], y[keep]


@pytest.fixture
def figure(model):
    return plot_fermi_surface(model, 2.0, points=801)


def test_two_panels(figure):
    assert len(figure.axes) == 2


def test_no_soc_curve_is_bare_saddle(figure, model):
    for line in lines(figure.axes[1], "no-soc"):
        x, y = finite_points(line)
        # beta = 0, B = 0: p_y^2 / 2m = mu + p_x^2 / 2M
        assert_allclose(np.abs(y), np.sqrt(2 * MASS * (model.mu + x**2 / (2 * BIG_M))))


@pytest.mark.parametrize(("gid", "h"), [("soc", 0.0), ("field", 2.0)])
def test_soc_curves_lie_on_upper_branch_with_their_spin_colour(figure, model, gid, h):
    drawn = lines(figure.axes[1], gid)
    assert len(drawn) == 4  # two spin colours x two sheets
    for line in drawn:
        x, y = finite_points(line)
        assert x.size > 10
        assert_allclose(upper_energy(model, x, y, np.full_like(x, h)), model.mu, atol=1e-9)
        # red: <sigma_x> = +1 on the upper branch, i.e. beta p_x + h > 0 (eigenvector of H)
        expected = 1.0 if line.get_color() == "tab:red" else -1.0
        assert np.all(np.sign(BETA * x + h) == expected)


def test_minima_marked_at_plus_minus_beta_m(figure):
    positions = sorted(line.get_xdata()[0] for line in lines(figure.axes[1], "minimum"))
    assert_allclose(positions, [BETA * BIG_M, -BETA * BIG_M])


def test_pairs_in_field_have_partners_with_opposite_spin(figure, model):
    h = 2.0
    (line,) = lines(figure.axes[1], "pairs")
    x, y = finite_points(line)
    assert x.size >= 2
    # default Q = (2 sqrt(h M), 0): for beta < 0, h > 0 the + species minimum is at beta M < 0,
    # p sits at beta M + 2hM/Q_x + Q_x/2 and its partner Q_x - p_x at -beta M
    qx = 2 * np.sqrt(h * BIG_M)
    assert_allclose(np.sort(x), np.sort([BETA * BIG_M + qx, -BETA * BIG_M] * 2), atol=1e-9)
    assert_allclose(upper_energy(model, x, y, np.full_like(x, h)), model.mu, atol=1e-8)
    assert_allclose(upper_energy(model, qx - x, -y, np.full_like(x, h)), model.mu, atol=1e-8)
    assert np.all(np.sign(BETA * x + h) * np.sign(BETA * (qx - x) + h) == -1)


def test_zero_field_pairs_are_time_reversed(figure, model):
    (line,) = lines(figure.axes[1], "pairs0")
    x, y = finite_points(line)
    assert_allclose(upper_energy(model, -x, -y, np.zeros_like(x)), model.mu, atol=1e-8)


def test_explicit_axes_and_pair_momentum(model):
    fig, axes = plt.subplots(1, 2)
    assert plot_fermi_surface(model, 0.0, pair_momentum=(0.0, 0.0), axes=axes, points=201) is fig
    with pytest.raises(ParameterError, match="axes"):
        plot_fermi_surface(model, 0.0, axes=axes[:1])
    with pytest.raises(ParameterError, match="zeeman"):
        plot_fermi_surface(model, np.nan)
    with pytest.raises(ParameterError, match="pair_momentum"):
        plot_fermi_surface(model, 1.0, pair_momentum=(1.0, 2.0, 3.0), points=101)


def test_units_on_every_axis_and_in_the_legend(model):
    fig = plot_fermi_surface(model, 0.5, points=201, momentum_unit="nm$^{-1}$", energy_unit="meV")
    for ax in fig.axes:
        assert "(nm$^{-1}$)" in ax.get_xlabel() and "(nm$^{-1}$)" in ax.get_ylabel()
    labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert "SOC + field, h = 0.5 meV" in labels
    plt.close(fig)


def test_dos_figure_marks_split_van_hove_peaks(model):
    energies = np.linspace(-50.0, 150.0, 400)
    fig = plot_density_of_states(model, energies, (0.0, 6.0))
    ax = fig.axes[0]
    assert len(lines(ax, "dos")) == 2
    peaks = sorted(line.get_xdata()[0] for line in lines(ax, "van-hove"))
    # M beta^2 / 2 +- h for h = 0 (twice) and h = 6
    assert_allclose(peaks, [34.0, 40.0, 40.0, 46.0])
    for line in lines(ax, "dos"):
        y = np.asarray(line.get_ydata())
        # the log peaks: the largest value sits next to a van Hove energy
        assert min(abs(energies[np.argmax(y)] - p) for p in peaks) < 1.0
    assert np.isfinite(ax.get_ylim()[1])


def test_minima_vs_field_follow_eq2(model):
    fields = np.linspace(-100.0, 100.0, 201)
    fig = plot_minima_vs_field(model, fields)
    ax = fig.axes[0]
    threshold = BIG_M * BETA**2  # paper: the minimum at -beta M needs M beta^2 > lambda B
    for s in (1, -1):
        (line,) = lines(ax, f"minimum{s:+d}")
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        alive = threshold + s * x > 0
        assert_allclose(y[alive], model.mu - threshold / 2 - s * x[alive], rtol=1e-13)
        assert np.all(np.isnan(y[~alive]))
    assert_allclose(sorted(line.get_xdata()[0] for line in lines(ax, "threshold")), [-80, 80])
