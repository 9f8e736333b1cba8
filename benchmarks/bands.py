"""Time all subband energies of a 40-layer (110) slab on 400 k points (target < 10 s, 2 cores).

Package: :meth:`reentrant.bands.slab.SlabModel.energies` (H(k) built by one matrix product over
the bond groups, diagonalised with LAPACK's Hermitian band solver, ``scipy.linalg.eig_banded``,
since bonds reach two layers).  The slab is the default one (Ta t2g x spin, SOC, orbital
Rashba) in the triangular well of the interface field at 3e13 cm^-2, the 400 k points a
20 x 20 grid over the quarter zone; best of three runs.

Reference: the same Hamiltonians diagonalised as dense matrices (``numpy.linalg.eigvalsh`` on
the stacked H(k)); the two must agree to 1e-8 meV.  Prints the reference time on stderr and
ends stdout with ``layers=40 kpoints=400 seconds=<s>``.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from reentrant.bands import lattice
from reentrant.bands.electrostatics import interface_well
from reentrant.bands.slab import SlabModel
from reentrant.device.permittivity import KTaO3Permittivity

LAYERS = 40
GRID = 20


def main() -> None:
    """Run the benchmark and print the timing."""
    flat = SlabModel(layers=LAYERS)
    well, _ = interface_well(LAYERS, lattice.layer_spacing(), 0.3, 0.0, KTaO3Permittivity())
    model = flat.with_potential(well)
    bx, by = lattice.zone_boundary()
    kx, ky = np.meshgrid(np.linspace(0, bx, GRID), np.linspace(0, by, GRID), indexing="ij")
    model.energies(0.0, 0.0)  # build the bond matrices once
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        energies = model.energies(kx, ky)
        runs.append(time.perf_counter() - start)
    start = time.perf_counter()
    reference = np.linalg.eigvalsh(model.hamiltonian(kx, ky))
    dense = time.perf_counter() - start
    error = float(np.max(np.abs(energies - reference)))
    assert error < 1e-8, error
    print(
        f"dense eigvalsh reference: {dense:.2f} s, max difference {error:.1e} meV", file=sys.stderr
    )
    print(f"layers={LAYERS} kpoints={kx.size} seconds={min(runs):.3f}")


if __name__ == "__main__":
    main()
