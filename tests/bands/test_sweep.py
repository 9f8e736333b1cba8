"""Eq. (1) parameters versus density and back-gate voltage."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from reentrant.bands.filling import KGrid
from reentrant.bands.interface import interface_state
from reentrant.bands.saddle import fit_saddle
from reentrant.bands.slab import SlabModel
from reentrant.bands.sweep import saddle_vs_density, saddle_vs_gate
from reentrant.device.gate import BackGate

OPTIONS = {"model": SlabModel(layers=6), "grid": KGrid(0.4)}


def test_each_density_gets_the_fit_of_the_interface_filled_to_it():
    ds = saddle_vs_density([1.5, 2.0], **OPTIONS)
    assert ds.delta.attrs["units"] == "meV" and ds.beta.attrs["units"] == "meV nm"
    assert ds.density.attrs["units"] == "nm^-2"
    assert_allclose(ds.delta, ds.mu - ds.van_hove_energy, rtol=1e-12)
    assert np.all(ds.rms <= ds.max_error) and np.all(ds.beta_stderr > 0)
    # each entry is the fit of the interface filled at that density
    state = interface_state(2.0, **OPTIONS)
    fit = fit_saddle(state.model, state.mu)
    assert ds.mass_heavy.values[1] == pytest.approx(fit.mass_heavy, rel=1e-9)
    assert ds.delta.values[1] == pytest.approx(fit.delta, rel=1e-9)


def test_gate_voltages_go_through_the_device_gate_model():
    gate = BackGate(density_at_zero_nm2=2.0)
    voltages = [-200.0, 180.0]
    ds = saddle_vs_gate(voltages, gate, **OPTIONS)
    assert_allclose(ds.density.values, gate.density(voltages))
    assert ds.gate_voltage.attrs["units"] == "V"
    state = interface_state(
        float(gate.density(180.0)), gate_density=float(gate.induced_density(180.0)), **OPTIONS
    )
    assert ds.mu.values[1] == pytest.approx(state.mu, abs=1e-9)
