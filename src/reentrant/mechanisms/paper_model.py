r"""The paper's mechanism as a T_c(B) in kelvin: van Hove saddle + anisotropic SOC, Eq. (1).

Maryenko et al. model the (110) LaTiO3-KTaO3 interface near an extended saddle point with

.. math::

    H = -\frac{p_x^2}{2M} + \frac{p_y^2}{2m} + (\beta p_x + \lambda B)\,\sigma_x
    \qquad \text{(Eq. (1))},

and attribute the re-entrance to the competition between the field-driven growth of the density
of states near the van Hove energy and the pair breaking of the field-deformed Fermi surface.
:class:`PaperModel` solves the linearized gap equation of this Hamiltonian with a contact
singlet attraction, maximised over the pair momentum Q
(:func:`reentrant.pairing.calculate.calculate_tc_curve`), in one of two approximations:

* ``approx="upper-branch"`` (the paper's, Eq. (2)): both electrons of a pair on the upper spin
  branch, ``p + Q/2`` with ``-p + Q/2``, weighted by the singlet overlap ``(1 - dhat.dhat')/4``
  of their spinors;
* ``approx="full"``: both spin branches and all intra- and inter-branch pairs.

The coupling is calibrated separately in each approximation so that ``T_c(0) = tc0``.

Symmetry used: ``B -> -B`` together with ``p_x -> -p_x`` maps ``beta p_x + lambda B`` to
``-(beta p_x + lambda B)``, so the spectrum, and hence ``T_c``, is even in ``B`` while the optimal
``Q_x`` is odd.  :meth:`PaperModel.tc` therefore solves on ``|B|`` (tested against a direct
solution at ``-B``).  Units: field in T, ``T_c`` in K, ``Q`` in nm^-1.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.models.presets import preset
from reentrant.pairing.calculate import APPROXIMATIONS, calculate_tc_curve
from reentrant.validate import finite_array, one_of, positive


@lru_cache(maxsize=64)
def _solve(mechanism: PaperModel, fields: tuple[float, ...]) -> xr.Dataset:
    """One T_c(B) curve per (parameter set, field grid); cached."""
    return calculate_tc_curve(
        mechanism.model,
        np.asarray(fields),
        units="physical",
        overrides=dict(mechanism.overrides),
        approx=mechanism.approx,
        tolerance=mechanism.tolerance,
    )


@dataclass(frozen=True)
class PaperModel(Mechanism):
    """T_c(B) of the paper's Eq. (1) for a physical-units preset, in one approximation.

    Parameters
    ----------
    model
        Name of a preset with ``units="physical"`` (default ``"lto-kto-110"``).
    approx
        ``"full"`` (two-band) or ``"upper-branch"`` (the paper's Eq. (2) projection).
    overrides
        ``(name, value)`` pairs changing the preset's parameters (meV, nm^-1, m_e, K, g).
    tolerance
        Relative tolerance on T_c passed to the solver.

    Notes
    -----
    Each distinct field grid is solved once per parameter set (an LRU cache keyed on the
    frozen parameters and the sorted set of ``|B|``), so evaluating :meth:`tc` on a grid costs one
    curve computation with continuation along increasing ``|B|``.
    """

    model: str = "lto-kto-110"
    approx: str = "full"
    overrides: tuple[tuple[str, float], ...] = ()
    tolerance: float = 1e-2

    name: ClassVar[str] = "paper model"

    def __post_init__(self) -> None:
        one_of("approx", self.approx, APPROXIMATIONS)
        positive("tolerance", self.tolerance)
        spec = preset(self.model)
        if spec.units != "physical":
            raise ParameterError(
                f"model {self.model!r} is in reduced units; PaperModel needs a physical preset"
            )
        pairs = tuple(sorted((str(k), float(v)) for k, v in dict(self.overrides).items()))
        spec.model(**dict(pairs))
        object.__setattr__(self, "overrides", pairs)

    @classmethod
    def from_preset(
        cls,
        model: str = "lto-kto-110",
        approx: str = "full",
        tolerance: float = 1e-2,
        **overrides: float,
    ) -> PaperModel:
        """Build from a preset name and keyword overrides (``delta=0.3, g_factor=1.5``)."""
        return cls(model, approx, tuple(overrides.items()), tolerance)

    @property
    def parameters(self) -> Mapping[str, float]:
        """The preset's parameters with the overrides applied."""
        return preset(self.model).parameters(**dict(self.overrides))

    def fit_parameters(self) -> dict[str, float]:
        """The preset's physical parameters (tc0, g_factor, delta, beta, masses, cutoffs)."""
        return {k: float(v) for k, v in self.parameters.items()}

    def with_fit_parameters(self, **values: float) -> PaperModel:
        """A copy with the named preset parameters overridden."""
        merged = {**dict(self.overrides), **{k: float(v) for k, v in values.items()}}
        return dataclasses.replace(self, overrides=tuple(sorted(merged.items())))

    @property
    def tc0_k(self) -> float:
        """Zero-field transition temperature in K (the calibration target)."""
        return float(self.parameters["tc0"])

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
