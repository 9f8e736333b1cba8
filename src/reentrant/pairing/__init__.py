"""Pairing: the pair susceptibility, the linearised gap equation and T_c solvers.

:class:`PairingModel` is the entry point (a band, an interaction, a unit system; the field bound
at solve time); :class:`PairSusceptibility`, :class:`TcSolver` and :func:`tc_curve` are the
layers below it, in the model's own units.
"""

from reentrant.pairing.curve import tc_curve
from reentrant.pairing.model import APPROXIMATIONS, PairingModel
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility
from reentrant.pairing.tc import (
    FLAGS,
    TcPoint,
    TcSolver,
    calibrate_interaction,
    resolution_for,
    zero_field_tc,
)

__all__ = [
    "APPROXIMATIONS",
    "FLAGS",
    "PairSusceptibility",
    "PairingInteraction",
    "PairingModel",
    "TcPoint",
    "TcSolver",
    "calibrate_interaction",
    "resolution_for",
    "tc_curve",
    "zero_field_tc",
]
