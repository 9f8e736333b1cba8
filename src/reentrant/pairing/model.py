r"""The object a theorist holds: a band, a pairing interaction, a unit system; the field bound late.

A :class:`PairingModel` is defined once (Kwant's define -> solve) and solved for any field sweep:

.. code-block:: python

    model = PairingModel.from_preset("lto-kto-110", delta=0.3)   # physical units
    ds = model.tc_curve(field=np.linspace(0, 2, 41), angle=0.0)  # tesla in, kelvin out

It holds

* ``band``: the normal state :class:`reentrant.models.band.BandModel`
  (``H = eps(k) - mu + g(k).sigma``) in the model's own units;
* ``cutoff``: the energy cutoff omega_D of the contact attraction (same energy unit);
* the calibration: either ``tc0``, the zero-field uniform T_c that the coupling is tuned to
  reproduce in each approximation (:func:`reentrant.pairing.tc.calibrate_interaction`), or a
  fixed ``coupling`` V (energy x area);
* the unit system:

  - ``units="physical"``: energies in meV, momenta in nm^-1, ``tc0`` in K; the field B is in
    tesla and enters as the Zeeman energy ``h = (g/2) mu_B B`` (the paper's ``lambda B`` in
    Eq. (1), with ``lambda = (g/2) mu_B``); T_c is returned in K.
  - ``units="reduced"``: energies in an arbitrary unit E0 (hbar = k_B = 1), ``tc0`` in E0 (the
    presets use E0 = k_B T_c0, ``tc0 = 1``); the field is the Zeeman energy in units of T_c0,
    ``field = h / T_c0``, and T_c is returned in units of T_c0.

The field is converted to a Zeeman vector in exactly one place, :meth:`PairingModel.zeeman`:
``h_vec = h(field) * n`` with the in-plane direction ``n = (cos theta, sin theta, 0)``, ``theta``
the ``angle`` in degrees from the model's x axis (for Eq. (1) the saddle's p_x, i.e. [001], the
spin-orbit axis), or any unit 3-vector ``direction``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.presets import preset
from reentrant.pairing.curve import tc_curve
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import calibrate_interaction, resolution_for, zero_field_tc
from reentrant.units import kelvin_to_mev, zeeman_mev

UNITS = ("reduced", "physical")
#: Pairing channels of a model: s-wave singlet, a triplet, or both coupled.
CHANNELS = ("singlet", "triplet", "both")
#: Approximations of the two-branch problem: name -> band projection of the susceptibility.
APPROXIMATIONS = {"full": "all", "upper-branch": "upper"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PairingModel:
    """A band, a contact pairing interaction and a unit system, solved for any field.

    Parameters
    ----------
    band
        The normal state (model energy and momentum units).
    cutoff
        Energy cutoff omega_D of the attraction (> 0, model energy units).
    tc0
        Calibration: zero-field uniform T_c (K in physical units, E0 in reduced units).
    coupling
        Alternative calibration: the singlet coupling V (energy x area, model units).
        Exactly one of ``tc0`` and ``coupling`` is given.
    units
        ``"reduced"`` or ``"physical"`` (see the module notes).
    g_factor
        Effective g-factor of the Zeeman energy (physical units only).
    channel
        ``"singlet"`` (s-wave), ``"triplet"`` or ``"both"`` (the coupled singlet-triplet gap
        equation, leading eigenvalue): see
        :class:`~reentrant.pairing.susceptibility.PairingInteraction`.
    d_vector
        The triplet's d-vector: ``"soc"`` (along the spin-orbit field) or fixed ``"x"``, ``"y"``,
        ``"z"`` with an odd p-wave form factor.
    form_factor
        ``"px"`` or ``"py"``: the form factor of a fixed-d triplet.
    triplet_ratio
        V_t / V_s with ``channel="both"`` (the calibration scales both together).
    name
        Label (the preset's name for presets).
    parameters
        The preset parameters the model was built from, as sorted (name, value) pairs (empty
        for a model built by hand); :meth:`with_parameters` rebuilds from them.
    """

    band: BandModel
    cutoff: float
    tc0: float | None = None
    coupling: float | None = None
    units: str = "reduced"
    g_factor: float = 2.0
    channel: str = "singlet"
    d_vector: str = "soc"
    form_factor: str = "py"
    triplet_ratio: float = 1.0
    name: str = "custom"
    parameters: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.band, BandModel):
            raise ParameterError(f"band must be a BandModel, got {type(self.band).__name__}")
        validate.positive("cutoff", self.cutoff)
        validate.one_of("units", self.units, UNITS)
        validate.positive("g_factor", self.g_factor)
        validate.one_of("channel", self.channel, CHANNELS)
        validate.positive("triplet_ratio", self.triplet_ratio)
        self.unit_interaction()  # validates d_vector and form_factor
        if (self.tc0 is None) == (self.coupling is None):
            raise ParameterError("give exactly one of tc0 (calibration) and coupling")
        if self.tc0 is not None:
            object.__setattr__(self, "tc0", validate.positive("tc0", self.tc0))
        if self.coupling is not None:
            object.__setattr__(self, "coupling", validate.positive("coupling", self.coupling))
        pairs = tuple(sorted((str(k), float(v)) for k, v in dict(self.parameters).items()))
        object.__setattr__(self, "parameters", pairs)

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_preset(
        cls,
        name: str,
        *,
        channel: str = "singlet",
        d_vector: str = "soc",
        form_factor: str = "py",
        **overrides: float,
    ) -> PairingModel:
        """The built-in preset ``name`` with parameters overridden by keyword.

        Physical presets (``lto-kto-110``) take ``tc0`` (K) and ``g_factor`` from their
        parameters; reduced presets are in units of their own T_c0 (``tc0 = 1``).  The pairing
        channel is chosen by ``channel``, ``d_vector`` and ``form_factor``; ``triplet_ratio``
        (V_t / V_s) may be given among the overrides (``--set triplet_ratio=0.5``).
        """
        spec = preset(name)
        triplet_ratio = overrides.pop("triplet_ratio", 1.0)
        params = spec.parameters(**overrides)
        band, cutoff = spec.build(params)
        if spec.units == "physical":
            tc0, g = params["tc0"], params["g_factor"]
        else:
            tc0, g = 1.0, 2.0
        return cls(
            band, cutoff, tc0=tc0, units=spec.units, g_factor=g, channel=channel,
            d_vector=d_vector, form_factor=form_factor, triplet_ratio=triplet_ratio, name=name,
            parameters=tuple(params.items()),
        )  # fmt: skip

    def with_parameters(self, **changes: float) -> PairingModel:
        """The same preset with some of its parameters changed (presets only)."""
        if not self.parameters:
            raise ParameterError(
                f"model {self.name!r} was not built from a preset; use dataclasses.replace"
            )
        return PairingModel.from_preset(
            self.name, channel=self.channel, d_vector=self.d_vector,
            form_factor=self.form_factor,
            **{**dict(self.parameters), "triplet_ratio": self.triplet_ratio, **changes},
        )  # fmt: skip

    def with_mu(self, mu: float) -> PairingModel:
        """The same model (same calibration) at chemical potential ``mu`` (model units)."""
        return dataclasses.replace(self, band=self.band.with_mu(validate.finite("mu", mu)))

    def calibrated(self, approx: str = "full", tolerance: float = 1e-3) -> PairingModel:
        """The same model with the coupling fixed at its calibrated value (``coupling`` set).

        Used where the coupling must stay fixed while the band changes (the device: one V for
        every gate voltage).
        """
        if self.coupling is not None:
            return self
        calibrated, unit = self.interaction(approx, tolerance), self.unit_interaction()
        scale = (
            calibrated.singlet / unit.singlet if unit.singlet else calibrated.triplet / unit.triplet
        )
        return dataclasses.replace(self, tc0=None, coupling=scale)

    # -- units --------------------------------------------------------------------------------

    @property
    def field_units(self) -> str:
        """Units of the field: ``"T"`` (physical) or ``"T_c0"`` (reduced)."""
        return "T" if self.units == "physical" else "T_c0"

    @property
    def temperature_units(self) -> str:
        """Units of T_c in results: ``"K"`` (physical) or ``"T_c0"`` (reduced)."""
        return "K" if self.units == "physical" else "T_c0"

    @property
    def momentum_units(self) -> str:
        """Units of the pair momentum Q in results."""
        return "1/nm" if self.units == "physical" else "1/length (model units)"

    def temperature_scale(self, approx: str = "full", tolerance: float = 1e-3) -> float:
        """The temperature unit of results in model energy units: 1 K in meV, or T_c0 in E0."""
        if self.units == "physical":
            return kelvin_to_mev(1.0)
        return self.tc0_energy(approx, tolerance)

    def tc0_energy(self, approx: str = "full", tolerance: float = 1e-3) -> float:
        """Zero-field uniform T_c in model energy units (computed if the coupling is given)."""
        if self.tc0 is not None:
            return kelvin_to_mev(self.tc0) if self.units == "physical" else self.tc0
        return _tc0_of_coupling(self, approx, tolerance)

    def zeeman(
        self,
        field: ArrayLike,
        angle: float = 0.0,
        direction: Sequence[float] | None = None,
        approx: str = "full",
        tolerance: float = 1e-3,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Zeeman energies |h| (model energy units) of ``field`` and the unit field direction.

        The one place where a field becomes a Zeeman energy: ``h = (g/2) mu_B B`` in physical
        units (``B`` in T, h in meV), ``h = field * T_c0`` in reduced units.  The direction is
        ``(cos angle, sin angle, 0)`` (``angle`` in degrees from the model's x axis) unless a
        3-vector ``direction`` is given.
        """
        values = validate.finite_array("field", field).ravel()
        if self.units == "physical":
            h = zeeman_mev(values, self.g_factor)
        else:
            h = values * self.tc0_energy(approx, tolerance)
        if direction is None:
            theta = np.deg2rad(validate.finite("angle", angle))
            unit = np.array([np.cos(theta), np.sin(theta), 0.0])
            unit[np.abs(unit) < 1e-15] = 0.0  # exact zeros keep symmetric integrations exact
        else:
            unit = validate.finite_array("direction", direction).ravel()
            norm = float(np.linalg.norm(unit)) if unit.shape == (3,) else 0.0
            if norm == 0.0:
                raise ParameterError("direction must be a non-zero 3-vector")
            unit = unit / norm
        return h, unit

    # -- solving ------------------------------------------------------------------------------

    def unit_interaction(self) -> PairingInteraction:
        """The interaction's shape with unit overall coupling (channels, d-vector, ratio)."""
        singlet = 0.0 if self.channel == "triplet" else 1.0
        triplet = {"singlet": 0.0, "triplet": 1.0, "both": self.triplet_ratio}[self.channel]
        return PairingInteraction(
            singlet, self.cutoff, triplet, d_vector=self.d_vector, form_factor=self.form_factor
        )

    def interaction(self, approx: str = "full", tolerance: float = 1e-3) -> PairingInteraction:
        """The pairing interaction: the fixed coupling, or calibrated to ``tc0`` in ``approx``.

        ``coupling`` scales :meth:`unit_interaction` (the singlet coupling, or the triplet one
        for ``channel="triplet"``).
        """
        validate.one_of("approximation", approx, APPROXIMATIONS)
        if self.coupling is not None:
            return self.unit_interaction().scaled(self.coupling)
        return _calibrated(self, approx, float(tolerance))

    def susceptibility(self, approx: str = "full", tolerance: float = 1e-3) -> PairSusceptibility:
        """Pair susceptibility chi(Q, h, T) with the interaction of ``approx`` at ``tolerance``."""
        return PairSusceptibility(
            self.band,
            self.interaction(approx, tolerance),
            resolution_for(tolerance),
            APPROXIMATIONS[approx],
        )

    def tc_curve(
        self,
        field: ArrayLike,
        angle: float = 0.0,
        *,
        direction: Sequence[float] | None = None,
        uniform: bool = False,
        tolerance: float = 1e-3,
        approx: str = "full",
        progress: Progress | None = None,
        label: str | None = None,
    ) -> xr.Dataset:
        """T_c, the optimal pair momentum Q and flags over a field sweep.

        Parameters
        ----------
        field
            Fields in T (physical units) or Zeeman energies in units of T_c0 (reduced units).
        angle
            In-plane field angle in degrees from the model's x axis.
        direction
            A field direction 3-vector instead of ``angle``.
        uniform
            Fix Q = 0 (no finite-momentum pairing).
        tolerance
            Relative tolerance on T_c, checked by grid refinement.
        approx
            ``"full"`` (both spin branches) or ``"upper-branch"`` (the paper's Eq. (2)).
        progress
            Callback ``progress(done, total)``.
        label
            Context added to the sweep point named in convergence warnings (e.g. the gate's mu).

        Returns
        -------
        xarray.Dataset
            Over coordinate ``field`` (units in attrs) with the auxiliary coordinate ``zeeman``
            (Zeeman energy |h|, model energy units): ``tc`` (K or T_c0), ``q_x``, ``q_y``,
            ``flags`` and the solver's bookkeeping (see :func:`reentrant.pairing.curve.tc_curve`).
        """
        validate.one_of("approximation", approx, APPROXIMATIONS)
        tolerance = validate.positive("tolerance", tolerance)
        values = validate.finite_array("field", field).ravel()
        if values.size == 0:
            raise ParameterError("field needs at least one value")
        h, unit = self.zeeman(values, angle, direction, approx, tolerance)
        tc0 = self.tc0_energy(approx, tolerance)
        scale = self.temperature_scale(approx, tolerance)
        symbol = "B" if self.units == "physical" else "h"
        context = f" ({label})" if label else ""
        ds = tc_curve(
            self.susceptibility(approx, tolerance), h,
            tolerance=tolerance, uniform=uniform, tc0=tc0, direction=tuple(unit),
            progress=progress,
            describe=lambda i: f"{symbol}={values[i]:.4g} {self.field_units}{context}",
        )  # fmt: skip
        return _physical_result(self, ds, values, unit, scale, approx, angle, direction)


def _physical_result(model, ds, values, unit, scale, approx, angle, direction) -> xr.Dataset:
    """The solver's Dataset with the field coordinate and T_c, Q in the model's units."""
    energy_units = "meV" if model.units == "physical" else "E0 (model energy unit)"
    long = "in-plane field B" if model.units == "physical" else "Zeeman energy h / k_B T_c0"
    ds = ds.rename(zeeman="field").assign_coords(
        field=("field", values, {"long_name": long, "units": model.field_units}),
        zeeman=(
            "field",
            ds.zeeman.values,
            {"long_name": "Zeeman energy |h| (coefficient of h.sigma)", "units": energy_units},
        ),
    )
    ds["tc"] = (ds.tc / scale).assign_attrs(
        units=model.temperature_units, long_name="transition temperature"
    )
    for q in ("q_x", "q_y"):
        ds[q].attrs.update(units=model.momentum_units, long_name=f"optimal pair momentum {q[-1]}")
    ds.attrs.update(
        model=model.name,
        units=model.units,
        approx=approx,
        tc0=float(model.tc0) if model.tc0 is not None else float("nan"),
        g_factor=float(model.g_factor) if model.units == "physical" else float("nan"),
        angle=float(angle) if direction is None else float("nan"),
        direction=[float(x) for x in unit],
        **{f"parameter_{k}": v for k, v in model.parameters},
    )
    return ds


@lru_cache(maxsize=64)
def _calibrated(model: PairingModel, approx: str, tolerance: float) -> PairingInteraction:
    """The coupling giving zero-field uniform T_c = tc0 in ``approx`` (once per model)."""
    resolution = resolution_for(tolerance)
    bands = APPROXIMATIONS[approx]
    unit = model.unit_interaction()
    return calibrate_interaction(
        lambda v: PairSusceptibility(model.band, v, resolution, bands),
        model.cutoff,
        model.tc0_energy(),
        unit.triplet,
        singlet=unit.singlet,
        d_vector=unit.d_vector,
        form_factor=unit.form_factor,
    )


@lru_cache(maxsize=64)
def _tc0_of_coupling(model: PairingModel, approx: str, tolerance: float) -> float:
    """Zero-field uniform T_c (model energy) of a model with a fixed coupling."""
    return zero_field_tc(model.susceptibility(approx, tolerance), tolerance)


__all__ = ["APPROXIMATIONS", "CHANNELS", "UNITS", "PairingModel"]
