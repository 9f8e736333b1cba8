"""The mechanism registry: every mechanism by name, defaults, and settings by name."""

import numpy as np
import pytest

from reentrant.errors import ParameterError
from reentrant.mechanisms import (
    MECHANISMS,
    Mechanism,
    SpinOrbitScattering,
    configure,
    default_mechanism,
    settable_parameters,
)

CLOSED_FORM = [name for name in MECHANISMS if name != "paper-model"]


@pytest.mark.parametrize("name", list(MECHANISMS))
def test_every_mechanism_by_its_name(name):
    mech = default_mechanism(name)
    assert isinstance(mech, Mechanism)
    assert mech.name.replace(" ", "-") == name


@pytest.mark.parametrize("name", CLOSED_FORM)
def test_defaults_are_superconducting_at_zero_field_and_curve_has_units(name):
    mech = default_mechanism(name)
    ds = mech.curve(np.linspace(0.0, 1.0, 3))
    assert ds.tc.attrs["units"] == "K" and ds.field.attrs["units"] == "T"
    assert ds.tc.values[0] > 0


def test_settings_change_parameters_and_switch_optional_terms_on():
    mech = configure("spin-orbit-scattering", {"so_energy_mev": 2.0, "orbital_field_t": 3.0})
    assert isinstance(mech, SpinOrbitScattering)
    assert mech.so_energy_mev == 2.0 and mech.orbital_field_t == 3.0
    assert (
        settable_parameters(default_mechanism("spin-orbit-scattering"))["orbital_field_t"] is None
    )
    paper = configure("paper-model", {"delta": 2.5})
    assert paper.fit_parameters()["delta"] == 2.5


def test_unknown_names_are_errors_that_list_the_choices():
    with pytest.raises(ParameterError, match="known: tc0_k, g_factor"):
        configure("pauli", {"spin": 1.0})
    with pytest.raises(ParameterError, match="choose one of pauli"):
        configure("nonsense")
    with pytest.raises(ParameterError, match="tc0_k"):
        configure("pauli", {"tc0_k": -1.0})
