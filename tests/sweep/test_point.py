"""One sweep point: the curve against the textbook Pauli line, units, flags, options."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from reference_formulas import pauli_pair_breaking, solve_tc

from reentrant.errors import ParameterError
from reentrant.sweep.point import FLAGS, OPTIONS, check_options, solve_point


def test_uniform_bcs_curve_is_the_pauli_line():
    """Q = 0, E_F and omega_D >> T_c0: ln(1/t) = Re psi(1/2 + i h / 2 pi t) - psi(1/2).

    Beyond the end of that line (h = 1.5 T_c0) there is no solution: the point is normal and
    flagged so.
    """
    h = np.array([0.0, 0.3, 0.6, 0.9, 1.5])
    ds = solve_point("bcs-2d", {}, h, tolerance=1e-3, uniform=True)
    expected = [solve_tc(lambda t, h=v: np.log(1 / t) - pauli_pair_breaking(h, t)) if v else 1.0
                for v in h]  # fmt: skip
    assert expected[-1] == 0.0
    assert_allclose(ds.tc.values, expected, rtol=3e-3, atol=1e-12)
    assert_array_equal(ds.flags.values & FLAGS["normal"] > 0, ds.tc.values == 0)
    assert_array_equal(ds.q_x.values, 0.0)
    assert ds.field.attrs["units"] == "T_c0" and ds.tc.attrs["units"] == "T_c0"
    assert ds.flags.attrs["flag_masks"] == list(FLAGS.values())


def test_physical_preset_sweeps_tesla_and_kelvin():
    """lto-kto-110: T_c(0) is the preset's T_c0 = 0.4 K by calibration; field in T."""
    ds = solve_point("lto-kto-110", {"tc0": 0.3}, np.array([0.0, 0.2, 0.4]), tolerance=1e-2)
    assert ds.field.attrs["units"] == "T" and ds.tc.attrs["units"] == "K"
    assert ds.tc.values[0] == pytest.approx(0.3, rel=1e-2)
    assert np.all(np.diff(ds.tc.values) < 0)


def test_options_are_the_keyword_parameters_of_solve_point():
    assert OPTIONS == {
        "approx": "full",
        "tolerance": 1e-3,
        "uniform": False,
        "angle": 0.0,
        "channel": "singlet",
        "d_vector": "soc",
        "form_factor": "py",
        "fixed_density": False,
        "second_band": False,
        "interband": 0.0,
    }
    assert check_options({"angle": 1}) == {**OPTIONS, "angle": 1.0}


def test_uncoupled_second_band_leaves_the_saddle_curve():
    """With r = 0 the bands pair separately and T_c is the larger of the two (BCS, one gap
    equation per band); the light band's density of states is a small fraction of the
    saddle's, so its own T_c is far below and the saddle's curve is unchanged."""
    h = np.array([0.0, 0.5, 1.0])
    alone = solve_point("saddle-soc", {}, h, tolerance=1e-2)
    both = solve_point("saddle-soc", {}, h, tolerance=1e-2, second_band=True, interband=0.0)
    assert_allclose(both.tc, alone.tc, rtol=1e-2)


def test_angle_reaches_the_solver():
    """bcs-2d is isotropic: T_c(B) cannot depend on the in-plane field angle; the flagged
    normal point at h = 1.5 stays normal at any angle."""
    h = np.array([0.0, 0.5, 1.0, 1.5])
    a = solve_point("bcs-2d", {}, h, tolerance=1e-2, uniform=True)
    b = solve_point("bcs-2d", {}, h, tolerance=1e-2, uniform=True, angle=37.0)
    assert_allclose(b.tc, a.tc, rtol=1e-2, atol=1e-12)
    assert_array_equal(b.flags, a.flags)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"pairing": "triplet"}, "unknown option 'pairing'"),
        ({"channel": "quintet"}, "unknown channel 'quintet'"),
        ({"fixed_density": "yes"}, "fixed_density must be of type bool"),
        ({"interband": float("nan")}, "interband"),
        ({"angle": "x"}, "angle must be of type float"),
        ({"tolerance": "small"}, "tolerance must be of type float"),
        ({"tolerance": True}, "tolerance must be of type float"),
        ({"uniform": 1}, "uniform must be of type bool"),
        ({"approx": "lower"}, "unknown approx 'lower'"),
        ({"tolerance": -1e-3}, r"tolerance must lie in \(0, 0.1\]"),
        ({"tolerance": 0.5}, r"tolerance must lie in \(0, 0.1\]"),
    ],
)
def test_bad_options_name_the_option(options, match):
    with pytest.raises(ParameterError, match=match):
        check_options(options)
