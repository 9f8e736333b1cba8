r"""Fits of in-plane critical-field curves B_c||(T): spin-orbit scattering (KLB/WHH) and 2D GL.

Two models of the parallel critical field of a thin film, fitted through the mechanism
interface (:func:`reentrant.analysis.fitting.fit_critical_field`):

* :class:`~reentrant.mechanisms.thin_film_gl.ThinFilmGL`, Tinkham's
  ``B_c||(T) = B_c||(0) sqrt(1 - T/T_c0)``; parameters ``tc0_k`` and ``critical_field_t``;
* :class:`~reentrant.mechanisms.spin_orbit_scattering.SpinOrbitScattering` (Zeeman energy with
  spin-orbit scattering, Klemm-Luther-Beasley / WHH), g-factor fixed; parameters ``tc0_k`` and
  ``so_energy_mev`` (``hbar/tau_so``), reported with the WHH ``lambda_so``.

Starting values (lmfit's ``guess`` habit): the GL form is a straight line in ``B^2(T)``, whose
least-squares line gives ``T_c0`` and ``B_c||(0)^2``.  For strong spin-orbit scattering the
pair breaking is ``h^2/Gamma`` and near ``T_c0`` the Abrikosov-Gor'kov line is
``alpha = (4/pi) k_B (T_c0 - T)`` (expansion of ``psi`` with ``psi'(1/2) = pi^2/2``), so the GL
extrapolation ``h_GL`` of ``h = (g/2) mu_B B_c`` gives
``Gamma = pi h_GL^2 / (4 k_B T_c0)``, ``hbar/tau_so = 3 Gamma / 2``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.analysis.fitting import FitResult, fit_critical_field
from reentrant.errors import ConvergenceWarning, ParameterError
from reentrant.mechanisms.spin_orbit_scattering import SpinOrbitScattering
from reentrant.mechanisms.thin_film_gl import ThinFilmGL
from reentrant.units import K_B_MEV_PER_K, zeeman_mev
from reentrant.validate import positive

#: Fewest points of a curve that is fitted (two parameters and one degree of freedom).
MIN_POINTS = 3

#: Output variables: (name, units, long name) of each fitted or derived quantity.
_OUTPUTS = (
    ("gl_tc0", "K", "T_c0 of the 2D GL fit"),
    ("gl_bc0", "T", "B_c||(0) of the 2D GL fit"),
    ("so_tc0", "K", "T_c0 of the spin-orbit-scattering fit"),
    ("so_energy", "meV", "hbar/tau_so of the spin-orbit-scattering fit"),
    ("so_lambda", "1", "WHH lambda_so of the spin-orbit-scattering fit"),
)


def _usable(temperature_k: ArrayLike, field_t: ArrayLike) -> tuple[np.ndarray, ...]:
    """``(T, B, keep)``: flattened data and the mask of finite points with ``B > 0``.

    Raises
    ------
    ParameterError
        Unequal lengths, or fewer than :data:`MIN_POINTS` usable points.
    """
    t = np.asarray(temperature_k, dtype=float).ravel()
    b = np.asarray(field_t, dtype=float).ravel()
    if t.shape != b.shape:
        raise ParameterError("temperature_k and field_t must have the same length")
    keep = np.isfinite(t) & np.isfinite(b) & (b > 0)
    if keep.sum() < MIN_POINTS:
        raise ParameterError(
            f"a B_c(T) fit needs at least {MIN_POINTS} points with B_c > 0, got {keep.sum()}"
        )
    return t, b, keep


def guess_thin_film_gl(temperature_k: ArrayLike, field_t: ArrayLike) -> ThinFilmGL:
    """Starting ThinFilmGL from the least-squares line ``B^2 = B_c||(0)^2 (1 - T/T_c0)``.

    Raises
    ------
    ParameterError
        Fewer than three usable points, or ``B^2`` not decreasing with ``T``.
    """
    t, b, keep = _usable(temperature_k, field_t)
    t, b = t[keep], b[keep]
    slope, intercept = np.polyfit(t, b * b, 1)
    if not (slope < 0 and intercept > 0):
        raise ParameterError(f"B_c^2(T) must fall with T for a B_c(T) fit, slope {slope:.3g}")
    return ThinFilmGL(tc0_k=-intercept / slope, critical_field_t=math.sqrt(intercept))


def guess_spin_orbit_scattering(
    temperature_k: ArrayLike, field_t: ArrayLike, g_factor: float = 2.0
) -> SpinOrbitScattering:
    """Starting SpinOrbitScattering from the GL extrapolation (strong scattering, module doc)."""
    gl = guess_thin_film_gl(temperature_k, field_t)
    h_gl = zeeman_mev(gl.critical_field_t, positive("g_factor", g_factor))
    gamma = math.pi * h_gl**2 / (4 * K_B_MEV_PER_K * gl.tc0_k)
    return SpinOrbitScattering(gl.tc0_k, 1.5 * gamma, g_factor)


def fit_parallel_critical_field(
    temperature_k: ArrayLike,
    field_t: ArrayLike,
    sigma: ArrayLike | None = None,
    *,
    g_factor: float = 2.0,
) -> dict[str, FitResult]:
    """Fit the 2D GL form and spin-orbit scattering (g fixed) to one ``B_c||(T)`` curve.

    Parameters
    ----------
    temperature_k, field_t
        Temperatures in K and critical fields in T; points with NaN or ``B_c <= 0`` are dropped.
    sigma
        Standard error of each field in T (None: errors scaled by the reduced chi-square).
    g_factor
        Electron g-factor of the spin-orbit-scattering model (fixed).

    Returns
    -------
    dict
        ``{"thin-film-gl": FitResult, "spin-orbit-scattering": FitResult}``.
    """
    t, b, keep = _usable(temperature_k, field_t)
    if sigma is not None:
        sigma = np.broadcast_to(np.asarray(sigma, dtype=float), keep.shape)[keep]
    t, b = t[keep], b[keep]
    top = 2.0 * float(b.max())
    gl = fit_critical_field(guess_thin_film_gl(t, b), t, b, sigma, field_max_t=top)
    so = fit_critical_field(
        guess_spin_orbit_scattering(t, b, g_factor),
        t,
        b,
        sigma,
        field_max_t=top,
        vary=["tc0_k", "so_energy_mev"],
    )
    return {"thin-film-gl": gl, "spin-orbit-scattering": so}


def _curve_fits(temperature: np.ndarray, field: np.ndarray, g_factor: float) -> np.ndarray:
    """Values and errors of :data:`_OUTPUTS` for one curve (NaN if it cannot be fitted)."""
    out = np.full(2 * len(_OUTPUTS), np.nan)
    try:
        fits = fit_parallel_critical_field(temperature, field, g_factor=g_factor)
    except ParameterError:
        return out
    gl, so = fits["thin-film-gl"], fits["spin-orbit-scattering"]
    for fit in (gl, so):
        if not fit.success:
            warnings.warn(
                f"B_c(T) fit of {fit.label} did not converge: {fit.message}",
                ConvergenceWarning,
                stacklevel=3,
            )
            return out
    pairs = (
        (gl.best_values["tc0_k"], gl.stderr["tc0_k"]),
        (gl.best_values["critical_field_t"], gl.stderr["critical_field_t"]),
        (so.best_values["tc0_k"], so.stderr["tc0_k"]),
        (so.best_values["so_energy_mev"], so.stderr["so_energy_mev"]),
        (so.derived["lambda_so"], so.derived_stderr["lambda_so"]),
    )
    out[0::2] = [v for v, _ in pairs]
    out[1::2] = [e for _, e in pairs]
    return out


def parallel_field_fits(bc: xr.DataArray, g_factor: float = 2.0) -> xr.Dataset:
    """Both B_c||(T) fits for every curve of ``bc`` along ``temperature``.

    Parameters
    ----------
    bc
        Parallel critical field in T with dimension ``temperature`` (K) and any others (one
        curve per combination of them).
    g_factor
        Electron g-factor of the spin-orbit-scattering fit.

    Returns
    -------
    xarray.Dataset
        Over the other dimensions: ``gl_tc0``, ``gl_bc0``, ``so_tc0``, ``so_energy``,
        ``so_lambda`` and each one's ``*_stderr``, with units; NaN where a curve has fewer than
        three points with ``B_c > 0``, is not a falling ``B_c(T)``, or its fit did not
        converge (then with a :class:`~reentrant.errors.ConvergenceWarning`).
    """
    if "temperature" not in bc.dims:
        raise ParameterError("B_c(T) fits need a temperature dimension")
    g = positive("g_factor", g_factor)
    values = xr.apply_ufunc(
        _curve_fits,
        bc["temperature"],
        bc,
        kwargs={"g_factor": g},
        input_core_dims=[["temperature"], ["temperature"]],
        output_core_dims=[["quantity"]],
        vectorize=True,
        dask_gufunc_kwargs={"output_sizes": {"quantity": 2 * len(_OUTPUTS)}},
    )
    data = {}
    for k, (name, units, long_name) in enumerate(_OUTPUTS):
        data[name] = values.isel(quantity=2 * k).assign_attrs(units=units, long_name=long_name)
        data[f"{name}_stderr"] = values.isel(quantity=2 * k + 1).assign_attrs(
            units=units, long_name=f"standard error of {long_name}"
        )
    return xr.Dataset(data)
