"""Tests of the measurement-noise model."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from reentrant.device.noise import NoiseModel
from reentrant.errors import ParameterError


def test_zero_noise_is_identity_and_seed_reproducible():
    r = np.array([0.0, 10.0, 1e3])
    assert_array_equal(NoiseModel(relative=0.0, floor_ohm=0.0).apply(r), r)
    a = NoiseModel(seed=3).apply(r)
    assert_array_equal(a, NoiseModel(seed=3).apply(r))
    assert not np.array_equal(a, NoiseModel(seed=4).apply(r))
    assert not np.array_equal(a, NoiseModel(seed=3).apply(r, stream=1))


def test_noise_statistics():
    model = NoiseModel(relative=0.01, floor_ohm=2.0, seed=1)
    r = np.full(200_000, 300.0)
    dev = model.apply(r) - r
    expected = np.hypot(0.01 * 300.0, 2.0)
    # sample std of N = 2e5 normals has relative error 1/sqrt(2N) = 0.16 %; allow ~6 of them
    assert_allclose(dev.std(), expected, rtol=0.01)
    assert abs(dev.mean()) < 5 * expected / np.sqrt(r.size)


def test_negative_noise_parameters_raise():
    with pytest.raises(ParameterError, match="floor_ohm"):
        NoiseModel(floor_ohm=-1.0)
