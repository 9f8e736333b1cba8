"""Delimited text files: pymeasure-style CSV, TSV, whitespace, and malformed files."""

import numpy as np
import pytest

from reentrant.errors import InputFileError, ParameterError
from reentrant.io import load
from reentrant.io.delimited import read_delimited

PYMEASURE = """#Procedure: <__main__.RTSweep>
#Parameters:
#\tSample: LTO-KTO (110)
#\tGate voltage: 50 V
#Data:
Temperature (mK),Magnetic Field (T),Resistance (kOhm),Comment
{rows}
"""


def _pymeasure(tmp_path, temps_mk):
    rows = "\n".join(f"{t},0.0,{0.001 * t:.6f},ok" for t in temps_mk)
    path = tmp_path / "rt.csv"
    path.write_text(PYMEASURE.format(rows=rows))
    return path


def test_pymeasure_csv_units_converted(tmp_path):
    temps = np.arange(50.0, 1000.0, 50.0)
    ds = load(_pymeasure(tmp_path, temps))
    np.testing.assert_allclose(ds.temperature, temps * 1e-3, rtol=1e-12)
    # R = 1e-3 kOhm per mK = 1 Ohm per mK = 1000 Ohm/K * T
    np.testing.assert_allclose(ds.r_xx, 1000.0 * ds.temperature, rtol=1e-9)
    assert ds.r_xx.attrs["units"] == "Ohm"
    assert float(ds.field) == 0.0


@pytest.mark.parametrize("sep", ["\t", " ", ";"])
def test_other_delimiters(tmp_path, sep):
    path = tmp_path / "data.dat"
    lines = [sep.join(["B[T]", "R_xx[Ohm]"])]
    lines += [sep.join([f"{b:.2f}", f"{2 * b:.3f}"]) for b in np.linspace(0, 1, 11)]
    path.write_text("\n".join(lines) + "\n")
    ds = load(path)
    np.testing.assert_allclose(ds.r_xx, 2 * ds.field, rtol=1e-12)


def test_header_in_last_comment_line(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("# exported\n# B (mT)\tRxx (Ohm)\n0\t1\n500\t2\n1000\t3\n")
    ds = load(path)
    np.testing.assert_allclose(ds.field, [0.0, 0.5, 1.0])


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputFileError, match="empty.csv: file is empty"):
        load(path)


def test_only_comments(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("# nothing here\n\n")
    with pytest.raises(InputFileError, match="c.csv: file is empty"):
        read_delimited(path)


def test_header_without_rows(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("T (K),R (Ohm)\n")
    with pytest.raises(InputFileError, match="h.csv: header found but no data rows"):
        load(path)


def test_wrong_field_count_names_line(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("T (K),R (Ohm)\n0.1,1\n0.2\n")
    with pytest.raises(InputFileError, match="w.csv line 3: expected 2 fields, found 1"):
        load(path)


def test_non_numeric_cell_names_line_and_column(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("T (K),R (Ohm)\n0.1,1\n0.2,abc\n")
    with pytest.raises(
        InputFileError, match=r"n.csv line 3, column 'R \(Ohm\)': cannot read 'abc'"
    ):
        load(path)


def test_non_numeric_unused_column_ignored(tmp_path):
    path = _pymeasure(tmp_path, [100.0, 200.0, 300.0])
    assert load(path).r_xx.size == 3  # the text 'Comment' column is not needed


def test_nan_rows_dropped_with_warning(tmp_path):
    path = tmp_path / "nan.csv"
    path.write_text("T (K),R (Ohm)\n0.1,1\n0.2,nan\n0.3,3\n0.4,\n0.5,5\n")
    with pytest.warns(UserWarning, match=r"dropped 2 row\(s\).*lines 3, 5"):
        ds = load(path)
    np.testing.assert_allclose(ds.r_xx, [1.0, 3.0, 5.0])


def test_unknown_unit_in_header(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("T (degC),R (Ohm)\n1,1\n2,2\n")
    with pytest.raises(InputFileError, match=r"u.csv: column 'T \(degC\)': unknown unit 'degC'"):
        load(path)


def test_missing_columns(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("time (s),R (Ohm)\n1,1\n2,2\n")
    with pytest.raises(InputFileError, match="m.csv: no column for temperature, field or gate"):
        load(path)


def _vi_file(tmp_path):
    """V = 10 T uV at I = 100 nA: R = V/I = 100 T Ohm."""
    path = tmp_path / "vi.csv"
    rows = "\n".join(f"{t},{10 * t},{100}" for t in np.linspace(0.1, 1, 10))
    path.write_text("T (K),V (uV),I (nA)\n" + rows + "\n")
    return path


def test_resistance_from_v_over_i(tmp_path):
    ds = load(_vi_file(tmp_path), resistance_from_vi=True)
    # R = V/I = 10 T uV / 100 nA = 100 T Ohm
    np.testing.assert_allclose(ds.r_xx, 100.0 * ds.temperature, rtol=1e-12)


def test_resistance_from_vi_zero_current(tmp_path):
    path = tmp_path / "vi0.csv"
    path.write_text("T (K),V (V),I (A)\n0.1,1,0\n0.2,1,1\n")
    with pytest.raises(InputFileError, match="current column is zero"):
        load(path, resistance_from_vi=True)


def test_repeated_header_row_skipped_with_warning(tmp_path):
    # two logs concatenated: the second one's header sits in the middle of the data
    path = tmp_path / "joined.csv"
    path.write_text("T (K),R (Ohm)\n0.1,1\n0.2,2\nT (K),R (Ohm)\n0.3,3\n0.4,4\n")
    with pytest.warns(UserWarning, match=r"joined.csv: repeated header row skipped \(line 4\)"):
        ds = load(path)
    np.testing.assert_allclose(ds.r_xx, [1.0, 2.0, 3.0, 4.0])


@pytest.mark.parametrize("sep", [";", "\t"])
def test_decimal_commas_recognised(tmp_path, sep):
    path = tmp_path / "eu.txt"
    temps = np.linspace(0.05, 0.95, 10)
    lines = [sep.join(["T (K)", "R (kOhm)"])]
    lines += [sep.join([f"{t:.3f}", f"{2 * t:.4f}"]).replace(".", ",") for t in temps]
    path.write_text("\n".join(lines) + "\n")
    ds = load(path)
    np.testing.assert_allclose(ds.temperature, np.round(temps, 3), rtol=1e-12)
    np.testing.assert_allclose(ds.r_xx, 1e3 * np.round(2 * np.round(temps, 3), 4), rtol=1e-12)


def test_decimal_mark_given_explicitly(tmp_path):
    # integers only: nothing tells the marks apart, but a stated decimal comma splits on ';'
    path = tmp_path / "int.csv"
    path.write_text("T (mK);R (Ohm)\n100;5\n200;7\n300;9\n")
    np.testing.assert_allclose(load(path, decimal=",").r_xx, [5.0, 7.0, 9.0])
    with pytest.raises(ParameterError, match="unknown decimal mark ':'"):
        load(path, decimal=":")


def test_mixed_decimal_marks_refused_with_hint(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("T (K);R (Ohm)\n0,1;1.5\n0,2;2.5\n")
    with pytest.raises(InputFileError, match="both decimal commas and points.*--decimal"):
        load(path)


def test_voltage_and_current_without_from_vi_get_a_hint(tmp_path):
    from reentrant.analysis.extract import extract_all

    with pytest.raises(ParameterError, match="voltage and current but no resistance.*--from-vi"):
        extract_all(load(_vi_file(tmp_path)))


def test_run_id_and_decimal_refused_where_they_cannot_apply(tmp_path):
    path = _pymeasure(tmp_path, [100.0, 200.0, 300.0])
    with pytest.raises(ParameterError, match=r"run_id \(--run-id\) applies to QCoDeS"):
        load(path, run_id=1)
    import xarray as xr

    nc = tmp_path / "d.nc"
    xr.Dataset({"r_xx": ("temperature", [1.0, 2.0])}, coords={"temperature": [0.1, 0.2]}).to_netcdf(
        nc, engine="scipy"
    )
    with pytest.raises(ParameterError, match=r"decimal \(--decimal\) applies to text files"):
        load(nc, decimal=",")
