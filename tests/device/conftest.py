"""Device tests run with every floating-point warning raised as an error."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _raise_on_fp_errors():
    old = np.seterr(all="raise")
    yield
    np.seterr(**old)
