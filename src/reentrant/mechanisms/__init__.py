"""T_c(B) from rival mechanisms behind one interface (:class:`Mechanism`).

:data:`MECHANISMS` lists them by name with default parameters; :func:`configure` builds one
from ``name=value`` settings.
"""

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.fulde_ferrell import FuldeFerrell
from reentrant.mechanisms.jaccarino_peter import JaccarinoPeter
from reentrant.mechanisms.magnetic_impurities import MagneticImpurities
from reentrant.mechanisms.orbital import OrbitalPairBreaking
from reentrant.mechanisms.paper_model import PaperModel
from reentrant.mechanisms.pauli import PauliLimit, clogston_field
from reentrant.mechanisms.registry import (
    MECHANISMS,
    configure,
    default_mechanism,
    settable_parameters,
)
from reentrant.mechanisms.spin_orbit_scattering import SpinOrbitScattering
from reentrant.mechanisms.thin_film_gl import ThinFilmGL

__all__ = [
    "MECHANISMS",
    "FuldeFerrell",
    "JaccarinoPeter",
    "MagneticImpurities",
    "Mechanism",
    "OrbitalPairBreaking",
    "PaperModel",
    "PauliLimit",
    "SpinOrbitScattering",
    "ThinFilmGL",
    "clogston_field",
    "configure",
    "default_mechanism",
    "settable_parameters",
]
