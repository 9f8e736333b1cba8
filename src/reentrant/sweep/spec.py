"""What a sweep computes: a frozen, validated :class:`SweepSpec` and its TOML reader.

A spec file names a preset, its fixed parameters, the parameters to vary over a full grid, the
field grid of every curve and the solver's options::

    model = "saddle-soc"
    approx = "full"                 # any option of reentrant.sweep.point.solve_point
    tolerance = 1e-3
    [fixed]
    cutoff = 10.0
    [vary]                          # full grid of these, in this order; lists or {start, stop, num}
    delta = [1.0, 3.0]
    beta = {start = -2.0, stop = -1.0, num = 2}
    [derived]                       # parameters computed per point from the others
    momentum_cutoff = "3 * abs(beta) * mass_heavy"
    [field]                         # T for physical presets, k_B T_c0 for reduced ones
    start = 0.0
    stop = 2.0
    num = 9

``{start, stop, num}`` means ``num`` values from ``start`` to ``stop``, both included.  Every
mistake raises :class:`~reentrant.errors.ParameterError` (an unreadable file
:class:`~reentrant.errors.InputFileError`) naming the key at fault, before anything is computed.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reentrant.errors import ParameterError
from reentrant.io.toml import read_toml
from reentrant.models.presets import preset
from reentrant.pairing.model import PAIRING_PARAMETERS, PairingModel
from reentrant.sweep import expression
from reentrant.sweep.point import OPTIONS, check_options
from reentrant.validate import MAX_POINTS, count, number

#: Largest field of a sweep (tesla, or T_c0 units for reduced presets): far beyond any magnet.
MAX_FIELD = 1000.0
#: Most points of a sweep grid: each is one T_c(B) curve, seconds to minutes of a worker.
MAX_SWEEP_POINTS = 100_000

#: Top-level keys of a spec that are not options of the solver.
ENGINE_KEYS = ("model", "fixed", "vary", "derived", "field")
_RANGE_KEYS = ("start", "stop", "num")

Pairs = tuple[tuple[str, Any], ...]


def _values(name: str, value: Any) -> tuple[float, ...]:
    """A list of numbers or a ``{start, stop, num}`` table -> distinct values, in order."""
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - set(_RANGE_KEYS))
        missing = [k for k in _RANGE_KEYS if k not in value]
        if unknown or missing:
            raise ParameterError(
                f"{name} range needs exactly the keys start, stop, num "
                f"({'unknown ' + repr(unknown[0]) if unknown else 'missing ' + repr(missing[0])})"
            )
        num = value["num"]
        if isinstance(num, bool) or not isinstance(num, int):
            raise ParameterError(f"{name}.num must be an integer, got {num!r}")
        if num < 1:
            raise ParameterError(f"{name}: empty range (num = {num})")
        count(f"{name}.num", num, 1, MAX_POINTS)
        start = number(f"{name}.start", value["start"])
        stop = number(f"{name}.stop", value["stop"])
        out = tuple(float(v) for v in np.linspace(start, stop, num))
    elif isinstance(value, list | tuple | np.ndarray):
        if len(value) == 0:
            raise ParameterError(f"{name}: empty range (no values)")
        count(f"length of {name}", len(value), 1, MAX_POINTS)
        out = tuple(number(f"{name}[{i}]", v) for i, v in enumerate(value))
    else:
        raise ParameterError(
            f"{name} must be a list of numbers or a table {{start, stop, num}}, got {value!r}"
        )
    if len(set(out)) != len(out):
        raise ParameterError(f"{name} has repeated values")
    return out


def _table(name: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ParameterError(f"{name} must be a table, got {value!r}")
    return value


@dataclass(frozen=True)
class SweepSpec:
    """A sweep: preset, fixed and varied parameters, derived ones, field grid, options.

    Parameters
    ----------
    model : str
        Preset name (:data:`reentrant.models.presets.PRESETS`).
    field : tuple of float
        Fields of every curve, >= 0 and increasing (>= 3 of them): T for physical presets,
        k_B T_c0 for reduced ones.
    vary : tuple of (str, tuple of float)
        Preset parameters and their values; the sweep is their full grid, dimensions in this
        order.
    fixed : tuple of (str, float)
        Preset parameters held at other values than the preset's defaults.
    derived : tuple of (str, str)
        Preset parameters computed per point by an arithmetic expression of the others
        (:mod:`reentrant.sweep.expression`).
    options : tuple of (str, value)
        Options of :func:`reentrant.sweep.point.solve_point`, defaults filled in.

    Mappings are accepted for ``vary``, ``fixed``, ``derived`` and ``options``.
    """

    model: str
    field: tuple[float, ...]
    vary: tuple[tuple[str, tuple[float, ...]], ...]
    fixed: Pairs = ()
    derived: Pairs = ()
    options: Pairs = ()

    def __post_init__(self) -> None:
        if not isinstance(self.model, str):
            raise ParameterError(f"model must be a preset name, got {self.model!r}")
        spec = preset(self.model)
        vary = tuple((str(k), _values(f"vary.{k}", v)) for k, v in dict(self.vary).items())
        if not vary:
            raise ParameterError("vary needs at least one parameter")
        fixed = tuple(
            sorted((str(k), number(f"fixed.{k}", v)) for k, v in dict(self.fixed).items())
        )
        derived = tuple(sorted((str(k), v) for k, v in dict(self.derived).items()))
        field_values = _values("field", self.field)
        h = np.asarray(field_values)
        if h.size < 3 or np.any(np.diff(h) <= 0) or h[0] < 0:
            raise ParameterError("field must be >= 3 increasing values, all >= 0")
        if h[-1] > MAX_FIELD:
            raise ParameterError(f"field must stay within {MAX_FIELD:g}, got {h[-1]:g}")
        size = int(np.prod([len(v) for _, v in vary]))
        if size > MAX_SWEEP_POINTS:
            raise ParameterError(f"the grid has {size} points; at most {MAX_SWEEP_POINTS}")
        object.__setattr__(self, "vary", vary)
        object.__setattr__(self, "fixed", fixed)
        object.__setattr__(self, "derived", derived)
        object.__setattr__(self, "field", field_values)
        object.__setattr__(self, "options", tuple(check_options(dict(self.options)).items()))
        names = [k for k, _ in vary] + [k for k, _ in fixed] + [k for k, _ in derived]
        twice = sorted({k for k in names if names.count(k) > 1})
        if twice:
            raise ParameterError(f"parameter {twice[0]!r} is given more than once")
        spec.parameters(**dict.fromkeys(set(names) - set(PAIRING_PARAMETERS), 1.0))  # unknown
        known = set(spec.defaults) | set(PAIRING_PARAMETERS)
        for target, text in derived:
            unknown = sorted(expression.names(text, f"derived.{target}") - known)
            if unknown:
                raise ParameterError(
                    f"derived.{target}: {unknown[0]!r} is not a parameter of {self.model!r}"
                )
            uses_derived = sorted(expression.names(text) & set(dict(derived)))
            if uses_derived:
                raise ParameterError(
                    f"derived.{target} uses the derived parameter {uses_derived[0]!r}"
                )
        for index in self.points():
            params = self.parameters(index)
            try:
                PairingModel.from_preset(self.model, **params)
            except ParameterError as exc:
                raise ParameterError(f"point {self.describe(index)}: {exc}") from None

    @property
    def dims(self) -> tuple[str, ...]:
        """Names of the varied parameters: the sweep's dimensions before ``field``."""
        return tuple(name for name, _ in self.vary)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each varied parameter."""
        return tuple(len(values) for _, values in self.vary)

    @property
    def size(self) -> int:
        """Number of points (curves)."""
        return math.prod(self.shape)

    def points(self) -> Iterator[tuple[int, ...]]:
        """Index tuples of every point, in C order."""
        return itertools.product(*(range(n) for n in self.shape))

    def parameters(self, index: tuple[int, ...]) -> dict[str, float]:
        """Preset parameters of point ``index`` that differ from the defaults (fixed, varied,
        derived)."""
        params = dict(self.fixed)
        params.update((name, values[i]) for (name, values), i in zip(self.vary, index, strict=True))
        own = {k: v for k, v in params.items() if k not in PAIRING_PARAMETERS}
        scope = {**PAIRING_PARAMETERS, **preset(self.model).parameters(**own)}
        for target, text in self.derived:
            params[target] = expression.evaluate(text, scope, f"derived.{target}")
        return params

    def describe(self, index: tuple[int, ...]) -> str:
        """``name=value`` of the varied parameters at ``index``, e.g. ``delta=1, beta=-2``."""
        return ", ".join(
            f"{name}={values[i]:g}" for (name, values), i in zip(self.vary, index, strict=True)
        )

    def as_dict(self) -> dict[str, Any]:
        """The spec as a TOML-shaped mapping: ``SweepSpec.from_mapping(s.as_dict()) == s``."""
        return {
            "model": self.model,
            **dict(self.options),
            "fixed": dict(self.fixed),
            "vary": {name: list(values) for name, values in self.vary},
            "derived": dict(self.derived),
            "field": list(self.field),
        }

    def to_json(self) -> str:
        """Canonical JSON of :meth:`as_dict` (equal specs give equal text)."""
        return json.dumps(self.as_dict(), allow_nan=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SweepSpec:
        """Build from a parsed spec file (see the module docstring for its keys)."""
        known = (*ENGINE_KEYS, *OPTIONS)
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ParameterError(
                f"unknown spec key {unknown[0]!r}; known: {', '.join(sorted(known))}"
            )
        for key in ("model", "vary", "field"):
            if key not in data:
                raise ParameterError(f"spec needs the key {key!r}")
        return cls(
            model=data["model"],
            field=data["field"],
            vary=tuple(_table("vary", data["vary"]).items()),
            fixed=tuple(_table("fixed", data.get("fixed", {})).items()),
            derived=tuple(_table("derived", data.get("derived", {})).items()),
            options=tuple((k, v) for k, v in data.items() if k not in ENGINE_KEYS),
        )

    @classmethod
    def from_json(cls, text: str) -> SweepSpec:
        """Inverse of :meth:`to_json`."""
        return cls.from_mapping(json.loads(text))


def load_spec(path: str | Path) -> SweepSpec:
    """Read and validate a spec file (TOML)."""
    return SweepSpec.from_mapping(read_toml(path, "spec"))
