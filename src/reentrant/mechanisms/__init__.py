"""T_c(B) from rival mechanisms behind one interface (:class:`Mechanism`)."""

from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.fulde_ferrell import FuldeFerrell
from reentrant.mechanisms.jaccarino_peter import JaccarinoPeter
from reentrant.mechanisms.orbital import OrbitalPairBreaking
from reentrant.mechanisms.paper_model import PaperModel
from reentrant.mechanisms.pauli import PauliLimit, clogston_field

__all__ = [
    "FuldeFerrell",
    "JaccarinoPeter",
    "Mechanism",
    "OrbitalPairBreaking",
    "PaperModel",
    "PauliLimit",
    "clogston_field",
]
