"""Time the virtual-device simulation on the paper's full grid (T: 6, B: 91, V_BG: 39).

The default device takes T_c(B, V_BG) from the pairing solver of Eq. (1) (one T_c(B) curve of
91 fields per gate voltage).  That table is computed once and cached by the device
once per device; its one-off cost is timed and
printed first.  The timed run is then a full simulation with measurement noise on the cached
table, after one warm-up simulation.  Target: <= 30 s on 2 cores.  As a reference
implementation the script also assembles the same grid gate by gate, at one temperature,
through a fresh device that shares only the T_c table, and checks that both give the same R_xx.
Prints one final line ``simulation_seconds=<s>``.
"""

from __future__ import annotations

import time

import numpy as np

from reentrant.device import NoiseModel, VirtualDevice, default_device, paper_grid


def main() -> None:
    """Run the benchmark and print the timings."""
    grid = paper_grid()
    device = default_device(tc_source="pairing")
    start = time.perf_counter()
    table = device.tc_table(grid["field_t"], grid["gate_voltage_v"])
    cold = time.perf_counter() - start
    start = time.perf_counter()
    device.simulate(**grid)
    warmup = time.perf_counter() - start
    start = time.perf_counter()
    ds = device.simulate(**grid, noise=NoiseModel(seed=1))
    seconds = time.perf_counter() - start

    # reference: one gate voltage at a time, at the lowest temperature, same T_c table
    fresh = VirtualDevice(device.dos, device.tc_cache, device.parameters)
    t0 = grid["temperature_k"][:1]
    start = time.perf_counter()
    columns = [
        fresh.simulate(t0, grid["field_t"], [v]).r_xx.values[0, :, 0, :]
        for v in grid["gate_voltage_v"]
    ]
    reference = time.perf_counter() - start
    whole = device.simulate(t0, grid["field_t"], grid["gate_voltage_v"]).r_xx.values[0]
    assert np.allclose(np.stack(columns, axis=1), whole, rtol=1e-12, atol=0)

    tc0 = table[0]
    gate = grid["gate_voltage_v"]
    print(f"grid sizes: {dict(ds.sizes)}")
    print(f"T_c(B, V_BG) table from the pairing solver (one-off, cold): {cold:.1f} s")
    print(
        "T_c(B = 0) at V_BG = -200, 0, +180 V: "
        + ", ".join(f"{tc0[gate == v][0]:.3f} K" for v in (-200.0, 0.0, 180.0))
    )
    print(f"warm-up simulation (cached T_c): {warmup:.2f} s")
    print(f"reference, gate by gate at one temperature (cached T_c): {reference:.2f} s")
    print(f"simulation_seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
