"""Built-in models, by name.

Reduced-unit presets are stated in units of their own zero-field T_c0 (k_B = hbar = 1): the
coupling is calibrated so that the uniform, zero-field T_c equals 1
(:func:`reentrant.pairing.tc.calibrate_interaction`).  ``--set KEY=VALUE`` on the CLI overrides
the parameters listed in each preset's ``defaults``.

* ``bcs-2d``: isotropic parabolic band, E_F >> omega_D >> T_c0, no SOC.
* ``rashba``: parabolic band with Rashba SOC ``alpha``; spin splitting ``2 alpha k_F = soc``.
* ``ising``: two valleys with Ising SOC ``tau soc sigma_z`` (spin splitting ``2 soc``).
* ``saddle-soc``: the paper's Eq. (1), extended saddle with anisotropic SOC ``beta p_x sigma_x``;
  Fermi level ``delta`` above the zero-field saddle energy ``M beta^2 / 2`` of the SOC branches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle
from reentrant.models.soc import AnisotropicSOC, Ising, Rashba


@dataclass(frozen=True)
class Preset:
    """A named model family: defaults and a builder (model, cutoff) from parameters."""

    name: str
    description: str
    defaults: Mapping[str, float]
    build: Callable[[Mapping[str, float]], tuple[BandModel, float]]
    units: str = "reduced"

    def model(self, **overrides: float) -> tuple[BandModel, float]:
        """(band model, omega_D) with ``overrides`` applied to the defaults."""
        unknown = sorted(set(overrides) - set(self.defaults))
        if unknown:
            raise ParameterError(
                f"unknown parameter {unknown[0]!r} for model {self.name!r}; "
                f"known: {', '.join(sorted(self.defaults))}"
            )
        params = {**self.defaults, **{k: float(v) for k, v in overrides.items()}}
        for key, value in params.items():
            if not np.isfinite(value):
                raise ParameterError(f"{key} must be finite, got {value!r}")
        return self.build(params)


def _bcs(p: Mapping[str, float]) -> tuple[BandModel, float]:
    # eps = k^2 / 2m with m = 1/2: k_F = sqrt(E_F)
    return BandModel(Parabolic(mass=p["mass"]), mu=p["fermi_energy"]), p["cutoff"]


def _rashba(p: Mapping[str, float]) -> tuple[BandModel, float]:
    m, ef = p["mass"], p["fermi_energy"]
    k_f = np.sqrt(2 * m * ef)
    alpha = p["soc"] / (2 * k_f)
    return BandModel(Parabolic(mass=m), (Rashba(alpha),), mu=ef), p["cutoff"]


def _ising(p: Mapping[str, float]) -> tuple[BandModel, float]:
    return (
        BandModel(Parabolic(mass=p["mass"]), (Ising(p["soc"]),), mu=p["fermi_energy"]),
        p["cutoff"],
    )


def _saddle(p: Mapping[str, float]) -> tuple[BandModel, float]:
    big_m, beta = p["mass_heavy"], p["beta"]
    mu = big_m * beta**2 / 2 + p["delta"]
    disp = Saddle(mass_heavy=big_m, mass_light=p["mass_light"], cutoff=p["momentum_cutoff"])
    return BandModel(disp, (AnisotropicSOC(beta),), mu=mu), p["cutoff"]


PRESETS: dict[str, Preset] = {
    "bcs-2d": Preset(
        "bcs-2d",
        "isotropic parabolic band, no SOC (reduced units, T_c0 = 1)",
        {"fermi_energy": 2000.0, "cutoff": 40.0, "mass": 0.5},
        _bcs,
    ),
    "rashba": Preset(
        "rashba",
        "parabolic band with Rashba SOC; soc = spin splitting 2 alpha k_F (reduced units)",
        {"fermi_energy": 2000.0, "cutoff": 40.0, "mass": 0.5, "soc": 200.0},
        _rashba,
    ),
    "ising": Preset(
        "ising",
        "two valleys with Ising SOC tau*soc*sigma_z (reduced units)",
        {"fermi_energy": 2000.0, "cutoff": 40.0, "mass": 0.5, "soc": 5.0},
        _ising,
    ),
    "saddle-soc": Preset(
        "saddle-soc",
        "extended saddle with beta p_x sigma_x, Eq. (1) of Maryenko et al. (reduced units)",
        {
            "mass_heavy": 20.0,
            "mass_light": 1.0,
            "beta": -2.0,
            "delta": 3.0,
            "momentum_cutoff": 100.0,
            "cutoff": 10.0,
        },
        _saddle,
    ),
}


def preset(name: str) -> Preset:
    """The built-in preset called ``name``."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ParameterError(
            f"unknown model {name!r}; choose one of {', '.join(sorted(PRESETS))}"
        ) from None
