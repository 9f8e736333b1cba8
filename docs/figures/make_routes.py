"""Run the extended re-entrance search and write its NetCDF results and figures here.

Stages (each resumable from the sweep stores under ``--store``):

* ``reduced``: :class:`reentrant.sweep.routes.RouteGrid` on ``saddle-soc`` (delta = -1, 0.5,
  3 k_B T_c0, h = 0 ... 3 k_B T_c0 in 25 steps): the fixed-mu routes at field angles 0, 45 and
  90 deg, the fixed-density routes at 0 deg only (each of their curves takes minutes: mu(h) is
  solved at every temperature) -> ``routes_saddle_soc.nc``;
* ``physical``: the routes that matter on ``lto-kto-110`` (B = 0 ... 12 T, T_c in K, the
  critical field at 90 mK) -> ``routes_lto_kto_110.nc``;
* ``figures``: the PNGs from the two NetCDF files.

A (route, angle) whose solver misses the tolerance 1e-3 at some field is solved again at 1e-2
(noise threshold 3e-2 T_c(0)); the ``tolerance`` variable says which applies to each curve.
Every curve judged re-entrant is solved again field by field without continuation
(:func:`reentrant.sweep.routes.check_minima`): ``confirmed`` says whether its minimum survives.
Run with one worker and one numba thread on a shared machine::

    NUMBA_NUM_THREADS=1 .venv/bin/python docs/figures/make_routes.py reduced --store /tmp/routes
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
import xarray as xr

from reentrant.io.output import save_figure, write_netcdf
from reentrant.plotting.routes import plot_route_curves, plot_route_map
from reentrant.sweep.routes import ROUTES, Route, RouteGrid, check_minima, search_routes

HERE = Path(__file__).resolve().parent
#: lto-kto-110 fields: dense below 2 T (the paper's minimum is near 0.9 T), then to 12 T.
PHYSICAL_FIELD = tuple(np.round(np.r_[np.arange(0.0, 2.0, 0.1), np.arange(2.0, 12.01, 0.5)], 6))
#: Routes solved in physical units: the theorem's setting, the triplet, a second band, and the
#: coupled singlet-triplet problem at V_t / V_s where its triplet takes over below 12 T.
PHYSICAL_ROUTES = (
    *(r for r in ROUTES if r.name in ("singlet", "singlet-upper", "triplet-y", "two-band-0.5")),
    *(Route(f"both-y-{v:g}", channel="both", d_vector="y", triplet_ratio=v) for v in (1.5, 2, 2.5)),
)
RETRY_TOLERANCE = 1e-2
_BOOLEAN = ("reentrant", "converged", "critical_field_above", "computed")


def progress_printer(start: float):
    """``progress(done, total)`` that prints to stderr."""

    def progress(done: int, total: int) -> None:
        print(f"{done}/{total} curves, {time.time() - start:.0f} s", file=sys.stderr, flush=True)

    return progress


def solve(grid: RouteGrid, store: Path) -> xr.Dataset:
    """``grid`` solved; its non-converged (route, angle) sweeps again at ``RETRY_TOLERANCE``."""
    start = time.time()
    ds = search_routes(grid, store=store, progress=progress_printer(start))
    ds["tolerance"] = xr.full_like(ds.depth, grid.tolerance).assign_attrs(
        units="1", long_name="relative tolerance on T_c"
    )
    for route in grid.routes:
        for angle in grid.angle:
            at = {"route": route.name, "angle": angle}
            if bool(ds.converged.sel(at).all()):
                continue
            loose = dataclasses.replace(
                grid, routes=(route,), angle=(angle,), tolerance=RETRY_TOLERANCE
            )
            retry = search_routes(loose, store=store / "retry", progress=progress_printer(start))
            retry["tolerance"] = xr.full_like(retry.depth, RETRY_TOLERANCE)
            failed = ~ds.converged.sel(at)
            for name in retry.data_vars:
                ds[name].loc[at] = ds[name].sel(at).where(~failed, retry[name].sel(at))
    return ds


def reduced(store: Path) -> xr.Dataset:
    """Fixed-mu routes at three angles, fixed-density routes at 0 deg, in one dataset."""
    fixed_mu = tuple(r for r in ROUTES if not r.fixed_density)
    fixed_n = tuple(r for r in ROUTES if r.fixed_density)
    parts = [
        solve(RouteGrid(routes=fixed_mu), store),
        solve(RouteGrid(routes=fixed_n, angle=(0.0,)), store),
    ]
    parts = [p.assign(computed=xr.ones_like(p.converged)) for p in parts]
    ds = xr.concat(parts, dim="route", join="outer", combine_attrs="override")
    for name in _BOOLEAN:
        if name in ds:
            ds[name] = ds[name].fillna(False).astype(bool)
    ds.computed.attrs["long_name"] = "curve computed (fixed density: 0 deg only)"
    return check_minima(RouteGrid(routes=fixed_mu + fixed_n), ds)


def physical(store: Path) -> xr.Dataset:
    """The ``lto-kto-110`` grid: preset delta = 3 meV, fields to 12 T, B_c at 90 mK."""
    grid = RouteGrid(
        model="lto-kto-110", routes=PHYSICAL_ROUTES, angle=(0.0, 45.0, 90.0), delta=(3.0,),
        field=PHYSICAL_FIELD, tolerance=1e-3, temperature=0.09,
    )  # fmt: skip
    return check_minima(grid, solve(grid, store))


def figures() -> None:
    """The PNGs of both stages."""
    ds = xr.load_dataset(HERE / "routes_saddle_soc.nc")
    for delta in ds.delta.values:
        fig = plot_route_curves(ds.sel(delta=delta))
        save_figure(fig, HERE / f"routes_saddle_soc_delta{delta:g}.png", dpi=100)
    save_figure(plot_route_map(ds), HERE / "routes_saddle_soc_map.png", dpi=110)
    ds = xr.load_dataset(HERE / "routes_lto_kto_110.nc")
    save_figure(plot_route_curves(ds.isel(delta=0)), HERE / "routes_lto_kto_110.png", dpi=100)
    save_figure(plot_route_map(ds), HERE / "routes_lto_kto_110_map.png", dpi=110)


def main() -> None:
    """Parse the stage and run it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=("reduced", "physical", "figures"))
    parser.add_argument("--store", type=Path, default=Path("/tmp/reentrant-routes"))
    args = parser.parse_args()
    if args.stage == "reduced":
        write_netcdf(reduced(args.store / "reduced"), HERE / "routes_saddle_soc.nc", force=True)
    elif args.stage == "physical":
        out = HERE / "routes_lto_kto_110.nc"
        write_netcdf(physical(args.store / "physical"), out, force=True)
    else:
        figures()


if __name__ == "__main__":
    main()
