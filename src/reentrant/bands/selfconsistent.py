r"""Self-consistent Poisson-Schroedinger solution of the (110) interface at a sheet density.

The electron layer densities ``n_l`` set the potential through Gauss's law in KTaO3
(:func:`reentrant.bands.electrostatics.gauss_potential`, field-dependent permittivity), the
potential sets the subbands of the slab, and filling them to the sheet density ``n`` gives the
layer densities back (:func:`reentrant.bands.filling.fill`).  The fixed point

.. math::

    F(n_l) = n_l^{\mathrm{out}}\big[V[n_l]\big] - n_l = 0

is found with Anderson mixing (``scipy.optimize.root``, method ``anderson``), the standard
accelerator of self-consistent field loops (Anderson, J. ACM 12, 547 (1965)).  Convergence:
``max_l |F_l| <= tolerance * n``; the returned state is re-evaluated once to confirm it, and a
:class:`~reentrant.errors.ConvergenceError` is raised if the loop does not reach the tolerance.
The start is the triangular well of the interface field (:func:`reentrant.bands.electrostatics.
interface_well`), filled once.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import root

from reentrant.bands import lattice
from reentrant.bands.electrostatics import (
    gauss_potential,
    interface_well,
)
from reentrant.bands.filling import KGrid, fill
from reentrant.bands.slab import SlabModel
from reentrant.bands.state import InterfaceState
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.errors import ConvergenceError
from reentrant.validate import finite, positive


def solve_poisson_schrodinger(
    model: SlabModel,
    density: float,
    *,
    gate_density: float = 0.0,
    permittivity: KTaO3Permittivity | None = None,
    grid: KGrid | None = None,
    kt: float = 1.0,
    tolerance: float = 1e-3,
    max_iterations: int = 60,
) -> InterfaceState:
    """Self-consistent potential and filling of ``model`` at sheet density ``density`` (nm^-2).

    Parameters
    ----------
    model
        The slab; its own ``potential`` is replaced.
    density
        Sheet electron density n, nm^-2 (1 nm^-2 = 1e14 cm^-2).
    gate_density
        Part of n induced by the back gate (nm^-2), setting the field beyond the electron gas
        (:mod:`reentrant.bands.electrostatics`).
    permittivity
        KTaO3 permittivity (default: the device's, :class:`KTaO3Permittivity`).
    grid, kt
        k grid and electronic temperature (meV) of the filling.
    tolerance
        Bound on ``max_l |n_l^out - n_l| / n`` at convergence.
    max_iterations
        Largest number of fixed-point evaluations.

    Raises
    ------
    ConvergenceError
        If the loop does not reach ``tolerance``.
    """
    density = positive("density", density)
    gate_density = finite("gate_density", gate_density)
    tolerance = positive("tolerance", tolerance)
    permittivity = permittivity or KTaO3Permittivity()
    spacing = lattice.layer_spacing(model.lattice_constant)
    evaluations = 0
    last: dict[str, object] = {}

    def update(n_in: np.ndarray) -> np.ndarray:
        nonlocal evaluations
        evaluations += 1
        electro = gauss_potential(n_in, spacing, permittivity, gate_density)
        slab = model.with_potential(electro.potential)
        filled = fill(slab, density, last.get("grid", grid), kt)
        last.update(grid=filled.grid)
        return filled.layer_density - n_in

    start = _start(model, density, gate_density, permittivity, grid, kt)
    scale = density
    result = root(
        lambda x: update(x * scale) / scale,
        start / scale,
        method="anderson",
        options={
            "fatol": tolerance,
            "maxiter": max_iterations,
            "line_search": None,
            "jac_options": {"alpha": 0.3, "M": 6},
        },
    )
    n_final = np.asarray(result.x) * scale
    electro = gauss_potential(n_final, spacing, permittivity, gate_density)
    slab = model.with_potential(electro.potential)
    filled = fill(slab, density, last.get("grid", grid), kt)
    residual = float(np.max(np.abs(filled.layer_density - n_final)) / density)
    if residual > tolerance:
        raise ConvergenceError(
            f"Poisson-Schroedinger did not converge at n = {density:.4g} nm^-2 within "
            f"{max_iterations} iterations: layer-density residual {residual:.2g} > {tolerance:.2g}"
        )
    return InterfaceState(
        slab,
        filled,
        electro,
        "self-consistent",
        gate_density,
        permittivity,
        evaluations + 1,
        residual,
        tolerance,
    )


def _start(
    model: SlabModel,
    density: float,
    gate_density: float,
    permittivity: KTaO3Permittivity,
    grid: KGrid | None,
    kt: float,
) -> np.ndarray:
    """Layer densities of the triangular well of the interface field, filled once."""
    spacing = lattice.layer_spacing(model.lattice_constant)
    well, _ = interface_well(model.total_layers, spacing, density, gate_density, permittivity)
    return fill(model.with_potential(well), density, grid, kt).layer_density
