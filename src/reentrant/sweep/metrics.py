"""Re-entrance metrics of one swept T_c(B) curve, from :mod:`reentrant.analysis.reentrance`.

* ``tc0``: T_c at the lowest field of the sweep (the zero-field T_c when the sweep starts at 0);
* ``tc_min``, ``field_min``: the interior minimum ``T_c^min`` at ``B_min``
  (:func:`~reentrant.analysis.reentrance.tc_minimum`), NaN for a monotonic curve;
* ``depth``: ``(T_c(0) - T_c^min) / T_c(0)`` (:func:`~reentrant.analysis.reentrance.
  reentrance_depth`), 0 for a monotonic curve, NaN when T_c(0) = 0;
* ``rise``: how far T_c climbs back above the minimum, ``min(max_{B <= B_min} T_c,
  max_{B >= B_min} T_c) - T_c^min``: the height of the re-entrant region
  (:func:`~reentrant.analysis.reentrance.reentrant_region`) at the sample nearest ``B_min``;
  0 for a monotonic curve.  Comparing it with the solver's tolerance separates a real minimum
  from root-finding noise.

T_c values are in the curve's units (K or T_c0), fields in the field's (T or k_B T_c0).
"""

from __future__ import annotations

import numpy as np

from reentrant.analysis.reentrance import reentrance_depth, reentrant_region, tc_minimum

#: Name -> (long name, unit source: "tc", "field" or None for dimensionless).
METRICS = {
    "tc0": ("T_c at the lowest field", "tc"),
    "tc_min": ("T_c at the interior minimum", "tc"),
    "field_min": ("field of the interior minimum", "field"),
    "depth": ("relative depth (T_c(0) - T_c^min) / T_c(0)", None),
    "rise": ("rise of T_c after the minimum", "tc"),
}


def curve_metrics(field: np.ndarray, tc: np.ndarray) -> dict[str, float]:
    """The :data:`METRICS` of the curve ``tc(field)`` (finite values, >= 3 points)."""
    minimum = tc_minimum(field, tc)
    region = reentrant_region(field, tc)
    if minimum.found:
        nearest = int(np.argmin(np.abs(region.field.values - minimum.field_min)))
        rise = float(region.upper.values[nearest]) - minimum.tc_min
    else:
        rise = 0.0
    tc0 = float(region.lower.values[0])
    return {
        "tc0": tc0,
        "tc_min": minimum.tc_min,
        "field_min": minimum.field_min,
        "depth": reentrance_depth(field, tc) if tc0 > 0 else float("nan"),
        "rise": rise,
    }
