r"""Eq. (1) parameters of the interface as functions of the sheet density and the back gate.

For each density the interface is filled (:func:`reentrant.bands.interface.interface_state`)
and Eq. (1) fitted at its X saddle (:func:`reentrant.bands.saddle.fit_saddle`).  Through the
device's gate model (:class:`reentrant.device.gate.BackGate`) a gate voltage gives the density
``n(V_BG) = n(0) + Delta n(V_BG)`` and the gate-induced part ``n_g = Delta n(V_BG)`` that sets
the field beyond the electron gas.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from reentrant.bands.interface import interface_state
from reentrant.bands.saddle import SaddleFit, fit_saddle
from reentrant.device.gate import BackGate
from reentrant.validate import finite_array

#: (name, units) of the per-density results.
QUANTITIES = (
    ("mass_heavy", "m_e"),
    ("mass_light", "m_e"),
    ("beta", "meV nm"),
    ("delta", "meV"),
    ("van_hove_energy", "meV"),
    ("mu", "meV"),
    ("g_factor", "1"),
    ("rms", "meV"),
    ("max_error", "meV"),
)


def _fits(
    densities: np.ndarray,
    gate_densities: np.ndarray,
    progress: Callable[[int, int], None] | None,
    **options,
) -> list[SaddleFit]:
    fit_options = {k: options.pop(k) for k in ("window", "points") if k in options}
    out = []
    for index, (n, n_g) in enumerate(zip(densities, gate_densities, strict=True)):
        state = interface_state(float(n), gate_density=float(n_g), **options)
        out.append(fit_saddle(state.model, state.mu, **fit_options))
        if progress is not None:
            progress(index + 1, len(densities))
    return out


def _dataset(fits: list[SaddleFit], dim: str, coords: dict) -> xr.Dataset:
    data = {
        name: (dim, np.array([getattr(f, name) for f in fits]), {"units": units})
        for name, units in QUANTITIES
    }
    for name in ("mass_heavy", "mass_light", "beta"):
        stderr = np.array([f.stderr[name] for f in fits])
        data[f"{name}_stderr"] = (dim, stderr, {"units": data[name][2]["units"]})
    return xr.Dataset(data, coords=coords)


def saddle_vs_density(
    densities: ArrayLike,
    *,
    progress: Callable[[int, int], None] | None = None,
    **options,
) -> xr.Dataset:
    """Eq. (1) fitted at each sheet density (nm^-2); options go to ``interface_state`` and
    ``fit_saddle`` (``window``, ``points``)."""
    n = finite_array("densities", densities).ravel()
    fits = _fits(n, np.zeros_like(n), progress, **options)
    return _dataset(fits, "density", {"density": ("density", n, {"units": "nm^-2"})})


def saddle_vs_gate(
    gate_voltages: ArrayLike,
    gate: BackGate | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    **options,
) -> xr.Dataset:
    """Eq. (1) fitted at each back-gate voltage (V) through the gate model's n(V_BG).

    The gate's permittivity is used for the interface too, unless ``permittivity`` is given.
    """
    gate = gate or BackGate()
    v = finite_array("gate_voltages", gate_voltages).ravel()
    n, n_g = gate.density(v), gate.induced_density(v)
    options.setdefault("permittivity", gate.permittivity)
    fits = _fits(n, n_g, progress, **options)
    return _dataset(
        fits,
        "gate_voltage",
        {
            "gate_voltage": ("gate_voltage", v, {"units": "V"}),
            "density": ("gate_voltage", n, {"units": "nm^-2"}),
        },
    )
