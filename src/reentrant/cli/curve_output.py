"""The JSON document of a T_c(B) curve, shared by ``reentrant tc`` and ``reentrant mechanism``.

::

    {"field": [...], "tc": [...], "q": [[qx, qy], ...] or null, "flags": [[...], ...],
     "units": {"field": "...", "tc": "...", "q": "..." or null}}

``flags`` follows the CF flag convention (CF Conventions, Sec. 3.5 "Flags"): an integer
variable with attributes ``flag_masks`` (integers) and ``flag_meanings`` (space-separated
names); a point lists every meaning whose mask has a bit set in its value.  Non-finite numbers
are written as null (JSON has no NaN).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr

from reentrant.errors import ParameterError


def _number(value: float) -> float | None:
    """A finite float, or None for NaN and infinities."""
    x = float(value)
    return x if math.isfinite(x) else None


def _units(ds: xr.Dataset, name: str) -> str:
    """The ``units`` attribute of ``ds[name]``; an error naming the variable if it has none."""
    units = ds[name].attrs.get("units")
    if units is None:
        raise ParameterError(f"curve variable {name!r} has no units attribute")
    return str(units)


def _flag_lists(ds: xr.Dataset) -> list[list[str]]:
    """Per point, the meanings of the ``flags`` variable's set mask bits ([] without flags)."""
    size = ds.sizes["field"]
    if "flags" not in ds:
        return [[] for _ in range(size)]
    flags = ds["flags"]
    if not np.issubdtype(flags.dtype, np.integer):
        raise ParameterError(f"curve variable 'flags' must be integer, got {flags.dtype}")
    masks = [int(m) for m in np.atleast_1d(flags.attrs.get("flag_masks", []))]
    meanings = str(flags.attrs.get("flag_meanings", "")).split()
    if len(masks) != len(meanings):
        raise ParameterError(
            f"curve variable 'flags' has {len(masks)} flag_masks but {len(meanings)} flag_meanings"
        )
    return [
        [name for mask, name in zip(masks, meanings, strict=True) if int(value) & mask]
        for value in flags.values
    ]


def curve_json(ds: xr.Dataset) -> dict[str, Any]:
    """The JSON-ready document of a T_c(B) curve (format in the module docstring).

    Parameters
    ----------
    ds
        Dataset over coordinate ``field`` with variable ``tc``, optionally ``q_x`` and ``q_y``
        (both or neither) and an integer ``flags`` variable with CF flag attributes; ``field``,
        ``tc`` and ``q_x`` carry ``units``.

    Raises
    ------
    ParameterError
        A missing ``field`` or ``tc``, units, ``q_y``/``q_x`` partner, or inconsistent flag
        attributes.
    """
    for name in ("field", "tc"):
        if name not in ds:
            raise ParameterError(f"curve dataset has no {name!r}")
    has_q = "q_x" in ds or "q_y" in ds
    if has_q and not ("q_x" in ds and "q_y" in ds):
        raise ParameterError("curve dataset has only one of q_x, q_y")
    q = None
    if has_q:
        q = [
            [_number(a), _number(b)]
            for a, b in zip(ds["q_x"].values, ds["q_y"].values, strict=True)
        ]
    return {
        "field": [_number(v) for v in ds["field"].values],
        "tc": [_number(v) for v in ds["tc"].values],
        "q": q,
        "flags": _flag_lists(ds),
        "units": {
            "field": _units(ds, "field"),
            "tc": _units(ds, "tc"),
            "q": _units(ds, "q_x") if has_q else None,
        },
    }
