r"""The paper's mechanism as a T_c(B) in kelvin: van Hove saddle + anisotropic SOC, Eq. (1).

Maryenko et al. model the (110) LaTiO3-KTaO3 interface near an extended saddle point with

.. math::

    H = -\frac{p_x^2}{2M} + \frac{p_y^2}{2m} + (\beta p_x + \lambda B)\,\sigma_x
    \qquad \text{(Eq. (1))},

and attribute the re-entrance to the competition between the field-driven growth of the density
of states near the van Hove energy and the pair breaking of the field-deformed Fermi surface.
:class:`PaperModel` solves the linearized gap equation of this Hamiltonian with a contact
singlet attraction, maximised over the pair momentum Q
(:meth:`reentrant.pairing.model.PairingModel.tc_curve`), in one of two approximations:

* ``approx="upper-branch"`` (the paper's, Eq. (2)): both electrons of a pair on the upper spin
  branch, ``p + Q/2`` with ``-p + Q/2``, weighted by the singlet overlap ``(1 - dhat.dhat')/4``
  of their spinors;
* ``approx="full"``: both spin branches and all intra- and inter-branch pairs.

The coupling is calibrated separately in each approximation so that ``T_c(0) = tc0``.

Symmetry used: ``B -> -B`` together with ``p_x -> -p_x`` maps ``beta p_x + lambda B`` to
``-(beta p_x + lambda B)``, so the spectrum, and hence ``T_c``, is even in ``B`` while the optimal
``Q_x`` is odd.  :meth:`PaperModel.tc` therefore solves on ``|B|`` (tested against a direct
solution at ``-B``); the argument holds for a field along x (``angle = 0``) and, with
``p_y -> -p_y`` added, for a field in any in-plane direction.  Units: field in T, ``T_c`` in K,
``Q`` in nm^-1.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.pairing.model import APPROXIMATIONS, PairingModel
from reentrant.units import mev_to_kelvin
from reentrant.validate import finite, finite_array, one_of, positive


def default_paper_model() -> PairingModel:
    """The physical preset of the (110) LaTiO3-KTaO3 interface, ``lto-kto-110``."""
    return PairingModel.from_preset("lto-kto-110")


@lru_cache(maxsize=64)
def _solve(mechanism: PaperModel, fields: tuple[float, ...]) -> xr.Dataset:
    """One T_c(B) curve per (parameter set, field grid); cached."""
    return mechanism.model.tc_curve(
        np.asarray(fields),
        mechanism.angle,
        approx=mechanism.approx,
        tolerance=mechanism.tolerance,
    )


@dataclass(frozen=True)
class PaperModel(Mechanism):
    """T_c(B) of the paper's Eq. (1) for a physical-units model, in one approximation.

    Parameters
    ----------
    model
        A :class:`~reentrant.pairing.model.PairingModel` in physical units (default: the
        ``lto-kto-110`` preset).
    approx
        ``"full"`` (two-band) or ``"upper-branch"`` (the paper's Eq. (2) projection).
    tolerance
        Relative tolerance on T_c passed to the solver.
    angle
        In-plane field angle in degrees from the spin-orbit axis x ([001]).

    Notes
    -----
    Each distinct field grid is solved once per parameter set (an LRU cache keyed on the
    frozen parameters and the sorted set of ``|B|``), so evaluating :meth:`tc` on a grid costs one
    curve computation with continuation along increasing ``|B|``.
    """

    model: PairingModel = field(default_factory=default_paper_model)
    approx: str = "full"
    tolerance: float = 1e-2
    angle: float = 0.0

    name: ClassVar[str] = "paper model"

    def __post_init__(self) -> None:
        one_of("approx", self.approx, APPROXIMATIONS)
        positive("tolerance", self.tolerance)
        finite("angle", self.angle)
        if not isinstance(self.model, PairingModel):
            raise ParameterError(f"model must be a PairingModel, got {type(self.model).__name__}")
        if self.model.units != "physical":
            raise ParameterError(
                f"model {self.model.name!r} is in reduced units; PaperModel needs physical units"
            )

    @classmethod
    def from_preset(
        cls,
        model: str = "lto-kto-110",
        approx: str = "full",
        tolerance: float = 1e-2,
        **overrides: float,
    ) -> PaperModel:
        """Build from a preset name and keyword overrides (``delta=0.3, g_factor=1.5``)."""
        return cls(PairingModel.from_preset(model, **overrides), approx, tolerance)

    @property
    def parameters(self) -> Mapping[str, float]:
        """The model's preset parameters (tc0, g_factor, delta, beta, masses, cutoffs)."""
        if self.model.parameters:
            return dict(self.model.parameters)
        return {"tc0": float(self.model.tc0 or np.nan), "g_factor": self.model.g_factor}

    def fit_parameters(self) -> dict[str, float]:
        """The model's physical parameters, by name (see :attr:`parameters`)."""
        return {k: float(v) for k, v in self.parameters.items()}

    def with_fit_parameters(self, **values: float) -> PaperModel:
        """A copy with the named model parameters changed."""
        if self.model.parameters:
            model = self.model.with_parameters(**values)
        else:
            model = dataclasses.replace(self.model, **values)
        return dataclasses.replace(self, model=model)

    @property
    def tc0_k(self) -> float:
        """Zero-field transition temperature in K (the calibration target, or solved for)."""
        if self.model.tc0 is not None:
            return float(self.model.tc0)
        return mev_to_kelvin(self.model.tc0_energy(self.approx, self.tolerance))

    def curve(self, field_t: ArrayLike) -> xr.Dataset:
        """Full solver output (``tc`` in K, ``q_x``, ``q_y`` in nm^-1, ...) on ``|field_t|``.

        Returns
        -------
        xarray.Dataset
            Over coordinate ``field`` (T): the sorted distinct values of ``|field_t|``.
        """
        field = np.abs(finite_array("field_t", field_t)).ravel()
        grid = tuple(float(b) for b in np.unique(field))
        return _solve(self, grid)

    def tc(self, field_t: ArrayLike) -> np.ndarray:
        """Transition temperature in K at in-plane field(s) ``field_t`` in T (0 if none)."""
        field = np.abs(finite_array("field_t", field_t))
        ds = self.curve(field)
        index = np.searchsorted(ds["field"].values, field.ravel())
        return ds.tc.values[index].reshape(field.shape)
