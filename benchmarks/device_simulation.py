"""Time the virtual-device simulation on the paper's full grid (T: 6, B: 91, V_BG: 39).

The first run fills the T_c(B, V_BG) cache (the solver calls) and is the warm-up; the timed
run is the second one on the same device, with measurement noise.  Target: <= 30 s on 2 cores.
As a reference implementation the script also times the same grid point by point through a
fresh, uncached device at one temperature, and checks that both give the same R_xx.
Prints one final line ``simulation_seconds=<s>``.
"""

from __future__ import annotations

import time

import numpy as np

from reentrant.device import NoiseModel, default_device, paper_grid


def main() -> None:
    """Run the benchmark and print the timings."""
    grid = paper_grid()
    device = default_device()
    start = time.perf_counter()
    device.simulate(**grid)
    warmup = time.perf_counter() - start
    start = time.perf_counter()
    ds = device.simulate(**grid, noise=NoiseModel(seed=1))
    seconds = time.perf_counter() - start

    # reference: one gate voltage at a time, uncached, at the lowest temperature
    fresh = default_device()
    t0 = grid["temperature_k"][:1]
    start = time.perf_counter()
    columns = [
        fresh.simulate(t0, grid["field_t"], [v]).r_xx.values[0, :, 0, :]
        for v in grid["gate_voltage_v"]
    ]
    reference = time.perf_counter() - start
    whole = device.simulate(t0, grid["field_t"], grid["gate_voltage_v"]).r_xx.values[0]
    assert np.allclose(np.stack(columns, axis=1), whole, rtol=1e-12, atol=0)

    print(f"grid sizes: {dict(ds.sizes)}")
    print(f"warm-up (fills T_c cache): {warmup:.2f} s")
    print(f"reference, point by point at one temperature, uncached: {reference:.2f} s")
    print(f"simulation_seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
