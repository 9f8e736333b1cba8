"""Each observation's judge on hand-built transport data with a known answer."""

import numpy as np
import pytest
import scipy.constants as sc
import xarray as xr

from reentrant.explain import extract
from reentrant.explain.observations import OBSERVATIONS, observation

TEMPS = np.round(np.arange(0.05, 0.9001, 0.01), 10)
FIELDS = np.round(np.arange(0.0, 12.01, 0.05), 10)
GATES = np.arange(-200.0, 181.0, 20.0)
R_N = 1000.0


def _dataset(r_xx, density_nm2=None):
    """r_xx(T, B, V) on the grid; R_xy the Hall line B / (e n) with n(V) rising with V."""
    t, b, v = np.meshgrid(TEMPS, FIELDS, GATES, indexing="ij")
    n = 0.3 + 4e-4 * GATES if density_nm2 is None else density_nm2
    r_xy = b / (sc.e * n[None, None, :] * 1e18)
    return xr.Dataset(
        {
            "r_xx": (("temperature", "field", "gate_voltage"), r_xx(t, b, v)),
            "r_xy": (("temperature", "field", "gate_voltage"), r_xy),
            "r_normal": ("gate_voltage", np.full(GATES.size, R_N)),
        },
        coords={"temperature": TEMPS, "field": FIELDS, "gate_voltage": GATES},
    )


def _step(x, width=0.01):
    """0 -> 1 around x = 0 (a resistive transition of the given width)."""
    return 0.5 * (1 + np.tanh(x / width))


def tc_line(v):
    # 0.48 K at -200 V down to 0.32 K at +180 V
    return 0.48 - 0.16 * (v + 200.0) / 380.0


def test_every_observation_has_a_source_and_criterion():
    assert [o.key for o in OBSERVATIONS] == [f"O{i}" for i in range(1, 8)]
    for o in OBSERVATIONS:
        assert o.source and o.criterion and "units" in o.paper
    assert observation("O4").paper["value"] == 0.9


def test_o1_tc_falling_with_gate_in_the_paper_range():
    ds = _dataset(lambda t, b, v: R_N * _step(t - tc_line(v)))
    verdict = extract.judge_o1(ds)
    assert verdict.reproduced
    np.testing.assert_allclose(verdict.model["range"], [0.32, 0.48], atol=2e-3)
    flat = _dataset(lambda t, b, v: R_N * _step(t - 0.4 + 0 * v))
    assert not extract.judge_o1(flat).reproduced


def test_o2_hall_density_rising_with_gate():
    ds = _dataset(lambda t, b, v: R_N + 0 * t)
    verdict = extract.judge_o2(ds)
    assert verdict.reproduced
    # n = 0.3 + 4e-4 V nm^-2 = (0.22 ... 0.372) x 1e14 cm^-2
    np.testing.assert_allclose(verdict.model["range"], [0.22e14, 0.372e14], rtol=1e-9)
    falling = _dataset(lambda t, b, v: R_N + 0 * t, density_nm2=0.3 - 4e-4 * GATES)
    assert not extract.judge_o2(falling).reproduced


def test_o3_critical_field_bound_and_a_pauli_limited_failure():
    protected = _dataset(lambda t, b, v: R_N * _step(b - 20.0, 0.5) + 0 * t)
    verdict = extract.judge_o3(protected)
    assert verdict.reproduced and verdict.model["lower_bound"]
    assert verdict.model["at_lowest_gate"] == FIELDS[-1]
    # B_c = 0.8 T: 50 % of R_N at 0.8 T exactly
    pauli = _dataset(lambda t, b, v: R_N * _step(b - 0.8, 0.05) + 0 * t)
    verdict = extract.judge_o3(pauli)
    assert not verdict.reproduced
    assert verdict.model["at_lowest_gate"] == pytest.approx(0.8, abs=1e-3)


def _reentrant(t, b, v, amplitude=lambda v: 0.2 + 0 * v):
    """Superconducting up to 6 T except a resistive peak at 0.9 T that grows above 0.1 K."""
    growth = np.clip((t - 0.1) / 0.23, 0, 1)
    peak = amplitude(v) * growth * np.exp(-((b - 0.9) ** 2) / (2 * 0.1**2))
    return R_N * np.maximum(peak, _step(b - 6.0, 0.2))


def test_o4_peak_at_0_9_tesla_growing_with_temperature():
    verdict = extract.judge_o4(_dataset(_reentrant))
    assert verdict.reproduced, verdict.reason
    assert verdict.model["value"] == pytest.approx(0.9, abs=0.01)
    assert verdict.model["relative_amplitude"] == pytest.approx(0.2, rel=0.05)
    # a peak at 1.5 T is not the paper's
    moved = _dataset(lambda t, b, v: _reentrant(t, b - 0.6, v))
    assert not extract.judge_o4(moved).reproduced
    # a peak already present at 90 mK is not the paper's either
    always = _dataset(lambda t, b, v: _reentrant(0.33 + 0 * t, b, v))
    assert "also at 90 mK" in extract.judge_o4(always).reason


def test_o5_amplitude_minimum_near_minus_50_volt():
    def dip(v):
        return 0.05 + 0.2 * ((v + 50.0) / 150.0) ** 2

    verdict = extract.judge_o5(_dataset(lambda t, b, v: _reentrant(t, b, v, dip)))
    assert verdict.reproduced
    assert verdict.model["value"] == pytest.approx(-40.0, abs=20.0)  # the -50 V grid neighbours
    rising = _dataset(lambda t, b, v: _reentrant(t, b, v, lambda v: 0.1 + 4e-4 * (v + 200)))
    assert not extract.judge_o5(rising).reproduced


def test_o6_and_o7():
    assert extract.judge_o6(False).reproduced and not extract.judge_o6(True).reproduced
    # xi = Phi0 / (0.9 T x 45 nm) = 51.1 nm gives back w = 45 nm from a 0.9 T peak
    xi = sc.h / (2 * sc.e) / (0.9 * 45e-9) * 1e9
    verdict = extract.judge_o7(_dataset(_reentrant), xi)
    assert verdict.reproduced
    assert verdict.model["value"] == pytest.approx(45.0, rel=0.02)
