"""The units convention of ``reentrant``, stated once.

At the user's boundary quantities are physical:

=========  ==========================================
quantity   unit
=========  ==========================================
energy     meV (chemical potential, SOC, cutoffs)
momentum   nm^-1
mass       free-electron mass m_e
field      tesla (T)
temperature kelvin (K)
voltage    volt (V), resistance ohm (Ohm)
=========  ==========================================

Inside the solvers energies are in an arbitrary unit ``E0`` with hbar = k_B = 1; in *reduced*
units ``E0 = k_B T_c0`` of the model at hand.  The Zeeman energy ``h`` is the coefficient of
``h . sigma`` in the Hamiltonian (half the spin splitting), ``h = (g/2) mu_B B``; for the paper's
Eq. (1) ``h = lambda B``.  All constants come from :mod:`scipy.constants` (CODATA).
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

#: Boltzmann constant in meV/K.
K_B_MEV_PER_K: float = sc.k / sc.e * 1e3
#: Bohr magneton in meV/T.
MU_B_MEV_PER_T: float = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3
#: hbar^2 / (2 m_e) in meV nm^2 (kinetic energy of a free electron: E = HB2M * k^2 / m).
HBAR2_OVER_2ME_MEV_NM2: float = sc.hbar**2 / (2 * sc.m_e) / sc.e * 1e3 * 1e18
#: Magnetic flux quantum h / (2e) in T m^2.
FLUX_QUANTUM_T_M2: float = sc.h / (2 * sc.e)
#: Elementary charge in C.
ELEMENTARY_CHARGE_C: float = sc.e
#: Vacuum permittivity in F/m.
EPSILON_0_F_PER_M: float = sc.epsilon_0

#: Ratio Delta_0 / (k_B T_c0) of weak-coupling BCS theory, pi * exp(-gamma_E).
BCS_GAP_RATIO: float = float(np.pi * np.exp(-np.euler_gamma))


def zeeman_mev(field_t: float, g_factor: float = 2.0) -> float:
    """Zeeman energy h = (g/2) mu_B B in meV for a field in tesla (half the spin splitting)."""
    return 0.5 * g_factor * MU_B_MEV_PER_T * field_t


def kelvin_to_mev(temperature_k: float) -> float:
    """k_B T in meV for a temperature in kelvin."""
    return K_B_MEV_PER_K * temperature_k


def mev_to_kelvin(energy_mev: float) -> float:
    """Temperature in kelvin whose k_B T equals the given energy in meV."""
    return energy_mev / K_B_MEV_PER_K
