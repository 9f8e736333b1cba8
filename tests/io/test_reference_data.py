"""Loading files written by other tools (``reference_data/``; see its README) digit by digit.

Every expected number is computed here from the raw file (parsed with the standard library
alone) or from the formula the file was made with, never taken from the package.
"""

import csv
import sqlite3
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.constants as sc

from reentrant.analysis.critical_field import extract_critical_field
from reentrant.analysis.hall import extract_hall
from reentrant.analysis.transition import extract_transition
from reentrant.errors import InputFileError
from reentrant.io import load
from reentrant.io.delimited import read_delimited
from reentrant.io.table import quantities

HERE = Path(__file__).parent / "reference_data"
PPMS = HERE / "ppms_resistivity_nbse2.dat"
MPMS = HERE / "mpms3_vsm_hoptsn.dat"
EUROPEAN = HERE / "european_rt.csv"
QCODES = HERE / "qcodes_per_parameter.db"
BRIDGE_1 = "Bridge 1 Resistance (Ohms)"


def _raw_ppms():
    """Rows of the [Data] section as dictionaries, with the standard csv module."""
    lines = PPMS.read_text().splitlines()
    start = lines.index("[Data]") + 1
    return list(csv.DictReader(lines[start:]))


def test_ppms_columns_digit_by_digit():
    rows = _raw_ppms()
    table = read_delimited(PPMS)
    values = quantities(table, columns={"r_xx": BRIDGE_1})
    # MultiVu's 1 Oe of applied field is B = mu0 H = 1e-4 T; resistances in Ohm as written
    np.testing.assert_array_equal(
        values["field"], [float(r["Magnetic Field (Oe)"]) * 1e-4 for r in rows]
    )
    np.testing.assert_array_equal(
        values["temperature"], [float(r["Temperature (K)"]) for r in rows]
    )
    np.testing.assert_array_equal(values["r_xx"], [float(r[BRIDGE_1]) for r in rows])
    # the empty channels (bridges 3 and 4) are dropped, the used ones kept
    assert "Bridge 3 Resistance (Ohms)" not in table.labels
    assert "Bridge 2 Resistance (Ohms)" in table.labels


def test_ppms_two_channels_need_a_choice_in_cli_syntax():
    with pytest.raises(InputFileError, match=r"choose one with --columns r_xx=LABEL"):
        load(PPMS)


def test_ppms_setpoints_and_critical_field():
    rows = _raw_ppms()
    ds = load(PPMS, columns={"r_xx": BRIDGE_1})
    # thermometer readings scatter by about 1 mK around the 2.0 and 2.1 K setpoints
    temps = np.array([float(r["Temperature (K)"]) for r in rows])
    assert np.ptp(temps[temps < 2.05]) > 1e-3 and ds.sizes["temperature"] == 2
    np.testing.assert_allclose(
        ds.temperature, [np.median(temps[temps < 2.05]), np.median(temps[temps > 2.05])]
    )
    # the gridded curve is the raw sweep interpolated linearly onto the common field grid
    b = np.array([float(r["Magnetic Field (Oe)"]) * 1e-4 for r in rows])
    r = np.array([float(r[BRIDGE_1]) for r in rows])
    first = temps < 2.05
    cut = ds.r_xx.isel(temperature=0)
    inside = (cut.field >= b[first].min()) & (cut.field <= b[first].max())
    np.testing.assert_allclose(
        cut.values[inside], np.interp(cut.field.values[inside], b[first], r[first]), rtol=1e-12
    )
    # B_c at 50 % of R(B_max): the bracket is the pair of grid fields around the crossing
    bc = extract_critical_field(ds.r_xx)
    for k in range(2):
        curve = ds.r_xx.isel(temperature=k)
        field, res = curve.field.values, curve.values
        keep = (field >= 0) & np.isfinite(res)
        field, res = field[keep], res[keep]
        half = 0.5 * res[-1]
        j = np.flatnonzero((res[:-1] - half) * (res[1:] - half) < 0)[-1]
        assert float(bc.bc_low[k]) == field[j] and float(bc.bc_high[k]) == field[j + 1]
        expected = field[j] + (half - res[j]) * (field[j + 1] - field[j]) / (res[j + 1] - res[j])
        assert float(bc.bc[k]) == pytest.approx(expected, rel=1e-12)
    assert float(bc.bc[0]) > float(bc.bc[1])  # B_c falls as T rises
    assert not np.any(bc.bc_flags.values)  # R(B) is flat at 1 T: the normal state is reached


def test_mpms_file_is_read_and_the_missing_resistance_named():
    table = read_delimited(MPMS)
    assert table.labels[:3] == ("Time Stamp (sec)", "Temperature (K)", "Magnetic Field (Oe)")
    lines = MPMS.read_text().splitlines()
    first = next(csv.reader([lines[lines.index("[Data]") + 2]]))
    assert float(table.cells[1][0]) == float(first[2])
    with pytest.raises(InputFileError, match="no column for resistance.*--columns"):
        load(MPMS)


def test_european_csv_decimal_commas_and_unit_suffixes():
    raw = EUROPEAN.read_bytes().decode("cp1252").splitlines()
    assert raw[0] == "T_mK;Vg_V;Rxx_kOhm" and "," in raw[20]
    ds = load(EUROPEAN)
    t_mk = [float(line.split(";")[0].replace(",", ".")) for line in raw[1:]]
    np.testing.assert_allclose(ds.temperature, np.unique(t_mk) * 1e-3, rtol=1e-15)
    np.testing.assert_array_equal(ds.gate_voltage, [-100.0, 50.0])
    assert ds.r_xx.attrs["units"] == "Ohm"
    tr = extract_transition(ds.r_xx)
    # R = R_N (1 + tanh((T - T_c)/w))/2 crosses R_N/2 at T_c; written with 10 digits, read on a
    # 5 mK grid: linear interpolation through the inflection errs by O(h^3/w^2) ~ 3e-7 K
    np.testing.assert_allclose(tr.tc.sel(gate_voltage=-100.0), 0.45, atol=1e-6)
    np.testing.assert_allclose(tr.tc.sel(gate_voltage=50.0), 0.30, atol=1e-6)
    np.testing.assert_allclose(tr.r_normal, 1250.0, rtol=1e-9)


def test_european_csv_read_with_a_point_as_decimal_mark_is_refused():
    with pytest.raises(InputFileError, match=r"line \d+, column 'Rxx_kOhm': cannot read '[^']*,"):
        load(EUROPEAN, decimal=".")


def test_qcodes_rows_per_parameter_are_merged_on_setpoints():
    conn = sqlite3.connect(QCODES)
    rows = conn.execute('SELECT fridge_T, magnet_B, lockin_Rxx, lockin_Rxy FROM "results-1-1"')
    rows = rows.fetchall()
    conn.close()
    # as add_result wrote them: every row holds one dependent parameter, the other NULL
    assert all((x is None) != (y is None) for _, _, x, y in rows)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds = load(QCODES, run_id=1)
    assert dict(ds.sizes) == {"temperature": 2, "field": 201}
    np.testing.assert_allclose(ds.temperature, [0.1, 0.3])
    rn, w, n = 2000.0, 0.05, 0.4e18
    for t, bc in ((0.1, 1.2), (0.3, 0.8)):
        rxx = rn * 0.5 * (1 + np.tanh((ds.field.values - bc) / w))
        np.testing.assert_allclose(ds.r_xx.sel(temperature=t), rxx, rtol=1e-12, atol=1e-9)
        np.testing.assert_allclose(
            ds.r_xy.sel(temperature=t), -ds.field.values / (sc.e * n), rtol=1e-12
        )
    bc = extract_critical_field(ds.r_xx)
    np.testing.assert_allclose(bc.bc, [1.2, 0.8], atol=1e-6)  # the tanh centres
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        hall = extract_hall(ds.isel(temperature=1))
    # the fit keeps the normal fields only; R_xx(B = 0) = 0 gives no mobility
    assert float(hall.density) == pytest.approx(0.4, rel=1e-9)  # n = 0.4 nm^-2
    messages = " | ".join(str(w.message) for w in caught)
    assert "superconducting fields" in messages and "not normal: no mobility" in messages


def test_qcodes_run_without_recognisable_columns_names_the_others():
    with pytest.raises(
        InputFileError,
        match=r"run 2 \('noise'\): no column for .*runs with recognisable columns: 1 "
        r"\(choose with --run-id\)",
    ):
        load(QCODES, run_id=2)
    with pytest.raises(InputFileError, match=r"holds runs 1, 2 \(with recognisable columns: 1\)"):
        load(QCODES)
