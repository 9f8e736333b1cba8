"""The filled interface: a slab in its confining potential at a sheet density."""

from __future__ import annotations

from dataclasses import dataclass

from reentrant.bands.electrostatics import Electrostatics
from reentrant.bands.filling import Filling
from reentrant.bands.slab import SlabModel
from reentrant.device.permittivity import KTaO3Permittivity


@dataclass(frozen=True)
class InterfaceState:
    """A slab in its confining potential, filled to a sheet density (zero field).

    Attributes
    ----------
    model : SlabModel
        The slab with its potential (meV per layer).
    filling : Filling
        Chemical potential, layer and subband densities.
    electrostatics : Electrostatics
        Fields and displacement along the normal.
    confinement : str
        ``"triangular"`` or ``"self-consistent"``.
    gate_density : float
        Part of the density supplied by the back gate, nm^-2.
    permittivity : KTaO3Permittivity
        The permittivity of KTaO3 used.
    iterations : int
        Evaluations of the filling (1 for the triangular well).
    residual : float
        ``max_l |n_l^out - n_l| / n`` of the self-consistent solution (0 for the well).
    tolerance : float
        The bound requested on ``residual``.
    """

    model: SlabModel
    filling: Filling
    electrostatics: Electrostatics
    confinement: str
    gate_density: float
    permittivity: KTaO3Permittivity
    iterations: int
    residual: float
    tolerance: float

    @property
    def mu(self) -> float:
        """Chemical potential, meV."""
        return self.filling.mu

    @property
    def density(self) -> float:
        """Sheet density, nm^-2."""
        return self.filling.density

    @property
    def back_fraction(self) -> float:
        """Fraction of the electrons in the far quarter of the slab."""
        layers = self.filling.layer_density
        return float(layers[-max(1, len(layers) // 4) :].sum() / self.density)
