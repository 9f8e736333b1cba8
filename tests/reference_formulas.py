"""Reference formulas of the tests, computed independently of the package (scipy only).

Each function states its source; the tests compare the package's solvers with these.
"""

import numpy as np
import scipy.constants as sc
from scipy.integrate import quad
from scipy.optimize import brentq, minimize_scalar
from scipy.special import digamma

#: Boltzmann constant in meV/K, Bohr magneton in meV/T, hbar in meV s (CODATA via scipy).
K_B = sc.k / sc.e * 1e3
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3
HBAR = sc.hbar / sc.e * 1e3
#: Weak-coupling BCS gap over k_B T_c0: pi exp(-gamma_E).
DELTA0 = np.pi * np.exp(-np.euler_gamma)


def pauli_pair_breaking(h: float, t: float) -> float:
    """Re psi(1/2 + i h / 2 pi t) - psi(1/2): the Pauli pair-breaking term (textbook)."""
    return float(digamma(0.5 + 1j * h / (2 * np.pi * t)).real - digamma(0.5))


def ff_pair_breaking(h: float, t: float, qv: float, n_theta: int = 4096) -> float:
    """2D Fulde-Ferrell term <Re psi(1/2 + i(h + qv cos th / 2)/2 pi t)>_th - psi(1/2).

    qv = v_F Q; Fulde & Ferrell, Phys. Rev. 135, A550 (1964), in two dimensions (isotropic
    Fermi surface, E_F and omega_D -> infinity).
    """
    th = 2 * np.pi * (np.arange(n_theta) + 0.5) / n_theta
    z = 0.5 + 1j * (h + 0.5 * qv * np.cos(th)) / (2 * np.pi * t)
    return float(np.mean(digamma(z).real) - digamma(0.5))


def ff_best(h: float, t: float) -> tuple[float, float]:
    """(min over Q of the FF pair-breaking term, optimal v_F Q)."""
    res = minimize_scalar(
        lambda qv: ff_pair_breaking(h, t, qv), bounds=(0.0, 6 * h + 1e-9), method="bounded",
        options={"xatol": 1e-9},
    )  # fmt: skip
    return float(res.fun), float(res.x)


def solve_tc(residual, lo=1e-3, hi=2.0) -> float:
    """Largest root of ``residual(t)`` = ln(1/t) - pair breaking in (lo, hi) by a scan + Brent."""
    ts = np.geomspace(hi, lo, 400)
    vals = [residual(t) for t in ts]
    for i in range(len(ts) - 1):
        if np.sign(vals[i]) != np.sign(vals[i + 1]):
            return brentq(residual, ts[i + 1], ts[i], xtol=1e-12)
    return 0.0


def bcs_integral(t: float, cutoff: float) -> float:
    """int_0^omega_D dxi tanh(xi / 2t) / xi (the sharp-cutoff BCS gap-equation integral)."""
    return quad(lambda x: np.tanh(x / (2 * t)) / x, 0.0, cutoff, limit=200)[0]


def pair_kernel_reference(a: float, b: float, t: float) -> float:
    """[tanh(a/2T) + tanh(b/2T)] / (2(a + b)), its limit (1/4T) sech^2(a/2T) at a = -b."""
    if abs(a + b) < 1e-9 * max(1.0, abs(a)):
        return 1.0 / (4 * t * np.cosh(a / (2 * t)) ** 2)
    return (np.tanh(a / (2 * t)) + np.tanh(b / (2 * t))) / (2 * (a + b))


def ising_susceptibility(h: float, soc: float, cutoff: float, t: float) -> float:
    """chi / N_0 of the Ising model with in-plane h, shell |xi^0_s| < omega_D on each branch.

    Branch s of valley tau has spin s (h, 0, tau soc)/E, E = sqrt(h^2 + soc^2), and energy
    xi + sE; the partner (valley -tau, -k) has spin s' (h, 0, -tau soc)/E.  Singlet weight
    (1 - s s' n.n')/4 with n.n' = (h^2 - soc^2)/E^2; zero-field energies xi + s soc decide the
    shell.  Summed over both valleys (a factor 2).
    """
    e = np.hypot(h, soc)
    nn = (h * h - soc * soc) / e**2
    total = 0.0
    for s in (-1, 1):
        for sp in (-1, 1):
            lo = max(-cutoff - s * soc, -cutoff - sp * soc)
            hi = min(cutoff - s * soc, cutoff - sp * soc)
            integrand = lambda x, s=s, sp=sp: pair_kernel_reference(x + s * e, x + sp * e, t)  # noqa: E731
            value = quad(integrand, lo, hi, points=[-s * e, -sp * e], limit=400, epsabs=1e-12)[0]
            total += 2 * (1 - s * sp * nn) / 4 * value
    return total


def spin_orbit_matsubara(t: float, alpha: float, h: float, gamma: float, n: int = 2_000_000):
    """2 pi t sum_n [1/w_n - (x + G)/(x (x + G) + h^2)], x = w_n + alpha, summed directly.

    Zeeman energy h with triplet relaxation G by spin-orbit scattering and an AG energy alpha
    (Fulde, Adv. Phys. 22, 667 (1973); dirty limit).  The first n terms are summed; the tail
    ~ alpha / w_n^2 is added as alpha / (2 pi t n) (error O(1/n^2)).
    """
    w = 2 * np.pi * t * (np.arange(n) + 0.5)
    x = w + alpha
    partial = 2 * np.pi * t * np.sum(1 / w - (x + gamma) / (x * (x + gamma) + h * h))
    return float(partial + alpha / (2 * np.pi * t * n))


def spin_orbit_digamma(t: float, alpha: float, h: float, gamma: float) -> float:
    """The same sum in closed form (WHH): (1/2 + iG/4s) psi(1/2 + (alpha + G/2 + is)/2 pi t)
    + (1/2 - iG/4s) psi(1/2 + (alpha + G/2 - is)/2 pi t) - psi(1/2), s = sqrt(h^2 - G^2/4).

    Not valid at s = 0 exactly (removable singularity).
    """
    s = np.sqrt(complex(h * h - gamma * gamma / 4))
    a = alpha + gamma / 2
    zp = 0.5 + (a + 1j * s) / (2 * np.pi * t)
    zm = 0.5 + (a - 1j * s) / (2 * np.pi * t)
    c = 1j * gamma / (4 * s)
    return float(((0.5 + c) * digamma(zp) + (0.5 - c) * digamma(zm)).real - digamma(0.5))


def abrikosov_gorkov_tc(alpha: float) -> float:
    """Reduced T_c of ln(1/t) = psi(1/2 + alpha/(2 pi t)) - psi(1/2) (alpha in k_B T_c0); 0 if none.

    Abrikosov & Gor'kov, JETP 12, 1243 (1961): T_c vanishes at alpha = Delta_0/2 = pi e^-gamma/2.
    """
    if alpha >= 0.5 * np.pi * np.exp(-np.euler_gamma):
        return 0.0

    def residual(t):
        return np.log(1 / t) - (digamma(0.5 + alpha / (2 * np.pi * t)) - digamma(0.5))

    return solve_tc(residual, lo=1e-4, hi=1.0 + 1e-12)
