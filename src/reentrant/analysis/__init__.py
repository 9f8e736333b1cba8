"""Analysis of T_c(B) curves and transport data: re-entrance tools, fits, estimates."""

from reentrant.analysis.critical_field import extract_critical_field, resistive_critical_field
from reentrant.analysis.estimates import (
    flux_penetration_width,
    gl_coherence_length,
    gl_slope,
    pauli_limit,
    tinkham_thickness,
)
from reentrant.analysis.extract import extract_all
from reentrant.analysis.hall import extract_hall, hall_fit, mobility
from reentrant.analysis.peaks import resistive_peaks, track_peaks
from reentrant.analysis.transition import (
    extract_transition,
    normal_state_resistance,
    transition_temperature,
    transition_width,
)

__all__ = [
    "extract_all",
    "extract_critical_field",
    "extract_hall",
    "extract_transition",
    "flux_penetration_width",
    "gl_coherence_length",
    "gl_slope",
    "hall_fit",
    "mobility",
    "normal_state_resistance",
    "pauli_limit",
    "resistive_critical_field",
    "resistive_peaks",
    "tinkham_thickness",
    "track_peaks",
    "transition_temperature",
    "transition_width",
]
