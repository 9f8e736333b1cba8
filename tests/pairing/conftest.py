"""Shared fixtures of the pairing tests: calibrated solvers of the reduced-unit presets."""

import pytest

from reentrant.models.presets import preset
from reentrant.pairing.curve import solver_for


@pytest.fixture(scope="session")
def bcs_solver():
    """bcs-2d (E_F = 2000, omega_D = 40, T_c0 = 1) at the default tolerance 1e-3."""
    model, cutoff = preset("bcs-2d").model()
    return solver_for(model, cutoff, 1.0, tolerance=1e-3)
