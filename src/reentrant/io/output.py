"""The one writer of output files: checked before any work, written whole, never clobbering.

Every file ``reentrant`` writes (NetCDF, figures, CSV, JSON, HTML) goes through this module:

- **ending**: the name must end as the format written (``.nc`` NetCDF-4, ``.png``, ``.pdf``,
  ``.csv``, ``.json``, ``.html``); ``simulate --out data.csv`` is refused, not filled with HDF5;
- **place**: the directory must exist and accept a new file (probed by creating and removing
  one, which also catches read-only file systems and, unlike :func:`os.access`, is right for
  root); the output must not be a directory;
- **ownership**: an existing file is replaced only if ``reentrant`` wrote it, unless
  ``force=True`` (``--force`` on the command line).  Our files are recognised by a marker:
  NetCDF by the global attribute ``created_by = "reentrant <version>"``, PNG by its
  ``Software`` text chunk; formats without metadata (PDF, CSV, JSON, HTML) by the manifest
  ``.reentrant-manifest.json`` of their directory, which records the SHA-256 of every such file
  written there, so a file edited since is no longer ours;
- **atomicity**: a temporary file in the same directory, renamed over the target at the end
  (:func:`reentrant.io.atomic.atomic_path`); an error or SIGINT leaves the old state.

:func:`check_output` and :func:`check_directory` run the same checks without writing, so the
command line refuses a bad output before any computation.  Two processes writing into one
directory at the same moment may lose a manifest entry; the file then counts as foreign and is
refused, never clobbered.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import xarray as xr

from reentrant.errors import OutputFileError
from reentrant.io.atomic import atomic_path

#: Output endings and the format each stands for.
FORMATS: dict[str, str] = {
    ".nc": "NetCDF",
    ".png": "PNG",
    ".pdf": "PDF",
    ".csv": "CSV",
    ".json": "JSON",
    ".html": "HTML",
}

#: Global attribute (NetCDF) and text chunk (PNG) that mark a file as written by ``reentrant``.
CREATED_BY = "created_by"
PNG_KEY = "Software"

#: File of a directory that records the SHA-256 of the marker-less files written there.
MANIFEST = ".reentrant-manifest.json"

_MARKED = (".nc", ".png")


def created_by() -> str:
    """The marker value: ``'reentrant <version>'``."""
    import reentrant

    return f"reentrant {reentrant.__version__}"


def sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's contents."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _manifest(directory: Path) -> dict[str, str]:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _update_manifest(directory: Path, changes: Mapping[str, str | None]) -> None:
    """Record (hash) or forget (None) files in the directory's manifest."""
    entries = _manifest(directory)
    for name, digest in changes.items():
        if digest is None:
            entries.pop(name, None)
        else:
            entries[name] = digest
    with atomic_path(directory / MANIFEST) as tmp:
        tmp.write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def is_ours(path: str | Path) -> bool:
    """Whether ``path`` is a file that ``reentrant`` wrote (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        return False
    suffix = path.suffix.lower()
    try:
        if suffix == ".nc":
            import h5py

            with h5py.File(path, "r") as fh:
                value = fh.attrs.get(CREATED_BY, b"")
            value = value.decode() if isinstance(value, bytes) else str(value)
            return value.startswith("reentrant ")
        if suffix == ".png":
            from PIL import Image

            with Image.open(path) as image:
                return str(getattr(image, "text", {}).get(PNG_KEY, "")).startswith("reentrant ")
        return _manifest(path.parent).get(path.name) == sha256(path)
    except (OSError, ValueError):
        return False


def _writable(directory: Path) -> bool:
    """Whether a new file can be created in ``directory`` (probed, then removed)."""
    try:
        fd, probe = tempfile.mkstemp(dir=directory, prefix=".reentrant-probe-")
    except OSError:
        return False
    os.close(fd)
    os.unlink(probe)
    return True


def check_directory(path: str | Path, *, what: str = "output directory") -> Path:
    """Check an output directory: existing and writable, or creatable in a writable parent.

    Nothing is created.

    Raises
    ------
    OutputFileError
        The path is a file, its parent does not exist, or the directory is not writable.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputFileError(f"{what} {path} exists and is not a directory")
    target = path if path.is_dir() else path.parent
    if not path.is_dir() and not target.is_dir():
        raise OutputFileError(f"{what} {path}: parent directory {target} does not exist")
    if not _writable(target):
        raise OutputFileError(f"{what} {path}: directory {target} is not writable")
    return path


def check_output(path: str | Path, suffix: str, *, force: bool = False) -> Path:
    """Check that ``path`` may be written as a ``suffix`` file (``'.nc'``, ``'.png'`` ...).

    Nothing is written.  See the module docstring for the rules.

    Raises
    ------
    OutputFileError
        Wrong ending, a directory, a missing or unwritable directory, or an existing file that
        ``reentrant`` did not write (unless ``force``).
    """
    path = Path(path)
    if suffix not in FORMATS:
        raise OutputFileError(f"unknown output format {suffix!r}; choose from {', '.join(FORMATS)}")
    if path.suffix.lower() != suffix:
        raise OutputFileError(
            f"output {path} must end in {suffix} ({FORMATS[suffix]} is written), "
            f"not {path.suffix or 'no ending'!r}"
        )
    if path.is_dir():
        raise OutputFileError(f"output {path} is a directory; give a file name ending in {suffix}")
    if not path.parent.is_dir():
        raise OutputFileError(f"output {path}: directory {path.parent} does not exist")
    if not _writable(path.parent):
        raise OutputFileError(f"output {path}: directory {path.parent} is not writable")
    if path.exists() and not force and not is_ours(path):
        raise OutputFileError(
            f"{path} exists and was not written by reentrant; refusing to replace it "
            "without --force (force=True)"
        )
    return path


def check_outputs(directory: str | Path, names: Iterable[str], *, force: bool = False) -> Path:
    """Check an output directory and every file name that may be written into it.

    A directory that does not exist yet only needs a writable parent (nothing in it can be
    clobbered).
    """
    directory = check_directory(directory)
    for name in names:
        suffix = Path(name).suffix.lower()
        if directory.is_dir():
            check_output(directory / name, suffix, force=force)
        elif suffix not in FORMATS:
            raise OutputFileError(f"unknown output format of {name!r}")
    return directory


def _write(path: str | Path, suffix: str, force: bool, write: Callable[[Path], None]) -> Path:
    """Check, write atomically with ``write(tmp)``, and record marker-less files."""
    path = check_output(path, suffix, force=force)
    try:
        with atomic_path(path) as tmp:
            write(tmp)
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    if suffix not in _MARKED:
        _update_manifest(path.parent, {path.name: sha256(path)})
    return path


def write_netcdf(
    data: xr.Dataset | Mapping[str, xr.Dataset], path: str | Path, *, force: bool = False
) -> Path:
    """Write a dataset, or ``{group: dataset}`` as groups of one file, as NetCDF-4.

    The root carries ``created_by``; the datasets passed in are not modified.
    """
    groups = {"": data} if isinstance(data, xr.Dataset) else dict(data)
    if not groups:
        raise OutputFileError(f"nothing to write to {path}")

    def write(tmp: Path) -> None:
        root = groups.get("", xr.Dataset())
        root.assign_attrs({**root.attrs, CREATED_BY: created_by()}).to_netcdf(
            tmp, mode="w", engine="h5netcdf"
        )
        for name, ds in groups.items():
            if name:
                ds.to_netcdf(tmp, mode="a", group=name, engine="h5netcdf")

    return _write(path, ".nc", force, write)


def save_figure(fig: Any, path: str | Path, *, force: bool = False, dpi: int = 120) -> Path:
    """Save a matplotlib figure as PNG or PDF (from the ending), marked as ours."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise OutputFileError(f"figure {path} must end in .png or .pdf")
    key = PNG_KEY if suffix == ".png" else "Creator"
    return _write(
        path,
        suffix,
        force,
        lambda tmp: fig.savefig(tmp, format=suffix[1:], dpi=dpi, metadata={key: created_by()}),
    )


def write_text(text: str, path: str | Path, *, force: bool = False) -> Path:
    """Write a CSV, JSON or HTML document (UTF-8), recorded in the directory's manifest."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".json", ".html"):
        raise OutputFileError(f"text output {path} must end in .csv, .json or .html")
    return _write(path, suffix, force, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def remove_stale(directory: str | Path, names: Iterable[str]) -> list[Path]:
    """Remove the files ``names`` of ``directory`` that ``reentrant`` wrote; keep any other.

    Returns the paths removed.
    """
    directory = Path(directory)
    removed = [directory / n for n in names if is_ours(directory / n)]
    for path in removed:
        path.unlink()
    forget = {p.name: None for p in removed if p.suffix.lower() not in _MARKED}
    if forget:
        _update_manifest(directory, forget)
    return removed
