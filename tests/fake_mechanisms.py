"""T_c(B) curves with closed forms, for tests that need a mechanism but not its physics."""

from dataclasses import dataclass

import numpy as np

from reentrant.mechanisms.base import Mechanism


@dataclass(frozen=True)
class EllipseTc(Mechanism):
    """T_c(B) = T_c0 sqrt(1 - (B / B_c)^2), zero above B_c."""

    tc0_k: float
    bc_t: float = 2.0

    def tc(self, field_t):
        b = np.asarray(field_t, dtype=float)
        return self.tc0_k * np.sqrt(np.clip(1 - (b / self.bc_t) ** 2, 0, None))


@dataclass(frozen=True)
class DipTc(Mechanism):
    """T_c(B) = T_c0 (1 - depth exp(-(B - B_min)^2 / width)) below ``cutoff_t``, zero above.

    A re-entrant curve with its minimum T_c^min = (1 - depth) T_c0 at B_min = ``center_t``
    (default 1 T).
    """

    tc0_k: float
    depth: float = 0.3
    width: float = 0.1
    cutoff_t: float = np.inf
    center_t: float = 1.0

    def tc(self, field_t):
        b = np.asarray(field_t, dtype=float)
        dip = 1 - self.depth * np.exp(-((b - self.center_t) ** 2) / self.width)
        return np.where(b < self.cutoff_t, self.tc0_k * dip, 0.0)
