"""TOML files (report configs, sweep specs): parsed whole; every failure names the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from reentrant.errors import InputFileError


def read_toml(path: str | Path, what: str = "file") -> dict[str, Any]:
    """Parse the TOML file ``path`` (a ``what``, named in errors) into a mapping.

    Raises
    ------
    InputFileError
        If the file cannot be read, is not UTF-8 or is not valid TOML.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read {what} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputFileError(f"{path}: {what} is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"{path}: invalid TOML ({exc})") from None
