"""Shared settings of the reentrant.bands tests: floating-point errors raise."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _raise_on_float_errors():
    old = np.seterr(all="raise")
    yield
    np.seterr(**old)
