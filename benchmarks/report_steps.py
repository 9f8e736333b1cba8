"""Time every step of ``reentrant reproduce`` on its own, in this process, quick and full.

The report's wall time on ``--jobs 2`` is set by how these costs share two workers (the
searches' points fill the gaps), so each step is timed alone: wall and CPU seconds, one line
each, the quick configuration first.  The search steps need a dask client and run on a local
one with one worker thread.  As a reference the scorecard's steps are also timed with the
lead's default fit budget (150 Nelder-Mead evaluations per run) in the quick configuration,
and the verdicts of both budgets are compared (they must agree for the cheaper budget to
stand).  Run ``python benchmarks/report_steps.py [--quick-only]``.
"""

from __future__ import annotations

import sys
import time
import warnings

from reentrant.report import pipeline
from reentrant.report.config import make_config


def _time(name, config, client, results):
    wall, cpu = time.perf_counter(), time.process_time()
    results[name] = pipeline.compute_step(name, config, client=client, results=results)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    """Time each step (quick, then full unless ``--quick-only``) and print one line per step."""
    from reentrant.sweep.engine import local_client

    warnings.simplefilter("ignore")
    configs = [("quick", make_config(quick=True))]
    if "--quick-only" not in sys.argv:
        configs.append(("full", make_config()))
    configs.append(("quick-150", make_config(quick=True, config={"fit_evaluations": 150})))
    verdicts = {}
    with local_client(1, processes=False) as client:
        for label, config in configs:
            results, total = {}, 0.0
            names = pipeline.steps()
            if label == "quick-150":
                names = pipeline.score_steps()
            for name in names:
                wall, cpu = _time(name, config, client, results)
                total += wall
                print(f"{label:9s} {name:32s} wall {wall:7.1f} s  cpu {cpu:7.1f} s", flush=True)
            scores = [results[n] for n in pipeline.score_steps()]
            verdicts[label] = [row.reproduced.values.tolist() for row in scores]
            print(f"{label:9s} {'all steps, one after another':32s} wall {total:7.1f} s")
    same = verdicts["quick"] == verdicts["quick-150"]
    print(f"quick scorecard verdicts equal with 40 and 150 evaluations: {same}")


if __name__ == "__main__":
    main()
