"""Tests of the T_c providers and their tabulation."""

from dataclasses import dataclass

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.constants import k as k_b

from reentrant.device.dos import parabolic_dos
from reentrant.device.tc_provider import (
    BcsDosTc,
    CachedTc,
    MechanismTc,
    TcProvider,
    bcs_tc0,
    tabulate_tc,
)
from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism

#: k_B in meV/K from scipy constants.
KB_MEV = k_b / 1.602176634e-19 * 1e3


@dataclass(frozen=True)
class EllipseTc(Mechanism):
    """T_c(B) = T_c0 sqrt(1 - (B / B_c)^2): a test mechanism with a known curve."""

    tc0_k: float
    bc_t: float = 2.0

    def tc(self, field_t):
        b = np.asarray(field_t, dtype=float)
        return self.tc0_k * np.sqrt(np.clip(1 - (b / self.bc_t) ** 2, 0, None))


def test_mechanism_tc_uses_factory_per_mu():
    provider = MechanismTc(lambda mu: EllipseTc(tc0_k=0.01 * mu))
    assert isinstance(provider, TcProvider)
    b = np.array([0.0, 1.0, 3.0])
    assert_allclose(provider.tc(b, 30.0), 0.3 * np.sqrt(np.clip(1 - (b / 2) ** 2, 0, None)))


def test_bcs_tc0_formula():
    # 1.134 = 2 exp(gamma) / pi; omega_D = 10 meV, N V = 0.25
    expected = 2 * np.exp(np.euler_gamma) / np.pi * 10.0 / KB_MEV * np.exp(-4.0)
    assert_allclose(bcs_tc0(10.0, 0.05, 5.0), expected, rtol=1e-9)
    assert bcs_tc0(10.0, 0.0, 5.0) == 0.0


def test_bcs_dos_tc_follows_dos():
    # linear DOS g(E) = a E: T_c0(mu2) / T_c0(mu1) = exp(1/(N1 V) - 1/(N2 V)), N = a mu / 2
    a, coupling = 2e-3, 60.0
    provider = BcsDosTc(lambda x: a * np.asarray(x), 15.0, coupling, lambda t: EllipseTc(t))
    n1, n2 = a * 10.0 / 2, a * 12.0 / 2
    ratio = np.exp(1 / (n1 * coupling) - 1 / (n2 * coupling))
    assert_allclose(provider.tc0(12.0) / provider.tc0(10.0), ratio, rtol=1e-12)
    b = np.array([0.0, 1.0])
    assert_allclose(provider.tc(b, 12.0), provider.tc0(12.0) * np.sqrt([1.0, 0.75]), rtol=1e-12)


def test_from_tc0_hits_target_and_default_is_pauli():
    dos = parabolic_dos(0.5)
    provider = BcsDosTc.from_tc0(dos, 20.0, tc0_k=0.4)
    assert_allclose(provider.tc0(35.0), 0.4, rtol=1e-12)  # constant DOS: no gate trend
    b = np.array([0.0, 0.3, 5.0])
    tc = provider.tc(b, 20.0)
    # Pauli limit: T_c(0) = T_c0, reduced at 0.3 T, destroyed far above B_P = 1.86 T/K * 0.4 K
    assert tc[0] == pytest.approx(0.4, rel=1e-9)
    assert 0 < tc[1] < 0.4 and tc[2] == 0.0
    with pytest.raises(ParameterError, match="tc0_k"):
        BcsDosTc.from_tc0(dos, 20.0, tc0_k=1e4)


def test_cache_and_tabulation():
    calls = []

    class Counting:
        def tc(self, field_t, mu_mev):
            calls.append(mu_mev)
            return np.full(np.shape(field_t), 0.1 * mu_mev)

    cached = CachedTc(Counting())
    b = np.linspace(0, 1, 5)
    first = tabulate_tc(cached, b, [1.0, 2.0, 3.0])
    second = tabulate_tc(cached, b, [1.0, 2.0, 3.0])
    assert calls == [1.0, 2.0, 3.0]
    assert first.dims == ("field", "gate") and first.attrs["units"] == "K"
    assert_allclose(second.values, np.broadcast_to([0.1, 0.2, 0.3], (5, 3)))

    class Negative:
        def tc(self, field_t, mu_mev):
            return -np.ones(np.shape(field_t))

    with pytest.raises(ParameterError, match="non-negative"):
        tabulate_tc(Negative(), b, [1.0])


def test_rival_mechanism_swaps_in_jaccarino_peter():
    from scipy.constants import physical_constants

    from reentrant.mechanisms import JaccarinoPeter

    mu_b_mev = physical_constants["Bohr magneton in eV/T"][0] * 1e3
    # exchange field compensating the Zeeman energy mu_B B (g = 2) at B* = 5 T once saturated
    h_j = mu_b_mev * 5.0
    provider = BcsDosTc.from_tc0(
        parabolic_dos(0.5),
        20.0,
        tc0_k=0.4,
        field_dependence=lambda tc0: JaccarinoPeter(tc0_k=tc0, exchange_field_mev=h_j),
    )
    tc = provider.tc(np.array([0.0, 2.0, 5.0]), 20.0)
    # B = 0: T_c0; B = 2 T: |h_tot| ~ 3 mu_B T = 0.17 meV >> Delta_0 = 0.06 meV, destroyed;
    # B* = 5 T: h_tot = mu_B B* (1 - B_S(x)), x ~ 60 and S = 7/2 give 1 - B_S ~ exp(-x / S) ~ 1e-7,
    # full compensation: T_c = T_c0 up to the mechanism's root-finding accuracy (2 % allowed)
    assert tc[0] == pytest.approx(0.4, rel=1e-9)
    assert tc[1] == 0.0
    assert tc[2] == pytest.approx(0.4, rel=0.02)
