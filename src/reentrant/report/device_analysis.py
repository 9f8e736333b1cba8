"""What the analysis code extracts from a simulated device, for the report's device figures.

The same extraction an experimentalist runs on measured files (:mod:`reentrant.analysis`),
applied to the simulated R_xx of :meth:`reentrant.device.VirtualDevice.simulate` (current
along [001], the channel the scorecard judges):

* ``tc_resistive``: T_c per gate voltage where R_xx(T) at the lowest field crosses 50 % of
  R_xx(0.9 K), the paper's criterion (Fig. 1e; :func:`reentrant.explain.extract.tc_per_gate`);
* ``peak_position``, ``peak_amplitude``, ``peak_relative_amplitude``, ``peak_width`` per
  (temperature, gate voltage): the most prominent resistive peak of each R_xx(B) sweep flanked
  by superconducting intervals (Fig. 2d; :func:`reentrant.analysis.peaks.track_peaks`, with
  R_N the device's normal-state resistance).
"""

from __future__ import annotations

import xarray as xr

from reentrant.analysis.peaks import track_peaks
from reentrant.explain.extract import CHANNEL, tc_per_gate


def analyse_device(ds: xr.Dataset) -> xr.Dataset:
    """Resistive T_c per gate and the resistive peak of every R_xx(B) sweep of ``ds``."""
    r_xx = ds.r_xx.sel(channel=CHANNEL, drop=True)
    peaks = track_peaks(r_xx, dim="field", r_normal=ds.r_normal.sel(channel=CHANNEL, drop=True))
    tc = tc_per_gate(ds)
    return peaks.assign(
        tc_resistive=(
            "gate_voltage",
            tc,
            {"units": "K", "long_name": "T_c at 50 % of R_xx(0.9 K), B = 0"},
        ),
        density=ds.density,
    ).assign_attrs(channel=CHANNEL, device=ds.attrs.get("device", ""))
