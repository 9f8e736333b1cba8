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


def dip_device():
    """A virtual device whose T_c(B) dips to 0.7 T_c0 at 1 T and ends at 4 T.

    T_c0 = 0.4 K + 0.002 K/meV x (60 meV - mu) on a parabolic band: 0.32-0.52 K over the gate
    range, falling as the gate raises mu.
    """
    from reentrant.device import DeviceParameters, MechanismTc, VirtualDevice, parabolic_dos

    return VirtualDevice(
        parabolic_dos(0.4),
        MechanismTc(lambda mu: DipTc(0.4 + 0.002 * (60.0 - mu), 0.3, 0.1, 4.0)),
        DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0),
    )
