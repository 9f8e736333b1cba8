"""Every mechanism by name, with default parameters, and construction from ``name=value`` settings.

The defaults describe the (110) LaTiO3-KTaO3 interface where a value is needed: ``T_c0 =
0.4 K`` and ``g = 2`` (the ``lto-kto-110`` preset); ``B_orb = 6 T`` and ``h_J = 0.3 meV`` as in
the report; ``hbar/tau_so = 15 meV`` (``lambda_so = 92``), which puts the spin-orbit-scattering
critical field near 9.5 T, above the paper's 9 T at 90 mK; magnetic impurities with
``alpha_s(0) = 0.02 meV`` (T_c(0) = 0.2 K) of spin 1/2, whose T_c rises with field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from reentrant.errors import ParameterError
from reentrant.mechanisms.base import Mechanism
from reentrant.mechanisms.fulde_ferrell import FuldeFerrell
from reentrant.mechanisms.jaccarino_peter import JaccarinoPeter
from reentrant.mechanisms.magnetic_impurities import MagneticImpurities
from reentrant.mechanisms.orbital import OrbitalPairBreaking
from reentrant.mechanisms.paper_model import PaperModel
from reentrant.mechanisms.pauli import PauliLimit
from reentrant.mechanisms.spin_orbit_scattering import SpinOrbitScattering
from reentrant.mechanisms.thin_film_gl import ThinFilmGL

_TC0_K = 0.4

#: Mechanism name -> factory of the mechanism with its default parameters.
MECHANISMS: Mapping[str, Callable[[], Mechanism]] = {
    "pauli": lambda: PauliLimit(_TC0_K),
    "fulde-ferrell": lambda: FuldeFerrell(_TC0_K),
    "orbital": lambda: OrbitalPairBreaking(_TC0_K, orbital_field_t=6.0),
    "jaccarino-peter": lambda: JaccarinoPeter(_TC0_K, exchange_field_mev=0.3),
    "spin-orbit-scattering": lambda: SpinOrbitScattering(_TC0_K, so_energy_mev=15.0),
    "magnetic-impurities": lambda: MagneticImpurities(
        _TC0_K, impurity_pair_breaking_mev=0.02, so_energy_mev=15.0
    ),
    "thin-film-gl": lambda: ThinFilmGL(_TC0_K, critical_field_t=10.0),
    "paper-model": PaperModel,
}


def settable_parameters(mechanism: Mechanism) -> dict[str, float | None]:
    """Parameters a user may set by name: the fit parameters plus optional ones now off (None)."""
    out: dict[str, float | None] = dict(mechanism.fit_parameters())
    for field in dataclasses.fields(mechanism):
        if getattr(mechanism, field.name) is None:
            out[field.name] = None
    return out


def default_mechanism(name: str) -> Mechanism:
    """The mechanism ``name`` with its default parameters (see :data:`MECHANISMS`)."""
    if name not in MECHANISMS:
        raise ParameterError(f"unknown mechanism {name!r}; choose one of {', '.join(MECHANISMS)}")
    return MECHANISMS[name]()


def configure(name: str, settings: Mapping[str, float] | None = None) -> Mechanism:
    """The mechanism ``name`` with its defaults changed by ``settings`` (validated).

    Raises
    ------
    ParameterError
        Unknown mechanism, a setting that is not one of its parameters (the message lists
        them), or a value the mechanism rejects.
    """
    mechanism = default_mechanism(name)
    settings = dict(settings or {})
    known = settable_parameters(mechanism)
    unknown = sorted(set(settings) - set(known))
    if unknown:
        raise ParameterError(
            f"unknown parameter {', '.join(map(repr, unknown))} of mechanism {name!r}; "
            f"known: {', '.join(known)}"
        )
    return mechanism.with_fit_parameters(**settings) if settings else mechanism
