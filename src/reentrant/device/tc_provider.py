"""Sources of T_c(B, mu) for the device, and their tabulation on a simulation grid.

A :class:`TcProvider` maps in-plane field(s) in T and a chemical potential in meV to the
transition temperature in K (0 where not superconducting).  The device only ever asks for
T_c(B) at the few chemical potentials of its gate grid, so :func:`tabulate_tc` evaluates a
provider once per gate voltage, and :class:`CachedTc` remembers the answers across simulations.

Providers: :class:`PairingTc` (the paper's Eq. (1) through the pairing solver, one coupling
for all mu: the default device's), :class:`BcsDosTc` (weak-coupling BCS T_c0 from the DOS at
the Fermi level times a closed-form field dependence: cheap) and :class:`MechanismTc` (any
mechanism built per mu).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.device.dos import DensityOfStates
from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pauli import PauliLimit
from reentrant.models.band import BandModel
from reentrant.pairing.model import APPROXIMATIONS, PairingModel
from reentrant.pairing.susceptibility import PairingInteraction
from reentrant.units import K_B_MEV_PER_K
from reentrant.validate import finite, finite_array, one_of, positive


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


def _default_model() -> PairingModel:
    return PairingModel.from_preset("lto-kto-110")


@dataclass(frozen=True)
class PairingTc:
    """T_c(B, mu) of the paper's Eq. (1) from the pairing solver, with one fixed coupling.

    The band model is ``model``'s, with its chemical potential replaced by the gate-set mu
    (rigid band).  The pairing interaction (contact attraction, cutoff omega_D = the model's
    ``cutoff``) is calibrated *once* (:meth:`reentrant.pairing.model.PairingModel.calibrated`)
    so that the zero-field uniform T_c at ``reference_mu_mev`` is ``tc0_k``, and then kept: T_c at
    any other mu follows from the linearized gap equation

    .. math::

        \\max_Q \\lambda_{\\max}\\big[V^{1/2}\\chi(Q, h, T_c; \\mu)V^{1/2}\\big] = 1,
        \\qquad h = \\tfrac{g}{2}\\mu_B B

    (:mod:`reentrant.pairing.susceptibility`; Maryenko et al., Eq. (1)), so the gate trend of
    T_c comes out of the band model's DOS, not from a fit.  At B = 0 and weak coupling this is
    the BCS condition 1 = V int_{-omega_D}^{omega_D} dxi N(mu + xi) tanh(xi / 2T_c) / (2 xi)
    with N the DOS per spin of Eq. (1).

    T_c is even in B (``B -> -B`` with ``p -> -p`` is a symmetry of Eq. (1), see
    :mod:`reentrant.mechanisms.paper_model`), so each call solves the sorted distinct ``|B|``
    with continuation along increasing field (:meth:`PairingModel.tc_curve`).

    Parameters
    ----------
    model : PairingModel
        Physical-units model of Eq. (1) (default the ``lto-kto-110`` preset).
    approx : str
        ``"full"`` (both spin branches) or ``"upper-branch"`` (the paper's Eq. (2) projection).
    tc0_k : float or None
        T_c(B = 0) in K at the reference mu; None: the model's ``tc0``.
    reference_mu_mev : float or None
        Chemical potential (meV, the band model's axis) where T_c(B = 0) = tc0; None: the
        model's own mu.
    tolerance : float
        Relative tolerance on T_c of the solver (default 1e-2).
    angle : float
        In-plane field angle in degrees from the model's x axis ([001]).
    fixed_density : bool
        Hold each gate's carrier density fixed as the field changes (instead of its mu).
    """

    model: PairingModel = field(default_factory=_default_model)
    approx: str = "full"
    tc0_k: float | None = None
    reference_mu_mev: float | None = None
    tolerance: float = 1e-2
    angle: float = 0.0
    fixed_density: bool = False

    def __post_init__(self) -> None:
        one_of("approx", self.approx, APPROXIMATIONS)
        positive("tolerance", self.tolerance)
        finite("angle", self.angle)
        if not isinstance(self.model, PairingModel) or self.model.units != "physical":
            raise ParameterError("PairingTc needs a PairingModel in physical units")
        if self.tc0_k is not None:
            object.__setattr__(self, "tc0_k", positive("tc0_k", self.tc0_k))
        elif self.model.tc0 is None:
            raise ParameterError("give tc0_k for a model calibrated by its coupling")
        if self.reference_mu_mev is not None:
            object.__setattr__(
                self, "reference_mu_mev", finite("reference_mu_mev", self.reference_mu_mev)
            )

    @property
    def band(self) -> BandModel:
        """The model's band (at its own mu)."""
        return self.model.band

    @property
    def target_tc0_k(self) -> float:
        """T_c(B = 0) in K at the reference mu."""
        return self.tc0_k if self.tc0_k is not None else float(self.model.tc0)

    @property
    def reference_mu(self) -> float:
        """Chemical potential in meV at which T_c(B = 0) is calibrated."""
        return self.band.mu if self.reference_mu_mev is None else self.reference_mu_mev

    def calibrated_model(self) -> PairingModel:
        """The model with its coupling fixed by the calibration at the reference mu (cached)."""
        return _calibrated(self)

    def interaction(self) -> PairingInteraction:
        """The pairing interaction calibrated at the reference mu."""
        return self.calibrated_model().interaction(self.approx, self.tolerance)

    def curve(self, field_t: ArrayLike, mu_mev: float) -> xr.Dataset:
        """Solver output over the sorted distinct ``|field_t|`` (T) at ``mu_mev``: tc in K."""
        grid = np.unique(np.abs(finite_array("field_t", field_t)).ravel())
        model = self.calibrated_model().with_mu(finite("mu_mev", mu_mev))
        return model.tc_curve(
            grid, self.angle, approx=self.approx, tolerance=self.tolerance,
            fixed_density=self.fixed_density, label=f"mu={mu_mev:.4g} meV",
        )  # fmt: skip

    def tc(self, field_t: ArrayLike, mu_mev: float) -> np.ndarray:
        """Transition temperature in K at fields ``field_t`` (T) and chemical potential (meV)."""
        b = np.abs(finite_array("field_t", field_t))
        ds = self.curve(b, mu_mev)
        index = np.searchsorted(ds["field"].values, b.ravel())
        return ds.tc.values[index].reshape(b.shape)


@lru_cache(maxsize=32)
def _calibrated(provider: PairingTc) -> PairingModel:
    """The model with V giving zero-field uniform T_c = tc0 at the reference mu (once)."""
    model = dataclasses.replace(
        provider.model.with_mu(provider.reference_mu), tc0=provider.target_tc0_k, coupling=None
    )
    return model.calibrated(provider.approx, provider.tolerance)


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


def tabulate_tc(
    provider: TcProvider,
    field_t: ArrayLike,
    mu_mev: ArrayLike,
    progress: Callable[[int, int], None] | None = None,
) -> xr.DataArray:
    """T_c(B, mu) in K on a grid, one provider call per chemical potential.

    Returns a DataArray over dims ``(field, gate)`` where ``gate`` indexes ``mu_mev``; values
    must be finite and non-negative.  ``progress(done, total)`` is called after each mu.
    """
    b = finite_array("field_t", np.atleast_1d(field_t))
    mus = finite_array("mu_mev", np.atleast_1d(mu_mev))
    columns = []
    for i, m in enumerate(mus):
        columns.append(np.asarray(provider.tc(b, float(m)), dtype=float))
        if progress is not None:
            progress(i + 1, mus.size)
    table = np.stack(columns, axis=-1)
    if table.shape != (b.size, mus.size) or not np.all(np.isfinite(table)) or np.any(table < 0):
        raise ParameterError("the T_c provider must return finite, non-negative kelvin per field")
    return xr.DataArray(table, dims=("field", "gate"), attrs={"units": "K"})
