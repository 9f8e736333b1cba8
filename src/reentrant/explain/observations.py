"""The paper's observations as data: source sentence, value or bound, and how a model is judged.

Each :class:`Observation` quotes its source in Maryenko et al. ("Re-entrant superconductivity at
an oxide heterointerface"), states the measured value, range or bound with its units, and the
criterion by which a model's simulated transport reproduces it.  The extractors that apply the
criteria to a simulated device live in :mod:`reentrant.explain.extract`.

Values read off the text (no error bars are given there): T_c from the Clogston estimate
``B_P = 1.86 T/K x T_c`` with ``B_P = 0.6-0.9 T`` (T_c = 0.32-0.48 K); the peak at 0.9 T; the
width w = 45 nm; the 9 T lower bound of the in-plane critical field at 90 mK.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Observation:
    """One observation of the paper.

    Attributes
    ----------
    key
        ``"O1"`` ... ``"O7"``.
    title
        One line.
    source
        The sentence(s) of the paper it rests on.
    paper
        The paper's value: ``{"value": x}``, ``{"range": [lo, hi]}``, ``{"lower_bound": x}``,
        ``{"trend": "..."}``, with ``"units"``.
    criterion
        How a model's simulated transport is judged to reproduce it.
    """

    key: str
    title: str
    source: str
    paper: dict
    criterion: str


#: Tolerances of the criteria (stated once; used by :mod:`reentrant.explain.extract`).
TC_RANGE_K = (0.32, 0.48)
TC_RANGE_SLACK_K = 0.05
PEAK_FIELD_T = 0.9
PEAK_FIELD_WINDOW_T = 0.15
PEAK_TEMPERATURE_K = 0.33
BASE_TEMPERATURE_K = 0.09
CRITICAL_FIELD_BOUND_T = 9.0
PEAK_MINIMUM_GATE_V = -50.0
PEAK_MINIMUM_GATE_WINDOW_V = 60.0
WIDTH_NM = 45.0
WIDTH_TOLERANCE = 0.2

OBSERVATIONS: tuple[Observation, ...] = (
    Observation(
        "O1",
        "T_c rises as V_BG falls, over about 0.32-0.48 K",
        "Panel e shows that the superconducting transition temperature T_c increases as V_BG "
        "decreases, while the charge carrier density, estimated from the Hall effect at 0.9 K, "
        "decreases accordingly. [...] this places B_P in the range from 0.6 T to 0.9 T, "
        "depending on the gate voltage (B_P = 1.86 x T_c).",
        {"range": list(TC_RANGE_K), "trend": "decreasing with V_BG", "units": "K"},
        "T_c (50 % of R_N at 0.9 K, B = 0) falls monotonically with V_BG and its range overlaps "
        f"{TC_RANGE_K[0]}-{TC_RANGE_K[1]} K within {TC_RANGE_SLACK_K} K at both ends",
    ),
    Observation(
        "O2",
        "The Hall density falls as V_BG falls",
        "the charge carrier density, estimated from the Hall effect at 0.9 K, decreases "
        "accordingly [as V_BG decreases].",
        {"trend": "increasing with V_BG", "units": "cm^-2"},
        "the Hall density at 0.9 K rises monotonically with V_BG",
    ),
    Observation(
        "O3",
        "In-plane critical field at 90 mK above 9 T over part of the gate range, growing as "
        "V_BG falls",
        "Notably, at this low temperature the critical field already exceeds the laboratory "
        "magnetic field of 9 T [...] The critical field required to suppress superconductivity "
        "increases as V_BG decreases. [...] its high parallel critical field, which exceeds the "
        "perpendicular critical field by more than the order of magnitude.",
        {"lower_bound": CRITICAL_FIELD_BOUND_T, "trend": "decreasing with V_BG", "units": "T"},
        f"at {BASE_TEMPERATURE_K * 1e3:.0f} mK R_xx stays below 50 % of R_N up to more than "
        f"{CRITICAL_FIELD_BOUND_T:g} T at the lowest gate voltage, and the critical field does "
        "not rise with V_BG",
    ),
    Observation(
        "O4",
        "A resistive peak at 0.9 T, at the same field for every T and V_BG; absent at 90 mK, "
        "growing with T, clear at 330 mK, well below R_N",
        "Figure 2b reveals the emergence of a resistance cusp at B = 0.9 T [...] This feature "
        "becomes more pronounced with increasing temperature [...] at T = 330 mK. The cusp "
        "appears consistently at B = 0.9 T, independent of both temperature and gate voltage. "
        "[...] At low temperatures, the 0.9 T resistance peak is not observable.",
        {"value": PEAK_FIELD_T, "units": "T"},
        f"at {PEAK_TEMPERATURE_K * 1e3:.0f} mK a local maximum of R_xx(B) lies within "
        f"{PEAK_FIELD_WINDOW_T} T of {PEAK_FIELD_T} T at V_BG = +50 V, below 50 % of R_N; none at "
        f"{BASE_TEMPERATURE_K * 1e3:.0f} mK; its amplitude grows with temperature; its position "
        f"varies by less than {PEAK_FIELD_WINDOW_T} T over the gate voltages where it exists",
    ),
    Observation(
        "O5",
        "The peak amplitude is non-monotonic in V_BG, smallest near -50 V",
        "As shown in Figure 2d, the peak amplitude reaches a minimum around V_BG = -50 V and "
        "increases again for more negative V_BG.",
        {"value": PEAK_MINIMUM_GATE_V, "units": "V"},
        f"at {PEAK_TEMPERATURE_K * 1e3:.0f} mK the peak amplitude versus V_BG has an interior "
        f"minimum within {PEAK_MINIMUM_GATE_WINDOW_V:g} V of {PEAK_MINIMUM_GATE_V:g} V",
    ),
    Observation(
        "O6",
        "No hysteresis in R_xx or R_xy (no magnetic order)",
        "we neither observe a hysteresis in the Hall effect nor in the longitudinal resistance, "
        "which would typically indicate the presence of effective magnetic interactions.",
        {"trend": "no hysteresis", "units": ""},
        "the model has no spontaneous magnetisation (no ordered moments), so field up- and "
        "down-sweeps coincide",
    ),
    Observation(
        "O7",
        "B xi w = Phi0 at 0.9 T gives w of about 45 nm",
        "we apply the condition B_par xi w ~= phi_0 [...] to estimate the effective spatial "
        "extent w of the wavefunction across the interface. This yields w ~ 45 nm, which "
        "significantly "
        "exceeds the typical conducting layer thickness at oxide interfaces.",
        {"value": WIDTH_NM, "units": "nm"},
        "w = Phi0 / (B_peak xi) from the model's peak field and the input coherence length lies "
        f"within {WIDTH_TOLERANCE:.0%} of {WIDTH_NM:g} nm; circular by construction where xi "
        "is itself back-derived from w (the paper's xi is in its Supplementary, not in the "
        "text), so it restates O4's peak position",
    ),
)


def observation(key: str) -> Observation:
    """The observation called ``key`` (``"O1"`` ... ``"O7"``)."""
    for obs in OBSERVATIONS:
        if obs.key == key:
            return obs
    raise KeyError(key)
