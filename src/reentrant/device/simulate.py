"""The virtual gated Hall bar: from gate voltage to R_xx and R_xy on a measurement grid.

Chain: V_BG -> n(V_BG) through the KTaO3 gate (:mod:`reentrant.device.gate`) ->
mu(V_BG) through the band's DOS (:func:`reentrant.device.dos.chemical_potential`) ->
T_c(B, V_BG) from a :class:`~reentrant.device.tc_provider.TcProvider` (tabulated once per
grid) -> R_xx of the two channels [001] and [1-10] from Drude + Aslamazov-Larkin (or the
Halperin-Nelson BKT form) + an inhomogeneous effective medium
(:mod:`reentrant.device.resistance`), R_xy from the Hall formula shorted by the
superconducting fluctuations (:mod:`reentrant.device.hall`), and optionally measurement noise.
The grid follows the paper's protocol: the gate is swept at fixed field and temperature
(Fig. 2 caption and text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.device.dos import DensityOfStates, band_model_dos, chemical_potential
from reentrant.device.gate import BackGate
from reentrant.device.hall import (
    hall_resistance,
    shorted_hall_resistance,
    two_carrier_hall_resistance,
)
from reentrant.device.noise import NoiseModel
from reentrant.device.resistance import (
    TRANSITIONS,
    drude_sheet_resistance,
    inhomogeneous_sheet_resistance,
)
from reentrant.device.tc_provider import BcsDosTc, CachedTc, PairingTc, TcProvider, tabulate_tc
from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.pauli import PauliLimit
from reentrant.pairing.model import PairingModel
from reentrant.validate import finite, finite_array, non_negative, one_of, positive

#: Sources of the default device's T_c: the pairing solver, or the cheap BCS estimate.
TC_SOURCES = ("best", "pairing", "bcs")

#: Current directions of the paper's device (Fig. 1c inset), in the order of the mobilities.
CHANNELS: tuple[str, str] = ("001", "1-10")


@dataclass(frozen=True)
class DeviceParameters:
    """Parameters of the virtual LaTiO3-KTaO3 (110) Hall bar.

    Parameters
    ----------
    gate : BackGate
        Substrate gate (thickness, permittivity, n at V_BG = 0).
    mu0_mev : float
        Chemical potential at V_BG = 0 in meV, on the energy axis of the DOS (for the band-model
        DOS of :func:`default_device`: from the bare saddle point, M beta^2 / 2 + delta, which
        :func:`default_device` sets).
    mobility_cm2_per_vs : tuple of float
        Mobilities of the [001] and [1-10] channels at n(0), cm^2 / (V s).
    mobility_exponent : float
        mu(n) = mu(n0) (n / n0)^exponent (screened-impurity power law; >= 0).
    tc_relative_width : float
        Relative standard deviation of the local T_c (spatial inhomogeneity).
    quadrature_nodes : int
        Points of the Gaussian average over local T_c.
    transition : str
        Fluctuation conductance of a patch: ``"al"`` (Aslamazov-Larkin, resistive above the
        local T_c; default) or ``"bkt"`` (Halperin-Nelson, resistive above the local T_BKT
        from the universal jump), see :mod:`reentrant.device.resistance`.
    vortex_b : float
        Halperin-Nelson constant b of the ``"bkt"`` form (order one).
    dos_window_mev : float
        Half-width of the energy window searched for mu(n), meV.
    second_carrier_fraction : float
        Fraction of n in a second Hall band (0: single-carrier Hall effect).
    second_carrier_mobility_ratio : float
        Mobility of that band relative to the channel mobility.
    """

    gate: BackGate = field(default_factory=BackGate)
    mu0_mev: float = 20.0
    mobility_cm2_per_vs: tuple[float, float] = (150.0, 100.0)
    mobility_exponent: float = 1.0
    tc_relative_width: float = 0.06
    quadrature_nodes: int = 24
    transition: str = "al"
    vortex_b: float = 1.0
    dos_window_mev: float = 60.0
    second_carrier_fraction: float = 0.0
    second_carrier_mobility_ratio: float = 1.0

    def __post_init__(self) -> None:
        finite("mu0_mev", self.mu0_mev)
        if len(self.mobility_cm2_per_vs) != len(CHANNELS):
            raise ParameterError("mobility_cm2_per_vs needs one value per channel (001, 1-10)")
        for name, value in zip(CHANNELS, self.mobility_cm2_per_vs, strict=True):
            positive(f"mobility_cm2_per_vs[{name}]", value)
        non_negative("mobility_exponent", self.mobility_exponent)
        non_negative("tc_relative_width", self.tc_relative_width)
        if int(self.quadrature_nodes) < 1:
            raise ParameterError(f"quadrature_nodes must be >= 1, got {self.quadrature_nodes}")
        one_of("transition", self.transition, TRANSITIONS)
        positive("vortex_b", self.vortex_b)
        positive("dos_window_mev", self.dos_window_mev)
        if not 0.0 <= finite("second_carrier_fraction", self.second_carrier_fraction) < 1.0:
            raise ParameterError("second_carrier_fraction must lie in [0, 1)")
        positive("second_carrier_mobility_ratio", self.second_carrier_mobility_ratio)


def _coord(name: str, values: ArrayLike, units: str, long_name: str) -> tuple:
    arr = finite_array(name, np.atleast_1d(values))
    if arr.ndim != 1 or arr.size == 0 or np.unique(arr).size != arr.size:
        raise ParameterError(f"{name} must be a non-empty 1D grid without repeated values")
    return (name, arr, {"units": units, "long_name": long_name})


@dataclass(frozen=True)
class VirtualDevice:
    """The simulated Hall bar: a DOS, a T_c source and device parameters.

    Parameters
    ----------
    dos : callable
        Both-spin DOS of the band model, meV -> states / (meV nm^2).
    tc_provider : TcProvider
        Source of T_c(B, mu); wrapped in a :class:`CachedTc` so repeated runs reuse it.
    parameters : DeviceParameters
        Gate, transport and inhomogeneity parameters.
    """

    dos: DensityOfStates
    tc_provider: TcProvider
    parameters: DeviceParameters = field(default_factory=DeviceParameters)
    _cache: CachedTc = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cache", CachedTc(self.tc_provider))

    @property
    def tc_cache(self) -> CachedTc:
        """The cached T_c source (shared by every simulation of this device)."""
        return self._cache

    def density(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Sheet density n(V_BG) in nm^-2 (the Hall density of Fig. 1e)."""
        return self.parameters.gate.density(gate_voltage_v)

    def chemical_potential(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Chemical potential mu(V_BG) in meV from the DOS (rigid band)."""
        p = self.parameters
        dn = p.gate.induced_density(gate_voltage_v)
        return chemical_potential(self.dos, dn, p.mu0_mev, window_mev=p.dos_window_mev)

    def mobility(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Channel mobilities in cm^2 / (V s), shape (gate_voltage, channel)."""
        p = self.parameters
        n = self.density(gate_voltage_v)[:, None]
        scale = (n / p.gate.density_at_zero_nm2) ** p.mobility_exponent
        return np.asarray(p.mobility_cm2_per_vs) * scale

    def normal_resistance(self, gate_voltage_v: ArrayLike) -> np.ndarray:
        """Drude sheet resistance in ohm, shape (gate_voltage, channel)."""
        n = self.density(gate_voltage_v)[:, None]
        return drude_sheet_resistance(n, self.mobility(gate_voltage_v))

    def tc_table(
        self,
        field_t: ArrayLike,
        gate_voltage_v: ArrayLike,
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """T_c(B, V_BG) in K, shape (field, gate_voltage), cached across calls.

        ``progress(done, total)`` is called after each gate voltage.
        """
        mu = self.chemical_potential(np.atleast_1d(gate_voltage_v))
        return tabulate_tc(self._cache, field_t, mu, progress).values

    def hall(self, field_t: np.ndarray, gate_voltage_v: np.ndarray) -> np.ndarray:
        """R_xy in ohm, shape (field, gate_voltage, channel)."""
        p = self.parameters
        n = self.density(gate_voltage_v)
        if p.second_carrier_fraction == 0.0:
            r = hall_resistance(field_t[:, None], n[None, :])
            return np.repeat(r[..., None], len(CHANNELS), axis=-1)
        mobility = self.mobility(gate_voltage_v)
        out = np.empty((field_t.size, n.size, len(CHANNELS)))
        f, ratio = p.second_carrier_fraction, p.second_carrier_mobility_ratio
        for j, nj in enumerate(n):
            for c in range(len(CHANNELS)):
                out[:, j, c] = two_carrier_hall_resistance(
                    field_t, ((1 - f) * nj, f * nj), (mobility[j, c], ratio * mobility[j, c])
                )
        return out

    def simulate(
        self,
        temperature_k: ArrayLike,
        field_t: ArrayLike,
        gate_voltage_v: ArrayLike,
        noise: NoiseModel | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> xr.Dataset:
        """Simulate the measurement on a (temperature, field, gate_voltage, channel) grid.

        Parameters
        ----------
        temperature_k : array_like
            Temperatures in K (positive, distinct).
        field_t : array_like
            In-plane fields in T (distinct).
        gate_voltage_v : array_like
            Back-gate voltages in V (distinct); swept fastest, as in the paper.
        noise : NoiseModel, optional
            Measurement noise added to R_xx and R_xy (none by default).
        progress : callable, optional
            ``progress(done, total)`` over the gate voltages of the T_c table (the slow part).

        Returns
        -------
        xarray.Dataset
            ``r_xx`` and ``r_xy`` (Ohm) over (temperature, field, gate_voltage, channel);
            ``tc`` (K) over (field, gate_voltage), the T_c(B, V_BG) put in; ``density``
            (nm^-2) and ``chemical_potential`` (meV) over gate_voltage; ``r_normal`` (Ohm)
            over (gate_voltage, channel).  R_xy is the normal-state Hall resistance (the field
            taken as the Hall field) shorted by the superconducting fluctuations,
            R_xy ~ R_xy^N (R_xx / R_N)^2 (:func:`~reentrant.device.hall.
            shorted_hall_resistance`): R_xy^N where R_xx = R_N, 0 where R_xx = 0.
        """
        coords = {
            "temperature": _coord("temperature", temperature_k, "K", "temperature"),
            "field": _coord("field", field_t, "T", "in-plane magnetic field"),
            "gate_voltage": _coord("gate_voltage", gate_voltage_v, "V", "back-gate voltage"),
            "channel": ("channel", list(CHANNELS), {"long_name": "current direction"}),
        }
        t, b, v = (coords[k][1] for k in ("temperature", "field", "gate_voltage"))
        if np.any(t <= 0):
            raise ParameterError("temperature must be positive (K)")
        p = self.parameters
        tc = self.tc_table(b, v, progress)
        r_n = self.normal_resistance(v)
        r_xx = inhomogeneous_sheet_resistance(
            t[:, None, None, None],
            tc[None, :, :, None],
            r_n[None, None, :, :],
            p.tc_relative_width,
            p.quadrature_nodes,
            p.transition,
            p.vortex_b,
        )
        r_xy = shorted_hall_resistance(self.hall(b, v)[None], r_xx, r_n[None, None])
        if noise is not None:
            r_xx = noise.apply(r_xx, stream=0)
            r_xy = noise.apply(r_xy, stream=1)
        dims4 = ("temperature", "field", "gate_voltage", "channel")
        data = {
            "r_xx": (dims4, r_xx, {"units": "Ohm", "long_name": "longitudinal resistance"}),
            "r_xy": (dims4, r_xy, {"units": "Ohm", "long_name": "Hall resistance"}),
            "tc": (("field", "gate_voltage"), tc, {"units": "K", "long_name": "input T_c"}),
            "density": ("gate_voltage", self.density(v), {"units": "nm^-2"}),
            "chemical_potential": ("gate_voltage", self.chemical_potential(v), {"units": "meV"}),
            "r_normal": (("gate_voltage", "channel"), r_n, {"units": "Ohm"}),
        }
        attrs = {
            "title": "virtual (110) LaTiO3-KTaO3 Hall bar",
            "sweep": "gate_voltage swept at fixed field and temperature",
            "tc_relative_width": p.tc_relative_width,
            "transition": p.transition,
            "noise": "none" if noise is None else repr(noise),
        }
        return xr.Dataset(data, coords=coords, attrs=attrs)


def default_device(
    model: PairingModel | None = None,
    parameters: DeviceParameters | None = None,
    *,
    tc_source: str = "best",
    approx: str = "full",
    angle: float | None = None,
    background_dos: float = 0.05,
    tolerance: float = 1e-2,
    field_dependence: Callable[[float], Mechanism] | None = None,
) -> VirtualDevice:
    """The (110) LaTiO3-KTaO3 device: the best explanation of the experiment, or the paper's model.

    ``tc_source="best"`` (the default): the device of the best-scoring physical candidate of
    the recorded scorecard (:func:`reentrant.explain.record.recorded_best`; the scorecard of
    :mod:`reentrant.explain` decides, not a hand choice) with its fitted parameters, on its
    preset's band, gate and transport; ``model``, ``parameters``, ``approx``,
    ``background_dos``, ``tolerance`` and ``field_dependence`` belong to the other sources and
    must not be given.  ``angle`` applies where the best candidate solves Eq. (1) (its own
    angle by default); a closed-form mechanism is isotropic in the plane and refuses one.

    ``tc_source="pairing"`` is the paper's own model, one option away.
    Band: ``model`` (a physical-units :class:`~reentrant.pairing.model.PairingModel` of
    Eq. (1), default the ``lto-kto-110`` preset); its chemical potential is the Fermi level at
    V_BG = 0 and its ``tc0`` the T_c(B = 0) there.  Its DOS
    (:func:`~reentrant.device.dos.band_model_dos`) plus ``background_dos`` of spectator t2g
    subbands sets mu(V_BG).  T_c(B, mu): with ``tc_source="pairing"`` the pairing solver
    (:class:`~reentrant.device.tc_provider.PairingTc`, approximation ``approx``, in-plane field
    at ``angle`` degrees from [001]) with the coupling calibrated once, at V_BG = 0; with
    ``"bcs"`` the cheap :class:`~reentrant.device.tc_provider.BcsDosTc` on the band DOS
    (omega_D = the model's cutoff) with the Pauli-limited field dependence (the model's g).
    Either way the gate trend of T_c is the model's: only the DOS at the gate-set mu changes.

    Why the preset's delta = 3 meV and 0.05 states/(meV nm^2): the gate moves n by -0.079 to
    +0.074 nm^-2 over -200..+180 V; with these values mu stays above the van Hove energy over the
    whole gate range (mu - E_vH from about 1.6 to 4.3 meV), so the DOS at mu, and T_c, fall
    monotonically as V_BG rises (the trend of the paper's Fig. 1e).  With delta = 0.5 meV mu
    would cross the van Hove peak inside the gate range and T_c(V_BG) would not be monotonic.

    Parameters
    ----------
    model : PairingModel, optional
        Physical-units model of Eq. (1) at V_BG = 0 (default ``lto-kto-110``).
    parameters : DeviceParameters, optional
        Gate, transport and inhomogeneity parameters; their ``mu0_mev`` is replaced by the
        model's mu.
    tc_source : str
        ``"best"`` (default), ``"pairing"`` or ``"bcs"``.
    approx : str
        Approximation of the pairing solver: ``"full"`` or ``"upper-branch"``.
    angle : float, optional
        In-plane field angle in degrees from [001] (the spin-orbit axis of Eq. (1)); default
        0 (``"pairing"``) or the best candidate's own.
    background_dos : float
        DOS of the spectator subbands, states / (meV nm^2), both spins.
    tolerance : float
        Relative tolerance on T_c of the pairing solver.
    field_dependence : callable, optional
        With ``tc_source="bcs"``: ``tc0_k -> Mechanism`` giving T_c(B) from the gate-set
        T_c0, so that any rival mechanism (:mod:`reentrant.mechanisms`: Fulde-Ferrell,
        orbital, Jaccarino-Peter, ...) can be swapped in, e.g.
        ``lambda tc0: JaccarinoPeter(tc0, exchange_field_mev=0.05)``; default the Pauli limit
        with the model's g.
    """
    one_of("tc_source", tc_source, TC_SOURCES)
    if tc_source == "best":
        if model is not None or parameters is not None or field_dependence is not None:
            raise ParameterError(
                "model, parameters and field_dependence apply to tc_source 'pairing' or 'bcs', "
                "not to 'best' (the recorded best candidate brings its own)"
            )
        return _best_device(angle)
    angle = 0.0 if angle is None else angle
    if field_dependence is not None and tc_source != "bcs":
        raise ParameterError("field_dependence applies to tc_source='bcs' only")
    model = PairingModel.from_preset("lto-kto-110") if model is None else model
    if not isinstance(model, PairingModel) or model.units != "physical" or model.tc0 is None:
        raise ParameterError("the device needs a physical-units PairingModel calibrated by tc0")
    band = model.band
    params = replace(parameters or DeviceParameters(), mu0_mev=band.mu)
    dos = band_model_dos(band, background_dos)
    if tc_source == "pairing":
        provider: TcProvider = PairingTc(model, approx, tolerance=tolerance, angle=angle)
    else:
        provider = BcsDosTc.from_tc0(
            band_model_dos(band),
            band.mu,
            model.tc0,
            omega_d_mev=model.cutoff,
            field_dependence=field_dependence or partial(PauliLimit, g_factor=model.g_factor),
        )
    return VirtualDevice(dos, provider, params)


def _best_device(angle: float | None) -> VirtualDevice:
    """The recorded best candidate's device, at ``angle`` where its T_c solves Eq. (1)."""
    from reentrant.explain.record import recorded_best  # explain builds on the device

    best = recorded_best()
    device = best.candidate.device(best.values, best.preset)
    if angle is None:
        return device
    if not isinstance(device.tc_provider, PairingTc):
        raise ParameterError(
            f"angle does not apply to the best candidate {best.candidate.name!r}: its "
            "mechanism is isotropic in the plane"
        )
    provider = replace(device.tc_provider, angle=finite("angle", angle))
    return VirtualDevice(device.dos, provider, device.parameters)


def paper_grid() -> dict[str, np.ndarray]:
    """The measurement grid of the paper's figures: 6 temperatures, 0-9 T, -200 to +180 V."""
    return {
        "temperature_k": np.array([0.09, 0.15, 0.2, 0.25, 0.33, 0.9]),
        "field_t": np.round(np.linspace(0.0, 9.0, 91), 10),
        "gate_voltage_v": np.arange(-200.0, 181.0, 10.0),
    }
