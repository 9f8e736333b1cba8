"""The lto-kto-110-tb preset: lazily fitted defaults, usable where lto-kto-110 is."""

import subprocess
import sys

import numpy as np
import pytest

from reentrant.bands.preset import FITTED, NAMES, preset_fit
from reentrant.device import default_device
from reentrant.device.gate import BackGate
from reentrant.errors import ParameterError
from reentrant.models.presets import PRESETS, preset
from reentrant.pairing.model import PairingModel
from reentrant.report.config import make_config


def test_registered_with_the_names_of_lto_kto_110_and_nothing_fitted_at_import():
    tb, base = preset("lto-kto-110-tb"), preset("lto-kto-110")
    assert tb.units == "physical" and "lto-kto-110-tb" in PRESETS
    assert sorted(tb.defaults) == sorted(base.defaults) == sorted(NAMES)
    script = (
        "import reentrant, reentrant.cli\n"
        "from reentrant.models.presets import preset\n"
        "sorted(preset('lto-kto-110-tb').defaults)\n"
        "from reentrant.bands.preset import preset_fit\n"
        "assert preset_fit.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


@pytest.mark.slow
def test_defaults_are_the_fit_at_the_device_density():
    fit, tb, base = preset_fit(), preset("lto-kto-110-tb"), preset("lto-kto-110")
    for name in NAMES:
        expected = getattr(fit, name) if name in FITTED else base.defaults[name]
        assert tb.defaults[name] == pytest.approx(expected, rel=1e-12)
    # the fit is of the slab filled to the device's n at V_BG = 0: E_F lies 280 meV below E_vH
    assert BackGate().density_at_zero_nm2 == 0.3 and -300.0 < fit.delta < -250.0
    assert tb.parameters(delta=0.5)["delta"] == 0.5
    with pytest.raises(ParameterError, match="unknown parameter 'mass'"):
        tb.parameters(mass=1.0)


@pytest.mark.slow
def test_usable_by_the_pairing_solver_the_device_and_the_report():
    model = PairingModel.from_preset("lto-kto-110-tb")
    curve = model.tc_curve([0.0, 0.5], tolerance=1e-2)
    # the coupling is calibrated to T_c(B = 0) = tc0 of the preset (kelvin in, kelvin out)
    assert float(curve.tc[0]) == pytest.approx(preset("lto-kto-110-tb").defaults["tc0"], rel=2e-2)
    assert curve.field.attrs["units"] == "T"
    device = default_device(model, tc_source="bcs")
    ds = device.simulate([0.1], [0.0, 1.0], [0.0])
    assert np.all(np.isfinite(ds.r_xx.values))
    assert make_config(preset="lto-kto-110-tb", quick=True).preset == "lto-kto-110-tb"


@pytest.mark.slow
def test_the_fitted_fermi_level_far_below_the_saddle_leaves_no_eq1_fermi_surface():
    # at the device density E_F lies hundreds of meV below the X van Hove point: within the
    # momentum cutoff Eq. (1) has no state at E_F, which is why the preset keeps lto-kto-110's
    # delta; with the fitted one the solver says so
    fitted = preset_fit().delta
    assert fitted < -100.0
    with pytest.raises(ParameterError, match="no Fermi surface"):
        PairingModel.from_preset("lto-kto-110-tb", delta=fitted).tc_curve([0.0])
