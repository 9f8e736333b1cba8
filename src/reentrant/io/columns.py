"""Map the columns of a measured table to the package's canonical quantities and units.

Canonical names (and the unit every loaded value is converted to):

================  =====  ==============================================
name              unit   recognised column names (case and ``_ -`` ignored)
================  =====  ==============================================
``temperature``   K      T, temp, temperature, sample temperature, T_mc ...
``field``         T      B, field, magnetic field, B_field, H ...
``gate_voltage``  V      V_BG, VBG, gate, gate voltage, backgate, V_g ...
``r_xx``          Ohm    R_xx, Rxx, R, resistance, R_long ...
``r_xy``          Ohm    R_xy, Rxy, R_H, hall resistance ...
``current``       A      I, current, I_source ...
``voltage``       V      V, voltage, V_xx, V_long ...
``voltage_xy``    V      V_xy, V_H, hall voltage ...
================  =====  ==============================================

A column label carries its unit as ``name (unit)`` or ``name [unit]`` (as written by pymeasure
and most lab software) or as a suffix ``name_unit`` (``T_mK``, ``B_mT``, ``Rxx_kOhm``,
``Vg_V``) when the name is a recognised quantity and the suffix one of its units; units can
also be given explicitly, which overrides the label.

Quantum Design resistance channels (``Bridge 1 Resistance``, ``Resistance Ch1``, ``Res. ch1``)
count as ``r_xx`` candidates: one with data is taken, several must be chosen with ``--columns``.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reentrant.errors import InputFileError, ParameterError

#: Canonical quantity -> (unit after loading, physical dimension).
CANONICAL: dict[str, tuple[str, str]] = {
    "temperature": ("K", "temperature"),
    "field": ("T", "field"),
    "gate_voltage": ("V", "voltage"),
    "r_xx": ("Ohm", "resistance"),
    "r_xy": ("Ohm", "resistance"),
    "current": ("A", "current"),
    "voltage": ("V", "voltage"),
    "voltage_xy": ("V", "voltage"),
}

#: Swept coordinates, in the order they become dimensions of a gridded dataset.
COORDINATES: tuple[str, ...] = ("gate_voltage", "temperature", "field")

#: Long names written into the ``long_name`` attribute.
LONG_NAMES: dict[str, str] = {
    "temperature": "temperature",
    "field": "magnetic field",
    "gate_voltage": "back-gate voltage",
    "r_xx": "longitudinal resistance",
    "r_xy": "Hall resistance",
    "current": "current",
    "voltage": "longitudinal voltage",
    "voltage_xy": "Hall voltage",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "temperature": (
        "t",
        "temp",
        "temperature",
        "sampletemperature",
        "tsample",
        "tmc",
        "tmxc",
        "mctemperature",
        "mixingchambertemperature",
        "fridgetemperature",
    ),
    "field": ("b", "field", "magneticfield", "bfield", "h", "appliedfield", "magnetfield"),
    "gate_voltage": (
        "vbg",
        "gate",
        "gatevoltage",
        "backgate",
        "backgatevoltage",
        "vg",
        "vgate",
    ),
    "r_xx": ("rxx", "r", "resistance", "rlong", "longitudinalresistance", "rsheet"),
    "r_xy": ("rxy", "rh", "rhall", "hallresistance", "transverseresistance"),
    "current": ("i", "current", "isource", "sourcecurrent"),
    "voltage": ("v", "voltage", "vxx", "vlong", "longitudinalvoltage"),
    "voltage_xy": ("vxy", "vh", "vhall", "hallvoltage"),
}
_ALIAS_TO_CANONICAL = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

#: Normalised names of numbered resistance channels (Quantum Design options): r_xx candidates.
_CHANNEL = re.compile(r"^(?:bridge\d+resistance|resistancech\d+|resch\d+)$")

# Unit spellings -> factor to the canonical unit of each physical dimension.
_UNITS: dict[str, dict[str, float]] = {
    "temperature": {"K": 1.0, "kelvin": 1.0, "Kelvin": 1.0, "mK": 1e-3},
    # 1 Oe corresponds to B = mu_0 H = 1e-4 T in vacuum; 1 G = 1e-4 T.
    "field": {
        "T": 1.0,
        "tesla": 1.0,
        "Tesla": 1.0,
        "mT": 1e-3,
        "G": 1e-4,
        "gauss": 1e-4,
        "Gauss": 1e-4,
        "kG": 0.1,
        "Oe": 1e-4,
        "kOe": 0.1,
    },
    "voltage": {"V": 1.0, "volt": 1.0, "mV": 1e-3, "uV": 1e-6, "µV": 1e-6, "μV": 1e-6, "nV": 1e-9},
    "resistance": {
        "Ohm": 1.0,
        "ohm": 1.0,
        "Ohms": 1.0,
        "ohms": 1.0,
        "Ω": 1.0,
        "\u2126": 1.0,
        "mOhm": 1e-3,
        "mΩ": 1e-3,
        "kOhm": 1e3,
        "kohm": 1e3,
        "kΩ": 1e3,
        "MOhm": 1e6,
        "Mohm": 1e6,
        "MΩ": 1e6,
        "V/A": 1.0,
    },
    "current": {
        "A": 1.0,
        "amp": 1.0,
        "mA": 1e-3,
        "uA": 1e-6,
        "µA": 1e-6,
        "μA": 1e-6,
        "nA": 1e-9,
        "pA": 1e-12,
    },
}

#: Units of quantities the package does not use (time, frequency, angle ...): a column such as
#: ``t (s)`` is not taken for temperature by its name.
FOREIGN_UNITS = frozenset(
    {"s", "sec", "ms", "us", "min", "h", "Hz", "kHz", "deg", "rad", "%", "dB", "code"}
)

_LABEL = re.compile(r"^\s*(?P<name>.*?)\s*(?:\((?P<paren>[^()]*)\)|\[(?P<bracket>[^\[\]]*)\])\s*$")


def parse_label(label: str) -> tuple[str, str | None]:
    """Split a column label ``'name (unit)'``, ``'name [unit]'`` or ``'name_unit'`` into name
    and unit.

    The suffix form counts only when the whole label is not itself a recognised name
    (``R_xx``, ``V_BG`` stay names) while ``name`` is, and ``unit`` is one of its units.
    Returns the stripped name and the unit string, or ``None`` when the label carries no unit.
    """
    match = _LABEL.match(label)
    if match is None or not match.group("name"):
        return _suffix_unit(label.strip())
    unit = match.group("paren") if match.group("paren") is not None else match.group("bracket")
    return match.group("name"), unit.strip() or None


def _suffix_unit(label: str) -> tuple[str, str | None]:
    """``'T_mK'`` -> ``('T', 'mK')``; the label unchanged when the suffix is not a unit."""
    name, sep, unit = label.rpartition("_")
    if not sep or not name or canonical_name(label) is not None:
        return label, None
    quantity = canonical_name(name)
    if quantity is None:
        return label, None
    try:
        unit_factor(quantity, unit)
    except ParameterError:
        return label, None
    return name, unit


def normalise(name: str) -> str:
    """Lower-case a quantity name and drop everything but letters and digits."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def canonical_name(name: str) -> str | None:
    """Return the canonical quantity a column name stands for, or ``None`` if not recognised."""
    if name in CANONICAL:
        return name
    key = normalise(name)
    if _CHANNEL.match(key):
        return "r_xx"
    return _ALIAS_TO_CANONICAL.get(key)


def unit_factor(quantity: str, unit: str) -> float:
    """Factor converting values in ``unit`` to the canonical unit of ``quantity``.

    Raises
    ------
    ParameterError
        If the unit is unknown for that quantity (the message lists the accepted units).
    """
    table = _UNITS[CANONICAL[quantity][1]]
    unit = unit.strip()
    if unit in table:
        return table[unit]
    folded: dict[str, set[float]] = {}
    for spelling, factor in table.items():
        folded.setdefault(spelling.casefold(), set()).add(factor)
    factors = folded.get(unit.casefold(), set())
    if len(factors) == 1:
        return factors.pop()
    raise ParameterError(
        f"unknown unit {unit!r} for {quantity}; expected one of {', '.join(table)}"
    )


@dataclass(frozen=True)
class ColumnChoice:
    """Where one canonical quantity comes from: a column index and a scale factor to its unit."""

    index: int
    label: str
    factor: float


def _parse_mapping(kind: str, mapping: Mapping[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (mapping or {}).items():
        if key not in CANONICAL:
            raise ParameterError(
                f"unknown quantity {key!r} in {kind}; choose from {', '.join(CANONICAL)}"
            )
        out[key] = str(value)
    return out


def select_columns(
    labels: Sequence[str],
    source: str,
    columns: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    label_units: Sequence[str | None] | None = None,
    label_aliases: Sequence[str | None] | None = None,
) -> dict[str, ColumnChoice]:
    """Decide which column holds which canonical quantity and how to convert its unit.

    Parameters
    ----------
    labels
        Column labels as found in the file (``'Temperature (K)'``, ``'R_xx'`` ...).
    source
        The file name, used in error messages.
    columns
        Explicit ``{canonical name: column label}``; the label may be written with or without
        its unit and is matched case-insensitively.  Columns not named here are recognised by
        their names (see the module docstring).
    units
        Explicit ``{canonical name: unit}``, overriding the unit written in the label.
    label_units
        Units known from the file's metadata (QCoDeS layouts), used when a label has none.
    label_aliases
        Alternative names per column (QCoDeS parameter labels), matched like the labels.

    Returns
    -------
    dict
        ``{canonical name: ColumnChoice}``.

    Raises
    ------
    InputFileError
        A named column is missing (the message suggests the closest label), two columns claim
        the same quantity, or a unit in the file is unknown.
    ParameterError
        An unknown quantity or unit is given explicitly.
    """
    columns = _parse_mapping("columns", columns)
    units = _parse_mapping("units", units)
    parsed = [parse_label(label) for label in labels]
    file_units = list(label_units) if label_units is not None else [None] * len(labels)
    aliases = list(label_aliases) if label_aliases is not None else [None] * len(labels)
    chosen: dict[str, int] = {}
    for quantity, wanted in columns.items():
        key = wanted.strip().casefold()
        hits = [
            i
            for i, (label, (name, _), alias) in enumerate(zip(labels, parsed, aliases, strict=True))
            if key in (label.strip().casefold(), name.casefold(), (alias or "").casefold())
        ]
        if not hits:
            close = difflib.get_close_matches(wanted, list(labels), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputFileError(
                f"{source}: no column {wanted!r} for {quantity}; columns are "
                f"{', '.join(repr(lb) for lb in labels)}{hint}"
            )
        chosen[quantity] = hits[0]
    taken = set(chosen.values())
    for i, (name, unit) in enumerate(parsed):
        if (unit or file_units[i]) in FOREIGN_UNITS:
            continue
        quantity = canonical_name(name)
        if quantity is None and aliases[i]:
            quantity = canonical_name(parse_label(aliases[i])[0])
        if quantity is None or quantity in columns or i in taken:
            continue
        if quantity in chosen:
            raise InputFileError(
                f"{source}: columns {labels[chosen[quantity]]!r} and {labels[i]!r} both look like "
                f"{quantity}; choose one with --columns {quantity}=LABEL "
                f"(columns={{'{quantity}': LABEL}} in the API)"
            )
        chosen[quantity] = i
    out: dict[str, ColumnChoice] = {}
    for quantity, i in chosen.items():
        unit = units.get(quantity) or parsed[i][1] or file_units[i]
        if unit is None:
            unit = CANONICAL[quantity][0]
            warnings.warn(
                f"{source}: column {labels[i]!r} states no unit; assuming {unit} for {quantity}",
                UserWarning,
                stacklevel=2,
            )
        try:
            factor = unit_factor(quantity, unit)
        except ParameterError as exc:
            if quantity in units:
                raise
            raise InputFileError(f"{source}: column {labels[i]!r}: {exc}") from None
        out[quantity] = ColumnChoice(index=i, label=labels[i], factor=factor)
    return out
