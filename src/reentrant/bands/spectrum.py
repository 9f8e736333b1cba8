r"""What the slab's subbands look like: Y-Gamma-X cuts, Fermi surfaces, DOS and van Hove points.

All functions take a :class:`~reentrant.bands.slab.SlabModel` (with its potential) and a
chemical potential ``mu`` in meV (e.g. from :func:`reentrant.bands.selfconsistent.
solve_poisson_schrodinger`) and return xarray objects with units in ``attrs``: energies in meV,
momenta in nm^-1 (x = [001], y = [1-10]), densities of states in states / (meV nm^2).

**Density of states** ``g(E) = sum_k w_k sum_b delta(E - E_b(k))`` on a midpoint grid over the
whole zone (mirror quarter, :mod:`reentrant.bands.filling`), each delta function a Gaussian of
width ``broadening`` (a histogram on bins of a fifth of the width, smoothed by a Gaussian
filter and interpolated to the requested energies).

**Van Hove points.**  At zero field every subband is a Kramers pair; at the time-reversal
invariant momenta Gamma, X, Y and S = (pi/a0, pi/(sqrt 2 a0)) the pair's mean energy has zero
gradient (mirror and time-reversal symmetry), and it is a saddle point (a logarithmic van Hove
singularity of the 2D DOS, L. Van Hove, Phys. Rev. 89, 1189 (1953)) where its curvatures along
k_x and k_y have opposite signs (central second differences with step ``1e-3`` of the zone).
Spin-orbit coupling splits each pair linearly away from these points; the saddle of the split
branches then moves off the zone boundary (Maryenko et al., Eq. (1); fitted by
:func:`reentrant.bands.saddle.fit_saddle`).
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike
from scipy.ndimage import gaussian_filter1d

from reentrant.bands import lattice
from reentrant.bands.filling import KGrid
from reentrant.bands.slab import SlabModel
from reentrant.errors import ParameterError
from reentrant.validate import finite, finite_array, positive

#: Step of the finite-difference curvatures, as a fraction of the zone half-width.
CURVATURE_STEP = 1e-3


def symmetry_points(a0: float = lattice.A0_NM) -> dict[str, tuple[float, float]]:
    """The time-reversal invariant momenta Gamma, X, Y, S (nm^-1)."""
    kx, ky = lattice.zone_boundary(a0)
    return {"Gamma": (0.0, 0.0), "X": (kx, 0.0), "Y": (0.0, ky), "S": (kx, ky)}


def _bands_in_window(energies: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Indices of the sorted bands that enter the energy window somewhere on the grid."""
    flat = energies.reshape(-1, energies.shape[-1])
    return np.nonzero((flat.max(axis=0) >= lo) & (flat.min(axis=0) <= hi))[0]


def band_path(
    model: SlabModel,
    mu: float,
    *,
    points: int = 161,
    window: tuple[float, float] = (-100.0, 100.0),
    field: ArrayLike = (0, 0, 0),
) -> xr.Dataset:
    """Subbands along Y-Gamma-X with spin, orbital and layer character.

    ``k`` is the signed distance from Gamma: negative towards Y (along k_y, [1-10]), positive
    towards X (along k_x, [001]).  Only bands that enter ``mu + window`` (meV) are kept.
    Variables: ``energy`` (meV), ``spin`` (<sigma> in slab axes), ``orbital`` (weights of yz,
    zx, xy), ``mean_depth`` (mean distance of the state from the interface Ta layer, nm).
    """
    mu = finite("mu", mu)
    if int(points) < 3:
        raise ParameterError(f"points must be >= 3, got {points}")
    sym = symmetry_points(model.lattice_constant)
    half = (int(points) + 1) // 2
    to_y = np.linspace(sym["Y"][1], 0.0, half)
    to_x = np.linspace(0.0, sym["X"][0], half)[1:]
    kx = np.concatenate([np.zeros(half), to_x])
    ky = np.concatenate([to_y, np.zeros(half - 1)])
    k = np.concatenate([-to_y, to_x])
    states = model.states(kx, ky, field)
    keep = _bands_in_window(states["energy"], mu + window[0], mu + window[1])
    states = {key: value[:, keep] for key, value in states.items()}
    depth = states["layer"] @ model.depths()
    coords = {
        "k": ("k", k, {"units": "nm^-1", "long_name": "distance from Gamma (Y < 0 < X)"}),
        "kx": ("k", kx, {"units": "nm^-1"}),
        "ky": ("k", ky, {"units": "nm^-1"}),
        "band": ("band", keep),
        "component": ("component", ["x", "y", "z"]),
        "orbital_name": ("orbital_name", ["yz", "zx", "xy"]),
    }
    return xr.Dataset(
        {
            "energy": (("k", "band"), states["energy"], {"units": "meV"}),
            "spin": (("k", "band", "component"), states["spin"], {"units": "1"}),
            "orbital": (("k", "band", "orbital_name"), states["orbital"], {"units": "1"}),
            "mean_depth": (("k", "band"), depth, {"units": "nm"}),
        },
        coords=coords,
        attrs={
            "mu_mev": mu,
            "window_mev": [float(window[0]), float(window[1])],
            "x_point_nm": sym["X"][0],
            "y_point_nm": sym["Y"][1],
            "field_t": list(np.asarray(field, dtype=float)),
            "axes": "x = [001], y = [1-10], z = [110]",
        },
    )


def fermi_surface(
    model: SlabModel,
    mu: float,
    *,
    extent: tuple[float, float] | None = None,
    points: int = 81,
    field: ArrayLike = (0, 0, 0),
) -> xr.DataArray:
    """E_b(k) - mu on a k_x-k_y grid for the bands crossing mu; the Fermi lines are its zeros.

    ``extent`` = (K_x, K_y) half-widths in nm^-1 (default the whole zone).
    """
    mu = finite("mu", mu)
    bx, by = lattice.zone_boundary(model.lattice_constant)
    ex, ey = (
        (bx, by)
        if extent is None
        else (positive("extent", extent[0]), positive("extent", extent[1]))
    )
    kx = np.linspace(-ex, ex, int(points))
    ky = np.linspace(-ey, ey, int(points))
    values = model.energies(kx[:, None], ky[None, :], field) - mu
    keep = _bands_in_window(values, 0.0, 0.0)
    return xr.DataArray(
        values[..., keep],
        dims=("kx", "ky", "band"),
        coords={"kx": ("kx", kx, {"units": "nm^-1"}), "ky": ("ky", ky, {"units": "nm^-1"}),
                "band": keep},
        name="energy",
        attrs={"units": "meV", "long_name": "E - mu", "mu_mev": mu},
    )  # fmt: skip


def density_of_states(
    model: SlabModel,
    energies: ArrayLike,
    *,
    spacing: float = 0.1,
    broadening: float = 2.0,
) -> xr.DataArray:
    """g(E) in states / (meV nm^2), both spins, Gaussian broadening (meV), whole zone."""
    e = finite_array("energies", energies).ravel()
    width = positive("broadening", broadening)
    grid = KGrid(spacing, lattice.zone_boundary(model.lattice_constant))
    kx, ky, weight, _ = grid.points(model.lattice_constant)
    values = model.energies(kx, ky)
    step = width / 5.0
    fine = np.arange(e.min() - 6 * width, e.max() + 6 * width + step, step)
    counts, _ = np.histogram(
        values.ravel(), bins=np.append(fine - step / 2, fine[-1] + step / 2),
        weights=np.repeat(weight, values.shape[-1]),
    )  # fmt: skip
    smooth = gaussian_filter1d(counts / step, width / step, mode="constant", truncate=6.0)
    dos = np.interp(e, fine, smooth)
    return xr.DataArray(
        dos,
        dims=("energy",),
        coords={"energy": ("energy", e, {"units": "meV"})},
        name="dos",
        attrs={"units": "1/(meV nm^2)", "broadening_mev": width, "spacing_nm": spacing},
    )


def van_hove_points(model: SlabModel, window: tuple[float, float]) -> xr.Dataset:
    """Saddle points of the Kramers-pair subbands at Gamma, X, Y, S with energies in ``window``.

    Returns a Dataset over ``point`` (one entry per saddle): ``energy`` (meV), ``kx``, ``ky``
    (nm^-1), ``curvature_x``, ``curvature_y`` (meV nm^2, d^2E/dk^2) and ``pair`` (index of the
    Kramers pair, 0 the lowest).
    """
    lo, hi = (finite("window", w) for w in window)
    rows = []
    step = CURVATURE_STEP * min(lattice.zone_boundary(model.lattice_constant))
    for name, (kx, ky) in symmetry_points(model.lattice_constant).items():
        offsets = np.array([[0, 0], [step, 0], [-step, 0], [0, step], [0, -step]])
        values = model.energies(kx + offsets[:, 0], ky + offsets[:, 1])
        pairs = 0.5 * (values[:, 0::2] + values[:, 1::2])
        cx = (pairs[1] + pairs[2] - 2 * pairs[0]) / step**2
        cy = (pairs[3] + pairs[4] - 2 * pairs[0]) / step**2
        for pair in np.nonzero((cx * cy < 0) & (pairs[0] >= lo) & (pairs[0] <= hi))[0]:
            rows.append((name, pairs[0, pair], kx, ky, cx[pair], cy[pair], pair))
    names, energy, kxs, kys, cxs, cys, index = (
        (list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 7
    )
    return xr.Dataset(
        {
            "energy": ("point", np.array(energy, float), {"units": "meV"}),
            "kx": ("point", np.array(kxs, float), {"units": "nm^-1"}),
            "ky": ("point", np.array(kys, float), {"units": "nm^-1"}),
            "curvature_x": ("point", np.array(cxs, float), {"units": "meV nm^2"}),
            "curvature_y": ("point", np.array(cys, float), {"units": "meV nm^2"}),
            "pair": ("point", np.array(index, int)),
        },
        coords={"symmetry_point": ("point", np.array(names, dtype=str))},
    )
