"""The compiled kernel: the Matsubara sum F(a, b), and the pair vertex trace of one node."""

import numba
import numpy as np
import pytest

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.models.presets import preset
from reentrant.models.soc import Rashba
from reentrant.pairing.kernel import HELICAL_TRIPLET, SINGLET, pair_kernel
from reentrant.pairing.kernel.band import dispersion_family
from reentrant.pairing.kernel.integrand import FIXED_TRIPLET, accumulate_node
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility


def matsubara_sum(a: float, b: float, t: float, n_max: int = 400000) -> float:
    """T sum_n 1/((i w_n - a)(-i w_n - b)), w_n = (2n+1) pi T, summed symmetrically."""
    w = (2 * np.arange(-n_max, n_max) + 1) * np.pi * t
    return float(np.sum(t / ((1j * w - a) * (-1j * w - b))).real)


@pytest.mark.parametrize(
    ("a", "b", "t"),
    [(0.3, 0.3, 1.0), (1.0, -0.7, 0.5), (2.0, -2.0, 0.3), (0.0, 0.0, 1.0), (5.0, 1.0, 0.2)],
)
def test_pair_kernel_equals_matsubara_sum(a, b, t):
    # the omitted tail is 2 sum_{n >= N} T / w_n^2 ~ 1 / (2 pi^2 T N) (N = 4e5 terms)
    tail = 1.0 / (2 * np.pi**2 * t * 400000)
    assert pair_kernel(a, b, t) == pytest.approx(matsubara_sum(a, b, t), rel=1e-9, abs=2 * tail)


def test_pair_kernel_limits():
    t = 0.7
    # a = b: tanh(a/2T)/(2a);  a = -b: (1/4T) sech^2(a/2T)
    assert pair_kernel(1.3, 1.3, t) == pytest.approx(np.tanh(1.3 / (2 * t)) / 2.6, rel=1e-13)
    assert pair_kernel(1.3, -1.3, t) == pytest.approx(1 / (4 * t * np.cosh(1.3 / (2 * t)) ** 2))
    # far from the Fermi level both signs equal: 1/|a + b|; opposite signs: exponentially small
    assert pair_kernel(300.0, 500.0, t) == pytest.approx(1 / 800.0, rel=1e-12)
    assert abs(pair_kernel(300.0, -500.0, t)) < 1e-100


PAULI = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]])


FSCALE = np.array([0.2, 0.3])  # 1 / k_F per component of the p-wave form factors


def _form(channel, k, u):
    """M = psi + d.sigma of a channel code with explicit matrices (the codes of the kernel)."""
    if channel == SINGLET:
        return np.eye(2)
    if channel == HELICAL_TRIPLET:
        return np.einsum("i,ijk->jk", u, PAULI)
    form, axis = divmod(channel - FIXED_TRIPLET, 3)
    return k[form] * FSCALE[form] * PAULI[axis]


def _node_by_matrices(model, omega_d, channels, q, h, t, k):
    """chi_ab integrand at one k with explicit 2x2 matrices (numpy), for the kernel's rules.

    (1/2) Tr[M_a^+ P_s(k+Q/2) M_b P~_s'(-k+Q/2)] F(xi_s, xi_s'), M = psi + d.sigma (singlet:
    1; helical triplet: g_hat(k).sigma; fixed triplet: (k_i / k_Fi) sigma_axis),
    P = (1 + s n.sigma)/2, P~' = (1 - s' n'.sigma)/2; a
    branch state counts if the zero-field branch whose spin it follows is within omega_D.
    """
    k, q, h = np.asarray(k, float), np.asarray(q, float), np.asarray(h, float)
    a_mat, c = model.soc_linear(), model.soc_valley()
    one = np.eye(2)
    out = np.zeros((len(channels), len(channels)), complex)
    for tau in model.valleys:
        g = a_mat @ k + tau * c
        e0, gn = model.dispersion.energy(*k) - model.mu, np.linalg.norm(g)
        shell = {-1: abs(e0 - gn) < omega_d, 1: abs(e0 + gn) < omega_d}
        u = g / np.linalg.norm(g)
        forms = [_form(ch, k, u) for ch in channels]
        k1, k2 = k + q / 2, -k + q / 2
        d1 = a_mat @ k1 + tau * c + h
        d2 = a_mat @ k2 - tau * c + h
        n1, n2 = d1 / np.linalg.norm(d1), d2 / np.linalg.norm(d2)
        for s1 in (-1, 1):
            if not shell[int(np.sign(s1 * n1 @ g))]:
                continue
            for s2 in (-1, 1):
                if not shell[int(np.sign(s2 * n2 @ -g))]:
                    continue
                ea = model.dispersion.energy(*k1) - model.mu + s1 * np.linalg.norm(d1)
                eb = model.dispersion.energy(*k2) - model.mu + s2 * np.linalg.norm(d2)
                f = (np.tanh(ea / (2 * t)) + np.tanh(eb / (2 * t))) / (2 * (ea + eb))
                p1 = (one + s1 * np.einsum("i,ijk->jk", n1, PAULI)) / 2
                p2 = (one - s2 * np.einsum("i,ijk->jk", n2, PAULI)) / 2
                for a, ma in enumerate(forms):
                    for b, mb in enumerate(forms):
                        out[a, b] += f * 0.5 * np.trace(ma.conj().T @ p1 @ mb @ p2)
    return out


@pytest.mark.parametrize(
    "channels",
    [
        (SINGLET,),
        (SINGLET, HELICAL_TRIPLET),
        (SINGLET, FIXED_TRIPLET + 3 * 1 + 1),  # d along y, p_y-wave
        (FIXED_TRIPLET + 3 * 0 + 2,),  # d along z, p_x-wave alone
    ],
)
def test_node_trace_against_explicit_pauli_matrices(channels):
    # the kernel's Pauli-basis trace (general channel path, and the singlet shortcut) against
    # the same trace with explicit matrices, at random momenta of a Rashba band
    model = BandModel(Parabolic(0.5), (Rashba(3.0),), mu=40.0)
    omega_d, t = 8.0, 0.7
    singlet_only = channels == (SINGLET,)
    family, p = dispersion_family(model.dispersion)
    rng = np.random.default_rng(3)
    n = len(channels)
    for _ in range(20):
        angle, radius = rng.uniform(0, 2 * np.pi), rng.uniform(4.0, 8.5)
        k = radius * np.array([np.cos(angle), np.sin(angle)])
        q, h = rng.normal(0.0, 0.3, 2), rng.normal(0.0, 1.0, 3)
        out = np.zeros((n, n, 2))
        accumulate_node(
            family, p, model.soc_linear(), model.soc_valley(), model.mu, 1,
            np.array(channels), FSCALE, singlet_only, q[0], q[1], h, t, omega_d,
            np.array([True, True]), k[0], k[1], 1.0, out, np.empty((n, 4)),
            np.empty((2, n, 4), complex), np.empty((2, n, 4), complex),
        )  # fmt: skip
        expected = _node_by_matrices(model, omega_d, channels, q, h, t, k)
        np.testing.assert_allclose(out[..., 0] + 1j * out[..., 1], expected, atol=1e-12)


def test_models_carry_no_kernel_codes_and_unknown_dispersions_are_refused():
    assert not any(hasattr(cls, "kernel_params") for cls in (Parabolic, Saddle, TightBinding))
    with pytest.raises(ParameterError, match="dispersion"):
        dispersion_family(object())


def test_threaded_lines_equal_the_serial_ones():
    # the wrapper deals interleaved chunks of lines to threads: the same numbers as one thread
    model, cutoff = preset("saddle-soc").model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution())
    us = np.linspace(-90.0, 90.0, 61)
    threads = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        serial = sus._lines(us, 0.1, 0.05, np.array([0.7, 0.2, 0.0]), 0.4, False)
        numba.set_num_threads(max(2, threads))
        threaded = sus._lines(us, 0.1, 0.05, np.array([0.7, 0.2, 0.0]), 0.4, False)
    finally:
        numba.set_num_threads(threads)
    np.testing.assert_array_equal(threaded, serial)
