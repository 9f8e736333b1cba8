"""Time a 41-field T_c(B) curve of each new mechanism against a per-field scalar reference.

Package: ``mechanism.tc(fields)`` on 41 fields from 0 to 12 T with the registry's defaults
(:data:`reentrant.mechanisms.MECHANISMS`: ``T_c0 = 0.4 K``, ``hbar/tau_so = 15 meV``, spin-1/2
impurities with ``alpha_s(0) = 0.02 meV``), vectorised over fields
(:func:`~reentrant.mechanisms.pair_breaking.largest_root`); best of ``--repeats``.

Reference: the same equations solved one field at a time with scalar scipy calls -- the WHH
closed form written out with a complex square root, a scan of 400 temperatures from the top and
Brent's method on the first sign change (xtol 1e-12 in ``t``); the impurity weight is the
package's :func:`~reentrant.mechanisms.magnetic_impurities.exchange_scattering_weight` (tested
against level sums in the tests).  The script reports the largest difference of the two curves
(it must stay below 1e-9 K) and ends stdout with one line per mechanism,
``<name>_seconds=<s> reference_seconds=<s>`` (the closed-form ``thin-film-gl`` has no
reference).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from scipy.optimize import brentq
from scipy.special import digamma

from reentrant.mechanisms import MECHANISMS, MagneticImpurities, SpinOrbitScattering
from reentrant.mechanisms.magnetic_impurities import exchange_scattering_weight
from reentrant.units import K_B_MEV_PER_K, MU_B_MEV_PER_T

FIELDS = np.linspace(0.0, 12.0, 41)
NEW = ("spin-orbit-scattering", "magnetic-impurities", "thin-film-gl")


def whh(t: float, alpha: float, h: float, gamma: float) -> float:
    """Scalar WHH closed form (s = sqrt(h^2 - Gamma^2/4) nudged off its removable zero)."""
    s = np.sqrt(complex(h * h - gamma * gamma / 4)) or 1e-12
    z = 0.5 + (alpha + gamma / 2 + 1j * s) / (2 * np.pi * t)
    zc = 0.5 + (alpha + gamma / 2 - 1j * s) / (2 * np.pi * t)
    c = 1j * gamma / (4 * s)
    return float(((0.5 + c) * digamma(z) + (0.5 - c) * digamma(zc)).real - digamma(0.5))


def largest_root(residual) -> float:
    """Largest ``t`` in (1e-3, 1] with ``residual(t) = 0`` (scan from the top, then Brent)."""
    ts = np.geomspace(1.0, 1e-3, 400)
    values = [residual(t) for t in ts]
    if values[0] <= 0:
        return 1.0
    for i in range(len(ts) - 1):
        if values[i + 1] <= 0 < values[i]:
            return brentq(residual, ts[i + 1], ts[i], xtol=1e-12)
    return 0.0


def reference_curve(mechanism) -> np.ndarray:
    """T_c in K field by field, scalar calls only."""
    tc0 = mechanism.tc0_k
    kt0 = K_B_MEV_PER_K * tc0
    gamma = 2 * mechanism.so_energy_mev / (3 * kt0)
    out = []
    for b in FIELDS:
        h = 0.5 * mechanism.g_factor * MU_B_MEV_PER_T * b / kt0

        def residual(t, b=b, h=h):
            alpha = 0.0
            if isinstance(mechanism, MagneticImpurities):
                x = mechanism.impurity_g_factor * MU_B_MEV_PER_T * b / (kt0 * t)
                weight = float(exchange_scattering_weight(mechanism.spin, x))
                alpha = mechanism.impurity_pair_breaking_mev / kt0 * weight
            return np.log(t) + whh(t, alpha, h, gamma)

        out.append(tc0 * largest_root(residual))
    return np.array(out)


def best_time(func, repeats: int) -> tuple[float, np.ndarray]:
    """Best wall time of ``repeats`` calls and the last result."""
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    lines = []
    for name in NEW:
        mechanism = MECHANISMS[name]()
        seconds, tc = best_time(lambda m=mechanism: m.tc(FIELDS), args.repeats)
        if isinstance(mechanism, SpinOrbitScattering | MagneticImpurities):
            ref_seconds, ref = best_time(lambda m=mechanism: reference_curve(m), 1)
            diff = float(np.max(np.abs(tc - ref)))
            print(f"{name}: max |T_c - T_c,ref| = {diff:.2e} K", file=sys.stderr)
            if diff > 1e-9:
                raise SystemExit(f"{name}: package and reference differ by {diff:.2e} K")
            lines.append(f"{name}_seconds={seconds:.4f} reference_seconds={ref_seconds:.3f}")
        else:
            lines.append(f"{name}_seconds={seconds:.2e}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
