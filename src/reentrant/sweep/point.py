"""One point of a sweep: the T_c(B) curve of a preset with given parameters.

:func:`solve_point` is the only place where the sweep engine calls the pairing solver.  Its
keyword-only parameters are the sweep's options (:data:`OPTIONS`): a spec may set any of them at
its top level, checked by :func:`check_options`, so an option added here reaches every sweep
without a change to the engine.

Units: the field is the preset's own sweep variable -- the in-plane field B in tesla for
physical presets (T_c in K), the Zeeman energy h in units of k_B T_c0 for reduced ones (T_c in
T_c0); see :class:`reentrant.pairing.model.PairingModel`.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import xarray as xr

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.presets import light_band
from reentrant.pairing.model import APPROXIMATIONS, CHANNELS, PairingModel
from reentrant.pairing.susceptibility import D_VECTORS, FORM_FACTORS
from reentrant.pairing.tc import FLAGS as SOLVER_FLAGS

#: Bits of the per-field ``flags`` variable (CF ``flag_masks`` / ``flag_meanings``): the
#: solver's (:data:`reentrant.pairing.tc.FLAGS`) and ``normal`` (tc = 0: no superconductivity
#: above the solver's lowest temperature).
FLAGS = {**SOLVER_FLAGS, "normal": 2 * max(SOLVER_FLAGS.values())}


def solve_point(
    model: str,
    params: Mapping[str, float],
    field: np.ndarray,
    *,
    approx: str = "full",
    tolerance: float = 1e-3,
    uniform: bool = False,
    angle: float = 0.0,
    channel: str = "singlet",
    d_vector: str = "soc",
    form_factor: str = "py",
    fixed_density: bool = False,
    second_band: bool = False,
    interband: float = 0.0,
) -> xr.Dataset:
    """T_c(B) and the optimal pair momentum of preset ``model`` with parameters ``params``.

    Parameters
    ----------
    model
        Preset name (:data:`reentrant.models.presets.PRESETS`).
    params
        Preset parameters that differ from its defaults (and ``triplet_ratio``).
    field
        Increasing fields: tesla for physical presets, h / k_B T_c0 for reduced ones.
    approx
        ``'full'`` (both spin branches) or ``'upper-branch'`` (the paper's Eq. (2)).
    tolerance
        Relative tolerance on T_c.
    uniform
        Fix the pair momentum Q = 0.
    angle
        In-plane field angle in degrees from the model's x axis.
    channel, d_vector, form_factor
        The pairing channel (:class:`reentrant.pairing.model.PairingModel`).
    fixed_density
        Hold the carrier density fixed instead of the chemical potential.
    second_band, interband
        Add the light, Pauli-limited band :func:`reentrant.models.presets.light_band` (in the
        preset's units) with the coupling matrix ``[[1, interband], [interband, 1]]``
        (:mod:`reentrant.pairing.multiband`; singlet channel only).

    Returns
    -------
    xarray.Dataset
        Over coordinate ``field``: ``tc``, ``q_x``, ``q_y`` and the integer ``flags``
        (:data:`FLAGS`); units in ``attrs``.
    """
    pairing = PairingModel.from_preset(
        model, channel=channel, d_vector=d_vector, form_factor=form_factor, **params
    )
    if second_band:
        pairing = dataclasses.replace(
            pairing,
            extra_bands=(light_band(pairing.units),),
            band_couplings=((1.0, interband), (interband, 1.0)),
        )
    ds = pairing.tc_curve(
        field, angle, uniform=uniform, tolerance=tolerance, approx=approx,
        fixed_density=fixed_density,
    )  # fmt: skip
    bits = ds.flags.values.astype(np.int16) | np.where(
        ds.superconducting.values, 0, FLAGS["normal"]
    )
    flags = xr.DataArray(
        bits.astype(np.int16),
        dims="field",
        attrs={
            "long_name": "per-field solver flags",
            "flag_masks": list(FLAGS.values()),
            "flag_meanings": " ".join(FLAGS),
        },
    )
    return ds[["tc", "q_x", "q_y"]].drop_vars("zeeman").assign(flags=flags)


def _keyword_defaults(function: Callable) -> dict[str, Any]:
    return {
        p.name: p.default
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }


#: The options of a sweep and their defaults: the keyword-only parameters of solve_point.
OPTIONS = _keyword_defaults(solve_point)

#: Checks of option values beyond their type (options without an entry take any value).
_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "approx": lambda name, v: validate.one_of(name, v, APPROXIMATIONS),
    "tolerance": validate.tolerance,
    "angle": validate.finite,
    "channel": lambda name, v: validate.one_of(name, v, CHANNELS),
    "d_vector": lambda name, v: validate.one_of(name, v, D_VECTORS),
    "form_factor": lambda name, v: validate.one_of(name, v, FORM_FACTORS),
    "interband": validate.finite,
}


def check_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """All options with defaults filled in; unknown names, wrong types and bad values raise.

    The type of each option is that of its default in :func:`solve_point` (a number for a
    float default, but never a boolean).
    """
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ParameterError(f"unknown option {unknown[0]!r}; known: {', '.join(OPTIONS)}")
    out = {}
    for name, default in OPTIONS.items():
        value = options.get(name, default)
        if isinstance(default, bool) or isinstance(value, bool):
            ok = isinstance(value, bool) and isinstance(default, bool)
        elif isinstance(default, int | float):
            ok = isinstance(value, int | float)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise ParameterError(f"{name} must be of type {type(default).__name__}, got {value!r}")
        if isinstance(default, float):
            value = float(value)
        out[name] = _CHECKS[name](name, value) if name in _CHECKS else value
    return out
