"""T_c(B) of a named preset in reduced or physical units: the API behind ``reentrant tc``.

Units
-----
``units="reduced"``: the sweep variable is the Zeeman energy h in units of the model's zero-field
T_c0 (k_B = 1) and T_c is returned in units of T_c0.  ``units="physical"`` (physical presets only):
the sweep variable is the in-plane field B in tesla, converted with the preset's g-factor as
``h = (g/2) mu_B B`` (Eq. (1): ``lambda B``), and T_c is returned in kelvin.  Pair momenta are in
the model's inverse length (nm^-1 for physical presets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import xarray as xr

from reentrant import validate
from reentrant.models.presets import preset
from reentrant.pairing.curve import Progress, solver_for, tc_curve
from reentrant.units import kelvin_to_mev, mev_to_kelvin, zeeman_mev

UNITS = ("reduced", "physical")
APPROXIMATIONS = {"full": "all", "upper-branch": "upper"}


def calculate_tc_curve(
    model: str,
    zeeman: Sequence[float] | np.ndarray,
    *,
    units: str = "reduced",
    overrides: Mapping[str, float] | None = None,
    uniform: bool = False,
    approx: str = "full",
    tolerance: float = 1e-3,
    progress: Progress | None = None,
) -> xr.Dataset:
    """T_c and optimal Q over a field sweep of the preset ``model``.

    Parameters
    ----------
    model
        Preset name (see :data:`reentrant.models.presets.PRESETS`).
    zeeman
        Zeeman energies in units of T_c0 (``units='reduced'``) or fields in tesla
        (``units='physical'``).
    overrides
        Preset parameters to change (``--set KEY=VALUE``).
    uniform
        Fix the pair momentum Q = 0.
    approx
        ``'full'`` two-band calculation or ``'upper-branch'`` projection (Eq. (2)).
    tolerance
        Relative tolerance on T_c.

    Returns
    -------
    xarray.Dataset
        As :func:`reentrant.pairing.curve.tc_curve`, with the sweep coordinate ``zeeman``
        (reduced) or ``field`` (physical) and ``tc`` in T_c0 or K.
    """
    validate.one_of("units", units, UNITS)
    validate.one_of("approximation", approx, APPROXIMATIONS)
    values = validate.finite_array("zeeman", zeeman).ravel()
    spec = preset(model)
    band, cutoff = spec.model(**dict(overrides or {}))
    params = spec.parameters(**dict(overrides or {}))
    if spec.units == "physical":
        tc0 = kelvin_to_mev(validate.positive("tc0", params["tc0"]))
    else:
        tc0 = 1.0
    if units == "physical":
        if spec.units != "physical":
            raise validate.ParameterError(
                f"model {model!r} is defined in reduced units; use --units reduced"
            )
        h = zeeman_mev(values, validate.positive("g_factor", params["g_factor"]))
    else:
        h = values * tc0
    sus = solver_for(band, cutoff, tc0, tolerance=tolerance, bands=APPROXIMATIONS[approx])
    name, unit = ("B", "T") if units == "physical" else ("h", "T_c0")
    ds = tc_curve(
        sus, h, tolerance=tolerance, uniform=uniform, tc_start=tc0, progress=progress,
        describe=lambda i: f"{name}={values[i]:.4g} {unit}",
    )  # fmt: skip
    ds.attrs.update(model=model, approx=approx, units=units, tc0=float(tc0))
    if units == "physical":
        ds = ds.rename(zeeman="field").assign_coords(
            field=("field", values, {"long_name": "in-plane field B", "units": "T"})
        )
        ds["tc"] = ds.tc.copy(data=mev_to_kelvin(ds.tc.values))
        ds["tc"].attrs.update(units="K", long_name="transition temperature")
        q_unit = "1/nm"
    else:
        ds = ds.assign_coords(
            zeeman=("zeeman", values, {"long_name": "Zeeman energy h / k_B T_c0", "units": "T_c0"})
        )
        ds["tc"] = ds.tc / tc0
        ds["tc"].attrs.update(units="T_c0", long_name="transition temperature / T_c0")
        q_unit = "1/length (model units)"
    for name in ("q_x", "q_y"):
        ds[name].attrs.update(units=q_unit, long_name=f"optimal pair momentum {name[-1]}")
    return ds
