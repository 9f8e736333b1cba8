r"""Fit of the paper's Eq. (1) to the slab subband nearest E_F around its saddle point at X.

Maryenko et al., Eq. (1), at zero field, with momenta measured from the zone-boundary point
``X = (pi/a_[001], 0)`` (``p_x = k_x - pi/a0``, ``p_y = k_y``):

.. math::

    E_\pm(p) = E_s - \frac{\hbar^2 p_x^2}{2M} + \frac{\hbar^2 p_y^2}{2m} \pm |\beta p_x| .

Its two branches are fitted jointly (least squares, ``lmfit``) to the two members of one
Kramers pair of slab subbands on a ``p_x x p_y`` grid around X: ``M``, ``m`` (m_e), ``|beta|``
(meV nm) and ``E_s`` (meV).  The pair is the one whose mean energy has a saddle at X
(:func:`reentrant.bands.spectrum.van_hove_points`) closest to the chemical potential; the
grid spans the momenta where the quadratic terms change the energy by ``window`` meV, from
curvatures measured at X.

**Sign of beta.**  The slab has the mirrors x -> -x and y -> -y, so at ``p_y = 0`` the
spin-orbit field of a band is along y = [1-10]; Eq. (1)'s ``sigma_x`` is the spin along that
axis.  ``beta`` takes the sign of ``<sigma_y>`` of the upper branch at ``p_x > 0`` (the upper
branch of ``beta p_x sigma`` has ``<sigma> = sgn(beta p_x)``).

**Van Hove energy and delta.**  The upper branch peaks at ``p_x = +-beta M / hbar^2``, the
saddle of the density of states at ``E_vH = E_s + M beta^2 / (2 hbar^2)``, and
``delta = E_F - E_vH``, the ``delta`` of the ``lto-kto-110`` preset (``mu = M beta^2/2 + delta``
measured from E_s).

**Effective g.**  Eq. (1) couples the field as ``lambda B sigma_x`` with ``lambda = g mu_B / 2``
(:mod:`reentrant.units`); the slab's pair splits at X by ``2 lambda B`` for B along the spin
axis, so ``g = splitting / (mu_B B)`` with B = 1 T along y.

Quality: ``rms`` and ``max_error`` of the residuals over both branches (meV) and lmfit's
standard errors of the parameters (covariance scaled by the reduced chi-square).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import xarray as xr

from reentrant.bands import lattice
from reentrant.bands.slab import SlabModel
from reentrant.bands.spectrum import van_hove_points
from reentrant.errors import ConvergenceError, ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Saddle, mass_from_me
from reentrant.models.saddle import branches
from reentrant.models.soc import AnisotropicSOC
from reentrant.units import HBAR2_OVER_2ME_MEV_NM2, MU_B_MEV_PER_T
from reentrant.validate import finite, positive

#: Largest fit half-width along each axis, as a fraction of the zone half-width.
MAX_WINDOW_FRACTION = 0.4


@dataclass(frozen=True)
class SaddleFit:
    """Eq. (1) fitted to a slab subband pair at X (units: m_e, meV nm, meV, nm^-1).

    Attributes
    ----------
    mass_heavy, mass_light : float
        M and m of Eq. (1), m_e.
    beta : float
        Linear spin-orbit coefficient, meV nm (sign: module docstring).
    delta : float
        E_F - E_vH, meV.
    saddle_energy : float
        E_s, the energy of the bare saddle at X, meV.
    van_hove_energy : float
        E_vH = E_s + M beta^2 / 2, meV.
    mu : float
        Chemical potential (E_F), meV.
    g_factor : float
        Effective Lande factor of Eq. (1)'s ``lambda = g mu_B / 2`` (pair splitting at X).
    rms, max_error : float
        Root-mean-square and largest absolute residual of the fit, meV.
    stderr : dict
        Standard errors of mass_heavy, mass_light, beta (as |beta|) and saddle_energy.
    pair : int
        Index of the fitted Kramers pair (0 the lowest subband pair).
    spin_axis : tuple of float
        <sigma> direction (slab axes) of the upper branch at p_x > 0, p_y = 0.
    px_max, py_max : float
        Half-widths of the fit grid, nm^-1.
    points : int
        Grid points (each giving two energies).
    """

    mass_heavy: float
    mass_light: float
    beta: float
    delta: float
    saddle_energy: float
    van_hove_energy: float
    mu: float
    g_factor: float
    rms: float
    max_error: float
    stderr: dict
    pair: int
    spin_axis: tuple[float, float, float]
    px_max: float
    py_max: float
    points: int

    def band_model(self, momentum_cutoff: float | None = None) -> BandModel:
        """Eq. (1) with these parameters as a physical BandModel (meV, nm^-1), mu at E_F.

        Energies of the BandModel are measured from E_s, so its mu is ``E_F - E_s``.
        """
        return eq1_model(
            self.mass_heavy,
            self.mass_light,
            self.beta,
            self.mu - self.saddle_energy,
            momentum_cutoff or max(self.px_max, self.py_max),
        )

    def predict(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        """Fitted Eq. (1) energies (meV, absolute) [lower, upper] at p measured from X."""
        return branches(self.band_model(), px, py) + self.saddle_energy

    def as_dict(self) -> dict:
        """Plain JSON-able mapping of every field."""
        out = asdict(self)
        out["spin_axis"] = list(self.spin_axis)
        return out


def eq1_model(
    mass_heavy: float, mass_light: float, beta: float, mu: float, momentum_cutoff: float
) -> BandModel:
    """Eq. (1) in meV and nm^-1 with M, m in m_e and beta in meV nm; energies from E_s."""
    disp = Saddle(mass_from_me(mass_heavy), mass_from_me(mass_light), momentum_cutoff)
    return BandModel(disp, (AnisotropicSOC(beta),), mu=mu)


def _saddle_pair(model: SlabModel, mu: float, search: float) -> tuple[int, float, float, float]:
    """(pair, energy, d2E/dpx2, d2E/dpy2) of the X saddle nearest mu within +-search meV."""
    points = van_hove_points(model, (mu - search, mu + search))
    at_x = points.where(
        (points.symmetry_point == "X") & (points.curvature_x < 0) & (points.curvature_y > 0),
        drop=True,
    )
    if at_x.sizes["point"] == 0:
        raise ConvergenceError(
            f"no subband of this slab has a saddle at X (p_x heavy and hole-like, p_y electron-"
            f"like) within {search:.0f} meV of E_F = {mu:.1f} meV"
        )
    best = int(np.argmin(np.abs(at_x.energy.values - mu)))
    return (
        int(at_x.pair.values[best]),
        float(at_x.energy.values[best]),
        float(at_x.curvature_x.values[best]),
        float(at_x.curvature_y.values[best]),
    )


def fit_saddle(
    model: SlabModel,
    mu: float,
    *,
    window: float = 10.0,
    points: int = 15,
    search: float = 2000.0,
) -> SaddleFit:
    """Fit Eq. (1) to the slab subband pair with the X saddle nearest ``mu`` (meV).

    Parameters
    ----------
    model
        The slab in its confining potential (e.g. ``InterfaceState.model``).
    mu
        Chemical potential E_F, meV.
    window
        Energy (meV) by which the quadratic terms change across the fit grid.
    points
        Grid points per axis (odd, so that X itself is on the grid).
    search
        Only saddles within ``mu +- search`` meV are considered.

    Raises
    ------
    ConvergenceError
        If no saddle is found or the least-squares fit fails.
    """
    from lmfit import Parameters, minimize

    mu = finite("mu", mu)
    window = positive("window", window)
    n = int(points)
    if n < 5 or n % 2 == 0:
        raise ParameterError(f"points must be odd and >= 5, got {points}")
    pair, energy, cx, cy = _saddle_pair(model, mu, positive("search", search))
    bx, by = lattice.zone_boundary(model.lattice_constant)
    px_max = min(np.sqrt(2 * window / abs(cx)), MAX_WINDOW_FRACTION * bx)
    py_max = min(np.sqrt(2 * window / cy), MAX_WINDOW_FRACTION * by)
    px, py = np.meshgrid(np.linspace(-px_max, px_max, n), np.linspace(-py_max, py_max, n))
    px, py = px.ravel(), py.ravel()
    values = model.energies(bx + px, py)[:, 2 * pair : 2 * pair + 2]

    c = HBAR2_OVER_2ME_MEV_NM2
    params = Parameters()
    params.add("saddle_energy", value=energy)
    params.add("mass_heavy", value=2 * c / abs(cx), min=1e-4)
    params.add("mass_light", value=2 * c / cy, min=1e-4)
    edge = np.abs(px) == px_max
    slope = np.mean((values[edge, 1] - values[edge, 0]) / (2 * px_max))
    params.add("beta", value=max(slope, 1e-6), min=0.0)

    def residual(p) -> np.ndarray:
        fitted = eq1_model(p["mass_heavy"].value, p["mass_light"].value, p["beta"].value, 0.0,
                           px_max)  # fmt: skip
        return (branches(fitted, px, py) + p["saddle_energy"].value - values).ravel()

    result = minimize(residual, params, method="leastsq")
    if not result.success:
        raise ConvergenceError(f"the Eq. (1) fit did not converge: {result.message}")
    best = {name: par.value for name, par in result.params.items()}
    stderr = {name: (par.stderr if par.stderr is not None else float("nan"))
              for name, par in result.params.items()}  # fmt: skip
    res = result.residual

    spin = model.states(bx + 0.5 * px_max, 0.0)["spin"][2 * pair + 1]
    beta = float(np.copysign(best["beta"], spin[1]))
    van_hove = best["saddle_energy"] + best["mass_heavy"] * beta**2 / (4 * c)
    split = np.diff(model.energies(bx, 0.0, (0.0, 1.0, 0.0))[2 * pair : 2 * pair + 2])[0]
    return SaddleFit(
        mass_heavy=float(best["mass_heavy"]),
        mass_light=float(best["mass_light"]),
        beta=beta,
        delta=float(mu - van_hove),
        saddle_energy=float(best["saddle_energy"]),
        van_hove_energy=float(van_hove),
        mu=mu,
        g_factor=float(split / MU_B_MEV_PER_T),
        rms=float(np.sqrt(np.mean(res**2))),
        max_error=float(np.max(np.abs(res))),
        stderr={k: float(v) for k, v in stderr.items()},
        pair=pair,
        spin_axis=tuple(float(s) for s in spin / max(np.linalg.norm(spin), 1e-300)),
        px_max=float(px_max),
        py_max=float(py_max),
        points=n * n,
    )


def saddle_cut(model: SlabModel, fit: SaddleFit, points: int = 81) -> xr.Dataset:
    """The fitted pair and its Eq. (1) fit along p_x through X (p_y = 0), for plotting.

    Variables over ``px`` (nm^-1, from X) and ``branch`` (lower, upper): ``pair_energy`` of the
    slab (meV), ``pair_spin_y`` (<sigma> along [1-10]) and ``pair_fitted`` (Eq. (1) with the
    fit's parameters); attrs: the fit as plain numbers.
    """
    px = np.linspace(-fit.px_max, fit.px_max, int(points))
    bx, _ = lattice.zone_boundary(model.lattice_constant)
    states = model.states(bx + px, np.zeros_like(px))
    pair = slice(2 * fit.pair, 2 * fit.pair + 2)
    values, spin = states["energy"], states["spin"][:, pair, 1]
    attrs = {k: v for k, v in fit.as_dict().items() if isinstance(v, int | float)}
    return xr.Dataset(
        {
            "pair_energy": (("px", "branch"), values[:, pair], {"units": "meV"}),
            "pair_spin_y": (("px", "branch"), spin, {"units": "1"}),
            "pair_fitted": (("px", "branch"), fit.predict(px, 0.0 * px), {"units": "meV"}),
        },
        coords={
            "px": ("px", px, {"units": "nm^-1", "long_name": "k_x - pi/a0"}),
            "branch": ("branch", ["lower", "upper"]),
        },
        attrs=attrs,
    )
