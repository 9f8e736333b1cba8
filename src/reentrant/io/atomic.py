"""Files written whole or not at all: a temporary file in the target directory, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reentrant.errors import InputFileError


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    If the body raises (an error, or ``KeyboardInterrupt`` on SIGINT), the temporary file is
    removed and ``path`` is left as it was.  The temporary name (``.<stem>.<random><suffix>``)
    keeps the suffix, so writers that infer the format from it still work.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise InputFileError(f"{path.parent}: no such directory")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # the permissions of a normally created file
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
