"""Tests of the virtual device simulation."""

import numpy as np
import pytest
from fake_mechanisms import DipTc, EllipseTc
from numpy.testing import assert_allclose
from scipy.constants import e, epsilon_0, hbar, m_e
from scipy.integrate import quad

from reentrant.device import (
    CHANNELS,
    BackGate,
    DeviceParameters,
    KTaO3Permittivity,
    MechanismTc,
    NoiseModel,
    VirtualDevice,
    default_device,
    paper_grid,
    parabolic_dos,
)
from reentrant.errors import ParameterError
from reentrant.mechanisms.jaccarino_peter import JaccarinoPeter
from reentrant.pairing import PairingModel


def _parabolic_device(**kwargs):
    params = DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0, **kwargs)
    provider = MechanismTc(lambda mu: EllipseTc(tc0_k=0.03 * mu, bc_t=3.0))
    return VirtualDevice(parabolic_dos(0.4), provider, params)


def test_chain_against_independent_construction():
    device = _parabolic_device()
    v = np.array([-150.0, 0.0, 100.0])
    b = np.array([0.0, 1.5, 4.0])
    ds = device.simulate([0.1, 1.0], b, v)
    # Delta n = (eps0 / e) * integral eps_r dE, eps_r = 4500 / (1 + (E / 2e5)^2)^(1/3), d = 0.5 mm
    dn = np.array(
        [
            quad(lambda x: 4500 / np.cbrt(1 + (x / 2e5) ** 2), 0, vi / 5e-4, epsrel=1e-12)[0]
            for vi in v
        ]
    )
    dn *= epsilon_0 / e * 1e-18
    g = 0.4 * m_e / (np.pi * hbar**2) * e * 1e-3 * 1e-18  # states per meV per nm^2
    mu = 60.0 + dn / g
    assert_allclose(ds.density, 0.3 + dn, rtol=1e-9)
    assert_allclose(ds.chemical_potential, mu, rtol=1e-9)
    ellipse = np.sqrt(np.clip(1 - (b / 3.0) ** 2, 0, None))
    assert_allclose(ds.tc, 0.03 * np.outer(ellipse, mu), rtol=1e-9)
    # Hall: R_xy = B / (n e), same in both channels, where T_c = 0 (B = 4 T > B_c = 3 T); shorted
    # to 0 in the superconducting state (B = 0 and 1.5 T at 0.1 K, T_c >= 1.3 K)
    r_xy = b[-1] / ((0.3 + dn) * 1e18 * e)
    for channel in range(2):
        assert_allclose(ds.r_xy.isel(field=-1, channel=channel), [r_xy, r_xy], rtol=1e-9)
    assert np.all(ds.r_xy.isel(temperature=0, field=[0, 1]).values == 0.0)


def test_dataset_layout_and_units():
    ds = _parabolic_device().simulate([0.2, 0.5], [0.0, 1.0], [-10.0, 0.0, 10.0])
    assert ds.r_xx.dims == ("temperature", "field", "gate_voltage", "channel")
    assert list(ds.channel.values) == list(CHANNELS)
    units = {k: ds[k].attrs["units"] for k in ("temperature", "field", "gate_voltage")}
    assert units == {"temperature": "K", "field": "T", "gate_voltage": "V"}
    assert ds.r_xx.attrs["units"] == "Ohm" and ds.r_xy.attrs["units"] == "Ohm"
    assert ds.tc.dims == ("field", "gate_voltage")


def test_resistance_limits_and_anisotropy():
    device = _parabolic_device(mobility_cm2_per_vs=(120.0, 60.0), mobility_exponent=0.0)
    ds = device.simulate([0.05, 1e4], [0.0], [-100.0, 0.0, 100.0])
    # T far below every T_c: zero resistance; far above: Drude 1 / (n e mu) (AL ~ 1e-5 here)
    assert np.all(ds.r_xx.sel(temperature=0.05).values == 0.0)
    n = ds.density.values
    for channel, mobility in zip(CHANNELS, (120.0, 60.0), strict=True):
        drude = 1.0 / (n * 1e18 * e * mobility * 1e-4)
        assert_allclose(ds.r_xx.sel(temperature=1e4, channel=channel)[0], drude, rtol=1e-4)


def test_default_device_trend_comes_from_the_model():
    # the solver-based T_c with one coupling (calibrated at V_BG = 0) on five gate voltages
    gate = np.array([-200.0, -100.0, 0.0, 100.0, 180.0])
    device = default_device(tc_source="pairing")
    tc0 = device.tc_table([0.0], gate)[0]
    n = device.density(gate)
    # Fig. 1e: T_c rises as V_BG decreases while n decreases
    assert np.all(np.diff(tc0) < 0)
    assert np.all(np.diff(n) > 0)
    assert_allclose(tc0[gate == 0.0], 0.4, rtol=1e-2)  # the solver's tolerance
    # mu stays above the van Hove energy M beta^2 / 2 (M = 5 m_e, beta = -5 meV nm) everywhere
    e_vh = 5.0 / (hbar**2 / m_e / e * 1e21) * 25.0 / 2
    assert_allclose(device.parameters.mu0_mev, e_vh + 3.0, rtol=1e-12)
    assert np.all(device.chemical_potential(gate) > e_vh + 1.0)


def test_default_device_bcs_source_has_the_same_trend():
    grid = paper_grid()
    ds = default_device(tc_source="bcs").simulate([0.2], [0.0], grid["gate_voltage_v"])
    tc0 = ds.tc.sel(field=0.0).values
    assert np.all(np.diff(tc0) < 0)
    assert_allclose(tc0[grid["gate_voltage_v"] == 0.0], 0.4, rtol=1e-9)
    with pytest.raises(ParameterError, match="tc_source"):
        default_device(tc_source="magic")
    with pytest.raises(ParameterError, match="physical-units"):
        default_device(PairingModel.from_preset("bcs-2d"), tc_source="pairing")
    with pytest.raises(ParameterError, match="not to 'best'"):
        default_device(PairingModel.from_preset("lto-kto-110"))


def test_a_rival_mechanism_can_be_swapped_in():
    # Jaccarino-Peter with the gate-set T_c0: the device's T_c table is that mechanism's T_c(B)
    # at each gate's T_c0 (taken from the Pauli-default device, whose T_c0(V_BG) is the same)
    gates, fields = np.array([-100.0, 100.0]), np.array([0.0, 2.0, 6.0])
    jp = default_device(
        tc_source="bcs",
        field_dependence=lambda tc0: JaccarinoPeter(tc0, exchange_field_mev=0.3),
    ).tc_table(fields, gates)
    tc0 = default_device(tc_source="bcs").tc_table([0.0], gates)[0]
    for j, t in enumerate(tc0):
        assert_allclose(jp[:, j], JaccarinoPeter(t, exchange_field_mev=0.3).tc(fields), rtol=1e-9)
    with pytest.raises(ParameterError, match="field_dependence"):
        default_device(
            tc_source="pairing",
            field_dependence=lambda tc0: JaccarinoPeter(tc0, exchange_field_mev=0.3),
        )


def test_hall_is_shorted_in_the_superconducting_state():
    # R_xy = R_xy^N where R_xx = R_N (T_c = 0 beyond B_c = 3 T), 0 where R_xx = 0, and in the
    # transition R_xy^N (R_xx / R_N)^2 up to (R_xy^N / R_N)^2 < 1e-3 here
    device = _parabolic_device()
    ds = device.simulate([0.5, 1.8, 2.0, 40.0], [0.0, 0.5, 1.0, 3.5], [0.0])
    hall = 1.0 / (ds.density.values * 1e18 * e)
    r_n = ds.r_normal.isel(gate_voltage=0)
    cut = ds.isel(gate_voltage=0)
    assert_allclose(cut.r_xx.sel(field=3.5), np.broadcast_to(r_n, (4, 2)), rtol=0)
    assert_allclose(cut.r_xy.sel(field=3.5), 3.5 * hall[0], rtol=1e-12)
    assert np.all(cut.r_xx.sel(temperature=0.5, field=[0.5, 1.0]) == 0.0)
    assert np.all(cut.r_xy.sel(temperature=0.5, field=[0.5, 1.0]) == 0.0)
    partial = cut.sel(temperature=[1.8, 2.0, 40.0], field=1.0)
    ratio = (partial.r_xx / r_n) ** 2
    assert 0 < float(partial.r_xx.min()) and float(ratio.min()) < 0.9
    assert_allclose(partial.r_xy, 1.0 * hall[0] * ratio, rtol=1e-3)


def test_noise_and_two_carrier_options():
    device = _parabolic_device(second_carrier_fraction=0.2, second_carrier_mobility_ratio=5.0)
    # B = 3.5 T is beyond B_c = 3 T of every T_c(B): the normal Hall effect
    clean = device.simulate([1.0], [3.5], [0.0])
    noisy = device.simulate([1.0], [3.5], [0.0], noise=NoiseModel(seed=2))
    assert not np.allclose(clean.r_xx, noisy.r_xx, rtol=1e-6, atol=0)
    # two Drude bands, n1 = 0.24, n2 = 0.06 nm^-2, mu2 = 5 mu1 = 5 * 150 cm^2/Vs (channel 001)
    n1, n2, m1, m2, b = 0.24e18, 0.06e18, 0.015, 0.075, 3.5
    s_xx = n1 * e * m1 / (1 + (m1 * b) ** 2) + n2 * e * m2 / (1 + (m2 * b) ** 2)
    s_xy = n1 * e * m1**2 * b / (1 + (m1 * b) ** 2) + n2 * e * m2**2 * b / (1 + (m2 * b) ** 2)
    got = clean.r_xy.sel(channel="001").item()
    assert_allclose(got, s_xy / (s_xx**2 + s_xy**2), rtol=1e-9)


def test_bkt_transition_is_an_option():
    # T_c = 0.03 mu ~ 1.8 K at V_BG = 0, B = 0; R_N ~ 1.4 kOhm ([001]): T_BKT ~ 0.94 T_c.  At
    # 0.97 T_c the AL film is superconducting, the BKT film resistive; at 0.8 T_c both are
    # superconducting (local T_c spread 2 %), far above they agree
    al = _parabolic_device(tc_relative_width=0.02)
    bkt = _parabolic_device(tc_relative_width=0.02, transition="bkt", vortex_b=1.5)
    tc = float(al.tc_table([0.0], [0.0])[0, 0])
    t = tc * np.array([0.8, 0.97, 10.0])
    r_al = al.simulate(t, [0.0], [0.0]).r_xx.sel(channel="001").values.ravel()
    ds = bkt.simulate(t, [0.0], [0.0])
    r_bkt = ds.r_xx.sel(channel="001").values.ravel()
    assert ds.attrs["transition"] == "bkt"
    assert r_al[0] == r_bkt[0] == 0.0 and r_al[1] == 0.0 and r_bkt[1] > 0
    assert_allclose(r_bkt[2], r_al[2], rtol=1e-3)
    with pytest.raises(ParameterError, match="transition"):
        DeviceParameters(transition="ginzburg-landau")
    with pytest.raises(ParameterError, match="vortex_b"):
        DeviceParameters(vortex_b=0.0)


@pytest.mark.parametrize(
    ("grid", "match"),
    [
        ({"temperature_k": [0.1, 0.1]}, "temperature"),
        ({"temperature_k": [-0.1]}, "temperature"),
        ({"field_t": [np.nan]}, "field"),
        ({"gate_voltage_v": []}, "gate_voltage"),
    ],
)
def test_bad_grids_raise(grid, match):
    args = {"temperature_k": [0.1], "field_t": [0.0], "gate_voltage_v": [0.0]} | grid
    with pytest.raises(ParameterError, match=match):
        _parabolic_device().simulate(**args)


def test_bad_parameters_raise():
    with pytest.raises(ParameterError, match="mobility"):
        DeviceParameters(mobility_cm2_per_vs=(1.0,))
    with pytest.raises(ParameterError, match="second_carrier_fraction"):
        DeviceParameters(second_carrier_fraction=1.0)
    with pytest.raises(ParameterError, match="depletes"):
        VirtualDevice(
            parabolic_dos(1.0),
            MechanismTc(lambda mu: EllipseTc(0.3, bc_t=3.0)),
            DeviceParameters(
                gate=BackGate(density_at_zero_nm2=0.01, permittivity=KTaO3Permittivity())
            ),
        ).simulate([0.1], [0.0], [-200.0])


def test_resistive_pocket_only_above_tc_min():
    # Paper, Discussion: for T > T_c^min a resistive interval opens around B_min between two
    # superconducting ones; for T < T_c^min there is none.  Local T_c spread s = 2 %.
    device = VirtualDevice(
        parabolic_dos(0.4),
        MechanismTc(lambda mu: DipTc(0.5, depth=0.3, width=0.05)),
        DeviceParameters(mu0_mev=60.0, dos_window_mev=80.0, tc_relative_width=0.02),
    )
    b = np.linspace(0.0, 2.0, 81)
    ds = device.simulate([0.30, 0.40], b, [0.0])
    r = ds.r_xx.sel(channel="001", gate_voltage=0.0)
    cold, warm = r.sel(temperature=0.30).values, r.sel(temperature=0.40).values
    # T = 0.30 K < T_c^min (1 - 3 s) = 0.329 K: zero resistance at every field
    assert np.all(cold == 0.0)
    # T = 0.40 K: T_c(B) < T only for |B - 1| < sqrt(0.05 ln(0.15 / 0.1)) = 0.142 T (pocket
    # resistive), T_c(B) > T (1 + 3 s) beyond |B - 1| > 0.32 T (zero resistance)
    pocket = np.abs(b - 1.0) < 0.14
    assert np.all(warm[pocket] > 0)
    assert np.all(warm[np.abs(b - 1.0) > 0.32] == 0.0)
    assert b[np.argmax(warm)] == pytest.approx(1.0, abs=0.03)
