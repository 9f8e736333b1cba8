"""Crystal level: the tight-binding (110) KTaO3 interface and its fit to the paper's Eq. (1).

Layers: :mod:`~reentrant.bands.lattice` (geometry) and :mod:`~reentrant.bands.atomic` (t2g
operators) -> :mod:`~reentrant.bands.slab` (H(k)) -> :mod:`~reentrant.bands.electrostatics`,
:mod:`~reentrant.bands.filling`, :mod:`~reentrant.bands.selfconsistent`,
:mod:`~reentrant.bands.interface` (the filled interface) -> :mod:`~reentrant.bands.spectrum`
(cuts, Fermi surfaces, DOS) and :mod:`~reentrant.bands.saddle` (Eq. (1) fit) ->
:mod:`~reentrant.bands.sweep` (versus density and gate) and :mod:`~reentrant.bands.preset`.
Submodules are imported on use, so ``import reentrant`` stays light.
"""

from importlib import import_module

#: Public name -> submodule that defines it.
_EXPORTS = {
    "SlabModel": "slab",
    "TitaniumLayer": "slab",
    "KGrid": "filling",
    "fill": "filling",
    "InterfaceState": "state",
    "interface_state": "interface",
    "solve_poisson_schrodinger": "selfconsistent",
    "band_path": "spectrum",
    "fermi_surface": "spectrum",
    "density_of_states": "spectrum",
    "van_hove_points": "spectrum",
    "SaddleFit": "saddle",
    "fit_saddle": "saddle",
    "saddle_vs_density": "sweep",
    "saddle_vs_gate": "sweep",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Import the submodule defining ``name`` on first access (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
