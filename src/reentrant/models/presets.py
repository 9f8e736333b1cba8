"""Built-in models, by name.

Reduced-unit presets are stated in units of their own zero-field T_c0 (k_B = hbar = 1): the
coupling is calibrated so that the uniform, zero-field T_c equals 1
(:func:`reentrant.pairing.tc.calibrate_interaction`).  ``--set KEY=VALUE`` on the CLI overrides
the parameters listed in each preset's ``defaults``.

* ``bcs-2d``: isotropic parabolic band, E_F >> omega_D >> T_c0, no SOC.
* ``rashba``: parabolic band with Rashba SOC ``alpha``; spin splitting ``2 alpha k_F = soc``.
* ``ising``: two valleys with Ising SOC ``tau soc sigma_z`` (spin splitting ``2 soc``).
* ``anisotropic-soc``: isotropic parabolic band (E_F >> omega_D >> T_c0) with the one-component
  SOC ``beta k_x sigma_x`` of Eq. (1); ``soc = |beta| k_F`` (half the largest spin splitting).
* ``saddle-soc``: the paper's Eq. (1), extended saddle with anisotropic SOC ``beta p_x sigma_x``;
  Fermi level ``delta`` above the zero-field saddle energy ``M beta^2 / 2`` of the SOC branches.
* ``lto-kto-110``: the same Eq. (1) in physical units (meV, nm^-1, m_e, K) for the (110)
  LaTiO3-KTaO3 interface; see :func:`_lto_kto_110` for the choice of every number.
* ``lto-kto-110-tb``: the same, with M, m, beta and g fitted to a tight-binding (110) KTaO3
  slab at the device's V_BG = 0 density (:mod:`reentrant.bands.preset`, computed on first
  use); delta as ``lto-kto-110``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from reentrant.bands.preset import FittedDefaults
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle, mass_from_me
from reentrant.models.soc import AnisotropicSOC, Ising, Rashba


@dataclass(frozen=True)
class Preset:
    """A named model family: defaults and a builder (model, cutoff) from parameters."""

    name: str
    description: str
    defaults: Mapping[str, float]
    build: Callable[[Mapping[str, float]], tuple[BandModel, float]]
    units: str = "reduced"

    def parameters(self, **overrides: float) -> dict[str, float]:
        """The defaults with ``overrides`` applied; unknown names and non-finite values raise."""
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
        return params

    def model(self, **overrides: float) -> tuple[BandModel, float]:
        """(band model, omega_D) with ``overrides`` applied to the defaults."""
        params = self.parameters(**overrides)
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


def _anisotropic(p: Mapping[str, float]) -> tuple[BandModel, float]:
    m, ef = p["mass"], p["fermi_energy"]
    beta = p["soc"] / np.sqrt(2 * m * ef)
    return BandModel(Parabolic(mass=m), (AnisotropicSOC(beta),), mu=ef), p["cutoff"]


def _saddle(p: Mapping[str, float]) -> tuple[BandModel, float]:
    big_m, beta = p["mass_heavy"], p["beta"]
    mu = big_m * beta**2 / 2 + p["delta"]
    disp = Saddle(mass_heavy=big_m, mass_light=p["mass_light"], cutoff=p["momentum_cutoff"])
    return BandModel(disp, (AnisotropicSOC(beta),), mu=mu), p["cutoff"]


def _lto_kto_110(p: Mapping[str, float]) -> tuple[BandModel, float]:
    """Eq. (1) of Maryenko et al. in physical units: (band model in meV and nm^-1, omega_D meV).

    Parameters (``p``), chosen from published KTaO3 facts, *not* fitted to the re-entrance:

    * ``mass_heavy = 5 m_e``, ``mass_light = 0.4 m_e``: the KTaO3 t2g conduction bands have a
      light mass of about 0.3-0.5 m_e and a heavy mass of several m_e along the flat direction
      of each d_xy/d_yz/d_zx orbital (ARPES of KTaO3 2DEGs, King et al., PRL 108, 117602 (2012);
      Santander-Syro et al., PRB 86, 121107 (2012)); the paper's Fig. 1b shows nearly flat
      bands along Gamma-X, hence ``M >> m`` at the upper end of that range.
    * ``beta = -5 meV nm`` (paper: beta < 0): an order-of-magnitude choice inside the range of
      linear-in-k spin-splitting coefficients discussed for KTaO3 interfaces (1-30 meV nm);
      with M = 5 m_e it gives a spin splitting ``2 M beta^2`` of about 3 meV at the
      Fermi-surface minima ``p_x = +-beta M``, i.e. a few meV.
    * ``delta = 3 meV``: the Fermi level lies "around" the flat-band region (Fig. 1b), above
      the van Hove energy; the distance is not measured.  3 meV keeps mu above the van Hove
      energy over the whole gate range of the device (-200..+180 V moves mu by about -1.4 to
      +1.3 meV, :func:`reentrant.device.default_device`), which the measured trend needs: T_c
      rises while the Hall density falls as V_BG falls (Fig. 1e), i.e. the density of states at
      mu grows as mu approaches the van Hove energy from above.  Its effect on T_c(B) is mapped
      by the re-entrance search (:mod:`reentrant.sweep.search`).
    * ``momentum_cutoff = 2 nm^-1``: the effective-mass expansion about pi/a_[001]
      (pi/a = 7.9 nm^-1 for a = 0.399 nm) is kept to a quarter of the half zone.
    * ``cutoff = 1 meV``: an attraction shell of order the soft polar phonon energy of KTaO3
      (a few meV) but below it, so ``omega_D << mu``.
    * ``g_factor = 2``: the effective Lande factor lambda as ``(g/2) mu_B`` with the free-electron
      value, as in the paper's Clogston estimate ``B_P = 1.86 T/K x T_c``.
    * ``tc0 = 0.4 K``: the measured zero-field T_c (Fig. 1e, 0.3-0.5 K over the gate range).
    """
    big_m = mass_from_me(p["mass_heavy"])
    beta = p["beta"]
    mu = big_m * beta**2 / 2 + p["delta"]
    disp = Saddle(
        mass_heavy=big_m, mass_light=mass_from_me(p["mass_light"]), cutoff=p["momentum_cutoff"]
    )
    return BandModel(disp, (AnisotropicSOC(beta),), mu=mu), p["cutoff"]


#: The light band beside the saddle: (mass, Fermi energy) in physical units (m_e, meV) -- 0.4
#: m_e, the light t2g mass of KTaO3 (King et al., PRL 108, 117602 (2012)), its bottom 20 meV
#: below the Fermi level (a choice) -- and in reduced units (those of ``bcs-2d``:
#: E_F >> omega_D >> T_c0).
LIGHT_BAND = {"physical": (0.4, 20.0), "reduced": (0.5, 2000.0)}


def light_band(units: str) -> BandModel:
    """A light isotropic parabolic band without spin-orbit coupling (Pauli-limited).

    The second band of a multiband model (:class:`reentrant.pairing.model.PairingModel`
    ``extra_bands``), in the model's ``units`` (``"physical"``: meV, nm^-1, mass in m_e
    converted; ``"reduced"``: energies in k_B T_c0), with the values of :data:`LIGHT_BAND`.
    """
    if units not in LIGHT_BAND:
        raise ParameterError(f"units must be one of {', '.join(LIGHT_BAND)}, got {units!r}")
    mass, fermi = LIGHT_BAND[units]
    return BandModel(Parabolic(mass_from_me(mass) if units == "physical" else mass), mu=fermi)


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
    "anisotropic-soc": Preset(
        "anisotropic-soc",
        "parabolic band with one-component SOC beta k_x sigma_x; soc = |beta| k_F (reduced units)",
        {"fermi_energy": 2000.0, "cutoff": 40.0, "mass": 0.5, "soc": 5.0},
        _anisotropic,
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
    "lto-kto-110": Preset(
        "lto-kto-110",
        "(110) LaTiO3-KTaO3: Eq. (1) in meV, nm^-1 and m_e; field in T via g_factor, T_c in K",
        {
            "mass_heavy": 5.0,
            "mass_light": 0.4,
            "beta": -5.0,
            "delta": 3.0,
            "momentum_cutoff": 2.0,
            "cutoff": 1.0,
            "g_factor": 2.0,
            "tc0": 0.4,
        },
        _lto_kto_110,
        units="physical",
    ),
    "lto-kto-110-tb": Preset(
        "lto-kto-110-tb",
        "Eq. (1) fitted to the tight-binding (110) KTaO3 slab at V_BG = 0 (reentrant.bands)",
        FittedDefaults(),
        _lto_kto_110,
        units="physical",
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
