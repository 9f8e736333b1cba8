"""Round trip: simulate, write CSV and NetCDF, load with reentrant.io, analyse, recover T_c.

The simulator and the analysis share no code: the T_c put in (``ds.tc``) must come back from
the 50 % criterion of :func:`reentrant.analysis.transition.extract_transition` applied to the
files, within the broadening of the transition.
"""

import numpy as np
import pytest
from fake_mechanisms import DipTc
from scipy.constants import e, hbar

from reentrant.device import (
    DeviceParameters,
    MechanismTc,
    NoiseModel,
    VirtualDevice,
    default_device,
    parabolic_dos,
)
from reentrant.device.export import write_csv, write_netcdf

io = pytest.importorskip("reentrant.io", reason="reentrant.io (loaders) not available")
analysis_hall = pytest.importorskip(
    "reentrant.analysis.hall", reason="reentrant.analysis.hall not available"
)
transition = pytest.importorskip(
    "reentrant.analysis.transition", reason="reentrant.analysis.transition not available"
)

WIDTH = 0.05  # relative spread of local T_c
T_GRID = np.round(np.arange(0.05, 0.951, 0.01), 10)
NOISE = NoiseModel(relative=2e-3, floor_ohm=0.5, seed=7)


@pytest.fixture(scope="module")
def simulated():
    device = VirtualDevice(
        parabolic_dos(0.4),
        MechanismTc(lambda mu: DipTc(0.42 - 0.002 * (mu - 60.0), 0.25, 0.08, 3.0)),
        DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0, tc_relative_width=WIDTH),
    )
    field = np.array([0.0, 0.5, 1.0, 1.5, 2.5])
    gate = np.arange(-200.0, 181.0, 95.0)
    return device.simulate(T_GRID, field, gate, noise=NOISE)


def device_mobility(ds, channel, gate):
    """Mobility put in, from the normal sheet resistance and density: 1 / (e n R_N)."""
    r_n = ds.r_normal.sel(channel=channel, gate_voltage=gate).values
    n = ds.density.sel(gate_voltage=gate).values * 1e18
    return 1.0 / (e * n * r_n) * 1e4


def _check_recovered(tc_out, tc_in):
    # The 50 % point of the inhomogeneous AL transition lies between T_c (the median local T_c,
    # where the film percolates) and T_c (1 + 3 s) plus the AL shift, itself < 3 % of T_c for
    # R_N < 2 kOhm (R_N / (16 hbar / e^2) < 0.03); plus one grid step for the interpolation.
    step = 0.01
    upper = tc_in * (1 + 3 * WIDTH + 0.03) + step
    assert np.all(tc_out >= tc_in - step)
    assert np.all(tc_out <= upper)


def test_netcdf_round_trip(simulated, tmp_path):
    path = write_netcdf(simulated, tmp_path / "device.nc")
    loaded = io.load(path)
    for channel in ("001", "1-10"):
        r = loaded.r_xx.sel(channel=channel)
        out = transition.extract_transition(r, at=0.9).tc
        tc_in = simulated.tc.transpose(*out.dims).values
        _check_recovered(out.values, tc_in)


def test_csv_round_trip(simulated, tmp_path):
    paths = write_csv(simulated, tmp_path / "device")
    assert [p.name for p in paths] == ["device_001.csv", "device_1-10.csv"]
    for path in paths:
        loaded = io.load(path)
        out = transition.extract_transition(loaded.r_xx, at=0.9).tc
        tc_in = simulated.tc.sel(field=out.field, gate_voltage=out.gate_voltage, method="nearest")
        _check_recovered(out.values, tc_in.transpose(*out.dims).values)
        # Hall density and mobility at 0.9 K (Fig. 1e) by the analysis code
        hot = loaded.sel(temperature=0.9, method="nearest")
        hall = analysis_hall.extract_hall(hot)
        channel = path.stem.split("_")[-1]
        gate = hall.gate_voltage.values
        t_hot = float(hot.temperature)
        # Fluctuations short the Hall voltage: R_xy = (B / n e) / a(B)^2 with the AL factor
        # a = 1 + R_N e^2 / (16 hbar) T_c(B) / (T - T_c(B)) (Aronov, Hikami & Larkin 1995, for
        # R_xy << R_N), so the fitted line has the least-squares slope of B / a(B)^2 / (n e)
        r_n = simulated.r_normal.sel(channel=channel, gate_voltage=gate).values
        tc_b = simulated.tc.sel(gate_voltage=gate).values  # (field, gate)
        a = 1.0 + r_n * e**2 / (16 * hbar) * tc_b / (t_hot - tc_b)
        b = simulated.field.values
        slope = np.array([np.polyfit(b, b / a[:, j] ** 2, 1)[0] for j in range(gate.size)])
        want = simulated.density.sel(gate_voltage=gate).values / slope
        # 5 standard errors of the fitted density (noise of R_xy), plus 0.5 % for the T_c spread
        # and the (R_xy / R_N)^2 terms left out of a(B)
        allowed = 5 * hall.density_error.values + 0.005 * want
        assert np.all(np.abs(hall.density.values - want) < allowed)
        # R_xx(0.9 K) lies below the Drude value by the AL term e^2 / (16 hbar) T_c / (T - T_c),
        # so the Drude mobility from it is high by that factor; allowed: the density's 5 standard
        # errors, plus 0.5 % for the noise on R_xx and the T_c spread (second order in s);
        # the Hall density it uses is the shorted one above, want instead of n
        mu_in = device_mobility(simulated, channel, gate)
        al = a[0]  # B = 0
        n_in = simulated.density.sel(gate_voltage=gate).values
        allowed = 5 * hall.density_error.values / hall.density.values + 0.005
        assert np.all(np.abs(hall.mobility.values / (mu_in * al * n_in / want) - 1) < allowed)


def test_default_device_round_trip(tmp_path):
    # the default device (pairing-solver T_c, one coupling) on a small grid: the T_c(B, V_BG)
    # put in comes back from the file, and the gate trend of Fig. 1e with it
    device = default_device(tc_source="pairing")
    gate = np.array([-200.0, 0.0, 180.0])
    ds = device.simulate(T_GRID, [0.0, 0.5], gate, noise=NoiseModel(seed=3))
    loaded = io.load(write_netcdf(ds, tmp_path / "default.nc"))
    out = transition.extract_transition(loaded.r_xx.sel(channel="001"), at=0.9).tc
    out = out.transpose("field", "gate_voltage")
    tc_in = ds.tc.transpose("field", "gate_voltage").values
    # 50 % point: between the median local T_c and T_c (1 + 3 s) plus the AL shift
    # R_N e^2 / (16 hbar) (where sigma_AL R_N = 1), plus one temperature step
    s = device.parameters.tc_relative_width
    shift = ds.r_normal.sel(channel="001").values * e**2 / (16 * hbar)
    assert np.all(out.values >= tc_in - 0.01)
    assert np.all(out.values <= tc_in * (1 + 3 * s + shift) + 0.01)
    # Fig. 1e: T_c rises as V_BG decreases
    assert np.all(np.diff(out.sel(field=0.0).values) < 0)
