"""Mechanism tests run with floating-point errors raised (py-pde habit)."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _raise_on_float_errors():
    with np.errstate(all="raise"):
        yield
