"""Field direction against the spin-orbit axis: Ising-like protection and the gauge argument.

``anisotropic-soc``: ``H = k^2/2m - mu + beta k_x sigma_x + h.sigma`` with ``soc = |beta| k_F``.

* Field along y (perpendicular to the spin-orbit axis), uniform pairing, E_F >> omega_D >> soc:
  at each Fermi-surface angle theta the spin-orbit field ``g = soc cos(theta)`` and the Zeeman
  field are perpendicular, ``r = sqrt(h^2 + g^2)``, and the singlet pair susceptibility is that
  of an Ising superconductor with local ``soc -> g`` (Frigeri et al., PRL 92, 097001 (2004);
  Lu et al., Science 350, 1353 (2015), supplementary), averaged over the Fermi surface:

      ln(1/t) = < (h^2 / r^2) [Re psi(1/2 + i r / (2 pi t)) - psi(1/2)] >_theta .

* Field along x (parallel to the spin-orbit axis): ``sigma_x`` is conserved and the spin-orbit
  term is the momentum shift ``k_x -> k_x + sigma m beta`` of each species (a gauge
  transformation), so the uniform singlet T_c is the Pauli line
  ``ln(1/t) = Re psi(1/2 + i h / (2 pi t)) - psi(1/2)``.

Both expected values are computed here with scipy's digamma.
"""

import numpy as np
import pytest
from reference_formulas import pauli_pair_breaking, solve_tc
from scipy.special import digamma

from reentrant.pairing import PairingModel

TOL = 1e-4


def ising_like_residual(t: float, h: float, soc: float, n_theta: int = 2048) -> float:
    """ln(1/t) - <(h^2/r^2)[Re psi(1/2 + i r/2 pi t) - psi(1/2)]>_theta, r^2 = h^2 + soc^2 cos^2."""
    theta = 2 * np.pi * (np.arange(n_theta) + 0.5) / n_theta
    r = np.sqrt(h**2 + (soc * np.cos(theta)) ** 2)
    term = digamma(0.5 + 1j * r / (2 * np.pi * t)).real - digamma(0.5)
    return np.log(1 / t) - float(np.mean(h**2 / r**2 * term))


@pytest.fixture(scope="module")
def model():
    # omega_D = 2000 >> soc = 4 >> T_c0 = 1, E_F = 2e5 >> omega_D.  The formula is the limit
    # soc / omega_D -> 0: the branch-resolved energy shell adds a correction of that order to T_c
    # (measured at h = 3: 8e-3 relative for omega_D = 400, 1.6e-3 for omega_D = 2000)
    return PairingModel.from_preset("anisotropic-soc", soc=4.0, cutoff=2000.0, fermi_energy=2e5)


def test_field_along_y_is_protected_like_an_ising_superconductor(model):
    h = np.array([0.5, 1.5, 3.0])
    ds = model.tc_curve(h, angle=90.0, uniform=True, tolerance=TOL)
    expected = [solve_tc(lambda t, hi=hi: ising_like_residual(t, hi, 4.0)) for hi in h]
    np.testing.assert_allclose(ds.tc.values, expected, rtol=3e-3)
    # and far above the Pauli line, which ends at h = 1.24 T_c0 (uniform, t -> 0.56)
    assert ds.tc.values[-1] > 0.1


def test_field_along_x_gives_the_pauli_line(model):
    h = np.array([0.5, 0.9])
    ds = model.tc_curve(h, angle=0.0, uniform=True, tolerance=TOL)
    expected = [solve_tc(lambda t, hi=hi: np.log(1 / t) - pauli_pair_breaking(hi, t)) for hi in h]
    np.testing.assert_allclose(ds.tc.values, expected, rtol=5e-3)
