"""Everything the data allow, extracted from one gridded dataset in one call.

Which analyses run depends on the dimensions present:

- ``r_xx`` over at least three temperatures: T_c with its bracket, width and R_N per curve
  (:mod:`~reentrant.analysis.transition`) and the Pauli limit B_P of T_c at the lowest field
  (:func:`~reentrant.analysis.estimates.pauli_limit`; B_P is proportional to T_c, so the T_c
  bracket maps onto a B_P bracket);
- ``r_xx`` over at least three fields: B_c per sweep (:mod:`~reentrant.analysis.critical_field`)
  and the most prominent resistive peak (:mod:`~reentrant.analysis.peaks`);
- perpendicular field and B_c at two or more temperatures: the GL line and xi(0) per curve of the
  remaining dimensions (:func:`~reentrant.analysis.estimates.gl_slope`);
- parallel field and B_c at three or more temperatures: the 2D GL and spin-orbit-scattering fits
  of B_c||(T) per curve (:func:`~reentrant.analysis.parallel_field_fits.parallel_field_fits`);
- parallel field and a coherence length (given, or extracted from a perpendicular measurement):
  the paper's w = Phi0/(B_peak xi) at each peak and the Tinkham thickness from B_c;
- ``r_xy`` over ``field``: Hall density and mobility (:mod:`~reentrant.analysis.hall`), at the
  highest temperature when temperature is a dimension (the normal state; the paper takes the
  Hall density at 0.9 K).

Options that cannot apply to the data are errors, not silently ignored.
"""

from __future__ import annotations

import itertools

import numpy as np
import xarray as xr

from reentrant.analysis.critical_field import extract_critical_field
from reentrant.analysis.curves import check_fraction, check_max_bracket
from reentrant.analysis.estimates import (
    flux_penetration_width,
    gl_slope,
    pauli_limit,
    tinkham_thickness,
)
from reentrant.analysis.hall import extract_hall
from reentrant.analysis.parallel_field_fits import parallel_field_fits
from reentrant.analysis.peaks import track_peaks
from reentrant.analysis.transition import MAX_BRACKET, extract_transition
from reentrant.errors import ParameterError
from reentrant.validate import one_of, positive


def _where_positive(func, x: xr.DataArray, *args) -> xr.DataArray:
    """Apply an estimate to the positive finite entries of ``x``; NaN elsewhere."""
    values = x.values.astype(float)
    ok = np.isfinite(values) & (values > 0)
    out = np.full(values.shape, np.nan)
    if np.any(ok):
        out[ok] = func(values[ok], *args)
    return x.copy(data=out)


def _gl_per_curve(bc: xr.DataArray) -> xr.Dataset:
    """GL fit of B_c2perp(T) along temperature for every combination of the other dims."""
    other = [d for d in bc.dims if d != "temperature"]
    shape = tuple(bc.sizes[d] for d in other)
    xi = np.full(shape, np.nan)
    slope = np.full(shape, np.nan)
    for index in itertools.product(*(range(n) for n in shape)):
        cut = bc.isel(dict(zip(other, index, strict=True)))
        try:
            fit = gl_slope(cut.temperature.values, cut.values)
        except ParameterError:
            continue
        xi[index], slope[index] = fit.xi0, fit.slope
    coords = {d: bc[d] for d in other}
    return xr.Dataset(
        {
            "xi": (other, xi, {"units": "nm", "long_name": "GL coherence length xi(0)"}),
            "bc2_slope": (other, slope, {"units": "T/K", "long_name": "dB_c2perp/dT"}),
        },
        coords=coords,
    )


def _check_applicable(
    data: xr.Dataset,
    has_rt: bool,
    has_rb: bool,
    options: dict[str, object],
) -> None:
    """Refuse options that cannot apply to these data, and hint at V / I without resistance."""
    needs = {
        "normal_at (--normal-at)": (has_rt, "R(T) curves (a temperature sweep of r_xx)"),
        "normal_fit (--normal-fit)": (has_rt, "R(T) curves (a temperature sweep of r_xx)"),
        "r_normal (--r-normal)": (has_rb, "R(B) sweeps (a field sweep of r_xx)"),
        "xi_nm (--xi)": (has_rb, "R(B) sweeps (a field sweep of r_xx)"),
    }
    for name, value in options.items():
        applies, what = needs[name]
        if value is not None and not applies:
            raise ParameterError(f"{name} needs {what}; these data have none")
    if "r_xx" not in data and "r_xy" not in data and "current" in data:
        if "voltage" in data or "voltage_xy" in data:
            raise ParameterError(
                "these data hold voltage and current but no resistance: form R = V / I with "
                "--from-vi (resistance_from_vi=True when loading)"
            )


def extract_all(
    data: xr.Dataset,
    criterion: float = 0.5,
    *,
    normal_at: float | None = None,
    normal_fit: tuple[float, float] | None = None,
    r_normal: float | None = None,
    g_factor: float = 2.0,
    squares: float = 1.0,
    orientation: str = "parallel",
    xi_nm: float | None = None,
    max_bracket: float = MAX_BRACKET,
) -> xr.Dataset:
    """Extract T_c, B_c, peaks, Hall density, B_P, xi, w and d as far as the data allow.

    Parameters
    ----------
    data
        Gridded dataset as returned by :func:`reentrant.io.load`.
    criterion
        Fraction of R_N defining T_c and B_c (the paper: 0.5).
    normal_at
        Temperature (K) of the normal-state reference for T_c; default the highest measured.
    normal_fit
        ``(T_low, T_high)`` (K): fit the normal state R_N(T) = a + b T in this window instead.
    r_normal
        Normal-state resistance (Ohm) for B_c and the peaks, when field sweeps do not reach
        the normal state; by default each sweep's resistance at its highest field.
    g_factor
        g factor of the Pauli limit.
    squares
        L/W between the voltage contacts, for the sheet resistance.
    orientation
        ``'parallel'`` (in-plane field, the paper's geometry) or ``'perpendicular'``.
    xi_nm
        Coherence length (nm) for w and d when it is not extracted from these data.
    max_bracket
        Largest bracket of T_c and B_c (the measured points around the crossing) as a
        fraction of the value; beyond it the value is NaN and only the bracket is given.

    Returns
    -------
    xarray.Dataset
        The extracted variables, each with ``units``; T_c and B_c with their brackets
        (``tc_low``, ``tc_high``, ``bc_low``, ``bc_high``, and ``b_pauli_low``,
        ``b_pauli_high`` from the T_c bracket) and flags (``tc_flags``, ``bc_flags``,
        ``hall_flags``); empty when nothing applies.

    Raises
    ------
    ParameterError
        An option that cannot apply to the data (``normal_at`` without R(T) curves,
        ``r_normal`` or ``xi_nm`` without R(B) sweeps), voltage and current without
        resistance, or a bad value.
    """
    one_of("orientation", orientation, ("parallel", "perpendicular"))
    check_fraction("criterion", criterion)
    check_max_bracket(max_bracket)
    parts: list[xr.Dataset] = []
    r = data.get("r_xx")
    # a transition needs a point below, one inside and one above it; so does a field sweep
    has_rt = r is not None and "temperature" in r.dims and r.sizes["temperature"] > 2
    has_rb = r is not None and "field" in r.dims and r.sizes["field"] > 2
    _check_applicable(
        data,
        has_rt,
        has_rb,
        {
            "normal_at (--normal-at)": normal_at,
            "normal_fit (--normal-fit)": normal_fit,
            "r_normal (--r-normal)": r_normal,
            "xi_nm (--xi)": xi_nm,
        },
    )
    if has_rt:
        tr = extract_transition(
            r, criterion, dim="temperature", at=normal_at, fit_range=normal_fit,
            max_bracket=max_bracket,
        )  # fmt: skip
        lowest = tr[["tc", "tc_low", "tc_high"]]
        if "field" in lowest.dims:
            lowest = lowest.isel(field=int(np.argmin(np.abs(lowest.field.values))), drop=True)
        pauli = {
            f"b_pauli{end}": _where_positive(
                pauli_limit, lowest[f"tc{end}"], g_factor
            ).assign_attrs(units="T", long_name=f"Pauli limit (g = {g_factor:g}){label}")
            for end, label in (("", ""), ("_low", " from tc_low"), ("_high", " from tc_high"))
        }
        parts += [tr.rename(width="tc_width"), xr.Dataset(pauli)]
    if has_rb:
        r_n = None if r_normal is None else positive("r_normal", r_normal)
        bc = extract_critical_field(
            r, criterion, dim="field", r_normal=r_n, max_bracket=max_bracket
        )
        peaks = track_peaks(r, dim="field", r_normal=r_n)
        parts += [bc, peaks]
        if orientation == "parallel" and bc.sizes.get("temperature", 0) >= 3:
            parts.append(parallel_field_fits(bc.bc, g_factor))
        if orientation == "perpendicular" and "temperature" in bc.dims:
            gl = _gl_per_curve(bc.bc)
            parts.append(gl)
        elif xi_nm is not None:
            xi = positive("xi_nm", xi_nm)
            w = _where_positive(flux_penetration_width, peaks.peak_position, xi)
            d = _where_positive(tinkham_thickness, bc.bc, xi)
            parts.append(
                xr.Dataset(
                    {
                        "w": w.assign_attrs(units="nm", long_name="flux-penetration width"),
                        "thickness": d.assign_attrs(units="nm", long_name="Tinkham thickness"),
                    }
                )
            )
    if "r_xy" in data and "field" in data["r_xy"].dims and data.sizes["field"] > 1:
        hall_data = data
        if "temperature" in data["r_xy"].dims:
            hottest = int(np.argmax(data.temperature.values))
            hall_data = data.isel(temperature=hottest, drop=True)
        parts.append(extract_hall(hall_data, dim="field", squares=positive("squares", squares)))
    out = xr.merge(parts, compat="override", combine_attrs="override") if parts else xr.Dataset()
    out.attrs = {"criterion": criterion, "orientation": orientation, "max_bracket": max_bracket}
    return out
