"""Parameters of ``reentrant reproduce``: a frozen, validated dataclass and its TOML reader.

A config file holds top-level keys named after the fields of :class:`ReportConfig` and an
optional ``[model]`` table that overrides the preset's parameters (meV, nm^-1, m_e, K, g)::

    preset = "lto-kto-110"
    field_max_t = 3.0
    coherence_length_nm = 30.0

    [model]
    delta = 0.3

Unknown keys, wrong types and bad values raise :class:`~reentrant.errors.ParameterError`
(or :class:`~reentrant.errors.InputFileError` for an unreadable file) naming the key; counts of
points lie in 3 .. 1000, the tolerance in (0, 0.1], other numbers in (0, 1000].
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from reentrant.errors import ParameterError
from reentrant.explain.candidates import DEFAULT_CANDIDATES, candidate
from reentrant.io.toml import read_toml
from reentrant.models.presets import preset as get_preset
from reentrant.pairing.model import PairingModel
from reentrant.units import FLUX_QUANTUM_T_M2
from reentrant.validate import MAX_POINTS, count, number, positive, tolerance

#: Largest value of a field (T), energy (meV), temperature (K) or length (nm) in a config: far
#: beyond any the report's physics needs, small enough to keep every grid finite.
MAX_VALUE = 1000.0

#: Paper's values quoted beside ours in the report (Maryenko et al., text around Fig. 2).
PAPER_FLUX_FIELD_T = 0.9
PAPER_WIDTH_NM = 45.0
#: The coherence length (nm) the paper's w = 45 nm at 0.9 T implies, xi = Phi0 / (B w).
BACK_DERIVED_XI_NM = FLUX_QUANTUM_T_M2 / (PAPER_FLUX_FIELD_T * PAPER_WIDTH_NM * 1e-9) * 1e9


@dataclass(frozen=True)
class ReportConfig:
    """Everything the reproduce pipeline computes from (the cache key).

    Parameters
    ----------
    preset : str
        Physical-units preset of the paper's Eq. (1) (``lto-kto-110``).
    model : tuple of (str, float)
        Overrides of the preset's parameters.
    quick : bool
        Coarse grids (tests, previews).
    tolerance : float
        Relative tolerance on T_c of the Eq. (1) solver.
    field_max_t, field_points : float, int
        Initial field grid 0..field_max_t (T) of the Eq. (1) T_c(B) curves, refined where T_c
        changes fast or has a minimum (:func:`reentrant.analysis.sampling.refine_curve`).
    max_field_points : int
        Most fields of each refined Eq. (1) curve.
    field_resolution_t : float
        Narrowest field interval (T) the refinement still splits.
    mechanism_field_max_t, mechanism_field_points : float, int
        Initial field grid (T) of the closed-form rival mechanisms (refined like the Eq. (1)
        curves, up to four times as many points).
    orbital_field_t : float
        B_orb (T) of the orbital (Abrikosov-Gor'kov) mechanism.
    exchange_field_mev : float
        Saturation exchange field h_J (meV) of the Jaccarino-Peter mechanism.
    window_temperature_k : float
        Temperature of the re-entrant window reported (paper: 330 mK, Fig. 2b).
    flux_field_t : float
        Field of the flux-penetration estimate (paper: the 0.9 T cusp).
    coherence_length_nm : float
        GL coherence length used for w = Phi0 / (B xi) (the summary's estimate and O7 of the
        scorecard).  The default, 51.06 nm = Phi0 / (0.9 T x 45 nm), is the value implied by
        the paper's own w = 45 nm at 0.9 T (its perpendicular-field xi is in its Supplementary,
        not in the text), so with it the w estimate is circular.
    coherence_length_source : str
        Where ``coherence_length_nm`` comes from; empty for the back-derived default.  Any
        other coherence length needs a source.
    search_points : int
        Fields per curve of the parameter search (reduced units, 0..2 k_B T_c0; 0..1.5 if quick).
    fit_evaluations : int
        Most evaluations of each Nelder-Mead run of a candidate's fit in the scorecard
        (:func:`reentrant.explain.fit.fit_candidate`).
    candidates : tuple of str
        The candidates of the scorecard (default:
        :data:`reentrant.explain.candidates.DEFAULT_CANDIDATES`, in that order).  Each solver-based
        (``paper-*``) candidate costs minutes; a preview can leave them out.
    """

    preset: str = "lto-kto-110"
    model: tuple[tuple[str, float], ...] = ()
    quick: bool = False
    tolerance: float = 1e-2
    field_max_t: float = 2.0
    field_points: int = 9
    max_field_points: int = 41
    field_resolution_t: float = 0.01
    mechanism_field_max_t: float = 12.0
    mechanism_field_points: int = 97
    orbital_field_t: float = 6.0
    exchange_field_mev: float = 0.3
    window_temperature_k: float = 0.33
    flux_field_t: float = PAPER_FLUX_FIELD_T
    coherence_length_nm: float = BACK_DERIVED_XI_NM
    coherence_length_source: str = ""
    search_points: int = 5
    fit_evaluations: int = 150
    candidates: tuple[str, ...] = DEFAULT_CANDIDATES

    def __post_init__(self) -> None:
        spec = get_preset(self.preset)
        if spec.units != "physical":
            raise ParameterError(
                f"preset {self.preset!r} is in reduced units; reproduce needs a physical preset"
            )
        pairs = tuple(
            sorted((str(k), number(f"model.{k}", v)) for k, v in dict(self.model).items())
        )
        spec.model(**dict(pairs))
        object.__setattr__(self, "model", pairs)
        if isinstance(self.candidates, str) or not all(isinstance(n, str) for n in self.candidates):
            raise ParameterError(f"candidates must be a list of names, got {self.candidates!r}")
        chosen = tuple(candidate(n).name for n in self.candidates)
        if not chosen or len(set(chosen)) != len(chosen):
            raise ParameterError("candidates must name at least one candidate, each once")
        object.__setattr__(self, "candidates", chosen)
        for name in ("tc0", "g_factor"):
            positive(f"model.{name}", self.parameters[name])
        if not isinstance(self.quick, bool):
            raise ParameterError(f"quick must be true or false, got {self.quick!r}")
        if not isinstance(self.coherence_length_source, str):
            raise ParameterError(
                f"coherence_length_source must be a string, got {self.coherence_length_source!r}"
            )
        for f in fields(self):
            if f.name in ("preset", "model", "quick", "coherence_length_source", "candidates"):
                continue
            value = getattr(self, f.name)
            if f.type == "int":
                count(f.name, value, 3, MAX_POINTS)
            elif f.name == "tolerance":
                object.__setattr__(self, f.name, tolerance(f.name, number(f.name, value)))
            else:
                checked = positive(f.name, number(f.name, value))
                if checked > MAX_VALUE:
                    raise ParameterError(f"{f.name} must be at most {MAX_VALUE:g}, got {value!r}")
                object.__setattr__(self, f.name, checked)
        if not self.xi_back_derived and not self.coherence_length_source.strip():
            raise ParameterError(
                "coherence_length_source must say where coherence_length_nm = "
                f"{self.coherence_length_nm:g} nm comes from (the default, "
                f"{BACK_DERIVED_XI_NM:.4g} nm, is back-derived from the paper's w = 45 nm)"
            )
        if self.max_field_points < self.field_points:
            raise ParameterError(
                f"max_field_points ({self.max_field_points}) must be at least field_points "
                f"({self.field_points})"
            )

    @property
    def xi_back_derived(self) -> bool:
        """True if the coherence length is the default back-derived from the paper's w."""
        return math.isclose(self.coherence_length_nm, BACK_DERIVED_XI_NM, rel_tol=1e-9)

    @property
    def parameters(self) -> dict[str, float]:
        """The preset's parameters with the overrides applied."""
        return get_preset(self.preset).parameters(**dict(self.model))

    def pairing_model(self) -> PairingModel:
        """The one model of the report: the paper's curves and the device both use it."""
        return PairingModel.from_preset(self.preset, **dict(self.model))

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (the cache key and the report's record of its inputs)."""
        out = dataclasses.asdict(self)
        out["model"] = dict(self.model)
        out["candidates"] = list(self.candidates)
        return out


#: Coarse grids of ``--quick``: fewer fields on every curve.
QUICK = {
    "field_max_t": 1.5,
    "field_points": 4,
    "max_field_points": 25,
    "field_resolution_t": 0.04,
    "mechanism_field_points": 49,
    "search_points": 3,
    "fit_evaluations": 40,
}

_FIELDS = {f.name for f in fields(ReportConfig)}


def make_config(
    preset: str | None = None, config: dict[str, Any] | None = None, quick: bool = False
) -> ReportConfig:
    """Build a :class:`ReportConfig` from a parsed TOML mapping, a preset name and ``quick``.

    ``quick`` applies :data:`QUICK` under the file's own values; ``preset`` (the CLI option)
    wins over the file's ``preset`` key.
    """
    values = dict(config or {})
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ParameterError(
            f"unknown config key {unknown[0]!r}; known: {', '.join(sorted(_FIELDS))}"
        )
    if "model" in values:
        if not isinstance(values["model"], dict):
            raise ParameterError("config key 'model' must be a table of preset parameters")
        values["model"] = tuple(values["model"].items())
    if isinstance(values.get("candidates"), list):
        values["candidates"] = tuple(values["candidates"])
    if quick:
        values = {**QUICK, **values, "quick": True}
    if preset is not None:
        values["preset"] = preset
    if not isinstance(values.get("preset", ""), str):
        raise ParameterError(f"preset must be a string, got {values['preset']!r}")
    return ReportConfig(**values)


def load_config(path: str | Path) -> dict[str, Any]:
    """Parse a TOML config file into a mapping (validated later by :func:`make_config`)."""
    return read_toml(path, "config")
