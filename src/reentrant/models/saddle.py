"""The paper's model, Eqs. (1)-(3): extended saddle point with anisotropic SOC in a field.

Maryenko et al., "Re-entrant superconductivity at an oxide heterointerface", Eq. (1)
(hbar = 1, momenta measured from the zone-boundary point ``(pi/a_[001], 0)``):

.. math::

    H = -\\frac{p_x^2}{2M} + \\frac{p_y^2}{2m} + (\\beta p_x + h)\\,\\sigma_x ,
    \\qquad h = \\lambda B .

Every function takes a :class:`~reentrant.models.band.BandModel` whose dispersion is a
:class:`~reentrant.models.dispersion.Saddle` and whose spin-orbit term is
:class:`~reentrant.models.soc.AnisotropicSOC` (or none, for the "without SOC" curves); the
chemical potential is ``model.mu`` and the Zeeman energy ``zeeman`` is the scalar ``h = lambda B``
along x (the x component of the model's exchange field adds to it).  Energies and momenta are in
the model's units (meV and nm^-1 for physical models, or reduced units); energies here are
eigenvalues of Eq. (1) itself, measured from the saddle point of the bare dispersion, *not* from
mu (``BandModel.energies`` returns the same numbers minus ``mu``).

Because ``sigma_x`` commutes with H, its eigenvalue ``s = +-1`` is a good quantum number and each
species is an exactly shifted saddle (completing the square):

.. math::

    E_s(p) = -\\frac{(p_x - s\\beta M)^2}{2M} + \\frac{p_y^2}{2m} + \\frac{M\\beta^2}{2} + s h .

The branches of Eq. (1) are ``E_+- = eps(p) +- |beta p_x + h|``; the upper one is species
``s = sgn(beta p_x + h)``.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Saddle

_BRANCHES = ("lower", "upper")


def _parameters(model: BandModel) -> tuple[float, float, float, float]:
    """(M, m, beta, momentum cutoff) of a model of the form of Eq. (1), else ParameterError."""
    if not isinstance(model, BandModel):
        raise ParameterError(f"model must be a BandModel, got {type(model).__name__}")
    disp = model.dispersion
    if not isinstance(disp, Saddle):
        raise ParameterError(
            f"model.dispersion must be a Saddle (Eq. (1)), got {type(disp).__name__}"
        )
    linear, valley = model.soc_linear(), model.soc_valley()
    off = linear.copy()
    off[0, 0] = 0.0
    if np.any(off != 0) or np.any(valley != 0):
        raise ParameterError("model.soc must be AnisotropicSOC (beta p_x sigma_x) only, Eq. (1)")
    if model.exchange[1] != 0 or model.exchange[2] != 0:
        raise ParameterError("model.exchange must point along x (the field of Eq. (1))")
    return disp.mass_heavy, disp.mass_light, float(linear[0, 0]), disp.cutoff


def _field(model: BandModel, zeeman: ArrayLike) -> np.ndarray:
    """Total x field h = zeeman + exchange_x."""
    return validate.finite_array("zeeman", zeeman) + model.exchange[0]


def _sign(name: str, branch: str) -> float:
    return -1.0 if validate.one_of(name, branch, _BRANCHES) == "lower" else 1.0


def branches(model: BandModel, px: ArrayLike, py: ArrayLike, zeeman: ArrayLike = 0.0) -> np.ndarray:
    """Both spin branches of Eq. (1), shape ``(..., 2)``: [lower, upper].

    .. math::

        E_\\pm(p) = -\\frac{p_x^2}{2M} + \\frac{p_y^2}{2m} \\pm |\\beta p_x + h|

    (Maryenko et al., Eq. (1), diagonalised).  Energies in model units, measured from the bare
    saddle point (add nothing, subtract ``model.mu`` to get ``BandModel.energies``).
    """
    big_m, m, beta, _ = _parameters(model)
    px = validate.finite_array("px", px)
    py = validate.finite_array("py", py)
    h = _field(model, zeeman)
    eps = -(px**2) / (2 * big_m) + py**2 / (2 * m)
    d = np.abs(beta * px + h)
    return np.stack(np.broadcast_arrays(eps - d, eps + d), axis=-1)


def _fermi_py_squared(model: BandModel, px: np.ndarray, h: np.ndarray, sign: float) -> np.ndarray:
    big_m, m, beta, _ = _parameters(model)
    return 2 * m * (model.mu + px**2 / (2 * big_m) - sign * np.abs(beta * px + h))


def upper_branch_fermi_py(model: BandModel, px: ArrayLike, zeeman: ArrayLike = 0.0) -> np.ndarray:
    """Fermi momentum ``p_y >= 0`` of the upper branch at given ``p_x``, Eq. (2).

    .. math::

        \\frac{p_y^2}{2m} = \\mu + \\frac{p_x^2}{2M} - |\\beta p_x + \\lambda B|

    (Maryenko et al., Eq. (2)); the Fermi surface is ``+-p_y``.  NaN where the right-hand side is
    negative (no state of the upper branch at mu on that line) or ``|p_x|`` exceeds the cutoff.
    """
    px = validate.finite_array("px", px)
    p2 = _fermi_py_squared(model, px, _field(model, zeeman), 1.0)
    inside = (p2 >= 0) & (np.abs(px) <= model.dispersion.cutoff)
    return np.where(inside, np.sqrt(np.where(inside, p2, 0.0)), np.nan)


def fermi_surface(model: BandModel, px: ArrayLike, zeeman: ArrayLike = 0.0) -> xr.DataArray:
    """Fermi momenta ``p_y >= 0`` of both branches on a ``p_x`` grid, dims (branch, px).

    ``p_y^2/2m = mu + p_x^2/2M -+ |beta p_x + h|`` for the upper (Eq. (2)) and lower branch;
    NaN where a branch has no state at mu.  Scalar ``zeeman`` only.
    """
    px = validate.finite_array("px", px)
    if px.ndim != 1:
        raise ParameterError("px must be one-dimensional")
    h = _field(model, validate.finite("zeeman", zeeman))
    rows = []
    for sign in (-1.0, 1.0):
        p2 = _fermi_py_squared(model, px, h, sign)
        inside = (p2 >= 0) & (np.abs(px) <= model.dispersion.cutoff)
        rows.append(np.where(inside, np.sqrt(np.where(inside, p2, 0.0)), np.nan))
    return xr.DataArray(
        np.array(rows),
        dims=("branch", "px"),
        coords={"branch": list(_BRANCHES), "px": px, "zeeman": float(zeeman)},
        name="py",
        attrs={"units": "model momentum units", "long_name": "Fermi momentum p_y"},
    )


def spin_texture_x(
    model: BandModel, px: ArrayLike, zeeman: ArrayLike = 0.0, branch: str = "upper"
) -> np.ndarray:
    """Spin expectation ``<sigma_x>`` of a branch: ``+-sgn(beta p_x + h)`` (0 at degeneracy).

    The spin vector of Eq. (1) is ``d = (beta p_x + h, 0, 0)``; the branch with energy
    ``eps +- |d|`` has ``<sigma> = +- d/|d|``, so the upper branch (Eq. (2)) carries
    ``<sigma_x> = +sgn(beta p_x + lambda B)``, identical to ``BandModel.spin_texture(...)[..., 1,
    0]``.  The paper states ``<sigma_x> = -sgn(beta p_x + lambda B)`` next to Eq. (3), but that
    sign contradicts its own zero-field statement ``<sigma_x> = -sgn(p_x)`` for ``beta < 0`` and
    its Eq. (3), ``v_x = -p_x/M + beta <sigma_x>``, which is ``dE_upper/dp_x`` only with the plus
    sign; we follow H, the zero-field statement and Eq. (3).  ``<sigma_x>`` does not depend on
    ``p_y``.
    """
    _, _, beta, _ = _parameters(model)
    px = validate.finite_array("px", px)
    return _sign("branch", branch) * np.sign(beta * px + _field(model, zeeman))


def velocities(
    model: BandModel, px: ArrayLike, py: ArrayLike, zeeman: ArrayLike = 0.0, branch: str = "upper"
) -> np.ndarray:
    """Group velocity ``(v_x, v_y) = grad_p E`` of a branch, shape ``(..., 2)``, Eq. (3).

    .. math::

        v_x = -\\frac{p_x}{M} + \\beta \\langle\\sigma_x\\rangle, \\qquad v_y = \\frac{p_y}{m}

    (Maryenko et al., Eq. (3), with ``<sigma_x>`` of :func:`spin_texture_x`; the paper's closed
    form for ``v_y`` on the Fermi surface drops the factor ``1/m``: it is ``p_y``).  Units of
    energy per momentum (hbar = 1).  At the spin degeneracy ``beta p_x + h = 0`` the branch has
    a kink and ``v_x`` is given its mean value ``-p_x/M``.
    """
    big_m, m, beta, _ = _parameters(model)
    px = validate.finite_array("px", px)
    py = validate.finite_array("py", py)
    vx = -px / big_m + beta * spin_texture_x(model, px, zeeman, branch)
    return np.stack(np.broadcast_arrays(vx, py / m), axis=-1)


def fermi_surface_minima(model: BandModel, zeeman: ArrayLike = 0.0) -> xr.Dataset:
    """The minima of ``p_y`` on the upper-branch Fermi surface (Eq. (2)) and how B moves them.

    On the part of Eq. (2) where ``s = sgn(beta p_x + h)`` is fixed,
    ``p_y^2/2m = mu + p_x^2/2M - s (beta p_x + h)`` is a parabola in ``p_x`` with vertex at
    ``p_x = s beta M``, so, exactly and for any field:

    * the minimum of species ``s`` stays at ``p_x = s beta M`` (the paper's "B conserves the
      positions of the minima");
    * there ``p_y^2/2m = mu - M beta^2/2 - s h`` (the paper's ``mu - M beta^2/2 +- lambda B``;
      for ``beta < 0`` and ``h > 0`` the minimum at ``p_x = beta M`` moves towards the x axis);
    * it exists only while its vertex lies on its own side of the kink ``beta p_x + h = 0``,
      i.e. ``M beta^2 + s h > 0`` (the paper's ``M beta^2 > lambda B`` for ``p_x = -beta M``),
      and inside the cutoff ``|beta| M <= cutoff``.  At ``beta = 0`` only the species with
      ``s h > 0`` exists (its minimum at p_x = 0); at ``beta = h = 0`` the spin is undefined
      and both are reported absent.

    Where ``p_y^2 < 0`` the Fermi surface is open there (no state at that ``p_x``) and ``py`` is
    NaN although the vertex exists.

    Returns
    -------
    xarray.Dataset
        Dimension ``spin`` (``s = +1, -1``, which is also ``<sigma_x>`` of the upper branch at
        the minimum) and, for array-valued ``zeeman``, ``zeeman``; variables ``px``,
        ``py_squared_over_2m`` (energy), ``py`` (NaN where absent) and ``exists`` (bool).
    """
    big_m, m, beta, cutoff = _parameters(model)
    z = validate.finite_array("zeeman", zeeman)
    if z.ndim > 1:
        raise ParameterError("zeeman must be a scalar or one-dimensional")
    h = np.atleast_1d(z)[:, None] + model.exchange[0]
    s = np.array([1.0, -1.0])
    px = np.broadcast_to(s * beta * big_m, (h.shape[0], 2))
    energy = model.mu - big_m * beta**2 / 2 - s * h
    exists = (big_m * beta**2 + s * h > 0) & (abs(beta) * big_m <= cutoff)
    present = exists & (energy >= 0)
    py = np.where(present, np.sqrt(2 * m * np.where(present, energy, 0.0)), np.nan)
    ds = xr.Dataset(
        {
            "px": (("zeeman", "spin"), px, {"units": "model momentum units"}),
            "py_squared_over_2m": (("zeeman", "spin"), energy, {"units": "model energy units"}),
            "py": (("zeeman", "spin"), py, {"units": "model momentum units"}),
            "exists": (("zeeman", "spin"), exists),
        },
        coords={"zeeman": np.atleast_1d(z), "spin": [1, -1]},
        attrs={"description": "minima of p_y on the upper-branch Fermi surface, Eq. (2)"},
    )
    return ds.isel(zeeman=0) if z.ndim == 0 else ds


def pairing_partners(
    model: BandModel,
    zeeman: float = 0.0,
    pair_momentum: tuple[float, float] = (0.0, 0.0),
    points: int = 2001,
) -> xr.Dataset:
    """States ``p`` of the upper-branch Fermi surface whose partner ``-p + Q`` is one too.

    A Cooper pair (p, -p + Q) with pair momentum Q needs both states at mu on the upper branch
    (Eq. (2)) with opposite ``<sigma_x>`` (Maryenko et al., Fig. 3a, filled circles).  Both sheets
    ``+-p_y(p_x)`` are sampled on ``points`` values of ``p_x`` spanning the cutoff window; the
    mismatch ``g(p) = E_upper(-p + Q) - mu`` is zero either on a whole arc (``B = 0, Q = 0``: every
    ``p`` pairs with ``-p``) or at isolated roots, which are located by bracketing and
    :func:`scipy.optimize.brentq` (relative tolerance 1e-12); a sample counts as paired on an arc
    when ``|g|`` is below 1e-12 of the energy scale ``|mu| + M beta^2 + |h|``.

    Returns
    -------
    xarray.Dataset
        Dimension ``state``; variables ``px``, ``py`` of the states ``p``.
    """
    big_m, _, beta, cutoff = _parameters(model)
    zeeman = validate.finite("zeeman", zeeman)
    h = float(_field(model, zeeman))
    q = validate.finite_array("pair_momentum", pair_momentum)
    if q.shape != (2,):
        raise ParameterError("pair_momentum must have two components (Q_x, Q_y)")
    qx, qy = q
    if int(points) < 3:
        raise ParameterError(f"points must be at least 3, got {points!r}")
    scale = abs(model.mu) + big_m * beta**2 + abs(h) + 1e-300

    def on_sheet(px: np.ndarray, sheet: float) -> np.ndarray:
        return sheet * upper_branch_fermi_py(model, px, zeeman)

    def mismatch(px: np.ndarray, sheet: float) -> np.ndarray:
        px = np.atleast_1d(px)
        py = on_sheet(px, sheet)
        ok = np.isfinite(py)
        out = np.full(px.shape, np.nan)
        out[ok] = (branches(model, qx - px[ok], qy - py[ok], zeeman)[:, 1] - model.mu) / scale
        return out

    def partnered(px: np.ndarray) -> np.ndarray:
        inside = np.abs(qx - px) <= cutoff
        return inside & (np.sign(beta * px + h) * np.sign(beta * (qx - px) + h) < 0)

    grid = np.linspace(-cutoff, cutoff, int(points))
    found_x, found_y = [], []
    for sheet in (1.0, -1.0):
        g = mismatch(grid, sheet)
        valid = np.isfinite(g) & partnered(grid)
        exact = valid & (np.abs(g) <= 1e-12)
        roots = list(grid[exact])
        clear = valid & ~exact
        bracket = clear[:-1] & clear[1:] & (np.sign(g[:-1]) * np.sign(g[1:]) < 0)
        for i in np.nonzero(bracket)[0]:
            roots.append(
                brentq(
                    lambda x, s=sheet: float(mismatch(x, s)[0]),
                    grid[i],
                    grid[i + 1],
                    rtol=1e-12,
                )
            )
        found_x.extend(roots)
        found_y.extend(on_sheet(np.array(roots, dtype=float), sheet))
    return xr.Dataset(
        {
            "px": ("state", np.array(found_x, dtype=float), {"units": "model momentum units"}),
            "py": ("state", np.array(found_y, dtype=float), {"units": "model momentum units"}),
        },
        attrs={"zeeman": h, "pair_momentum": (float(qx), float(qy))},
    )


def _window_integral(a: np.ndarray, s1: float, s2: float) -> np.ndarray:
    """``int_{s1}^{s2} ds / sqrt(a + s^2)`` over ``a + s^2 > 0``, exact; +inf at a = 0 across 0.

    Antiderivative ``sgn(s) ln[(|s| + sqrt(s^2 + a)) / sqrt|a|]``: ``arsinh(s/sqrt a)`` for
    a > 0 and ``sgn(s) arcosh(|s|/sqrt|a|)`` for a < 0, continued by 0 over ``|s| < sqrt|a|``
    where there are no states (Gradshteyn & Ryzhik 2.261).  The ``ln sqrt|a|`` terms cancel
    unless the window straddles s = 0, which gives the logarithmic van Hove divergence.
    """
    gap = np.sqrt(np.maximum(-a, 0.0))
    out = np.zeros_like(a)
    with np.errstate(divide="ignore"):
        for s, weight in ((s2, 1.0), (s1, -1.0)):
            if s != 0:
                q = np.maximum(abs(s), gap) + np.sqrt(np.maximum(s * s + a, 0.0))
                out = out + weight * np.sign(s) * np.log(q)
        jump = np.sign(s2) - np.sign(s1)
        if jump != 0:
            out = out - jump * 0.5 * np.log(np.abs(a))
    return np.maximum(out, 0.0)


def species_density_of_states(
    model: BandModel,
    energies: ArrayLike,
    zeeman: float = 0.0,
    *,
    energy_unit: str = "meV",
    length_unit: str = "nm",
) -> xr.DataArray:
    """Density of states of each ``sigma_x`` species, per energy per area, dims (spin, energy).

    Species ``s = +-1`` of Eq. (1) is the saddle ``E_s`` of the module docstring.  With
    ``u = p_x - s beta M``, ``E' = E - M beta^2/2 - s h`` and ``p_y(u) = sqrt(2m(E' + u^2/2M))``,
    each line of fixed ``p_x`` inside the cutoff window ``|p_x| < P`` holds the two states
    ``+-p_y`` with ``|dE/dp_y| = p_y/m``, so (Van Hove, Phys. Rev. 89, 1189 (1953))

    .. math::

        g_s(E) = \\frac{1}{(2\\pi)^2} \\int_{-P - s\\beta M}^{P - s\\beta M}
                 du\\, \\frac{2m}{p_y(u)}
               = \\frac{\\sqrt{mM}}{2\\pi^2}
                 \\Big[G(s_2) - G(s_1)\\Big]_{E'},\\qquad s_{1,2} = \\frac{\\mp P - s\\beta M}
                 {\\sqrt{2M}},

    with ``G(t) = arsinh(t/sqrt E')`` for ``E' > 0`` and ``sgn(t) arcosh(max(|t|/sqrt|E'|, 1))``
    for ``E' < 0`` (substitute ``u = sqrt(2M) t``).  Near ``E' = 0``
    ``g_s ~ sqrt(mM)/(2 pi^2) ln(4 |s_1| s_2 / |E'|)``: the logarithmic van Hove peak at
    ``E = M beta^2/2 + s h``, split by the field.  Energies as in :func:`branches` (from the bare
    saddle point); infinite exactly at the peak.  In model units (hbar = 1): per meV per nm^2
    for physical models; ``energy_unit`` and ``length_unit`` only label the result.
    """
    big_m, m, beta, cutoff = _parameters(model)
    e = validate.finite_array("energies", energies)
    if e.ndim != 1:
        raise ParameterError("energies must be one-dimensional")
    h = float(_field(model, validate.finite("zeeman", zeeman)))
    prefactor = np.sqrt(m * big_m) / (2 * np.pi**2)
    rows = []
    for s in (1.0, -1.0):
        shift = s * beta * big_m
        a = e - big_m * beta**2 / 2 - s * h
        s1, s2 = (-cutoff - shift) / np.sqrt(2 * big_m), (cutoff - shift) / np.sqrt(2 * big_m)
        rows.append(prefactor * _window_integral(a, s1, s2))
    return xr.DataArray(
        np.array(rows),
        dims=("spin", "energy"),
        coords={
            "spin": [1, -1],
            "energy": ("energy", e, {"units": energy_unit}),
            "zeeman": float(zeeman),
        },
        name="dos",
        attrs={
            "units": f"1 / ({energy_unit} {length_unit}^2)",
            "long_name": "density of states per sigma_x species",
        },
    )


def density_of_states(
    model: BandModel,
    energies: ArrayLike,
    zeeman: float = 0.0,
    *,
    energy_unit: str = "meV",
    length_unit: str = "nm",
) -> xr.DataArray:
    """Density of states of Eq. (1), both branches, per energy per area, dim (energy,).

    The sum over ``sigma_x = +-1`` of :func:`species_density_of_states` (the two species
    together hold the same states as the two branches); see there for the closed form and
    units.  Two logarithmic van Hove peaks at ``E = M beta^2/2 +- h``, one at zero field.
    """
    per_species = species_density_of_states(
        model, energies, zeeman, energy_unit=energy_unit, length_unit=length_unit
    )
    total = per_species.sum("spin")
    total.attrs = {**per_species.attrs, "long_name": "density of states, both branches"}
    return total.rename("dos")


def lattice_saddle_energy(
    kx: ArrayLike, ky: ArrayLike, mass_heavy: float, mass_light: float, a_x: float, a_y: float
) -> np.ndarray:
    """Rectangular-lattice band with the saddle of Eq. (1) at ``(pi/a_x, 0)``, for the BZ view.

    ``eps = -(1 + cos k_x a_x)/(M a_x^2) + (1 - cos k_y a_y)/(m a_y^2)``; expanding about
    ``k_x = pi/a_x + p_x``, ``k_y = p_y`` gives ``-p_x^2/2M + p_y^2/2m + O(p^4)``, the bare part
    of Maryenko et al. Eq. (1) (nearest-neighbour tight binding, Ashcroft & Mermin Ch. 10).
    Energies measured from the saddle point, model units.
    """
    cx = np.cos(np.asarray(kx) * a_x)
    cy = np.cos(np.asarray(ky) * a_y)
    return -(1 + cx) / (mass_heavy * a_x**2) + (1 - cy) / (mass_light * a_y**2)


def illustrative_pair_momentum(model: BandModel, zeeman: float, points: int) -> tuple[float, float]:
    """Q = 0 at B = 0; in a field the Q_x = +-2 sqrt(|h| M) that pairs a state at a minimum.

    With ``Q = (Q_x, 0)`` the condition ``E(p) = E(-p + Q)`` between the species reads
    ``Q_x (p_x - s beta M - Q_x/2) = 2 s h M``; the smallest offset of ``p`` from its minimum is
    reached for ``|Q_x| = 2 sqrt(|h| M)``, where the partner sits at the other minimum.  This
    is an illustration, not the pair momentum that maximises T_c.
    """
    if zeeman == 0:
        return (0.0, 0.0)
    qx = 2 * np.sqrt(abs(zeeman) * model.dispersion.mass_heavy)
    for q in (qx, -qx):
        if pairing_partners(model, zeeman, (q, 0.0), points).px.size:
            return (q, 0.0)
    return (qx, 0.0)
