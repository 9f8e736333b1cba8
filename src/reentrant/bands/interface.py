r"""The (110) LaTiO3-KTaO3 interface at a sheet density: confinement, filling, slab thickness.

Two confinements of the slab of :mod:`reentrant.bands.slab` (geometry and equations in
:mod:`reentrant.bands.electrostatics`):

* ``"triangular"``: the triangular well of the donor sheet's field at the interface,
  ``U(zeta) = e E_s zeta`` with ``D(E_s) = e n_d``, ``n_d = n - n_g`` (Ando, Fowler & Stern,
  Rev. Mod. Phys. 54, 437 (1982)); D(E) is the field-dependent permittivity of KTaO3,
  so E_s grows steeply with the density.  One filling, no iteration.  The electrons screen the
  field further in, so this well confines more than the self-consistent one.
* ``"self-consistent"``: Poisson-Schroedinger (:func:`reentrant.bands.selfconsistent.
  solve_poisson_schrodinger`).

Either way the slab must be thicker than the electron gas: if more than
:data:`BACK_FRACTION` of the electrons sit in its far quarter, the slab is made 1.5 times
thicker and the solution repeated, up to ``max_layers``.  In the triangular well the slab is
first made to reach ``TURNING_MARGIN`` times the classical turning point of the Fermi level,
``E_Gamma + e E_s zeta_t = E_F`` (``E_Gamma`` the bulk band edge, E_F from the eigenvalues
alone), so that the costly filling with eigenvectors is rarely repeated.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from reentrant.bands import lattice
from reentrant.bands.electrostatics import (
    CHARGE_PER_NM2,
    MEV_PER_VOLT_NM,
    Electrostatics,
    interface_well,
)
from reentrant.bands.filling import KGrid, fermi_level, fill
from reentrant.bands.selfconsistent import solve_poisson_schrodinger
from reentrant.bands.slab import SlabModel
from reentrant.bands.state import InterfaceState
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.validate import finite, one_of, positive

#: Confinements of :func:`interface_state`.
CONFINEMENTS = ("triangular", "self-consistent")

#: Largest fraction of the electrons allowed in the far quarter of the slab: beyond it the
#: electron gas is held by the end of the slab, not by the interface field.
BACK_FRACTION = 0.01
#: Thickness of the triangular-well slab in units of the Fermi level's turning point.
TURNING_MARGIN = 1.3


def triangular_state(
    model: SlabModel,
    density: float,
    *,
    gate_density: float = 0.0,
    permittivity: KTaO3Permittivity | None = None,
    grid: KGrid | None = None,
    kt: float = 1.0,
) -> InterfaceState:
    """The slab in the triangular well of the interface field, filled to ``density`` (nm^-2)."""
    permittivity = permittivity or KTaO3Permittivity()
    spacing = lattice.layer_spacing(model.lattice_constant)
    well, field = interface_well(model.total_layers, spacing, density, gate_density, permittivity)
    slab = model.with_potential(well)
    filled = fill(slab, density, grid, kt)
    segments = model.total_layers + 1
    electro = Electrostatics(
        well,
        np.full(segments, CHARGE_PER_NM2 * (density - gate_density)),
        np.full(segments, field),
    )
    return InterfaceState(
        slab, filled, electro, "triangular", gate_density, permittivity, 1, 0.0, 0.0
    )


def _thick_enough(model: SlabModel, density: float, max_layers: int, options: dict) -> SlabModel:
    """The slab, thickened to ``TURNING_MARGIN`` times the Fermi level's turning point.

    Triangular well of the interface field (module docstring); E_F from eigenvalues only.
    ``options``: those of :func:`triangular_state`.
    """
    permittivity = options["permittivity"] or KTaO3Permittivity()
    spacing = lattice.layer_spacing(model.lattice_constant)
    grid = options["grid"]
    while True:
        well, field = interface_well(
            model.total_layers, spacing, density, options["gate_density"], permittivity
        )
        mu, grid = fermi_level(model.with_potential(well), density, grid, options["kt"])
        turning = (mu - model.band_edge) / (MEV_PER_VOLT_NM * field)  # nm from the donors
        needed = min(max_layers, int(np.ceil(TURNING_MARGIN * turning / spacing)))
        if model.total_layers >= needed:
            return model
        model = replace(model, layers=needed - model.first_ta_layer, potential=())


def interface_state(
    density: float,
    *,
    model: SlabModel | None = None,
    confinement: str = "triangular",
    gate_density: float = 0.0,
    permittivity: KTaO3Permittivity | None = None,
    grid: KGrid | None = None,
    kt: float = 1.0,
    tolerance: float = 1e-3,
    max_layers: int = 240,
) -> InterfaceState:
    """The interface at sheet density ``density`` (nm^-2; 1 nm^-2 = 1e14 cm^-2).

    ``model`` (default :class:`SlabModel`) gives the starting thickness; ``confinement`` is
    ``"triangular"`` or ``"self-consistent"`` (module docstring); ``max_layers`` is the thickest
    slab tried.  ``gate_density``, ``permittivity`` (default the device's), ``grid``, ``kt`` and
    ``tolerance`` are those of :func:`reentrant.bands.selfconsistent.solve_poisson_schrodinger`.

    Raises
    ------
    ConvergenceError
        If the electron gas is still held by the far end of a ``max_layers`` slab, or the
        self-consistent loop fails.
    """
    one_of("confinement", confinement, CONFINEMENTS)
    density = positive("density", density)
    gate_density = finite("gate_density", gate_density)
    if density - gate_density <= 0:
        raise ParameterError(
            f"gate_density {gate_density:.4g} nm^-2 leaves no donor charge at the interface "
            f"(density {density:.4g} nm^-2)"
        )
    model = model or SlabModel()
    options = {"gate_density": gate_density, "permittivity": permittivity, "grid": grid, "kt": kt}
    if confinement == "self-consistent":
        options["tolerance"] = tolerance
    solve = triangular_state if confinement == "triangular" else solve_poisson_schrodinger
    if confinement == "triangular":
        model = _thick_enough(model, density, max_layers, options)
    while True:
        state = solve(model, density, **options)
        if state.back_fraction <= BACK_FRACTION:
            return state
        thicker = int(np.ceil(1.5 * model.layers))
        if thicker > max_layers:
            raise ConvergenceError(
                f"the electron gas at n = {density:.4g} nm^-2 reaches the far side of a "
                f"{model.layers}-layer slab ({state.back_fraction:.2g} of n in its far quarter) "
                f"and max_layers = {max_layers}"
            )
        model = replace(model, layers=thicker, potential=())
