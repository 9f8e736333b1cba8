"""Column labels, quantity names and unit conversion."""

import pytest

from reentrant.errors import InputFileError, ParameterError
from reentrant.io.columns import canonical_name, parse_label, select_columns, unit_factor


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Temperature (K)", ("Temperature", "K")),
        ("Magnetic Field [mT]", ("Magnetic Field", "mT")),
        ("R_xx", ("R_xx", None)),
        ("  V_BG (V) ", ("V_BG", "V")),
    ],
)
def test_parse_label(label, expected):
    assert parse_label(label) == expected


@pytest.mark.parametrize(
    ("name", "quantity"),
    [
        ("T", "temperature"),
        ("Magnetic Field", "field"),
        ("V_BG", "gate_voltage"),
        ("Rxx", "r_xx"),
        ("R_xy", "r_xy"),
        ("I", "current"),
        ("r_xx", "r_xx"),
        ("foo", None),
    ],
)
def test_canonical_name(name, quantity):
    assert canonical_name(name) == quantity


@pytest.mark.parametrize(
    ("quantity", "unit", "factor"),
    [
        ("temperature", "mK", 1e-3),
        ("field", "mT", 1e-3),
        ("field", "Oe", 1e-4),  # B = mu0 H: 1 Oe <-> 1 G = 1e-4 T
        ("r_xx", "kOhm", 1e3),
        ("r_xx", "kohm", 1e3),
        ("r_xx", "mOhm", 1e-3),
        ("r_xx", "MOhm", 1e6),
        ("current", "nA", 1e-9),
        ("gate_voltage", "V", 1.0),
    ],
)
def test_unit_factor(quantity, unit, factor):
    assert unit_factor(quantity, unit) == pytest.approx(factor, rel=1e-15)


def test_unknown_unit_names_quantity():
    with pytest.raises(ParameterError, match="unknown unit 'furlong' for field"):
        unit_factor("field", "furlong")


def test_select_by_name_and_explicit():
    labels = ["Time (s)", "Temperature (mK)", "Lockin X (uV)", "B (T)"]
    choice = select_columns(labels, "f.csv", columns={"voltage": "Lockin X"})
    assert choice["temperature"].index == 1
    assert choice["temperature"].factor == pytest.approx(1e-3)
    assert choice["voltage"].factor == pytest.approx(1e-6)
    assert choice["field"].index == 3


def test_misspelled_column_suggests():
    with pytest.raises(InputFileError, match=r"f\.csv: no column 'Tempratur'.*did you mean"):
        select_columns(
            ["Temperature (K)", "R (Ohm)"], "f.csv", columns={"temperature": "Tempratur"}
        )


def test_unknown_quantity_in_mapping():
    with pytest.raises(ParameterError, match="unknown quantity 'resistivity'"):
        select_columns(["R"], "f.csv", columns={"resistivity": "R"})


def test_unknown_unit_in_header_names_column():
    with pytest.raises(InputFileError, match=r"f\.csv: column 'T \(F\)'"):
        select_columns(["T (F)", "R (Ohm)"], "f.csv")


def test_ambiguous_columns():
    with pytest.raises(InputFileError, match="both look like temperature"):
        select_columns(["T (K)", "Temperature (K)", "R (Ohm)"], "f.csv")


def test_missing_unit_warns_and_assumes_canonical():
    with pytest.warns(UserWarning, match="assuming K"):
        choice = select_columns(["T", "R (Ohm)"], "f.csv")
    assert choice["temperature"].factor == 1.0


def test_time_column_not_taken_for_temperature():
    choice = select_columns(["t (s)", "T (K)", "R (Ohm)"], "f.csv")
    assert choice["temperature"].index == 1
