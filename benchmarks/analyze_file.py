"""Time the analysis of a lab-style file: load, grid and extract (``reentrant analyze`` minus I/O).

The file is a simulated measurement on the paper's fields and gate voltages (91 x 39) at 86
temperatures, 0.05 to 0.9 K in 10 mK steps (305 214 rows), written as a CSV lab log
(``reentrant.device.write_csv``; the BCS T_c source, seconds).  Timed separately, after one
warm-up: :func:`reentrant.io.load` (parse, convert units, grid) and
:func:`reentrant.analysis.extract_all` (T_c of 3549 R(T) curves with brackets and flags, B_c and
peaks of 3354 R(B) sweeps, Hall fits), once as for a perpendicular field and once for the
in-plane field, which adds the lmfit fits of B_c||(T) for each of the 39 gate voltages.  As a
reference implementation the T_c of every zero-field curve is recomputed with plain numpy
(linear interpolation at 50 % of the resistance at the highest temperature, highest crossing)
and must agree wherever the package gives a value.  Target: loading and the extraction
without fits within a few seconds.  Prints one final line
``load_seconds=<s> extract_seconds=<s> extract_with_fits_seconds=<s>``.
"""

from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from reentrant.analysis import extract_all
from reentrant.device import default_device, paper_grid, write_csv
from reentrant.io import load


def _reference_tc(t: np.ndarray, r: np.ndarray) -> float:
    """Highest crossing of R = R(T_max)/2, by linear interpolation, in plain numpy."""
    level = 0.5 * r[-1]
    d = r - level
    k = np.flatnonzero(d[:-1] * d[1:] < 0)
    if k.size == 0:
        return float("nan")
    k = k[-1]
    return float(t[k] + (t[k + 1] - t[k]) * d[k] / (d[k] - d[k + 1]))


def main() -> None:
    """Run the benchmark and print the timings."""
    grid = paper_grid()
    temperatures = np.round(np.arange(0.05, 0.9 + 1e-9, 0.01), 10)
    ds = default_device(tc_source="bcs").simulate(
        temperatures, grid["field_t"], grid["gate_voltage_v"]
    )
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_csv(ds, Path(tmp) / "log")[0]
        load(path)
        start = time.perf_counter()
        data = load(path)
        load_s = time.perf_counter() - start
        extract_all(data, orientation="perpendicular")
        start = time.perf_counter()
        out = extract_all(data, orientation="perpendicular")
        extract_s = time.perf_counter() - start
        start = time.perf_counter()
        extract_all(data)
        fits_s = time.perf_counter() - start
    t = data.temperature.values
    zero = data.r_xx.sel(field=0.0).transpose("gate_voltage", "temperature").values
    reference = np.array([_reference_tc(t, row) for row in zero])
    got = out.tc.sel(field=0.0).values
    given = np.isfinite(got)
    np.testing.assert_allclose(got[given], reference[given], rtol=1e-12)
    print(f"rows {data.r_xx.size}, curves {out.tc.size}, T_c given at B = 0: {given.sum()}/39")
    print(
        f"load_seconds={load_s:.3f} extract_seconds={extract_s:.3f} "
        f"extract_with_fits_seconds={fits_s:.3f}"
    )


if __name__ == "__main__":
    main()
