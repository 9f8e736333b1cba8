"""Pair susceptibility against textbook integrals, symmetries and an independent DOS."""

import numpy as np
import pytest
from reference_formulas import bcs_integral, ff_pair_breaking, pauli_pair_breaking
from scipy.integrate import quad
from scipy.special import ellipk

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding
from reentrant.models.presets import preset
from reentrant.models.soc import AnisotropicSOC, Rashba
from reentrant.pairing.quadrature import Resolution
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import resolution_for

MASS, EF, WD = 0.5, 2000.0, 40.0
N0 = MASS / (2 * np.pi)  # 2D density of states per spin, hbar = 1


@pytest.fixture(scope="module")
def parabolic():
    model = BandModel(Parabolic(MASS), mu=EF)
    return PairSusceptibility(model, PairingInteraction(1.0, WD), Resolution())


@pytest.mark.parametrize("t", [1.0, 0.2, 0.03])
def test_zero_field_is_the_bcs_integral(parabolic, t):
    # chi = N_0 int_{-wD}^{wD} tanh(xi/2T)/(2 xi) = N_0 int_0^wD tanh(xi/2T)/xi (exact for a
    # parabolic 2D band: constant density of states)
    chi = parabolic.matrix([0, 0], [0, 0, 0], t).real[0, 0]
    assert chi == pytest.approx(N0 * bcs_integral(t, WD), rel=2e-5)


@pytest.mark.parametrize(("h", "t"), [(1.0, 0.6), (1.7, 0.1), (1.76, 0.05)])
def test_pauli_difference_is_the_digamma_function(parabolic, h, t):
    # chi(0, h) - chi(0, 0) = -N_0 [Re psi(1/2 + ih/2piT) - psi(1/2)] up to O((h/wD)^2)
    diff = parabolic.matrix([0, 0], [h, 0, 0], t).real[0, 0]
    diff -= parabolic.matrix([0, 0], [0, 0, 0], t).real[0, 0]
    assert diff == pytest.approx(-N0 * pauli_pair_breaking(h, t), rel=2e-3)


@pytest.mark.parametrize(("h", "t", "ratio"), [(1.2, 0.3, 0.5), (1.2, 0.3, 1.0), (1.7, 0.02, 1.0)])
def test_fulde_ferrell_difference(parabolic, h, t, ratio):
    k_f = np.sqrt(2 * MASS * EF)
    v_f = k_f / MASS
    q = ratio * 2 * h / v_f
    diff = parabolic.matrix([q, 0], [h, 0, 0], t).real[0, 0]
    diff -= parabolic.matrix([0, 0], [0, 0, 0], t).real[0, 0]
    assert diff == pytest.approx(-N0 * ff_pair_breaking(h, t, v_f * q), rel=2e-3)


def test_isotropic_band_depends_on_the_angle_between_q_and_h_only(parabolic):
    # rotating Q and h together about z leaves chi unchanged
    q, h, t = 0.03, 1.1, 0.4
    ref = parabolic.matrix([q, 0], [h, 0, 0], t)[0, 0].real
    phi = 0.7
    rot = parabolic.matrix(
        [q * np.cos(phi), q * np.sin(phi)], [h * np.cos(phi), h * np.sin(phi), 0], t
    )[0, 0].real
    assert rot == pytest.approx(ref, rel=1e-6)


def test_saddle_mirror_symmetry():
    # Eq. (1): p_x -> -p_x with sigma_z (a spin rotation) maps h to -h, so
    # chi(Q_x, Q_y; h) = chi(-Q_x, Q_y; -h)
    model, cutoff = preset("saddle-soc").model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution())
    a = sus.matrix([0.4, 0.1], [1.3, 0, 0], 0.5)[0, 0].real
    b = sus.matrix([-0.4, 0.1], [-1.3, 0, 0], 0.5)[0, 0].real
    assert a == pytest.approx(b, rel=1e-6)


def test_tight_binding_density_of_states():
    # chi(0,0,T) -> N(mu) int_0^wD tanh(xi/2T)/xi for omega_D << bandwidth, with the square
    # lattice DOS per spin N(E) = K(sqrt(1 - (E/4t)^2)) / (2 pi^2 t a^2) (Economou, Green's
    # Functions in Quantum Physics, Sec. 5.3)
    t_hop, mu, wd, temp = 1000.0, -1500.0, 10.0, 0.5
    model = BandModel(TightBinding(t_hop), mu=mu)
    sus = PairSusceptibility(model, PairingInteraction(1.0, wd), Resolution())
    n_mu = ellipk(1 - (mu / (4 * t_hop)) ** 2) / (2 * np.pi**2 * t_hop)
    chi = sus.matrix([0, 0], [0, 0, 0], temp).real[0, 0]
    assert chi == pytest.approx(n_mu * bcs_integral(temp, wd), rel=2e-3)


def test_strong_rashba_pairs_within_helicity_bands():
    # alpha k_F >> omega_D: singlet weight 1/2 per helicity band, total DOS m/pi -> the same
    # chi as without SOC (Gor'kov & Rashba 2001)
    model, cutoff = preset("rashba").model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution())
    chi = sus.matrix([0, 0], [0, 0, 0], 0.5).real[0, 0]
    assert chi == pytest.approx(N0 * bcs_integral(0.5, cutoff), rel=2e-3)


def test_triplet_channel_mixes_only_with_soc():
    model = BandModel(Parabolic(MASS), (Rashba(0.5),), mu=EF)
    sus = PairSusceptibility(model, PairingInteraction(1.0, WD, triplet=0.5), Resolution())
    chi = sus.matrix([0, 0], [0, 0, 0], 0.5)
    assert chi.shape == (2, 2)
    np.testing.assert_allclose(chi, chi.conj().T, atol=1e-12 * abs(chi[0, 0]))
    # helical triplet d = g_hat: same intraband kernel, weights (1, 1) -> chi_11 = chi_00, and
    # the singlet-triplet mixing is proportional to the DOS difference of the helicity bands
    assert chi[1, 1].real == pytest.approx(chi[0, 0].real, rel=2e-3)
    with pytest.raises(ParameterError, match="triplet"):
        PairSusceptibility(BandModel(Parabolic(MASS), mu=EF), PairingInteraction(1, WD, 0.5))


def test_upper_branch_projection_is_half_of_no_soc_pairing():
    # beta p_x sigma_x with |beta p_x| >> omega_D: only opposite-spin pairs in the same
    # branch... the upper-branch projection keeps one of the two branches' pairs
    model = BandModel(Saddle(20.0, 1.0, 100.0), (AnisotropicSOC(-2.0),), mu=43.0)
    full = PairSusceptibility(model, PairingInteraction(1.0, 10.0), Resolution())
    upper = PairSusceptibility(model, PairingInteraction(1.0, 10.0), Resolution(), "upper")
    lower = PairSusceptibility(model, PairingInteraction(1.0, 10.0), Resolution(), "lower")
    f, u, lo = (s.matrix([0, 0], [0, 0, 0], 0.7).real[0, 0] for s in (full, upper, lower))
    assert u + lo == pytest.approx(f, rel=1e-3)


def test_bad_inputs_name_the_parameter():
    with pytest.raises(ParameterError, match="cutoff"):
        PairingInteraction(1.0, -2.0)
    with pytest.raises(ParameterError, match="singlet"):
        PairingInteraction(float("nan"), 2.0)
    with pytest.raises(ParameterError, match="mass"):
        Parabolic(-1.0)
    with pytest.raises(ParameterError, match="bands"):
        PairSusceptibility(BandModel(Parabolic(MASS), mu=EF), PairingInteraction(1, WD), bands="x")
    with pytest.raises(ParameterError, match="Fermi surface"):
        PairSusceptibility(BandModel(Parabolic(MASS), mu=-5.0), PairingInteraction(1, 1.0))
    assert quad  # scipy is the reference engine of these tests


@pytest.mark.parametrize(
    ("name", "mirror"), [("saddle-soc", True), ("ising", True), ("bcs-2d", True), ("rashba", False)]
)
def test_half_plane_integration_at_qy_zero_equals_the_full_plane(name, mirror):
    # with no k_y-dependent SOC, k_y -> -k_y leaves H invariant for any field, so at Q_y = 0
    # only k_y >= 0 is integrated (doubled); a Q_y of 1e-12 forces the full plane, and changes
    # chi only at second order in Q_y
    model, cutoff = preset(name).model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution())
    assert sus.mirror_symmetric is mirror
    for q, h, t in (((0.3, 0.0), (1.0, 0.0, 0.0), 0.6), ((0.05, 0.0), (1.1, 0.2, 0.3), 0.3)):
        half = sus.matrix(q, h, t)[0, 0].real
        full = sus.matrix((q[0], 1e-12), h, t)[0, 0].real
        assert half == pytest.approx(full, rel=2e-5)


def test_mirror_symmetry_in_qy():
    # chi(Q_x, Q_y) = chi(Q_x, -Q_y) for a mirror-symmetric model, at an oblique field too
    model, cutoff = preset("saddle-soc").model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution())
    a = sus.matrix([0.2, 0.15], [1.0, 0.4, 0.0], 0.5)[0, 0].real
    b = sus.matrix([0.2, -0.15], [1.0, 0.4, 0.0], 0.5)[0, 0].real
    assert a == pytest.approx(b, rel=1e-6)


@pytest.mark.parametrize("mu", [-1500.0, 1500.0])  # rays about Gamma, and about (pi, pi)
def test_half_plane_integration_on_the_lattice(mu):
    model = BandModel(TightBinding(1000.0), (AnisotropicSOC(20.0),), mu=mu)
    sus = PairSusceptibility(model, PairingInteraction(1.0, 10.0), Resolution())
    assert sus.mirror_symmetric
    half = sus.matrix((0.002, 0.0), (2.0, 0.0, 0.5), 0.5)[0, 0].real
    full = sus.matrix((0.002, 1e-12), (2.0, 0.0, 0.5), 0.5)[0, 0].real
    assert half == pytest.approx(full, rel=2e-5)


def test_half_plane_integration_of_the_upper_branch_projection():
    # the single-branch projection jumps at the spin-swap lines (constant k_x): the half-line
    # integration in k_y leaves those panel edges alone
    model, cutoff = preset("saddle-soc").model()
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), Resolution(), "upper")
    half = sus.matrix((0.3, 0.0), (1.0, 0.0, 0.0), 0.6)[0, 0].real
    full = sus.matrix((0.3, 1e-12), (1.0, 0.0, 0.0), 0.6)[0, 0].real
    assert half == pytest.approx(full, rel=2e-5)


def _saddle_chi_direct(model, omega_d, t):
    """chi_00(Q = 0, h = 0, T) of Eq. (1) by nested adaptive quadrature (scipy), no kernel.

    At h = 0 and Q = 0 only Kramers pairs (k, s; -k, s) contribute, with coherence factor 1/2
    and F(xi, xi) = tanh(xi/2T)/(2 xi): chi = sum_s int d^2p/(2pi)^2 tanh(xi_s/2T)/(4 xi_s) over
    |xi_s| < omega_D, xi_s = -p_x^2/2M + p_y^2/2m - mu + s |beta p_x|, |p_x| < cutoff.  The
    integrand is even in p_x and p_y (four quadrants); for fixed p_x it is a function of
    p_y^2/2m, integrated from the inner to the outer shell edge with the Fermi crossing as a
    breakpoint; the p_x integral breaks where xi_s(p_x, 0) meets -omega_D, 0, omega_D and at the
    saddle p_x = |beta| M.
    """
    disp = model.dispersion
    big_m, m, lam = disp.mass_heavy, disp.mass_light, disp.cutoff
    beta = model.soc[0].beta

    def kernel(xi):
        return 1.0 / (8.0 * t) if xi == 0.0 else np.tanh(xi / (2 * t)) / (4 * xi)

    def inner(px, s):
        e0 = -(px**2) / (2 * big_m) - model.mu + s * abs(beta * px)
        if e0 >= omega_d:
            return 0.0
        lo = np.sqrt(2 * m * max(-omega_d - e0, 0.0))
        hi = np.sqrt(2 * m * (omega_d - e0))
        p_f = np.sqrt(2 * m * -e0) if e0 < 0 else None
        points = [p_f] if p_f is not None and lo < p_f < hi else None
        f = lambda py: kernel(e0 + py**2 / (2 * m))  # noqa: E731
        return quad(f, lo, hi, points=points, limit=200, epsabs=0.0, epsrel=1e-11)[0]

    total = 0.0
    for s in (-1, 1):
        breaks = [abs(beta) * big_m]
        for level in (-omega_d, 0.0, omega_d):
            # -p^2/2M + s|beta| p - mu - level = 0 for p >= 0
            breaks += [r.real for r in np.roots([-0.5 / big_m, s * abs(beta), -model.mu - level])
                       if abs(r.imag) < 1e-12]  # fmt: skip
        breaks = sorted(b for b in breaks if 0 < b < lam)
        total += quad(inner, 0.0, lam, args=(s,), points=breaks, limit=500, epsrel=1e-10)[0]
    return 4 * total / (2 * np.pi) ** 2


@pytest.mark.slow
@pytest.mark.parametrize("t", [1.0, 0.3])
def test_van_hove_fermi_level_full_and_half_plane_integrals(t):
    # Fermi level at the saddle energy (delta = 0), M/m = 10, M beta^2/2 = 100, cutoff 141,
    # omega_D = 50: on the lines p_x ~ |beta| M the Fermi crossings of the upper branch come in
    # pairs straddling p_y = 0, closer than any fixed sampling.  The half-plane (Q_y = 0) and
    # full-plane (Q_y != 0) integrations must both find them and agree with the direct integral
    model, cutoff = preset("saddle-soc").model(
        mass_heavy=10.0, mass_light=1.0, beta=-np.sqrt(20.0), delta=0.0,
        momentum_cutoff=141.0, cutoff=50.0,
    )  # fmt: skip
    sus = PairSusceptibility(model, PairingInteraction(1.0, cutoff), resolution_for(1e-3))
    exact = _saddle_chi_direct(model, cutoff, t)
    half = sus.matrix([0.0, 0.0], [0.0, 0.0, 0.0], t)[0, 0].real
    full = sus.matrix([0.0, 1e-9], [0.0, 0.0, 0.0], t)[0, 0].real
    assert half == pytest.approx(exact, rel=1e-3)
    assert full == pytest.approx(exact, rel=1e-3)
    assert full == pytest.approx(half, rel=1e-4)
