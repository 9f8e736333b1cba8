"""Least-squares fits of any mechanism's parameters to T_c(B) or B_c(T) data (lmfit).

Every numeric field of a :class:`~reentrant.mechanisms.base.Mechanism` dataclass is a fit
parameter; the instance passed in supplies the starting values and the fixed ones.  The model
is the mechanism itself (``tc(field)``) or its inverse, the upper critical field ``B_c(T)``.
Goodness of fit follows lmfit's definitions (``chi^2 = sum r_i^2`` of the weighted residuals
``r_i = (model - data)/sigma_i``; ``AIC = n ln(chi^2/n) + 2k``; ``BIC = n ln(chi^2/n) + k ln n``
for ``n`` points and ``k`` varied parameters; Burnham & Anderson, *Model Selection and Multimodel
Inference*, 2nd ed. (2002), Ch. 2), so fits of rival mechanisms to the same data are ranked
by :func:`compare_fits`.

Quantities derived from the parameters (:meth:`Mechanism.derived_parameters`, e.g. the WHH
``lambda_so`` and Maki parameter of
:class:`~reentrant.mechanisms.spin_orbit_scattering.SpinOrbitScattering`) are reported with
linearly propagated errors ``sigma_d^2 = g^T C g``, ``C`` the parameters' covariance and ``g`` the
gradient of ``d`` by forward differences (relative step 1e-6).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import lmfit
import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.validate import finite_array, positive

_PENALTY = 1e6
_GRID_POINTS = 64
_BISECTIONS = 8
_GRADIENT_STEP = 1e-6


@dataclasses.dataclass(frozen=True)
class FitResult:
    """Outcome of a fit: the best mechanism, parameter values and errors, and fit statistics.

    Attributes
    ----------
    mechanism
        The mechanism with the best-fit parameters.
    data_kind
        ``"tc(B)"`` or ``"Bc(T)"``.
    best_values, stderr
        Best value and standard error (NaN if not estimated) of each varied parameter, in the
        units of the dataclass field.
    chisqr, redchi, aic, bic
        Weighted chi-square, chi-square per degree of freedom, Akaike and Bayesian information
        criteria (see module docstring).
    ndata, nvarys
        Number of data points and of varied parameters.
    success, message
        Whether the minimiser converged, and its message.
    label
        Name used in :func:`compare_fits` (the mechanism name unless given).
    derived, derived_stderr
        Values of the mechanism's derived quantities at the best fit and their propagated
        standard errors (NaN where the covariance is not available).
    """

    mechanism: Mechanism
    data_kind: str
    best_values: dict[str, float]
    stderr: dict[str, float]
    chisqr: float
    redchi: float
    aic: float
    bic: float
    ndata: int
    nvarys: int
    success: bool
    message: str
    label: str
    derived: dict[str, float] = dataclasses.field(default_factory=dict)
    derived_stderr: dict[str, float] = dataclasses.field(default_factory=dict)

    def report(self) -> str:
        """Human-readable multi-line summary of the fit."""
        lines = [
            f"[[Fit of {self.label} ({self.mechanism.name}) to {self.data_kind} data]]",
            f"    points = {self.ndata}, varied = {self.nvarys}, success = {self.success}",
            f"    chi-square = {self.chisqr:.6g}, reduced chi-square = {self.redchi:.6g}",
            f"    AIC = {self.aic:.6g}, BIC = {self.bic:.6g}",
            "[[Parameters]]",
        ]
        for field in dataclasses.fields(self.mechanism):
            value = getattr(self.mechanism, field.name)
            if field.name in self.best_values:
                err = self.stderr[field.name]
                lines.append(f"    {field.name} = {value:.6g} +/- {err:.3g}")
            else:
                lines.append(f"    {field.name} = {value!r} (fixed)")
        if self.derived:
            lines.append("[[Derived]]")
            for name, value in self.derived.items():
                lines.append(f"    {name} = {value:.6g} +/- {self.derived_stderr[name]:.3g}")
        return "\n".join(lines)


def numeric_parameters(mechanism: Mechanism) -> dict[str, float]:
    """The mechanism's fittable parameters and values (:meth:`Mechanism.fit_parameters`)."""
    return mechanism.fit_parameters()


def _parameters(
    mechanism: Mechanism,
    vary: Iterable[str] | None,
    bounds: Mapping[str, tuple[float, float]] | None,
) -> lmfit.Parameters:
    """lmfit parameters for the fields named in ``vary`` (default: every numeric field)."""
    numeric = numeric_parameters(mechanism)
    names = list(numeric) if vary is None else list(vary)
    if not names:
        raise ParameterError("vary must name at least one parameter")
    for name in names:
        if name not in numeric:
            raise ParameterError(
                f"unknown fit parameter {name!r} for {mechanism.name}; "
                f"choose from {', '.join(numeric)}"
            )
    bounds = dict(bounds or {})
    for name in bounds:
        if name not in names:
            raise ParameterError(f"bounds given for {name!r}, which is not varied")
    params = lmfit.Parameters()
    for name in names:
        low, high = bounds.get(name, (0.0, math.inf))
        params.add(name, value=numeric[name], min=low, max=high, vary=True)
    return params


def _derived_errors(best: Mechanism, out: lmfit.minimizer.MinimizerResult) -> dict[str, float]:
    """Propagated standard errors of ``best.derived_parameters()`` (see module docstring)."""
    values = best.derived_parameters()
    errors = dict.fromkeys(values, math.nan)
    if out.covar is None or not values:
        return errors
    names = list(out.var_names)
    gradient = np.empty((len(values), len(names)))
    center = np.array(list(values.values()))
    for j, name in enumerate(names):
        x = float(out.params[name].value)
        step = _GRADIENT_STEP * (abs(x) if x != 0 else 1.0)
        moved = best.with_fit_parameters(**{name: x + step}).derived_parameters()
        gradient[:, j] = (np.array([moved[k] for k in values]) - center) / step
    variance = np.einsum("ij,jk,ik->i", gradient, out.covar, gradient)
    for k, name in enumerate(values):
        if np.isfinite(variance[k]) and variance[k] >= 0:
            errors[name] = float(np.sqrt(variance[k]))
    return errors


def _weights(sigma: ArrayLike | None, size: int) -> np.ndarray:
    """Validated per-point standard errors (ones if ``sigma`` is None)."""
    if sigma is None:
        return np.ones(size)
    s = np.broadcast_to(finite_array("sigma", sigma), (size,)).astype(float)
    if np.any(s <= 0):
        raise ParameterError("sigma must be positive everywhere")
    return s


def _fit(
    mechanism: Mechanism,
    model: Callable[[Mechanism], np.ndarray],
    data: np.ndarray,
    sigma: ArrayLike | None,
    params: lmfit.Parameters,
    data_kind: str,
    label: str | None,
    method: str,
) -> FitResult:
    """Minimise ``(model(mechanism with params) - data) / sigma`` and package the result."""
    weights = _weights(sigma, data.size)

    def residual(p: lmfit.Parameters) -> np.ndarray:
        try:
            trial = mechanism.with_fit_parameters(**p.valuesdict())
        except ParameterError:
            return np.full(data.size, _PENALTY)
        return (model(trial) - data) / weights

    out = lmfit.minimize(residual, params, method=method, scale_covar=sigma is None)
    best = mechanism.with_fit_parameters(**out.params.valuesdict())
    return FitResult(
        mechanism=best,
        data_kind=data_kind,
        best_values={name: float(p.value) for name, p in out.params.items()},
        stderr={
            name: float(p.stderr) if p.stderr is not None else float("nan")
            for name, p in out.params.items()
        },
        chisqr=float(out.chisqr),
        redchi=float(out.redchi),
        aic=float(out.aic),
        bic=float(out.bic),
        ndata=int(out.ndata),
        nvarys=int(out.nvarys),
        success=bool(out.success),
        message=str(out.message),
        label=label or mechanism.name,
        derived=best.derived_parameters(),
        derived_stderr=_derived_errors(best, out),
    )


def _check_data(name_x: str, x: ArrayLike, name_y: str, y: ArrayLike) -> tuple[np.ndarray, ...]:
    """Validated 1-D data arrays of equal length."""
    xs = finite_array(name_x, x)
    ys = finite_array(name_y, y)
    if xs.ndim != 1 or xs.shape != ys.shape:
        raise ParameterError(f"{name_x} and {name_y} must be 1-D of equal length")
    return xs, ys


def fit_tc(
    mechanism: Mechanism,
    field_t: ArrayLike,
    tc_k: ArrayLike,
    sigma: ArrayLike | None = None,
    *,
    vary: Iterable[str] | None = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    label: str | None = None,
    method: str = "leastsq",
) -> FitResult:
    """Fit a mechanism's parameters to ``T_c(B)`` data.

    Parameters
    ----------
    mechanism
        Starting point (and values of the fixed parameters).
    field_t, tc_k
        Fields in T and transition temperatures in K (0 for points without superconductivity).
    sigma
        Standard error of each ``tc_k`` in K; if given, parameter errors are not rescaled by
        the reduced chi-square, otherwise they are (lmfit ``scale_covar``).
    vary
        Names of the fields to fit (default: all numeric fields).
    bounds
        ``{name: (min, max)}``; default ``(0, inf)``.
    label
        Name in :func:`compare_fits`.
    method
        lmfit minimiser (default Levenberg-Marquardt, ``"leastsq"``).

    Notes
    -----
    Start from sensible values (e.g. ``tc0_k`` near the highest measured ``T_c``): where the
    starting model predicts ``T_c = 0`` for a data point its residual has no gradient, which can
    trap a local minimiser.
    """
    field, tc = _check_data("field_t", field_t, "tc_k", tc_k)
    params = _parameters(mechanism, vary, bounds)
    return _fit(mechanism, lambda m: m.tc(field), tc, sigma, params, "tc(B)", label, method)


def critical_field(
    mechanism: Mechanism, temperature_k: ArrayLike, field_max_t: float
) -> np.ndarray:
    """Upper critical field ``B_c(T)`` in T: highest field in ``[0, field_max_t]`` with ``T_c > T``.

    ``T_c(B)`` is scanned on 64 fields, the last superconducting-to-normal crossing is bracketed,
    narrowed by 8 bisections (each one call of ``mechanism.tc``) and located by linear
    interpolation inside the final bracket (error ~ ``(field_max / 16000)^2`` times the
    curvature).  0 where ``T`` is above ``T_c`` everywhere; ``field_max_t`` where the mechanism
    is still superconducting there.
    """
    temps = finite_array("temperature_k", temperature_k)
    top = positive("field_max_t", field_max_t)
    grid = np.linspace(0.0, top, _GRID_POINTS)
    tc_grid = mechanism.tc(grid)
    paired = tc_grid[None, :] > temps[:, None]
    anywhere = paired.any(axis=1)
    last = grid.size - 1 - np.argmax(paired[:, ::-1], axis=1)
    inside = anywhere & (last < grid.size - 1)
    lo = grid[last]
    hi = grid[np.minimum(last + 1, grid.size - 1)]
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        mid_paired = mechanism.tc(mid) > temps
        lo = np.where(mid_paired, mid, lo)
        hi = np.where(mid_paired, hi, mid)
    tc_lo, tc_hi = mechanism.tc(lo), mechanism.tc(hi)
    denom = np.where(tc_lo != tc_hi, tc_lo - tc_hi, 1.0)
    crossing = lo + (hi - lo) * np.clip((tc_lo - temps) / denom, 0.0, 1.0)
    return np.where(inside, crossing, np.where(anywhere, top, 0.0))


def fit_critical_field(
    mechanism: Mechanism,
    temperature_k: ArrayLike,
    field_t: ArrayLike,
    sigma: ArrayLike | None = None,
    *,
    field_max_t: float | None = None,
    vary: Iterable[str] | None = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    label: str | None = None,
    method: str = "leastsq",
) -> FitResult:
    """Fit a mechanism's parameters to critical-field data ``B_c(T)``.

    The model inverts ``mechanism.tc`` (:func:`critical_field`, the highest crossing, i.e. the
    upper critical field of a re-entrant curve).  ``sigma`` is the error of each field in T;
    ``field_max_t`` bounds the search (default twice the largest measured field).  Other
    parameters as in :func:`fit_tc`.
    """
    temps, fields = _check_data("temperature_k", temperature_k, "field_t", field_t)
    top = 2.0 * float(np.max(np.abs(fields))) if field_max_t is None else field_max_t
    params = _parameters(mechanism, vary, bounds)
    return _fit(
        mechanism,
        lambda m: critical_field(m, temps, top),
        fields,
        sigma,
        params,
        "Bc(T)",
        label,
        method,
    )


def compare_fits(results: Sequence[FitResult] | Mapping[str, FitResult]) -> xr.Dataset:
    """Rank fits of the same data by AIC.

    Parameters
    ----------
    results
        Fit results (labels from ``FitResult.label``) or a mapping ``label -> result``.

    Returns
    -------
    xarray.Dataset
        Over coordinate ``model`` sorted by increasing AIC: ``aic``, ``delta_aic`` (AIC minus
        the best), ``akaike_weight`` (``exp(-delta/2)`` normalised; Burnham & Anderson
        Ch. 2), ``bic``, ``redchi``, ``chisqr``, ``nvarys``, ``ndata``.

    Raises
    ------
    ParameterError
        If the fits are of different data (different kind or number of points) or labels repeat.
    """
    items = (
        list(results.items()) if isinstance(results, Mapping) else [(r.label, r) for r in results]
    )
    if not items:
        raise ParameterError("compare_fits needs at least one fit result")
    labels = [label for label, _ in items]
    if len(set(labels)) != len(labels):
        raise ParameterError(f"fit labels must be distinct, got {labels}")
    if len({(r.data_kind, r.ndata) for _, r in items}) != 1:
        raise ParameterError("compare_fits needs fits of the same data (same kind and size)")
    items.sort(key=lambda item: item[1].aic)
    aic = np.array([r.aic for _, r in items])
    delta = aic - aic[0]
    weight = np.exp(-0.5 * delta)
    return xr.Dataset(
        {
            "aic": ("model", aic),
            "delta_aic": ("model", delta),
            "akaike_weight": ("model", weight / weight.sum()),
            "bic": ("model", np.array([r.bic for _, r in items])),
            "redchi": ("model", np.array([r.redchi for _, r in items])),
            "chisqr": ("model", np.array([r.chisqr for _, r in items])),
            "nvarys": ("model", np.array([r.nvarys for _, r in items])),
            "ndata": ("model", np.array([r.ndata for _, r in items])),
        },
        coords={"model": [label for label, _ in items]},
        attrs={"data_kind": items[0][1].data_kind, "ranking": "increasing AIC"},
    )
