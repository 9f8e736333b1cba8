"""Everything about the interface at one density, in one dataset: the data of Fig. 1b.

:func:`overview` fills the interface (:func:`reentrant.bands.interface.interface_state`),
fits Eq. (1) at X (:func:`reentrant.bands.saddle.fit_saddle`) and collects the Y-Gamma-X band
path (:func:`reentrant.bands.spectrum.band_path`), the cut through the fitted saddle
(:func:`reentrant.bands.saddle.saddle_cut`) and the layer profile into one NetCDF-ready
dataset; the fit's numbers are its attrs.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from reentrant.bands.interface import interface_state
from reentrant.bands.saddle import SaddleFit, fit_saddle, saddle_cut
from reentrant.bands.spectrum import band_path
from reentrant.bands.state import InterfaceState

#: Energy window (meV from E_F, below and above max(E_F, E_vH)) of the band path.
PATH_MARGIN = 60.0


def profile(state: InterfaceState) -> xr.Dataset:
    """Layer densities (nm^-2), potential (meV) and field (V/m) across the slab."""
    electro = state.electrostatics
    return xr.Dataset(
        {
            "layer_density": ("layer", state.filling.layer_density, {"units": "nm^-2"}),
            "potential": ("layer", np.asarray(state.model.potential), {"units": "meV"}),
            "layer_field": ("layer", electro.field[:-1], {"units": "V/m"}),
        },
        coords={"depth": ("layer", state.model.depths(), {"units": "nm"})},
    )


def overview(
    density: float, *, points: int = 81, window: float = 10.0, **options
) -> tuple[xr.Dataset, SaddleFit, InterfaceState]:
    """(dataset, fit, state) of the interface at ``density`` (nm^-2).

    ``options`` go to :func:`reentrant.bands.interface.interface_state`; ``points`` is the
    number of k points of the band path and of the saddle cut, ``window`` the energy span
    (meV) of the Eq. (1) fit.
    """
    state = interface_state(density, **options)
    fit = fit_saddle(state.model, state.mu, window=window)
    top = max(0.0, fit.van_hove_energy - state.mu) + PATH_MARGIN
    path = band_path(state.model, state.mu, points=points, window=(-PATH_MARGIN, top))
    cut = saddle_cut(state.model, fit, points=points)
    data = xr.merge([path, cut, profile(state)], combine_attrs="no_conflicts")
    data.attrs.update(
        density_nm2=float(density),
        confinement=state.confinement,
        layers=int(state.model.layers),
        gate_density_nm2=float(state.gate_density),
        **{f"stderr_{k}": float(v) for k, v in fit.stderr.items()},
    )
    return data, fit, state
