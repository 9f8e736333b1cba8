"""Sources of T_c(B, mu) for the device, and their tabulation on a simulation grid.

A :class:`TcProvider` maps in-plane field(s) in T and a chemical potential in meV to the
transition temperature in K (0 where not superconducting).  The device only ever asks for
T_c(B) at the few chemical potentials of its gate grid, so :func:`tabulate_tc` evaluates a
provider once per gate voltage, and :class:`CachedTc` remembers the answers across simulations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.device.dos import DensityOfStates
from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pauli import PauliLimit
from reentrant.units import K_B_MEV_PER_K
from reentrant.validate import finite, finite_array, positive


@runtime_checkable
class TcProvider(Protocol):
    """Anything with ``tc(field_t, mu_mev) -> kelvin``."""

    def tc(self, field_t: np.ndarray, mu_mev: float) -> np.ndarray:
        """Transition temperature in K at fields ``field_t`` (T) and chemical potential (meV)."""


@dataclass(frozen=True)
class MechanismTc:
    """T_c from a mechanism built for each chemical potential: ``factory(mu_mev).tc(field)``.

    Parameters
    ----------
    factory : callable
        ``mu_mev -> Mechanism`` (any :class:`reentrant.mechanisms.base.Mechanism`).
    """

    factory: Callable[[float], Mechanism]

    def tc(self, field_t: ArrayLike, mu_mev: float) -> np.ndarray:
        """Transition temperature in K of ``factory(mu_mev)`` at fields ``field_t`` in T."""
        return np.asarray(self.factory(finite("mu_mev", mu_mev)).tc(field_t), dtype=float)


def bcs_tc0(omega_d_mev: float, dos_per_spin: ArrayLike, coupling_mev_nm2: float) -> np.ndarray:
    """Weak-coupling BCS transition temperature in K.

    .. math:: k_B T_{c0} = 1.134\\, \\hbar\\omega_D\\, e^{-1/(N(\\mu) V)}

    with N(mu) the DOS per spin at the Fermi level (states / (meV nm^2)) and V the pairing
    interaction (meV nm^2); 1.134 = 2 e^gamma / pi (Bardeen, Cooper & Schrieffer, Phys. Rev.
    108, 1175 (1957); Tinkham, Introduction to Superconductivity, 2nd ed., Ch. 3).
    """
    n = np.asarray(dos_per_spin, dtype=float)
    prefactor = 2.0 * np.exp(np.euler_gamma) / np.pi
    with np.errstate(divide="ignore"):
        exponent = np.where(n > 0, -1.0 / (n * coupling_mev_nm2), -np.inf)
    return prefactor * omega_d_mev * np.exp(exponent) / K_B_MEV_PER_K


def pauli_field_dependence(tc0_k: float) -> Mechanism:
    """Default field dependence: the Pauli-limited BCS line with g = 2 (:class:`PauliLimit`)."""
    return PauliLimit(tc0_k=tc0_k)


@dataclass(frozen=True)
class BcsDosTc:
    """T_c driven by the density of states: BCS T_c0(mu) times a field dependence.

    T_c0(mu) is :func:`bcs_tc0` with N(mu) = dos(mu) / 2, so gating changes T_c only through the
    band's DOS at the Fermi level; T_c(B) = ``field_dependence(T_c0).tc(B)``.

    Parameters
    ----------
    dos : callable
        Both-spin DOS, meV -> states / (meV nm^2).
    omega_d_mev : float
        Pairing cut-off (Debye) energy in meV.
    coupling_mev_nm2 : float
        Pairing interaction V in meV nm^2.
    field_dependence : callable
        ``tc0_k -> Mechanism`` giving T_c(B); Pauli limit (g = 2) by default.
    """

    dos: DensityOfStates
    omega_d_mev: float
    coupling_mev_nm2: float
    field_dependence: Callable[[float], Mechanism] = pauli_field_dependence

    def __post_init__(self) -> None:
        positive("omega_d_mev", self.omega_d_mev)
        positive("coupling_mev_nm2", self.coupling_mev_nm2)

    @classmethod
    def from_tc0(
        cls,
        dos: DensityOfStates,
        mu_mev: float,
        tc0_k: float,
        omega_d_mev: float = 20.0,
        field_dependence: Callable[[float], Mechanism] = pauli_field_dependence,
    ) -> BcsDosTc:
        """The provider whose coupling V gives T_c0 = ``tc0_k`` (K) at ``mu_mev`` (meV).

        Inverts :func:`bcs_tc0`: V = 1 / (N(mu) ln(1.134 omega_D / (k_B T_c0))).
        """
        tc0 = positive("tc0_k", tc0_k)
        omega = positive("omega_d_mev", omega_d_mev)
        n = float(np.asarray(dos(np.array([finite("mu_mev", mu_mev)])))[0]) / 2.0
        log_ratio = np.log(2.0 * np.exp(np.euler_gamma) / np.pi * omega / (K_B_MEV_PER_K * tc0))
        if n <= 0 or log_ratio <= 0:
            raise ParameterError("tc0_k must be below 1.134 omega_D / k_B with a positive DOS")
        return cls(dos, omega, 1.0 / (n * log_ratio), field_dependence)

    def tc0(self, mu_mev: float) -> float:
        """Zero-field T_c in K at chemical potential ``mu_mev`` (meV)."""
        n = float(np.asarray(self.dos(np.array([finite("mu_mev", mu_mev)])))[0]) / 2.0
        return float(bcs_tc0(self.omega_d_mev, n, self.coupling_mev_nm2))

    def tc(self, field_t: ArrayLike, mu_mev: float) -> np.ndarray:
        """Transition temperature in K at fields ``field_t`` (T) and chemical potential (meV)."""
        b = finite_array("field_t", field_t)
        tc0 = self.tc0(mu_mev)
        if tc0 <= 0:
            return np.zeros(b.shape)
        return np.asarray(self.field_dependence(tc0).tc(b), dtype=float)


@dataclass(frozen=True)
class CachedTc:
    """Memoising wrapper: each (field grid, mu) pair is computed by ``provider`` only once."""

    provider: TcProvider
    _store: dict = field(default_factory=dict, repr=False, compare=False)

    def tc(self, field_t: ArrayLike, mu_mev: float) -> np.ndarray:
        """Transition temperature in K, from the cache when this grid and mu were seen."""
        b = finite_array("field_t", field_t)
        key = (b.shape, b.tobytes(), float(mu_mev))
        if key not in self._store:
            self._store[key] = np.asarray(self.provider.tc(b, mu_mev), dtype=float)
        return self._store[key].copy()


def tabulate_tc(provider: TcProvider, field_t: ArrayLike, mu_mev: ArrayLike) -> xr.DataArray:
    """T_c(B, mu) in K on a grid, one provider call per chemical potential.

    Returns a DataArray over dims ``(field, gate)`` where ``gate`` indexes ``mu_mev``; values
    must be finite and non-negative.
    """
    b = finite_array("field_t", np.atleast_1d(field_t))
    mus = finite_array("mu_mev", np.atleast_1d(mu_mev))
    table = np.stack([np.asarray(provider.tc(b, float(m)), dtype=float) for m in mus], axis=-1)
    if table.shape != (b.size, mus.size) or not np.all(np.isfinite(table)) or np.any(table < 0):
        raise ParameterError("the T_c provider must return finite, non-negative kelvin per field")
    return xr.DataArray(table, dims=("field", "gate"), attrs={"units": "K"})
