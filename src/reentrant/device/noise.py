"""Measurement noise of a four-terminal lock-in resistance measurement.

Each reading is the true resistance plus Gaussian noise of standard deviation
sqrt((relative * R)^2 + floor^2): a relative part (gain drift, contact and current-source
fluctuations) and an absolute floor in ohm (amplifier voltage noise divided by the excitation
current).  Reproducible through the ``seed``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reentrant.validate import non_negative


@dataclass(frozen=True)
class NoiseModel:
    """Gaussian measurement noise.

    Parameters
    ----------
    relative : float
        Relative standard deviation (dimensionless), default 2e-3.
    floor_ohm : float
        Absolute standard deviation in ohm, default 0.5.
    seed : int
        Seed of the random generator (same seed, same noise).
    """

    relative: float = 2e-3
    floor_ohm: float = 0.5
    seed: int = 0

    def __post_init__(self) -> None:
        non_negative("relative", self.relative)
        non_negative("floor_ohm", self.floor_ohm)

    def sigma(self, resistance_ohm: ArrayLike) -> np.ndarray:
        """Standard deviation of a reading of the given true resistance, in ohm."""
        r = np.asarray(resistance_ohm, dtype=float)
        return np.hypot(self.relative * r, self.floor_ohm)

    def apply(self, resistance_ohm: ArrayLike, stream: int = 0) -> np.ndarray:
        """Noisy readings of ``resistance_ohm``; ``stream`` separates independent quantities."""
        r = np.asarray(resistance_ohm, dtype=float)
        rng = np.random.default_rng([self.seed, stream])
        return r + self.sigma(r) * rng.standard_normal(r.shape)
