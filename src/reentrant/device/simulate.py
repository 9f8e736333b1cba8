"""The virtual gated Hall bar: from gate voltage to R_xx and R_xy on a measurement grid.

Chain (issue 4): V_BG -> n(V_BG) through the KTaO3 gate (:mod:`reentrant.device.gate`) ->
mu(V_BG) through the band's DOS (:func:`reentrant.device.dos.chemical_potential`) ->
T_c(B, V_BG) from a :class:`~reentrant.device.tc_provider.TcProvider` (tabulated once per
grid) -> R_xx of the two channels [001] and [1-10] from Drude + Aslamazov-Larkin + an
inhomogeneous effective medium (:mod:`reentrant.device.resistance`), R_xy from the Hall formula
(:mod:`reentrant.device.hall`), and optionally measurement noise.  The grid follows the paper's
protocol: the gate is swept at fixed field and temperature (Fig. 2 caption and text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.device.dos import DensityOfStates, SaddlePointDos, chemical_potential
from reentrant.device.gate import BackGate
from reentrant.device.hall import hall_resistance, two_carrier_hall_resistance
from reentrant.device.noise import NoiseModel
from reentrant.device.resistance import drude_sheet_resistance, inhomogeneous_sheet_resistance
from reentrant.device.tc_provider import BcsDosTc, CachedTc, TcProvider, tabulate_tc
from reentrant.errors import ParameterError
from reentrant.validate import finite, finite_array, non_negative, positive

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
        Chemical potential at V_BG = 0 in meV, on the energy axis of the DOS.
    mobility_cm2_per_vs : tuple of float
        Mobilities of the [001] and [1-10] channels at n(0), cm^2 / (V s).
    mobility_exponent : float
        mu(n) = mu(n0) (n / n0)^exponent (screened-impurity power law; >= 0).
    tc_relative_width : float
        Relative standard deviation of the local T_c (spatial inhomogeneity).
    quadrature_nodes : int
        Points of the Gaussian average over local T_c.
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

    def tc_table(self, field_t: ArrayLike, gate_voltage_v: ArrayLike) -> np.ndarray:
        """T_c(B, V_BG) in K, shape (field, gate_voltage), cached across calls."""
        mu = self.chemical_potential(np.atleast_1d(gate_voltage_v))
        return tabulate_tc(self._cache, field_t, mu).values

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

        Returns
        -------
        xarray.Dataset
            ``r_xx`` and ``r_xy`` (Ohm) over (temperature, field, gate_voltage, channel);
            ``tc`` (K) over (field, gate_voltage), the T_c(B, V_BG) put in; ``density``
            (nm^-2) and ``chemical_potential`` (meV) over gate_voltage; ``r_normal`` (Ohm)
            over (gate_voltage, channel).  R_xy is the normal-state Hall resistance at every
            point (the field taken as the Hall field; it is not shorted in the superconducting
            state).
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
        tc = self.tc_table(b, v)
        r_n = self.normal_resistance(v)
        r_xx = inhomogeneous_sheet_resistance(
            t[:, None, None, None],
            tc[None, :, :, None],
            r_n[None, None, :, :],
            p.tc_relative_width,
            p.quadrature_nodes,
        )
        r_xy = np.broadcast_to(self.hall(b, v)[None], r_xx.shape).copy()
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
            "noise": "none" if noise is None else repr(noise),
        }
        return xr.Dataset(data, coords=coords, attrs=attrs)


def default_device(tc0_k: float = 0.4, parameters: DeviceParameters | None = None) -> VirtualDevice:
    """A device with the saddle-point DOS and the DOS-driven BCS T_c (Pauli field dependence).

    The coupling is chosen so that T_c(B = 0, V_BG = 0) = ``tc0_k``; the gate trend of T_c is
    then that of the DOS at the Fermi level.  Until the band-model preset is wired in, the DOS
    is :class:`~reentrant.device.dos.SaddlePointDos` plus 0.01 states/(meV nm^2) from other
    bands, which gives T_c from about 0.49 K (-200 V) to 0.34 K (+180 V).
    """
    params = parameters or DeviceParameters()
    dos = SaddlePointDos(background_dos=0.01)
    provider = BcsDosTc.from_tc0(dos, params.mu0_mev, tc0_k)
    return VirtualDevice(dos, provider, params)


def paper_grid() -> dict[str, np.ndarray]:
    """The measurement grid of the paper's figures: 6 temperatures, 0-9 T, -200 to +180 V."""
    return {
        "temperature_k": np.array([0.09, 0.15, 0.2, 0.25, 0.33, 0.9]),
        "field_t": np.round(np.linspace(0.0, 9.0, 91), 10),
        "gate_voltage_v": np.arange(-200.0, 181.0, 10.0),
    }
