"""Run many command lines of the console script, each in its own forked process.

``python tests/cli_fork_runner.py`` reads ``{"cwd": dir, "timeout": s, "cases": [[arg, ...],
...]}`` as JSON on stdin, imports the console script's entry point once (``reentrant.cli.main``,
what ``reentrant`` runs) and forks one child per case: the child changes to ``cwd``, sets
``sys.argv``, sends its stdout and stderr to files and runs ``main()``, exactly as the installed
script does after start-up, so its exit status and output are real.  An exception escaping
``main`` is printed as Python prints it and exits with status 1; a child still running after
``timeout`` seconds is killed by SIGALRM.  One JSON list ``[[status, stdout, stderr, seconds],
...]`` comes back on stdout.  Forking saves the 1-2 s import of every process; nothing has run a
numba kernel before the fork.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
import traceback


def _child(args: list[str], cwd: str, out: str, err: str, timeout: int) -> None:
    from reentrant.cli import main

    signal.alarm(timeout)
    os.chdir(cwd)
    for fd, path in ((1, out), (2, err)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.argv = ["reentrant", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    """Read the cases, run each in a forked child, print the results."""
    request = json.load(sys.stdin)
    import reentrant.cli  # noqa: F401  (imported once, before forking)

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        for args in request["cases"]:
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                _child(args, request["cwd"], out, err, int(request["timeout"]))
            _, status = os.waitpid(pid, 0)
            seconds = time.perf_counter() - start
            with open(out) as fo, open(err) as fe:
                results.append([os.waitstatus_to_exitcode(status), fo.read(), fe.read(), seconds])
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
