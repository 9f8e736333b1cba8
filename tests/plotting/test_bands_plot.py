"""The Fig. 1b analogue draws the computed subbands and the Eq. (1) fit, with units and legends."""

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from numpy.testing import assert_allclose

from reentrant.bands.overview import overview
from reentrant.bands.slab import SlabModel
from reentrant.errors import ParameterError
from reentrant.plotting.bands import plot_band_path, plot_fig1b


@pytest.fixture(scope="module")
def data():
    ds, fit, state = overview(2.0, model=SlabModel(layers=6), points=21)
    return ds, fit, state


def test_fig1b_draws_the_band_path_and_the_fit(data):
    ds, fit, state = data
    fig = plot_fig1b(ds)
    left, right = fig.axes[0], fig.axes[1]
    assert "meV" in left.get_ylabel() and "nm" in left.get_xlabel()
    assert "meV" in right.get_ylabel() and "nm" in right.get_xlabel()
    assert [t.get_text() for t in left.get_xticklabels()] == ["Y", r"$\Gamma$", "X"]
    assert left.get_legend() is not None and right.get_legend() is not None
    # every kept subband is one coloured line; its vertices are the band energies from E_F
    collections = [c for c in left.collections if isinstance(c, LineCollection)]
    assert len(collections) == ds.sizes["band"]
    first = np.concatenate([s[:, 1] for s in collections[0].get_segments()])
    assert_allclose(np.unique(first), np.unique(ds.energy.isel(band=0) - state.mu))
    # E_F and the fitted van Hove energy are both inside the energy range shown
    low, high = left.get_ylim()
    assert low < 0.0 < fit.van_hove_energy - state.mu < high
    # the dashed curve on the right is Eq. (1) with the fitted parameters
    fitted = [line for line in right.get_lines() if line.get_linestyle() == "--"][0]
    assert_allclose(fitted.get_ydata(), fit.predict(ds.px.values, 0 * ds.px.values)[:, 0]
                    - fit.saddle_energy)  # fmt: skip


def test_spin_colouring_and_bad_colour(data):
    ds, _, _ = data
    fig = plot_band_path(ds, colour="spin")
    assert "sigma" in fig.axes[-1].get_ylabel()  # the colour bar says what the colour is
    with pytest.raises(ParameterError, match="unknown colour"):
        plot_band_path(ds, colour="layer")
