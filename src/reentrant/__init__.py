"""Re-entrant superconductivity in 2D spin-orbit-coupled metals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reentrant")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

from reentrant.analysis.reentrance import normal_intervals, reentrance_depth, tc_minimum  # noqa: E402
from reentrant.errors import (  # noqa: E402
    ConvergenceError,
    ConvergenceWarning,
    InputFileError,
    ParameterError,
    ReentrantError,
)
from reentrant.io import load  # noqa: E402
from reentrant.mechanisms import Mechanism, PaperModel  # noqa: E402
from reentrant.models import (  # noqa: E402
    AnisotropicSOC,
    BandModel,
    Dresselhaus,
    Ising,
    Parabolic,
    Rashba,
    Saddle,
    TightBinding,
    preset,
)
from reentrant.pairing import (  # noqa: E402
    PairingInteraction,
    PairingModel,
    PairSusceptibility,
    tc_curve,
)

__all__ = [
    "AnisotropicSOC",
    "BandModel",
    "ConvergenceError",
    "ConvergenceWarning",
    "Dresselhaus",
    "InputFileError",
    "Ising",
    "Mechanism",
    "PairSusceptibility",
    "PairingInteraction",
    "PairingModel",
    "PaperModel",
    "Parabolic",
    "ParameterError",
    "Rashba",
    "ReentrantError",
    "Saddle",
    "TightBinding",
    "__version__",
    "load",
    "normal_intervals",
    "preset",
    "reentrance_depth",
    "tc_curve",
    "tc_minimum",
]
