"""Time one T_c(B) curve of ``saddle-soc`` against a uniform-grid reference at the same accuracy.

Package: :meth:`reentrant.pairing.PairingModel.tc_curve` on 41 Zeeman energies
``h / T_c0 in [0, 1.25]`` (T_c falls from T_c0 to 0.43 T_c0 there; it drops to zero just above,
near h = 1.27 T_c0), Q optimised, default tolerance 1e-3 (including its refinement check); best
of a few repetitions after a JIT warm-up.

Reference: the same T_c algorithm (:class:`reentrant.pairing.tc.TcSolver`, same calibrated
coupling) on the uniform-grid chi_00 of ``benchmarks/uniform_grid.py``.  On representative
fields (``PICKS``, denser at the end, where T_c is lowest) the script finds the grid size n_k
at which the reference T_c (at the package's optimal Q) agrees with the package's to 1e-3,
raising n_k in steps of sqrt(2); beyond ``--max-nk`` the error is extrapolated as a power law in
n_k from the last two grids.  The reference solver is then timed on those fields at that n_k
(continuation from the package's previous field), or, above ``--max-nk``, at the largest
affordable n_k and scaled by (n_k / n_run)^2 (the cost is proportional to the number of grid
points).  The 41-field reference time is the sum over all 41 fields of the per-field times
interpolated linearly in the field index between the timed fields: an extrapolation, stated in
the output.

The same 41-field curve is also timed for the equal-spin triplet (``channel="triplet"``, d along
y, p_y form factor) and for the coupled singlet-triplet problem (``channel="both"``, d along y,
V_t / V_s = 1): the leading eigenvalue of a 2x2 gap equation instead of one susceptibility.

Prints a table on stderr and ends stdout with ``curve_seconds=<s> reference_seconds=<s>
speedup=<x> triplet_seconds=<s> coupled_seconds=<s>``.  ``--quick`` runs a small smoke version
(5 fields, one field of reference); ``--no-reference`` times the package curves only.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from scipy.optimize import brentq
from uniform_grid import UniformGridSusceptibility, uniform_grid_solver

from reentrant.models.presets import preset
from reentrant.pairing import PairingModel
from reentrant.pairing.curve import solver_for, sweep
from reentrant.pairing.tc import TcSolver

MODEL = "saddle-soc"
H_MAX = 1.25
TOLERANCE = 1e-3
#: fields of the 41 on which the reference is timed: denser where T_c falls steeply (costly)
PICKS = [0, 10, 20, 30, 35, 38, 40]


def log(message: str) -> None:
    """Progress and tables go to stderr."""
    print(message, file=sys.stderr, flush=True)


def time_package(fields: np.ndarray, repeats: int, channel: str = "singlet", **pairing):
    """Best wall time of ``repeats`` package curves (after one warm-up), its CPU time, result.

    ``channel`` and ``pairing`` (``d_vector``, ``triplet_ratio``) choose the pairing channel.
    """
    model = PairingModel.from_preset(MODEL, channel=channel, **pairing)
    model.tc_curve(fields[:3], tolerance=TOLERANCE)
    best, cpu, ds = np.inf, np.inf, None
    for i in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        ds = model.tc_curve(fields, tolerance=TOLERANCE)
        wall, used = time.perf_counter() - start, time.process_time() - start_cpu
        best, cpu = (wall, used) if wall < best else (best, cpu)
        log(f"package {channel} curve, repetition {i + 1}: {wall:.2f} s wall, {used:.2f} s CPU")
    return best, cpu, ds


def reference_tc_at_q(sus: UniformGridSusceptibility, h: float, q: np.ndarray, tc: float):
    """Root of V chi_00(q, h, T) = 1 in ln T near ``tc`` (None if not within a factor 1.5)."""
    zeeman = np.array([h, 0.0, 0.0])

    def f(log_t: float) -> float:
        return sus.eigenvalue(q, zeeman, np.exp(log_t)) - 1.0

    lo, hi = np.log(tc / 1.5), np.log(tc * 1.5)
    if f(lo) * f(hi) > 0:
        return None
    return float(np.exp(brentq(f, lo, hi, xtol=TOLERANCE / 20, rtol=1e-12)))


def needed_nk(model, interaction, h, q, tc, n_start: int, max_nk: int):
    """Smallest n_k (steps of sqrt 2) with |T_c,ref / T_c - 1| <= tolerance, and the errors seen.

    Beyond ``max_nk`` the error is extrapolated as ``err ~ n_k^-p`` from the last two grids.
    """
    seen = []
    n = n_start
    while n <= max_nk:
        sus = UniformGridSusceptibility(model, interaction, n)
        tc_ref = reference_tc_at_q(sus, h, q, tc)
        err = np.inf if tc_ref is None else abs(tc_ref / tc - 1.0)
        seen.append((n, err))
        log(f"  h={h:.4f}  n_k={n:6d}  T_c,ref/T_c - 1 = {err:.2e}")
        if err <= TOLERANCE:
            return n, seen, False
        n = int(round(n * np.sqrt(2.0)))
    n2, e2 = seen[-1]
    n1, e1 = seen[-2] if len(seen) > 1 else (n2, np.inf)
    if not np.isfinite(e2):
        raise SystemExit(f"the uniform grid is off by more than 50% at n_k = {n2}; raise --max-nk")
    p = np.log(e1 / e2) / np.log(n2 / n1) if np.isfinite(e1) and e2 < e1 else 1.0
    p = max(p, 1.0)
    return int(np.ceil(n2 * (e2 / TOLERANCE) ** (1.0 / p))), seen, True


def time_reference(model, interaction, package: TcSolver, ds, index: int, n_k: int, max_nk: int):
    """Seconds of the uniform-grid TcSolver at field ``index``, continued along the sweep.

    The continuation data (previous Q, T_c and temperature scan) are the package's own at the
    two preceding fields, so the reference solve does the same work as one step of the curve.
    """
    n_run = min(n_k, max_nk)
    solver = uniform_grid_solver(
        model, interaction, n_run, tc0=1.0, v_fermi=package.susceptibility.geometry.v_fermi,
        tolerance=TOLERANCE,
    )  # fmt: skip
    h = ds.zeeman.values
    previous = sweep(package, h[max(0, index - 2) : index])
    start, start_cpu = time.perf_counter(), time.process_time()
    point = solver.solve(float(h[index]), previous)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    scale = (n_k / n_run) ** 2
    return seconds * scale, seconds, n_run, point.tc, cpu * scale


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--max-nk", type=int, default=None, help="largest n_k actually run")
    parser.add_argument("--no-reference", action="store_true", help="time the package curves only")
    args = parser.parse_args(argv)
    n_fields, repeats, picks = (5, 1, [0]) if args.quick else (41, 3, PICKS)
    max_nk = args.max_nk or (1000 if args.quick else 4000)
    fields = np.linspace(0.0, H_MAX, n_fields)

    curve_seconds, curve_cpu, ds = time_package(fields, repeats)
    log(f"package: {n_fields} fields, best of {repeats}: {curve_seconds:.2f} s "
        f"(refinement error estimate {ds.attrs['tc_error_estimate']:.1e})")  # fmt: skip
    log("   h/Tc0    Tc/Tc0       q_x       q_y")
    for h, tc, qx, qy in zip(fields, ds.tc.values, ds.q_x.values, ds.q_y.values, strict=True):
        log(f"  {h:6.3f}  {tc:8.5f}  {qx:8.4f}  {qy:8.4f}")

    triplet_seconds, _, _ = time_package(fields, repeats, "triplet", d_vector="y")
    coupled_seconds, _, _ = time_package(fields, repeats, "both", d_vector="y", triplet_ratio=1.0)
    channels = f"triplet_seconds={triplet_seconds:.3f} coupled_seconds={coupled_seconds:.3f}"
    if args.no_reference:
        print(f"curve_seconds={curve_seconds:.3f} {channels}")
        return

    model, cutoff = preset(MODEL).model()
    sus = solver_for(model, cutoff, 1.0, tolerance=TOLERANCE)
    interaction, package = sus.interaction, TcSolver(sus, 1.0, TOLERANCE)
    rows = []
    for i in picks:
        h, tc = float(fields[i]), float(ds.tc.values[i])
        q = np.array([ds.q_x.values[i], ds.q_y.values[i]])
        n_k, _, extrapolated = needed_nk(model, interaction, h, q, tc, 500, max_nk)
        seconds, run_seconds, n_run, tc_ref, cpu = time_reference(
            model, interaction, package, ds, i, n_k, max_nk
        )
        rows.append((h, tc, n_k, extrapolated, n_run, run_seconds, seconds, tc_ref, cpu))

    log("reference (uniform grid, same TcSolver), per field:")
    log("   h/Tc0    Tc/Tc0      n_k  n_k run  run [s]  at n_k [s]  CPU [s]  Tc,ref(n_k run)")
    for h, tc, n_k, ext, n_run, run_s, sec, tc_ref, cpu in rows:
        mark = "*" if ext else " "
        log(f"  {h:6.3f}  {tc:8.5f}  {n_k:7d}{mark} {n_run:7d}  {run_s:7.2f}  {sec:10.1f}  "
            f"{cpu:7.1f}  {tc_ref:.5f}")  # fmt: skip
    log("  (*: n_k extrapolated from the error trend; time at n_k = run time x (n_k/n_run)^2)")
    per_field = np.interp(np.arange(n_fields), picks, [r[6] for r in rows])
    reference_seconds = float(per_field.sum())
    log(f"reference: {n_fields} fields = {reference_seconds:.0f} s, extrapolated (not run): "
        f"per-field times of the {len(rows)} timed fields interpolated linearly in the field "
        "index")  # fmt: skip
    speedup = reference_seconds / curve_seconds
    reference_cpu = float(np.interp(np.arange(n_fields), picks, [r[8] for r in rows]).sum())
    log(f"CPU time: package {curve_cpu:.1f} s, reference {reference_cpu:.0f} s, ratio "
        f"{reference_cpu / curve_cpu:.1f} (less sensitive to other load; the package's kernel "
        "runs on all cores, numpy mostly on one)")  # fmt: skip
    print(
        f"curve_seconds={curve_seconds:.3f} reference_seconds={reference_seconds:.1f} "
        f"speedup={speedup:.1f} {channels}"
    )


if __name__ == "__main__":
    main()
