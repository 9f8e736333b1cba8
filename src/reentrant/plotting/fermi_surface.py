"""Fig. 3a analogue (Fermi surface near the van Hove point) and the density of states of Eq. (1).

The physics comes from :mod:`reentrant.models.saddle`; this module only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.saddle import (
    density_of_states,
    fermi_surface_minima,
    illustrative_pair_momentum,
    lattice_saddle_energy,
    pairing_partners,
    spin_texture_x,
    upper_branch_fermi_py,
)

_SPIN_COLOURS = {1.0: "tab:red", -1.0: "tab:blue"}


def _parameters(model: BandModel) -> tuple[float, float, float, float]:
    """(M, m, beta, cutoff); the model itself is validated by the saddle functions."""
    fermi_surface_minima(model)
    disp = model.dispersion
    return disp.mass_heavy, disp.mass_light, float(model.soc_linear()[0, 0]), disp.cutoff


def _segments_by_spin(
    ax: Axes, px: np.ndarray, py: np.ndarray, spin: np.ndarray, **style: object
) -> None:
    """Draw ``(px, +-py)`` with the colour of ``<sigma_x>``, breaking lines where it flips."""
    for s, colour in _SPIN_COLOURS.items():
        y = np.where(spin == s, py, np.nan)
        for sheet in (1.0, -1.0):
            ax.plot(px, sheet * y, color=colour, **style)


def _spin_arrows(
    ax: Axes, px: np.ndarray, py: np.ndarray, spin: np.ndarray, count: int = 6
) -> None:
    """Arrows along +-x showing ``<sigma_x>`` at ``count`` points on each sheet."""
    found = np.nonzero(np.isfinite(py) & (spin != 0))[0]
    if found.size == 0:
        return
    pick = found[np.linspace(0, found.size - 1, count).astype(int)]
    for sheet in (1.0, -1.0):
        ax.quiver(
            px[pick],
            sheet * py[pick],
            spin[pick],
            np.zeros(pick.size),
            color=[_SPIN_COLOURS[float(s)] for s in spin[pick]],
            pivot="middle",
            angles="uv",
            scale=25,
            width=0.005,
        )


def _draw_bz(ax: Axes, model: BandModel, a_x: float, a_y: float, unit: str) -> None:
    big_m, m, beta, _ = _parameters(model)
    kx = np.linspace(-1.3 * np.pi / a_x, 1.3 * np.pi / a_x, 521)
    ky = np.linspace(-np.pi / a_y, np.pi / a_y, 401)
    energy = lattice_saddle_energy(kx[None, :], ky[:, None], big_m, m, a_x, a_y)
    level = model.mu - big_m * beta**2 / 2
    ax.contour(kx, ky, energy, levels=[level], colors="k")
    ax.contour(kx, ky, energy, levels=[0.0], colors="0.5", linestyles=":")
    ax.plot(*_box(np.pi / a_x, np.pi / a_y), color="k", lw=0.8)
    ax.plot([np.pi / a_x, -np.pi / a_x], [0, 0], "o", color="tab:green", ms=5)
    ax.annotate(r"$\Gamma$", (0, 0), ha="center", va="center")
    ax.annotate(
        "X (van Hove)", (np.pi / a_x, 0), xytext=(-34, 6), textcoords="offset points", ha="right"
    )
    ax.set(
        xlabel=rf"$k_x$ along $[001]$ ({unit})",
        ylabel=rf"$k_y$ along $[1\overline{{1}}0]$ ({unit})",
        title=r"Brillouin zone, no SOC ($\mu - M\beta^2/2$ from the saddle)",
    )


def _box(half_x: float, half_y: float, centre_x: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    x = centre_x + half_x * np.array([-1, 1, 1, -1, -1])
    y = half_y * np.array([-1, -1, 1, 1, -1])
    return x, y


def plot_fermi_surface(
    model: BandModel,
    zeeman: float,
    *,
    pair_momentum: tuple[float, float] | None = None,
    lattice_constants: tuple[float, float] | None = None,
    points: int = 2001,
    axes: Sequence[Axes] | None = None,
    momentum_unit: str = "model units",
    energy_unit: str = "model units",
) -> Figure:
    """Fig. 3a analogue: the BZ without SOC (left) and the zoom on the van Hove region (right).

    Right panel, all for the upper branch of Eq. (2): the Fermi surface without SOC (dashed,
    ``beta = 0``), with SOC at ``B = 0`` (thin) and with SOC and the field ``zeeman = lambda B``
    (thick), coloured and arrowed by ``<sigma_x>`` (red +x, blue -x); the minima at
    ``p_x = +-beta M`` (dotted lines) with arrows showing how the field moves them; and, as
    filled circles, the states ``p`` whose partner ``-p + Q`` is on the same Fermi surface with
    opposite spin (:func:`~reentrant.models.saddle.pairing_partners`; open circles at ``B = 0``
    with ``Q = 0``, filled ones in the field).

    Parameters
    ----------
    model
        Band model of the form of Eq. (1) (``Saddle`` + ``AnisotropicSOC``), model units.
    zeeman
        ``h = lambda B`` of the field curve, model energy units.
    pair_momentum
        ``Q`` for the field curve; default ``(+-2 sqrt(|h| M), 0)``, the ``Q_x`` pairing a state
        with the surviving minimum (an illustration, not the T_c-optimal ``Q``).
    lattice_constants
        ``(a_x, a_y)`` of the lattice band drawn on the left (same M, m at the saddle);
        default ``a_x = pi / (2 P)`` with P the momentum cutoff and ``a_y = a_x sqrt(M / 2m)``.
    points
        Number of ``p_x`` samples across the cutoff window.
    axes
        Two axes to draw on (default: a new figure).
    momentum_unit, energy_unit
        Units of the model's momenta and energies, for the axis and legend labels (e.g.
        ``"nm$^{-1}$"`` and ``"meV"`` for a physical preset).
    """
    big_m, m, beta, cutoff = _parameters(model)
    h = validate.finite("zeeman", zeeman)
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(11.0, 4.2), layout="constrained")
    elif len(axes) != 2:
        raise ParameterError("axes must hold exactly two Axes")
    left, right = axes
    if lattice_constants is None:
        a_x = np.pi / (2 * cutoff)
        lattice_constants = (a_x, a_x * np.sqrt(big_m / (2 * m)))
    a_x = validate.positive("lattice_constants[0]", lattice_constants[0])
    a_y = validate.positive("lattice_constants[1]", lattice_constants[1])
    _draw_bz(left, model, a_x, a_y, momentum_unit)

    half = min(cutoff, max(1.8 * abs(beta) * big_m, 0.5 * cutoff))
    px = np.linspace(-half, half, int(points))
    bare = BandModel(model.dispersion, (), model.mu)
    py_bare = upper_branch_fermi_py(bare, px)
    right.plot(px, py_bare, "--", color="0.5", label="no SOC", gid="no-soc")
    right.plot(px, -py_bare, "--", color="0.5", gid="no-soc")
    curves = (
        (0.0, 1.0, "SOC, B = 0", "soc"),
        (h, 2.2, f"SOC + field, h = {h:.3g} {energy_unit}", "field"),
    )
    for field, lw, label, gid in curves:
        py = upper_branch_fermi_py(model, px, field)
        spin = spin_texture_x(model, px, field)
        _segments_by_spin(right, px, py, spin, lw=lw, gid=gid)
        right.plot([], [], color="k", lw=lw, label=label)
        _spin_arrows(right, px, py, spin)

    zero, moved = fermi_surface_minima(model, 0.0), fermi_surface_minima(model, h)
    for s in (1, -1):
        right.axvline(float(zero.px.sel(spin=s)), color="0.3", ls=":", lw=0.8, gid="minimum")
        start, end = float(zero.py.sel(spin=s)), float(moved.py.sel(spin=s))
        if np.isfinite(start) and np.isfinite(end) and start != end:
            x = float(zero.px.sel(spin=s))
            right.annotate("", (x, end), (x, start), arrowprops={"arrowstyle": "->", "lw": 1.2})
    right.plot([], [], ":", color="0.3", label=r"$p_x = \pm\beta M$")

    q = illustrative_pair_momentum(model, h, points) if pair_momentum is None else pair_momentum
    pairs0 = pairing_partners(model, 0.0, (0.0, 0.0), points=41)
    pairs = pairing_partners(model, h, q, points)
    right.plot(
        pairs0.px, pairs0.py, "o", mfc="none", color="k", ms=4, label="pairs at B = 0", gid="pairs0"
    )
    right.plot(
        pairs.px,
        pairs.py,
        "o",
        color="k",
        ms=6,
        label=f"pairs p, -p+Q, Q = ({q[0]:.3g}, {q[1]:.3g}) {momentum_unit}",
        gid="pairs",
    )
    right.set(
        xlim=(-half, half),
        xlabel=rf"$p_x = k_x - \pi/a_{{[001]}}$ ({momentum_unit})",
        ylabel=f"$p_y$ ({momentum_unit})",
        title="van Hove region: upper branch, Eq. (2)",
    )
    right.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    left.plot(*_box(half, np.nanmax(np.abs(py_bare)), np.pi / a_x), color="tab:orange", lw=1)
    return left.figure


def plot_density_of_states(
    model: BandModel,
    energies: ArrayLike,
    zeemans: Sequence[float] = (0.0,),
    *,
    ax: Axes | None = None,
) -> Figure:
    """DOS of Eq. (1) against energy for several fields, van Hove energies and mu marked.

    Curves from :func:`reentrant.models.saddle.density_of_states`; dashed lines at the
    logarithmic peaks ``E = M beta^2/2 +- h`` and a grey line at ``mu``.  Units as in the model
    (states per energy per area).
    """
    big_m, _, beta, _ = _parameters(model)
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
    finite_max = 0.0
    for h in zeemans:
        dos = density_of_states(model, energies, h)
        values = dos.values
        finite_max = max(finite_max, float(np.max(values[np.isfinite(values)], initial=0.0)))
        (line,) = ax.plot(dos.energy, values, label=f"h = {h:g}", gid="dos")
        for s in (1, -1):
            peak = big_m * beta**2 / 2 + s * h
            ax.axvline(peak, color=line.get_color(), ls="--", lw=0.7, gid="van-hove")
    ax.axvline(model.mu, color="0.5", lw=1.0, label=r"$\mu$")
    ax.set_ylim(0, 1.05 * finite_max if finite_max > 0 else 1.0)
    ax.set(xlabel="energy", ylabel="density of states (per energy per area)")
    ax.legend(fontsize="small")
    return ax.figure


def plot_minima_vs_field(model: BandModel, zeemans: ArrayLike, *, ax: Axes | None = None) -> Figure:
    """Depth ``p_y^2/2m`` of the two upper-branch Fermi-surface minima against ``h = lambda B``.

    From :func:`reentrant.models.saddle.fermi_surface_minima`: the minimum of species ``s`` at
    ``p_x = s beta M`` has ``p_y^2/2m = mu - M beta^2/2 - s h`` and exists while
    ``M beta^2 + s h > 0`` (dotted line at ``|h| = M beta^2``); a negative depth means the Fermi
    surface is open there.  Energies in model units.
    """
    big_m, _, beta, _ = _parameters(model)
    ds = fermi_surface_minima(model, validate.finite_array("zeemans", zeemans).ravel())
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
    for s in (1, -1):
        cut = ds.sel(spin=s)
        depth = np.where(cut.exists, cut.py_squared_over_2m, np.nan)
        ax.plot(
            ds.zeeman,
            depth,
            color=_SPIN_COLOURS[float(s)],
            label=rf"$p_x = {'+' if s > 0 else '-'}\beta M$, $\sigma_x = {s:+d}$",
            gid=f"minimum{s:+d}",
        )
    threshold = big_m * beta**2
    for h in (threshold, -threshold):
        ax.axvline(h, color="0.4", ls=":", lw=0.8, gid="threshold")
    ax.axhline(0.0, color="0.6", lw=0.6)
    ax.set(
        xlim=(float(ds.zeeman.min()), float(ds.zeeman.max())),
        xlabel=r"$h = \lambda B$",
        ylabel=r"$p_y^2/2m$ at the minimum",
    )
    ax.legend(fontsize="small")
    return ax.figure
