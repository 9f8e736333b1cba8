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


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("T_mK", ("T", "mK")),
        ("B_mT", ("B", "mT")),
        ("Rxx_kOhm", ("Rxx", "kOhm")),
        ("Vg_V", ("Vg", "V")),
        ("Temperature_K", ("Temperature", "K")),
        ("R_xx", ("R_xx", None)),  # a recognised name, not R in unit 'xx'
        ("V_BG", ("V_BG", None)),
        ("T_mc", ("T_mc", None)),
        ("R_T", ("R_T", None)),  # T is no resistance unit
        ("time_s", ("time_s", None)),  # time is no quantity of the package
    ],
)
def test_unit_suffix_labels(label, expected):
    assert parse_label(label) == expected


def test_unit_suffix_columns_are_converted():
    choice = select_columns(["T_mK", "B_mT", "Rxx_kOhm", "Vg_V"], "f.csv")
    assert {q: c.factor for q, c in choice.items()} == pytest.approx(
        {"temperature": 1e-3, "field": 1e-3, "r_xx": 1e3, "gate_voltage": 1.0}
    )


def test_quantum_design_channels_are_resistance_candidates():
    assert canonical_name("Bridge 1 Resistance") == "r_xx"
    assert canonical_name("Resistance Ch2") == "r_xx"
    assert canonical_name("Bridge 1 Excitation") is None
    with pytest.raises(InputFileError, match="choose one with --columns r_xx=LABEL"):
        select_columns(["Bridge 1 Resistance (Ohms)", "Bridge 2 Resistance (Ohms)"], "f.dat")
