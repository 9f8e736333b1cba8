"""Defaults of the ``lto-kto-110-tb`` preset: Eq. (1) fitted to the default (110) slab.

The slab (:class:`reentrant.bands.slab.SlabModel` with its default parameters) is filled in
the triangular well of the interface field (:func:`reentrant.bands.interface.interface_state`)
to the device's sheet density at V_BG = 0 (:class:`reentrant.device.gate.BackGate`,
``density_at_zero_nm2``), and Eq. (1) is fitted around the X saddle nearest E_F
(:func:`reentrant.bands.saddle.fit_saddle`).  The band's shape near the saddle --
``mass_heavy``, ``mass_light``, ``beta`` and the effective ``g_factor`` -- comes from that fit.

``delta``, ``momentum_cutoff``, ``cutoff`` and ``tc0`` are those of ``lto-kto-110``.  The fit
does give a Fermi level, but 280 meV *below* the X van Hove energy (the fit's ``delta``, kept
in :func:`preset_fit`): there Eq. (1) has no state at E_F inside its momentum cutoff, and no
pairing, device or report calculation could run on it.  The preset therefore asks what the
crystal's band shape does with the Fermi level where ``lto-kto-110`` puts it (3 meV above the
van Hove energy).

The fit runs on first use (15-30 s) and is cached for the process; nothing is
computed at import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

#: Parameters of the preset, the names of ``lto-kto-110``.
NAMES = (
    "mass_heavy",
    "mass_light",
    "beta",
    "delta",
    "momentum_cutoff",
    "cutoff",
    "g_factor",
    "tc0",
)

#: Parameters taken from the fit of Eq. (1); the others are ``lto-kto-110``'s (module docstring).
FITTED = ("mass_heavy", "mass_light", "beta", "g_factor")


@lru_cache(maxsize=1)
def preset_fit():
    """The Eq. (1) fit behind the preset (computed once per process)."""
    from reentrant.bands.interface import interface_state
    from reentrant.bands.saddle import fit_saddle
    from reentrant.device.gate import BackGate

    state = interface_state(BackGate().density_at_zero_nm2)
    return fit_saddle(state.model, state.mu)


@lru_cache(maxsize=1)
def preset_defaults() -> dict[str, float]:
    """The preset's default parameters (meV, nm^-1, m_e, g, K)."""
    from reentrant.models.presets import preset

    fit = preset_fit()
    base = preset("lto-kto-110").defaults
    return {name: float(getattr(fit, name) if name in FITTED else base[name]) for name in NAMES}


class FittedDefaults(Mapping):
    """Read-only mapping of :func:`preset_defaults`; the keys are known without the fit."""

    def __getitem__(self, key: str) -> float:
        if key not in NAMES:
            raise KeyError(key)
        return preset_defaults()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(NAMES)

    def __len__(self) -> int:
        return len(NAMES)

    def __repr__(self) -> str:
        return f"FittedDefaults({', '.join(NAMES)})"
