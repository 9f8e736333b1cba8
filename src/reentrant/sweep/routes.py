r"""The extended re-entrance search: the routes that escape the no-minimum theorem.

With the field along the spin-orbit axis, a contact singlet attraction and a fixed chemical
potential, Eq. (1) of Maryenko et al. cannot give a minimum of T_c(B) (``docs/paper_model.md``,
"The theorem").  Each assumption of that theorem is dropped by one *route*:

* the field angle (0, 45, 90 degrees from the spin-orbit axis x): at an angle the two sigma_x
  species mix (``angle`` of :func:`reentrant.sweep.point.solve_point`);
* the pairing channel: a triplet with a fixed d-vector (x, y or z) and the odd form factor
  p_y, or singlet and triplet coupled (``channel="both"``, d along y) with V_t / V_s in a few
  values (``triplet_ratio``);
* the Fermi level: ``delta = mu - E_vH`` above (> 0) and below (< 0) the van Hove energy;
* fixed carrier density instead of fixed mu (``fixed_density``);
* a second, light, Pauli-limited band (:func:`reentrant.models.presets.light_band`) coupled by
  ``r`` (``second_band``, ``interband``; :mod:`reentrant.pairing.multiband`).

Every route is solved in the full two-branch calculation; the routes with singlet pairing in
every band are solved in the paper's upper-branch approximation (Eq. (2)) as well.  The
upper-branch projection keeps only the upper spin branch and pairs its opposite-spin states,
which defines no triplet channel: it applies to singlet pairing only (:class:`Route` refuses
the other combinations).

A :class:`RouteGrid` fixes the preset (``saddle-soc`` for the map in reduced units, energies in
k_B T_c0; ``lto-kto-110`` for tesla and kelvin), the angles, the ``delta`` values and the field
grid.  Each (route, angle) is one sweep on the engine (:func:`route_spec`,
:func:`reentrant.sweep.engine.run`) over ``delta``; each curve is judged by the engine's metrics
(:mod:`reentrant.sweep.metrics`, from :func:`reentrant.analysis.reentrance.tc_minimum`) exactly
as the parameter search judges it (:func:`reentrant.sweep.search.judge`: the rise after the
minimum must exceed ``noise_factor x tolerance`` in units of T_c(0)).  The critical field at a
temperature ``T`` (0.09 K for the paper's in-plane critical field at 90 mK) is the highest field
where T_c(B) falls through ``T`` (:func:`critical_field`), or a lower bound when T_c is still
above ``T`` at the largest field computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from distributed import Client

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.presets import preset
from reentrant.pairing.model import APPROXIMATIONS
from reentrant.sweep.engine import run_sweeps
from reentrant.sweep.point import solve_point
from reentrant.sweep.search import judge
from reentrant.sweep.spec import SweepSpec

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Route:
    """One way out of the theorem: a pairing channel, an approximation and the extra ingredients.

    Parameters
    ----------
    name
        Short identifier (the ``route`` coordinate and the store's file name).
    channel, d_vector
        Pairing channel and d-vector (:class:`reentrant.pairing.model.PairingModel`; the form
        factor of a fixed-d triplet is p_y).
    approx
        ``"full"`` or ``"upper-branch"`` (singlet pairing only).
    fixed_density
        Hold the carrier density fixed instead of mu.
    triplet_ratio
        V_t / V_s (``channel="both"`` only).
    interband
        Coupling ``r`` of the second, light band (singlet only); None: no second band.
    """

    name: str
    channel: str = "singlet"
    d_vector: str = "soc"
    approx: str = "full"
    fixed_density: bool = False
    triplet_ratio: float | None = None
    interband: float | None = None

    def __post_init__(self) -> None:
        validate.one_of("approx", self.approx, APPROXIMATIONS)
        if self.approx == "upper-branch" and self.channel != "singlet":
            raise ParameterError(
                f"route {self.name!r}: the upper-branch approximation applies to singlet pairing"
                " only"
            )
        if (self.triplet_ratio is not None) != (self.channel == "both"):
            raise ParameterError(
                f"route {self.name!r}: triplet_ratio is given exactly when channel is 'both'"
            )
        if self.triplet_ratio is not None:
            validate.positive("triplet_ratio", self.triplet_ratio)
        if self.interband is not None:
            validate.finite("interband", self.interband)
            if self.channel != "singlet":
                raise ParameterError(f"route {self.name!r}: a second band pairs in the singlet")

    def options(self, angle: float, tolerance: float) -> dict[str, Any]:
        """The sweep options (:data:`reentrant.sweep.point.OPTIONS`) of this route at ``angle``."""
        options = {
            "approx": self.approx,
            "tolerance": tolerance,
            "angle": float(angle),
            "channel": self.channel,
            "d_vector": self.d_vector,
            "form_factor": "py",
            "fixed_density": self.fixed_density,
        }
        if self.interband is not None:
            options.update(second_band=True, interband=float(self.interband))
        return options

    def fixed(self) -> dict[str, float]:
        """Pairing parameters of this route held fixed in its sweep (``triplet_ratio``)."""
        return {} if self.triplet_ratio is None else {"triplet_ratio": self.triplet_ratio}


#: The routes of the extended search (the first two are the theorem's own setting at angle 0).
ROUTES = (
    Route("singlet"),
    Route("singlet-upper", approx="upper-branch"),
    Route("triplet-x", channel="triplet", d_vector="x"),
    Route("triplet-y", channel="triplet", d_vector="y"),
    Route("triplet-z", channel="triplet", d_vector="z"),
    Route("both-y-1", channel="both", d_vector="y", triplet_ratio=1.0),
    Route("both-y-4", channel="both", d_vector="y", triplet_ratio=4.0),
    Route("both-y-6", channel="both", d_vector="y", triplet_ratio=6.0),
    Route("fixed-n", fixed_density=True),
    Route("fixed-n-upper", approx="upper-branch", fixed_density=True),
    Route("triplet-y-fixed-n", channel="triplet", d_vector="y", fixed_density=True),
    Route("two-band-0.1", interband=0.1),
    Route("two-band-0.5", interband=0.5),
    Route("two-band-0.5-upper", approx="upper-branch", interband=0.5),
)


def _distinct(name: str, values: Any) -> tuple[float, ...]:
    array = validate.finite_array(name, values).ravel()
    if array.size == 0 or np.unique(array).size != array.size:
        raise ParameterError(f"{name} needs distinct values (at least one)")
    return tuple(float(v) for v in array)


@dataclass(frozen=True)
class RouteGrid:
    """What the extended search solves: preset, routes, angles, ``delta`` values, fields.

    Attributes
    ----------
    model
        Preset name: ``saddle-soc`` (reduced: field h / k_B T_c0, T_c in T_c0) or
        ``lto-kto-110`` (field in T, T_c in K).
    routes
        The :class:`Route` objects (distinct names).
    angle
        In-plane field angles in degrees from the spin-orbit axis x.
    delta
        ``mu - E_vH`` (k_B T_c0 for ``saddle-soc``, meV for ``lto-kto-110``).
    field
        Increasing fields from 0 (>= 3), in the preset's field unit.
    fixed
        Other preset parameters held at non-default values.
    tolerance
        Relative tolerance on T_c.
    noise_factor
        A minimum counts when T_c rises back by more than ``noise_factor * tolerance * T_c(0)``.
    temperature
        Temperature of the critical field (the preset's T_c unit): 0.09 K for 90 mK, or
        0.225 T_c0 (= 0.09 K / 0.4 K) in reduced units.
    """

    model: str = "saddle-soc"
    routes: tuple[Route, ...] = ROUTES
    angle: tuple[float, ...] = (0.0, 45.0, 90.0)
    delta: tuple[float, ...] = (-1.0, 0.5, 3.0)
    field: tuple[float, ...] = tuple(np.linspace(0.0, 3.0, 25))
    fixed: tuple[tuple[str, float], ...] = ()
    tolerance: float = 1e-3
    noise_factor: float = 3.0
    temperature: float = 0.225

    def __post_init__(self) -> None:
        preset(self.model)
        routes = tuple(self.routes)
        if not routes or not all(isinstance(r, Route) for r in routes):
            raise ParameterError("routes must be a non-empty sequence of Route")
        names = [r.name for r in routes]
        if len(set(names)) != len(names):
            raise ParameterError("route names must be distinct")
        object.__setattr__(self, "routes", routes)
        object.__setattr__(self, "angle", _distinct("angle", self.angle))
        object.__setattr__(self, "delta", _distinct("delta", self.delta))
        object.__setattr__(self, "field", _distinct("field", self.field))
        fixed = tuple(sorted((str(k), float(v)) for k, v in dict(self.fixed).items()))
        object.__setattr__(self, "fixed", fixed)
        validate.tolerance("tolerance", self.tolerance)
        validate.positive("noise_factor", self.noise_factor)
        validate.positive("temperature", self.temperature)

    @property
    def size(self) -> int:
        """Number of curves."""
        return len(self.routes) * len(self.angle) * len(self.delta)


def route_spec(grid: RouteGrid, route: Route, angle: float) -> SweepSpec:
    """The sweep of one route at one field angle: the preset over ``delta``."""
    return SweepSpec(
        model=grid.model,
        field=grid.field,
        vary=(("delta", grid.delta),),
        fixed={**dict(grid.fixed), **route.fixed()},
        options=route.options(angle, grid.tolerance),
    )


def critical_field(field: np.ndarray, tc: np.ndarray, temperature: float) -> tuple[float, bool]:
    """Highest field where ``T_c(B)`` falls through ``temperature``, by linear interpolation.

    Returns
    -------
    (float, bool)
        ``(B_c, above)``: ``above`` is True when ``T_c`` is still above ``temperature`` at the
        largest field, and then ``B_c`` is that field, a lower bound; NaN (False) when ``T_c``
        never exceeds ``temperature`` or the curve has non-finite values.
    """
    b, t = np.asarray(field, dtype=float), np.asarray(tc, dtype=float)
    if not np.all(np.isfinite(t)):
        return float("nan"), False
    sc = t > temperature
    if sc[-1]:
        return float(b[-1]), True
    if not sc.any():
        return float("nan"), False
    i = int(np.flatnonzero(sc)[-1])
    return float(np.interp(temperature, [t[i + 1], t[i]], [b[i + 1], b[i]])), False


def sampled_minimum(tc: np.ndarray) -> tuple[float, float]:
    """Lowest sampled T_c with higher T_c on both sides, and how far T_c rises back from it.

    The raw counterpart of the metrics' parabolic refinement: ``(T_c^min, rise)`` with
    ``rise = min(max_{left} T_c, max_{right} T_c) - T_c^min`` over the samples; ``(NaN, 0)``
    for a curve without an interior minimum.  Where the minimum is a corner (the leading
    pairing channel switches), a parabola through the corner and its neighbours puts its
    vertex below every sample; the sampled values do not extrapolate.
    """
    envelope = np.minimum(np.maximum.accumulate(tc), np.maximum.accumulate(tc[::-1])[::-1])
    interior = tc < envelope
    if not interior.any():
        return float("nan"), 0.0
    i = int(np.flatnonzero(interior)[np.argmin(tc[interior])])
    return float(tc[i]), float(envelope[i] - tc[i])


def routes_dataset(grid: RouteGrid, sweeps: Mapping[tuple[str, float], xr.Dataset]) -> xr.Dataset:
    """The result of the search from the sweep of every (route, angle) (:func:`route_spec`).

    Returns
    -------
    xarray.Dataset
        Dimensions ``route, angle, delta`` (+ ``field``): ``tc``, ``reentrant``, ``depth``
        (relative, 0 if none), ``rise`` (T_c units), ``tc_min``, ``field_min`` (the metrics),
        ``tc_min_sampled`` and ``rise_sampled`` (:func:`sampled_minimum`), ``critical_field``
        and ``critical_field_above`` (B_c is a lower bound),
        ``converged``; NaN where not converged.
    """
    threshold = grid.noise_factor * grid.tolerance
    parts = []
    for route in grid.routes:
        per_angle = []
        for angle in grid.angle:
            key = (route.name, angle)
            if key not in sweeps:
                raise ParameterError(f"no sweep for route {route.name!r} at angle {angle:g}")
            sweep = sweeps[key]
            judged = judge(sweep, threshold * sweep.tc0)
            tc = sweep.tc.where(judged["converged"])
            bc = [critical_field(grid.field, curve, grid.temperature) for curve in tc.values]
            raw = [sampled_minimum(curve) for curve in tc.values]
            per_angle.append(
                xr.Dataset(
                    {
                        "tc": tc,
                        **judged,
                        "tc_min": sweep.tc_min.where(judged["reentrant"]),
                        "tc_min_sampled": ("delta", [m for m, _ in raw]),
                        "rise_sampled": ("delta", [r for _, r in raw]),
                        "critical_field": ("delta", [value for value, _ in bc]),
                        "critical_field_above": ("delta", [above for _, above in bc]),
                    }
                ).drop_vars("field", errors="ignore")
            )
        parts.append(xr.concat(per_angle, dim="angle", coords="minimal", compat="override"))
    data = xr.concat(parts, dim="route", coords="minimal", compat="override")
    data["tc_min_sampled"] = data.tc_min_sampled.where(data.reentrant)
    data["rise_sampled"] = data.rise_sampled.where(data.converged)
    spec = preset(grid.model)
    tc_units, field_units = ("K", "T") if spec.units == "physical" else ("T_c0", "k_B T_c0")
    attrs = {
        "tc": {"units": tc_units, "long_name": "T_c"},
        "reentrant": {"long_name": "minimum of T_c(B) with rise > noise threshold"},
        "depth": {"units": "1", "long_name": "(T_c(0) - T_c^min) / T_c(0)"},
        "rise": {"units": tc_units, "long_name": "rise of T_c after the minimum"},
        "tc_min": {"units": tc_units, "long_name": "T_c^min (parabolic vertex)"},
        "tc_min_sampled": {"units": tc_units, "long_name": "lowest sampled T_c at the minimum"},
        "rise_sampled": {"units": tc_units, "long_name": "rise of the sampled T_c after it"},
        "field_min": {"units": field_units, "long_name": "field of the minimum"},
        "critical_field": {
            "units": field_units,
            "long_name": f"highest field with T_c = {grid.temperature:g} {tc_units}",
        },
        "critical_field_above": {"long_name": "T_c above the temperature at the largest field"},
        "converged": {"long_name": "solver converged"},
    }
    for name, values in attrs.items():
        data[name].attrs = values
    return data.assign_coords(
        route=("route", [r.name for r in grid.routes]),
        angle=("angle", list(grid.angle), {"units": "deg", "long_name": "field angle from x"}),
        delta=(
            "delta",
            list(grid.delta),
            {"units": spec_energy(grid.model), "long_name": "mu - E_vH"},
        ),
        field=("field", list(grid.field), {"units": field_units, "long_name": "field"}),
        channel=("route", [r.channel for r in grid.routes]),
        approx=("route", [r.approx for r in grid.routes]),
    ).assign_attrs(
        model=grid.model,
        tolerance=grid.tolerance,
        noise_threshold=threshold,
        temperature=grid.temperature,
        fixed=str(dict(grid.fixed)),
        description="extended re-entrance search: routes around the no-minimum theorem",
    )


def cold_curve(grid: RouteGrid, route: Route, angle: float, delta: float) -> np.ndarray:
    """T_c over ``grid.field`` with every field solved on its own (no continuation along B).

    A curve solved as a sweep continues the pair momentum Q from field to field; where two Q
    branches are degenerate at B = 0 (the equal-spin triplet at Q = +-2 beta M: one sigma_x
    species' Fermi level nears its van Hove energy as the field grows, the other's recedes) the
    continuation can follow the losing branch between the solver's periodic global Q searches,
    and T_c(B) zig-zags between the branches.  A cold solve runs the global Q search (with the
    species-matching seeds) at every scan temperature, so this curve is the upper envelope: an
    independent check of a sweep's minimum (seconds per field).
    """
    params = {**dict(grid.fixed), **route.fixed(), "delta": float(delta)}
    options = route.options(angle, grid.tolerance)
    return np.array(
        [float(solve_point(grid.model, params, [h], **options).tc[0]) for h in grid.field]
    )


def check_minima(grid: RouteGrid, routes: xr.Dataset) -> xr.Dataset:
    """Re-solve every curve judged re-entrant field by field (:func:`cold_curve`) and judge it.

    Adds ``tc_cold`` (NaN where not re-solved), ``rise_cold`` (sampled rise of the cold curve,
    :func:`sampled_minimum`) and ``confirmed``: re-entrant by the metrics, and the cold curve
    rises back from its sampled minimum by more than the noise threshold (``noise_factor x
    tolerance x T_c(0)``).
    """
    tc_cold = xr.full_like(routes.tc, np.nan)
    rise_cold = xr.full_like(routes.rise, np.nan)
    for route in grid.routes:
        for angle in grid.angle:
            for delta in grid.delta:
                at = {"route": route.name, "angle": angle, "delta": delta}
                if not bool(routes.reentrant.sel(at)):
                    continue
                curve = cold_curve(grid, route, angle, delta)
                tc_cold.loc[at] = curve
                rise_cold.loc[at] = sampled_minimum(curve)[1]
    threshold = grid.noise_factor * grid.tolerance * routes.tc.isel(field=0)
    confirmed = routes.reentrant & (rise_cold > threshold)
    return routes.assign(
        tc_cold=tc_cold.assign_attrs(long_name="T_c, every field solved on its own"),
        rise_cold=rise_cold.assign_attrs(
            units=routes.rise.attrs["units"], long_name="sampled rise of the cold curve"
        ),
        confirmed=confirmed.assign_attrs(long_name="minimum confirmed by the cold curve"),
    )


def spec_energy(model: str) -> str:
    """Energy unit of a preset's parameters: ``meV`` (physical) or ``k_B T_c0`` (reduced)."""
    return "meV" if preset(model).units == "physical" else "k_B T_c0"


def search_routes(
    grid: RouteGrid | None = None,
    *,
    store: str | Path | None = None,
    client: Client | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> xr.Dataset:
    """Solve every route of ``grid`` on the sweep engine and judge its curves.

    Parameters
    ----------
    grid
        The routes, angles, ``delta`` values and fields (default :class:`RouteGrid`).
    store
        Directory of the sweep stores, one ``<route>_<angle>.zarr`` each; an interrupted search
        resumes from it.  None: a temporary directory, removed afterwards.
    client
        dask client; None starts a local cluster of ``workers`` single-threaded processes if
        any point is missing.
    progress
        Callback ``progress(done, total)`` after each curve.

    Returns
    -------
    xarray.Dataset
        See :func:`routes_dataset`.
    """
    grid = RouteGrid() if grid is None else grid
    keys = {f"{r.name}_{a:g}": (r, a) for r in grid.routes for a in grid.angle}
    specs = {name: route_spec(grid, route, angle) for name, (route, angle) in keys.items()}
    sweeps = run_sweeps(
        specs, store, client, workers=workers, processes=workers > 1, progress=progress
    )
    return routes_dataset(
        grid, {(route.name, angle): sweeps[name] for name, (route, angle) in keys.items()}
    )
