r"""Headline numbers of the report: an ``estimates`` Dataset and ``summary.json`` built from it.

* ``tc0`` per gate voltage: the device's T_c(B = 0, V_BG) (K), the Fig. 1e analogue.
* ``pauli_field``: Clogston-Chandrasekhar B_P = sqrt(2) Delta_0 / (g mu_B), Delta_0 = 1.764
  k_B T_c (Clogston, PRL 9, 266 (1962); the paper's B_P = 1.86 T/K x T_c for g = 2), per gate.
* ``tc_min``, ``field_min``: interior minimum of the Eq. (1) T_c(B) curve per approximation
  (:func:`reentrant.analysis.reentrance.tc_minimum`) where T_c climbs back by more than
  ``3 x tolerance x T_c0`` (solver noise is not re-entrance); ``paper_reentrant`` unless the
  optimal pair momentum jumps there (``minimum_at_q_jump``: the solver changed Q branch at the
  minimum, so it may have missed the other branch on one side; reported as unverified).
* ``window_start``, ``window_end``: the first normal field interval between two superconducting
  ones at ``window_temperature_k`` (paper: 330 mK) (:func:`~reentrant.analysis.reentrance.
  normal_intervals`); NaN when there is none.
* ``flux_width``: the paper's w = Phi0 / (B xi) for ``flux_field_t`` and ``coherence_length_nm``
  (:func:`reentrant.analysis.estimates.flux_penetration_width`).
* ``gives_reentrance``: per mechanism, whether its T_c(B) has such a minimum.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr

import reentrant
from reentrant.analysis.estimates import flux_penetration_width, pauli_limit
from reentrant.analysis.reentrance import normal_intervals, tc_minimum
from reentrant.report.config import PAPER_FLUX_FIELD_T, PAPER_WIDTH_NM, ReportConfig

#: The paper's B_P range over its gate range (T), text after Fig. 2.
PAPER_PAULI_RANGE_T = (0.6, 0.9)
#: Noise allowance: a minimum counts when T_c rises back by more than this x tolerance x T_c0.
NOISE_FACTOR = 3.0
APPROXIMATIONS = {"full": "paper_full", "upper-branch": "paper_upper"}


def reentrance(field: np.ndarray, tc: np.ndarray, threshold_k: float) -> tuple[bool, float, float]:
    """``(re-entrant, T_c^min, B_min)`` of a curve: an interior minimum with rise > threshold."""
    minimum = tc_minimum(field, tc)
    if not minimum.found:
        return False, math.nan, math.nan
    before = tc[field <= minimum.field_min]
    after = tc[field >= minimum.field_min]
    rise = min(before.max(), after.max()) - minimum.tc_min
    if rise <= threshold_k:
        return False, math.nan, math.nan
    return True, minimum.tc_min, minimum.field_min


def q_jump_at(field: np.ndarray, q: np.ndarray, at: float) -> bool:
    """True if the optimal pair momentum jumps at the field ``at``: between the point there and
    a neighbour it changes by more than half the larger of the two ``|Q|``.

    T_c(B) = max_Q T_c(Q, B) of one Q branch varies smoothly; at a jump the solver has moved
    to another branch, and a T_c minimum there may be a branch it missed on one side (the
    solver's global Q search is not exhaustive), not re-entrance.
    """
    if not np.isfinite(at):
        return False
    i = int(np.argmin(np.abs(field - at)))
    for j in (i - 1, i + 1):
        if 0 <= j < q.size:
            scale = max(abs(q[i]), abs(q[j]))
            if scale > 0 and abs(q[i] - q[j]) > 0.5 * scale:
                return True
    return False


def estimates(results: dict[str, xr.Dataset], config: ReportConfig) -> xr.Dataset:
    """The headline numbers as a Dataset (the ``estimates`` group of ``data.nc``)."""
    p = config.parameters
    threshold = NOISE_FACTOR * config.tolerance * p["tc0"]
    device = results["device"]
    tc0 = device.tc.sel(field=0.0, method="nearest")
    found, tc_min, b_min, w_start, w_end, jumps, sampled = [], [], [], [], [], [], []
    for step in APPROXIMATIONS.values():
        curve = results[step]
        sampled.append(bool(curve.attrs["sampling_converged"]))
        field, tc = curve.field.values, curve.tc.values
        ok, t_min, b = reentrance(field, tc, threshold)
        jump = q_jump_at(field, curve.q_x.values, b)
        ok = ok and not jump
        jumps.append(jump)
        found.append(ok)
        tc_min.append(t_min)
        b_min.append(b)
        windows = normal_intervals(field, tc, temperature=config.window_temperature_k)
        start, end = windows[0] if (ok and windows) else (math.nan, math.nan)
        w_start.append(start)
        w_end.append(end)
    mech = results["mechanisms"]
    names = [str(n) for n in mech.mechanism.values]
    flags = [
        reentrance(mech.field.values, mech.tc.sel(mechanism=n).values, threshold)[0] for n in names
    ]
    labels = names + [f"paper model ({a})" for a in APPROXIMATIONS]
    approx = ("approx", list(APPROXIMATIONS))
    width = float(flux_penetration_width(config.flux_field_t, config.coherence_length_nm))
    return xr.Dataset(
        {
            "tc0": ("gate_voltage", tc0.values, {"units": "K", "long_name": "T_c(B=0)"}),
            "pauli_field": (
                "gate_voltage",
                pauli_limit(tc0.values, p["g_factor"]),
                {"units": "T", "long_name": "Clogston-Chandrasekhar field B_P"},
            ),
            "paper_reentrant": ("approx", found, {"long_name": "re-entrant T_c(B)"}),
            "minimum_at_q_jump": (
                "approx",
                jumps,
                {"long_name": "T_c minimum above noise at a jump of the optimal Q (unverified)"},
            ),
            "tc_min": ("approx", tc_min, {"units": "K", "long_name": "T_c^min (rise > noise)"}),
            "field_min": ("approx", b_min, {"units": "T", "long_name": "B_min (rise > noise)"}),
            "sampling_converged": (
                "approx",
                sampled,
                {"long_name": "adaptive field points reached their resolution"},
            ),
            "window_start": ("approx", w_start, {"units": "T"}),
            "window_end": ("approx", w_end, {"units": "T"}),
            "gives_reentrance": ("mechanism", flags + found, {"long_name": "re-entrant"}),
            "flux_width": ((), width, {"units": "nm", "long_name": "w = Phi0 / (B xi)"}),
        },
        coords={
            "gate_voltage": ("gate_voltage", device.gate_voltage.values, {"units": "V"}),
            "approx": approx,
            "mechanism": ("mechanism", labels),
        },
        attrs={
            "window_temperature_k": config.window_temperature_k,
            "flux_field_t": config.flux_field_t,
            "coherence_length_nm": config.coherence_length_nm,
            "reentrance_threshold_k": threshold,
        },
    )


def _num(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _q(value: float, units: str) -> dict[str, Any]:
    return {"value": _num(value), "units": units}


def summary(est: xr.Dataset, config: ReportConfig) -> dict[str, Any]:
    """``summary.json``: every headline number of ``est`` with units, beside the paper's."""
    bp = est.pauli_field.values
    per_approx = {}
    for a in est.approx.values:
        row = est.sel(approx=a)
        window = None
        if np.isfinite(row.window_start.values):
            window = [_num(row.window_start), _num(row.window_end)]
        ok, jump = bool(row.paper_reentrant), bool(row.minimum_at_q_jump)
        per_approx[str(a)] = {
            "reentrant": ok,
            "tc_min": _q(row.tc_min if ok else math.nan, "K"),
            "field_min": _q(row.field_min if ok else math.nan, "T"),
            "window": {"field": window, "units": "T"},
            "unverified_minimum": (
                {"tc": _q(row.tc_min, "K"), "field": _q(row.field_min, "T")} if jump else None
            ),
            "sampling_converged": bool(row.sampling_converged),
        }
    return {
        "package_version": reentrant.__version__,
        "config": config.as_dict(),
        "tc0_per_gate": {
            "gate_voltage": {"value": est.gate_voltage.values.tolist(), "units": "V"},
            "tc0": {"value": est.tc0.values.tolist(), "units": "K"},
        },
        "paper_model": per_approx,
        "reentrant_window_temperature": _q(est.attrs["window_temperature_k"], "K"),
        "pauli_limit_range": {"value": [float(bp.min()), float(bp.max())], "units": "T"},
        "flux_penetration": {
            "field": _q(est.attrs["flux_field_t"], "T"),
            "coherence_length": _q(est.attrs["coherence_length_nm"], "nm"),
            "coherence_length_source": config.coherence_length_source
            or "back-derived from the paper's w = 45 nm at 0.9 T (circular)",
            "circular": config.xi_back_derived,
            "width": _q(est.flux_width, "nm"),
        },
        "gives_reentrance": {
            str(m): bool(v)
            for m, v in zip(est.mechanism.values, est.gives_reentrance.values, strict=True)
        },
        "paper": {
            "pauli_limit_range": {"value": list(PAPER_PAULI_RANGE_T), "units": "T"},
            "cusp_field": _q(PAPER_FLUX_FIELD_T, "T"),
            "flux_width": _q(PAPER_WIDTH_NM, "nm"),
        },
    }
