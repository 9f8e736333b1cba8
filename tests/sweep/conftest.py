"""A real dask cluster for the sweep tests: two single-threaded worker processes on loopback.

Module-scoped: each test module that asks for ``client`` gets its own cluster.  The workers
load the numba kernels (from numba's disk cache) before the first test, so test timings do not
depend on which worker gets the first point.
"""

import numpy as np
import pytest

from reentrant.sweep.engine import local_client


def _warm() -> None:
    from reentrant.sweep.point import solve_point

    solve_point("bcs-2d", {}, np.array([0.0, 0.5, 1.0]), tolerance=1e-2)


@pytest.fixture(scope="module")
def client():
    with local_client(2) as client:
        client.run(_warm)
        yield client


@pytest.fixture(scope="module")
def thread_client():
    """One worker thread in this process (a serial run, no start-up cost)."""
    with local_client(1, processes=False) as client:
        yield client
