"""Judge a simulated device against each observation of the paper (:mod:`.observations`).

Every judge takes the Dataset of :meth:`reentrant.device.VirtualDevice.simulate` (``r_xx``,
``r_xy`` over temperature, field, gate_voltage, channel; ``density``, ``r_normal``) and returns
a :class:`Verdict`: reproduced or not, the model's number beside the paper's, and a one-line
reason.  The quantities are extracted with the same analysis code an experimentalist runs on
measured files (:mod:`reentrant.analysis`): T_c at 50 % of R_N at 0.9 K, B_c at 50 % of R_N,
resistive peaks flanked by superconducting intervals, Hall densities from R_xy(B).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import xarray as xr

from reentrant.analysis.hall import hall_fit
from reentrant.analysis.peaks import resistive_peaks
from reentrant.analysis.transition import transition_temperature
from reentrant.errors import ParameterError
from reentrant.explain import observations as obs
from reentrant.units import FLUX_QUANTUM_T_M2

#: Current direction whose R_xx is judged (the paper's Fig. 2 traces; both behave alike here).
CHANNEL = "001"
#: Gate voltage of the paper's Fig. 2c traces.
TRACE_GATE_V = 50.0


@dataclass(frozen=True)
class Verdict:
    """The judgement of one observation: reproduced (True/False), model and paper values."""

    key: str
    reproduced: bool
    model: dict
    paper: dict
    reason: str
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "reproduced": bool(self.reproduced),
            "model": self.model,
            "paper": self.paper,
            "reason": self.reason,
        }


def _r_xx(ds: xr.Dataset) -> xr.DataArray:
    r = ds.r_xx
    return r.sel(channel=CHANNEL) if "channel" in r.dims else r


def _r_normal(ds: xr.Dataset, gate: float) -> float:
    r = ds.r_normal.sel(gate_voltage=gate)
    return float(r.sel(channel=CHANNEL) if "channel" in r.dims else r)


def _nearest(values: np.ndarray, target: float) -> float:
    return float(values[np.argmin(np.abs(values - target))])


def _require(ds: xr.Dataset, temperature: float) -> float:
    """The simulated temperature nearest ``temperature`` (within 5 mK) or an error."""
    t = _nearest(ds.temperature.values, temperature)
    if abs(t - temperature) > 5e-3:
        raise ParameterError(f"the simulation needs a temperature of {temperature} K")
    return t


def tc_per_gate(ds: xr.Dataset) -> np.ndarray:
    """T_c (K) per gate voltage: 50 % of R_N(0.9 K) on R_xx(T) at the lowest field."""
    r = _r_xx(ds).isel(field=int(np.argmin(np.abs(ds.field.values))))
    t = ds.temperature.values
    at = _require(ds, 0.9)
    return np.array(
        [
            transition_temperature(t, r.sel(gate_voltage=v).values, 0.5, at=at)
            for v in ds.gate_voltage.values
        ]
    )


def judge_o1(ds: xr.Dataset) -> Verdict:
    """T_c falls monotonically with V_BG and spans about 0.32-0.48 K."""
    tc = tc_per_gate(ds)
    paper = obs.observation("O1").paper
    if not np.all(np.isfinite(tc)):
        return Verdict(
            "O1",
            False,
            {"range": None, "units": "K"},
            paper,
            "no resistive transition at some gate voltages",
        )
    falling = bool(np.all(np.diff(tc) <= 0))
    lo, hi = obs.TC_RANGE_K
    slack = obs.TC_RANGE_SLACK_K
    in_range = abs(tc.min() - lo) <= slack and abs(tc.max() - hi) <= slack
    model = {
        "range": [float(tc.min()), float(tc.max())],
        "falling_with_gate": falling,
        "units": "K",
    }
    reason = (
        f"T_c {tc.min():.3f}-{tc.max():.3f} K, "
        + ("falling" if falling else "not monotonic")
        + " with V_BG"
    )
    return Verdict("O1", falling and in_range, model, paper, reason)


def judge_o2(ds: xr.Dataset) -> Verdict:
    """The Hall density at 0.9 K rises with V_BG (n = B / (e R_xy) fitted in the normal state)."""
    t = _require(ds, 0.9)
    r_xy = ds.r_xy.sel(temperature=t)
    r_xy = r_xy.sel(channel=CHANNEL) if "channel" in r_xy.dims else r_xy
    r_xx = _r_xx(ds).sel(temperature=t)
    b = ds.field.values
    density = []
    for v in ds.gate_voltage.values:
        normal = r_xx.sel(gate_voltage=v).values >= 0.9 * _r_normal(ds, v)
        if normal.sum() < 2:
            return Verdict(
                "O2",
                False,
                {"range": None, "units": "cm^-2"},
                obs.observation("O2").paper,
                f"no normal state at 0.9 K for a Hall fit at V_BG = {v:g} V",
            )
        fit = hall_fit(b[normal], r_xy.sel(gate_voltage=v).values[normal])
        density.append(fit.density * 1e14)  # nm^-2 -> cm^-2
    density = np.array(density)
    rising = bool(np.all(np.diff(density) > 0))
    model = {
        "range": [float(density.min()), float(density.max())],
        "rising_with_gate": rising,
        "units": "cm^-2",
    }
    reason = f"Hall density {density.min():.3g}-{density.max():.3g} cm^-2, " + (
        "rising with V_BG" if rising else "not monotonic in V_BG"
    )
    return Verdict("O2", rising, model, obs.observation("O2").paper, reason)


def critical_fields(ds: xr.Dataset, temperature: float) -> tuple[np.ndarray, np.ndarray]:
    """Resistive B_c (50 % of R_N) per gate at ``temperature``, and whether it is a lower bound.

    Where R_xx stays below 50 % of R_N up to the largest simulated field, B_c is reported as
    that field with ``lower_bound = True``.
    """
    r = _r_xx(ds).sel(temperature=_require(ds, temperature))
    b = ds.field.values
    bc, bound = [], []
    for v in ds.gate_voltage.values:
        ratio = r.sel(gate_voltage=v).values / _r_normal(ds, v)
        above = np.nonzero(ratio >= 0.5)[0]
        if ratio[-1] < 0.5:
            bc.append(float(b[-1]))
            bound.append(True)
            continue
        # the highest field where R crosses 50 % from below
        last_below = np.nonzero(ratio < 0.5)[0]
        if last_below.size == 0:
            bc.append(0.0)
            bound.append(False)
            continue
        i = int(last_below[-1])
        j = int(above[above > i][0])
        bc.append(float(np.interp(0.5, ratio[[i, j]], b[[i, j]])))
        bound.append(False)
    return np.array(bc), np.array(bound)


def judge_o3(ds: xr.Dataset) -> Verdict:
    """B_c(90 mK) above 9 T at the lowest gate voltage, not rising with V_BG."""
    bc, bound = critical_fields(ds, obs.BASE_TEMPERATURE_K)
    top = bc[0]
    exceeds = top > obs.CRITICAL_FIELD_BOUND_T
    not_rising = bool(np.all(np.diff(bc) <= 1e-9))
    model = {
        "at_lowest_gate": float(top),
        "lower_bound": bool(bound[0]),
        "range": [float(bc.min()), float(bc.max())],
        "units": "T",
    }
    mark = ">" if bound[0] else "="
    reason = f"B_c(90 mK) {mark} {top:.3g} T at V_BG = {ds.gate_voltage.values[0]:g} V" + (
        "" if not_rising else ", rising with V_BG"
    )
    return Verdict("O3", bool(exceeds and not_rising), model, obs.observation("O3").paper, reason)


def peaks_at(ds: xr.Dataset, temperature: float, gate: float) -> list:
    """Resistive peaks of R_xx(B) at one temperature and gate (most prominent first)."""
    r = _r_xx(ds).sel(temperature=temperature, gate_voltage=gate).values
    return resistive_peaks(ds.field.values, r, r_normal=_r_normal(ds, gate))


def _peak_in_window(peaks: Sequence) -> object | None:
    for p in peaks:
        if abs(p.position - obs.PEAK_FIELD_T) <= obs.PEAK_FIELD_WINDOW_T:
            return p
    return None


def peak_amplitudes(ds: xr.Dataset, temperature: float) -> np.ndarray:
    """Amplitude (Ohm) of the peak near 0.9 T per gate at ``temperature`` (0 where none)."""
    t = _require(ds, temperature)
    out = []
    for v in ds.gate_voltage.values:
        p = _peak_in_window(peaks_at(ds, t, v))
        out.append(0.0 if p is None else p.amplitude)
    return np.array(out)


def judge_o4(ds: xr.Dataset) -> Verdict:
    """The 0.9 T peak: present at 330 mK (below 50 % R_N), absent at 90 mK, growing with T."""
    gate = _nearest(ds.gate_voltage.values, TRACE_GATE_V)
    hot, cold = _require(ds, obs.PEAK_TEMPERATURE_K), _require(ds, obs.BASE_TEMPERATURE_K)
    paper = obs.observation("O4").paper
    peak = _peak_in_window(peaks_at(ds, hot, gate))
    if peak is None:
        others = peaks_at(ds, hot, gate)
        where = f"; nearest peak at {others[0].position:.2f} T" if others else ""
        return Verdict(
            "O4",
            False,
            {"value": None, "units": "T"},
            paper,
            f"no resistive peak near 0.9 T at 330 mK, V_BG = {gate:g} V{where}",
        )
    absent_cold = _peak_in_window(peaks_at(ds, cold, gate)) is None
    below_half = peak.relative_amplitude < 0.5
    temps = ds.temperature.values[(ds.temperature.values >= cold) & (ds.temperature.values <= hot)]
    amps = []
    for t in temps:
        p = _peak_in_window(peaks_at(ds, t, gate))
        amps.append(0.0 if p is None else p.amplitude)
    growing = bool(np.all(np.diff(amps) >= 0))
    positions = []
    for v in ds.gate_voltage.values:
        p = _peak_in_window(peaks_at(ds, hot, v))
        if p is not None:
            positions.append(p.position)
    spread = float(np.ptp(positions)) if positions else 0.0
    fixed = spread < obs.PEAK_FIELD_WINDOW_T
    ok = absent_cold and below_half and growing and fixed
    model = {
        "value": float(peak.position),
        "relative_amplitude": float(peak.relative_amplitude),
        "gate_spread": spread,
        "units": "T",
    }
    reasons = [f"peak at {peak.position:.2f} T, {peak.relative_amplitude:.0%} of R_N"]
    if not absent_cold:
        reasons.append("also at 90 mK")
    if not growing:
        reasons.append("not growing with T")
    if not fixed:
        reasons.append(f"moves by {spread:.2f} T with V_BG")
    if not below_half:
        reasons.append("not well below R_N")
    return Verdict("O4", bool(ok), model, paper, "; ".join(reasons), {"amplitudes": amps})


def judge_o5(ds: xr.Dataset) -> Verdict:
    """The 330 mK peak amplitude versus V_BG has an interior minimum near -50 V."""
    amp = peak_amplitudes(ds, obs.PEAK_TEMPERATURE_K)
    gates = ds.gate_voltage.values
    paper = obs.observation("O5").paper
    if not np.any(amp > 0):
        return Verdict(
            "O5",
            False,
            {"value": None, "units": "V"},
            paper,
            "no peak near 0.9 T at 330 mK at any gate voltage",
        )
    i = int(np.argmin(amp))
    interior = 0 < i < amp.size - 1 and amp[0] > amp[i] and amp[-1] > amp[i]
    near = abs(gates[i] - obs.PEAK_MINIMUM_GATE_V) <= obs.PEAK_MINIMUM_GATE_WINDOW_V
    model = {"value": float(gates[i]) if interior else None, "units": "V"}
    reason = (
        f"amplitude smallest at V_BG = {gates[i]:g} V"
        if interior
        else "amplitude monotonic in V_BG (minimum at an end of the range)"
    )
    return Verdict("O5", bool(interior and near), model, paper, reason)


def judge_o6(magnetic_order: bool) -> Verdict:
    """No hysteresis: reproduced by any model without spontaneously ordered moments."""
    paper = obs.observation("O6").paper
    if magnetic_order:
        return Verdict(
            "O6",
            False,
            {"trend": "hysteresis expected"},
            paper,
            "the mechanism needs ordered moments",
        )
    return Verdict(
        "O6", True, {"trend": "no hysteresis"}, paper, "no spontaneous magnetisation in the model"
    )


def judge_o7(ds: xr.Dataset, xi_nm: float) -> Verdict:
    """w = Phi0 / (B_peak xi) from the model's 330 mK peak and the input coherence length."""
    gate = _nearest(ds.gate_voltage.values, TRACE_GATE_V)
    hot = _require(ds, obs.PEAK_TEMPERATURE_K)
    peaks = peaks_at(ds, hot, gate)
    paper = obs.observation("O7").paper
    if not peaks:
        return Verdict(
            "O7",
            False,
            {"value": None, "units": "nm"},
            paper,
            "no resistive peak at 330 mK to estimate w from",
        )
    b = peaks[0].position
    w = FLUX_QUANTUM_T_M2 / (b * xi_nm * 1e-9) * 1e9
    ok = abs(w - obs.WIDTH_NM) <= obs.WIDTH_TOLERANCE * obs.WIDTH_NM
    return Verdict(
        "O7",
        bool(ok),
        {"value": float(w), "units": "nm", "xi_nm": xi_nm},
        paper,
        f"w = Phi0 / ({b:.2f} T x {xi_nm:g} nm) = {w:.0f} nm",
    )


def judge_all(ds: xr.Dataset, *, magnetic_order: bool, xi_nm: float) -> dict[str, Verdict]:
    """Every observation's verdict for one simulated device, by key."""
    verdicts = [
        judge_o1(ds),
        judge_o2(ds),
        judge_o3(ds),
        judge_o4(ds),
        judge_o5(ds),
        judge_o6(magnetic_order),
        judge_o7(ds, xi_nm),
    ]
    return {v.key: v for v in verdicts}
