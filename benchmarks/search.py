"""Wall time of the default re-entrance search on the sweep engine, against the old figure.

The default :class:`~reentrant.sweep.search.SearchGrid` is 24 curves (3 delta x 2 beta x 2 M/m
x 1 omega_D, both approximations) of 13 Zeeman energies from 0 to 3 k_B T_c0 at tolerance
1e-2.  Before the search ran on the sweep engine it took 1050 s wall on 2 workers of a shared
2-core machine (``docs/paper_model.md``); the target is a fifth of that, 210 s.  Timed here from
the start of a local cluster of ``--workers`` processes to the finished search dataset: cluster
start, worker start-up (imports, numba's cached kernels), every curve, every store write.

Prints the curves that failed on stderr; the last line of stdout is
``curves=<n> seconds=<s> per_curve=<s> reference_seconds=1050 target_seconds=210``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import numpy as np

from reentrant.sweep.search import SearchGrid, search_reentrance

REFERENCE_SECONDS = 1050.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    args = parser.parse_args()
    grid = SearchGrid()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        ds = search_reentrance(grid, store=tmp, workers=args.workers)
        seconds = time.perf_counter() - start
    failed = int(np.sum(~ds.converged.values))
    print(f"{failed} of {grid.size} curves did not converge; re-entrant points: "
          f"{int(ds.reentrant.sum())}", file=sys.stderr)  # fmt: skip
    print(
        f"curves={grid.size} seconds={seconds:.1f} per_curve={seconds / grid.size:.2f} "
        f"reference_seconds={REFERENCE_SECONDS:.0f} target_seconds={REFERENCE_SECONDS / 5:.0f}"
    )


if __name__ == "__main__":
    main()
