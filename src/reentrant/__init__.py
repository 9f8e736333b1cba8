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
from reentrant.models.band import BandModel  # noqa: E402
from reentrant.models.presets import preset  # noqa: E402
from reentrant.pairing.calculate import calculate_tc_curve  # noqa: E402
from reentrant.pairing.curve import tc_curve  # noqa: E402
from reentrant.pairing.susceptibility import PairingInteraction, PairSusceptibility  # noqa: E402

__all__ = [
    "BandModel",
    "ConvergenceError",
    "ConvergenceWarning",
    "InputFileError",
    "Mechanism",
    "PairSusceptibility",
    "PairingInteraction",
    "PaperModel",
    "ParameterError",
    "ReentrantError",
    "__version__",
    "calculate_tc_curve",
    "load",
    "normal_intervals",
    "preset",
    "reentrance_depth",
    "tc_curve",
    "tc_minimum",
]
