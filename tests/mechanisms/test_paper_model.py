"""The paper's mechanism (Eq. (1)) as a Mechanism: preset, calibration, B -> -B symmetry, CLI."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from typer.testing import CliRunner

from reentrant.cli import app
from reentrant.errors import ParameterError
from reentrant.mechanisms import Mechanism, PaperModel
from reentrant.models.presets import preset
from reentrant.pairing import PairingModel

# hbar^2 / (2 m_e) in meV nm^2, from CODATA (independent of reentrant.units)
HBAR2_2ME = sc.hbar**2 / (2 * sc.m_e) / sc.e * 1e3 * 1e18
# Root-search tolerance used throughout; two independent solves agree to ~2x this.
TOL = 1e-2


def test_preset_is_physical_with_documented_ranges():
    spec = preset("lto-kto-110")
    p = spec.defaults
    assert spec.units == "physical"
    assert 0.3 <= p["tc0"] <= 0.5
    assert p["beta"] < 0  # the paper's sign convention
    assert p["mass_heavy"] > p["mass_light"]  # M >> m
    band, omega_d = spec.model()
    # hbar = 1 mass in meV^-1 nm^-2: E = p^2/2M with hbar^2/2m_e = 38.1 meV nm^2
    big_m = p["mass_heavy"] / (2 * HBAR2_2ME)
    assert_allclose(band.dispersion.mass_heavy, big_m, rtol=1e-12)
    assert_allclose(band.dispersion.mass_light, p["mass_light"] / (2 * HBAR2_2ME), rtol=1e-12)
    # Fermi level delta above the saddle energy M beta^2 / 2 (text below Eq. (3))
    assert_allclose(band.mu, big_m * p["beta"] ** 2 / 2 + p["delta"], rtol=1e-12)
    assert omega_d == p["cutoff"]
    # momentum cutoff beyond the Fermi-surface necks at |p_x| = |beta| M
    assert band.dispersion.cutoff > abs(p["beta"]) * big_m


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"approx": "lower"}, "approx"),
        ({"tolerance": 0.0}, "tolerance"),
        ({"delta": math.nan}, "delta"),
        ({"mass_heavy": -1.0}, "mass"),
        ({"bogus": 1.0}, "bogus"),
    ],
)
def test_bad_parameters_name_the_culprit(kwargs, name):
    with pytest.raises(ParameterError, match=name):
        PaperModel.from_preset(**kwargs)


def test_reduced_preset_is_refused():
    with pytest.raises(ParameterError, match="physical"):
        PaperModel(PairingModel.from_preset("saddle-soc"))


def test_overrides_are_canonical_and_hashable():
    a = PaperModel.from_preset(delta=0.3, g_factor=1.5)
    b = PaperModel(PairingModel.from_preset("lto-kto-110", g_factor=1.5, delta=0.3), "full")
    assert a == b and hash(a) == hash(b)
    assert isinstance(a, Mechanism)
    assert a.parameters["delta"] == 0.3


@pytest.fixture(scope="module")
def full_model():
    """Two-band model calibrated to 0.35 K, solved once on |B| in {0, 0.3} T (cached)."""
    return PaperModel.from_preset(approx="full", tc0=0.35)


def test_zero_field_gives_calibrated_tc0(full_model):
    """The coupling is calibrated to T_c(0) = tc0; the root search must return it."""
    tc = full_model.tc([0.0, 0.3])
    assert_allclose(tc[0], 0.35, rtol=TOL)
    assert 0 < tc[1] < tc[0]  # pair breaking below the Pauli field
    assert full_model.tc_curve([0.0, 0.3]).attrs["units"] == "K"


@pytest.mark.slow
def test_zero_field_gives_calibrated_tc0_upper_branch():
    mech = PaperModel.from_preset(approx="upper-branch", tc0=0.35)
    assert_allclose(mech.tc([0.0]), 0.35, rtol=TOL)


def test_tc_on_signed_grid_uses_symmetry_and_cache(full_model):
    fields = np.array([-0.3, 0.0, 0.3])
    tc = full_model.tc(fields)
    assert tc.shape == fields.shape
    assert tc[0] == tc[2]
    assert full_model.curve(fields) is full_model.curve([0.0, 0.3])  # one computation per grid


def _check_reversal(approx, b):
    """B -> -B with p_x -> -p_x leaves Eq. (1) invariant: T_c even, Q_x odd, Q_y even.

    Solved independently at +B and -B (no |B| shortcut).  T_c agrees to 2 x TOL (two root
    searches of relative tolerance TOL); Q is only fixed to second order by T_c (the eigenvalue
    is stationary in Q), so Q is compared to 30 % of |Q_x| plus 1e-3 nm^-1.
    """
    model = PairingModel.from_preset("lto-kto-110")
    plus = model.tc_curve(b, approx=approx, tolerance=TOL)
    minus = model.tc_curve(-b, approx=approx, tolerance=TOL)
    assert np.all(plus.tc.values > 0)
    assert_allclose(minus.tc.values, plus.tc.values, rtol=2 * TOL)
    atol = 1e-3 + 0.3 * np.abs(plus.q_x.values).max()
    assert_allclose(-minus.q_x.values, plus.q_x.values, atol=atol)
    assert_allclose(minus.q_y.values, plus.q_y.values, atol=atol)


def test_field_reversal_symmetry_full():
    _check_reversal("full", np.array([0.5]))


@pytest.mark.slow
def test_field_reversal_symmetry_upper_branch():
    _check_reversal("upper-branch", np.array([0.4, 0.6]))


@pytest.mark.slow
def test_cli_upper_branch_json_quick():
    result = CliRunner().invoke(
        app,
        ["tc", "--model", "saddle-soc", "--approx", "upper-branch", "--zeeman", "0:2:3",
         "--tolerance", "1e-2", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(payload) == {"field", "tc", "q", "flags", "units"}
    assert payload["field"] == [0.0, 1.0, 2.0]
    assert payload["units"]["field"] == "T_c0" and payload["units"]["tc"] == "T_c0"
    assert_allclose(payload["tc"][0], 1.0, rtol=TOL)  # reduced units: T_c(0) = T_c0 = 1


@pytest.mark.slow
def test_cli_upper_branch_through_the_console_entry_point():
    entry = "from reentrant.cli import main; main()"
    cmd = [sys.executable, "-c", entry, "tc", "--model", "saddle-soc", "--approx",
           "upper-branch", "--zeeman", "0:2:3", "--format", "json"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload) == {"field", "tc", "q", "flags", "units"}
    assert len(payload["q"]) == 3
