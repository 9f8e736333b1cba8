"""The common interface of every T_c(B) mechanism.

A mechanism is a frozen dataclass of physical parameters (validated on construction) with one
physics method, :meth:`Mechanism.tc`, mapping in-plane magnetic field in tesla to the transition
temperature in kelvin.  "No superconductivity" is ``tc = 0``, never an error.  The re-entrance
tools, the fits and the device simulator work on any mechanism through this interface.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Mechanism(ABC):
    """Base class: ``tc(field_t) -> kelvin``; subclasses hold the parameters."""

    #: Short name used in tables, legends and the CLI.
    name: ClassVar[str] = "mechanism"

    @abstractmethod
    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""

    def fit_parameters(self) -> dict[str, float]:
        """The numeric parameters a fit may vary, by name (default: numeric dataclass fields)."""
        out = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                out[field.name] = float(value)
        return out

    def with_fit_parameters(self, **values: float) -> Mechanism:
        """A copy with the named fit parameters changed (validated on construction)."""
        return dataclasses.replace(self, **values)

    def derived_parameters(self) -> dict[str, float]:
        """Quantities that follow from the parameters, reported with fits (default: none)."""
        return {}

    def tc_curve(self, field_t: ArrayLike) -> xr.DataArray:
        """T_c(B) as an :class:`xarray.DataArray` over coordinate ``field`` (T), values in K."""
        field = np.atleast_1d(np.asarray(field_t, dtype=float))
        return xr.DataArray(
            self.tc(field),
            coords={"field": ("field", field, {"units": "T", "long_name": "in-plane field"})},
            dims="field",
            name="tc",
            attrs={"units": "K", "long_name": "transition temperature", "mechanism": self.name},
        )

    def curve(self, field_t: ArrayLike) -> xr.Dataset:
        """T_c(B) as a Dataset: variable ``tc`` (K) over ``field`` (T); solvers add ``q_x``, ..."""
        return self.tc_curve(field_t).to_dataset()
