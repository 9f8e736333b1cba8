"""Normal-state models: dispersions, spin-orbit terms, the band model and the built-in presets."""

from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, TightBinding, mass_from_me
from reentrant.models.presets import PRESETS, Preset, preset
from reentrant.models.soc import AnisotropicSOC, Dresselhaus, Ising, Rashba

__all__ = [
    "PRESETS",
    "AnisotropicSOC",
    "BandModel",
    "Dresselhaus",
    "Ising",
    "Parabolic",
    "Preset",
    "Rashba",
    "Saddle",
    "TightBinding",
    "mass_from_me",
    "preset",
]
