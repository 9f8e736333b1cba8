"""Without the optional ``sweep`` extra: one clear error naming it; other commands unaffected."""

import subprocess
import sys

HIDE_DASK = "import sys; sys.modules['distributed'] = None; from reentrant.cli import main; main()"


def test_missing_extra_is_one_error_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", HIDE_DASK, "sweep", "--status", str(tmp_path / "s.zarr")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: reentrant.sweep needs dask.distributed and zarr (distributed is missing): "
        "pip install 'reentrant[sweep]'"
    ]


def test_other_commands_do_not_need_it():
    result = subprocess.run(
        [sys.executable, "-c", HIDE_DASK, "tc", "--model", "bcs-2d", "--zeeman", "0:1:3",
         "--uniform", "--tolerance", "1e-2", "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('{"field": [0.0, 0.5, 1.0]')
