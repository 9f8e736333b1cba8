"""Pair susceptibility of a 2D spin-orbit-coupled band and the linearized gap equation.

Physics
-------
With ``H(k) = eps(k) - mu + d(k).sigma``, ``d = g(k) + h``, the single-particle Green's function is
``G(k, i w) = sum_s P_s(k) / (i w - xi_s(k))`` with ``xi_s = eps - mu + s|d|`` and projectors
``P_s = (1 + s dhat.sigma)/2``.  A contact attraction acting in channels
``Phi_a(k) = psi_a(k) i sigma_y / sqrt(2)`` -- the singlet ``psi = 1`` and, optionally, one
triplet ``psi = d(k).sigma``: either the d-vector along the spin-orbit field,
``d = dhat_SOC(k)`` (Gor'kov & Rashba, PRL 87, 037004 (2001); Frigeri et al., PRL 92, 097001
(2004)), or a fixed d-vector ``e_i`` (x, y or z) times an odd p-wave form factor
``f(k) = k_x/k_Fx`` or ``k_y/k_Fy`` (Sigrist & Ueda, Rev. Mod. Phys. 63, 239 (1991); a d-vector
perpendicular to a spin axis pairs equal spins along that axis: for Eq. (1) with d along y or z,
equal-sigma_x pairs inside one species, which the spin-orbit shift ``sigma beta M`` makes
perfect at ``Q = 2 sigma beta M``) -- gives the linearized gap equation for a pair of total
momentum Q

    Delta_a = V_a sum_b chi_ab(Q, T) Delta_b ,

    chi_ab = int d^2k/(2pi)^2 sum_{s s'} F(xi_s(k+Q/2), xi_s'(-k+Q/2))
             Tr[Phi_a^+ P_s(k+Q/2) Phi_b P_s'^T(-k+Q/2)] ,

where the Matsubara sum was done analytically,

    F(a, b) = T sum_n 1/((i w_n - a)(-i w_n - b)) = [tanh(a/2T) + tanh(b/2T)] / (2(a + b)),

and ``Tr[Phi_a^+ P Phi_b P'^T] = (1/2) Tr[psi_a^+ P psi_b Ptilde']`` with
``Ptilde' = (1 - s' dhat'.sigma)/2`` (using ``sigma_y sigma^T sigma_y = -sigma``), taken in the
Pauli basis by the kernel for any pair of channels.  For the singlet this is
``(1 - s s' dhat.dhat')/4``.  With no SOC and no field ``chi_00`` reduces to
``N_0 int dxi tanh(xi/2T)/(2 xi)`` and the BCS result ``T_c = 1.134 omega_D exp(-1/N_0 V)``
(``N_0 = m/2pi`` per spin).  T_c(Q) is where the largest eigenvalue of
``V^(1/2) chi V^(1/2)`` equals 1.

The interaction acts on states whose zero-field branch energy lies in the shell
``|xi_s^0(k)| < omega_D`` (evaluated at the relative momentum k of the pair), a sharp BCS cutoff
that does not move with Q or h.  Two-valley (Ising) models pair valley tau at k+Q/2 with valley
-tau at -k+Q/2 and sum over tau.  ``bands='upper'`` keeps only the upper branch of both electrons:
the single-band projection used by the paper's Eq. (2).

Mirror symmetry: every dispersion here is even in ``k_y``; when no spin-orbit term depends on
``k_y`` (``soc_linear()[:, 1] == 0``: Eq. (1)'s ``beta p_x sigma_x``, Ising, none), ``k_y -> -k_y``
with the spins unchanged leaves ``H`` invariant for any Zeeman vector, so at ``Q_y = 0`` the
integrand of ``chi_ab`` is even in ``k_y`` (both electrons and every projector are mapped onto
themselves) and only the half plane ``k_y >= 0`` is integrated, doubled
(:attr:`PairSusceptibility.mirror_symmetric`; tested against the full plane), and
``chi(Q_x, Q_y) = chi(Q_x, -Q_y)``.  A p_y-wave channel is odd under the mirror: its elements
with even channels vanish on the full plane (so they are set to zero, not doubled), and
``chi(Q_x, -Q_y) = P chi(Q_x, Q_y) P`` with the parity matrix P, which leaves the eigenvalues
unchanged.

Units: whatever energy unit the model uses (meV for physical presets, k_B T_c0 for reduced ones);
hbar = k_B = 1; chi in (energy x area)^-1 per the model's momentum unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike

from reentrant import validate
from reentrant.errors import ParameterError
from reentrant.models.band import BandModel
from reentrant.models.dispersion import Parabolic, Saddle
from reentrant.models.soc import AnisotropicSOC
from reentrant.pairing.kernel import LineIntegrals, make_line_integrals
from reentrant.pairing.quadrature import (
    PARALLEL,
    Geometry,
    Resolution,
    adaptive_transverse,
    build_geometry,
)

BANDS = ("all", "upper", "lower")


D_VECTORS = ("soc", "x", "y", "z")
FORM_FACTORS = ("px", "py")


@dataclass(frozen=True)
class PairingInteraction:
    """Contact attraction with a sharp energy cutoff, in a singlet and/or a triplet channel.

    Attributes
    ----------
    singlet
        Coupling V_s >= 0 in the s-wave singlet channel (energy x area, model units).
    cutoff
        Energy cutoff omega_D > 0 about the Fermi level.
    triplet
        Coupling V_t >= 0 of the triplet channel (0: singlet only).
    d_vector
        The triplet's d-vector: ``"soc"`` (along the spin-orbit field g(k), the protected
        helical state of Frigeri et al., PRL 92, 097001 (2004)), or fixed along ``"x"``, ``"y"``
        or ``"z"`` with an odd p-wave form factor.
    form_factor
        ``"px"`` (``k_x / k_Fx``) or ``"py"`` (``k_y / k_Fy``): the orbital part of a fixed-d
        triplet, odd in the relative momentum (k_Fi: rms Fermi momentum component).
    """

    singlet: float
    cutoff: float
    triplet: float = 0.0
    d_vector: str = "soc"
    form_factor: str = "py"

    def __post_init__(self) -> None:
        validate.non_negative("singlet coupling", self.singlet)
        validate.positive("cutoff", self.cutoff)
        validate.non_negative("triplet coupling", self.triplet)
        validate.one_of("d-vector", self.d_vector, D_VECTORS)
        validate.one_of("form factor", self.form_factor, FORM_FACTORS)
        if self.singlet == 0 and self.triplet == 0:
            raise ParameterError("at least one of the singlet/triplet couplings must be positive")

    @property
    def channels(self) -> tuple[str, ...]:
        """The channels with a positive coupling, singlet first."""
        names = (("singlet", self.singlet), ("triplet", self.triplet))
        return tuple(name for name, v in names if v > 0)

    @property
    def n_channels(self) -> int:
        """Number of channels (1 or 2)."""
        return len(self.channels)

    @property
    def kramers(self) -> bool:
        """True if every channel pairs Kramers partners (singlet, helical triplet).

        Then zero field and Q = 0 pair each state with its time-reversed partner at equal
        energy; a fixed-d triplet pairs other states (equal-spin pairs along a spin-orbit axis
        need a finite Q), so its optimal Q at zero field need not vanish.
        """
        return self.triplet == 0 or self.d_vector == "soc"

    def mirror_parities(self) -> np.ndarray:
        """Sign of each channel's vertex under ``k_y -> -k_y`` (spins unchanged): py is odd."""
        odd = self.d_vector != "soc" and self.form_factor == "py"
        return np.array([-1.0 if (name == "triplet" and odd) else 1.0 for name in self.channels])

    def matrix(self) -> np.ndarray:
        """Diagonal coupling matrix over the channels."""
        values = {"singlet": self.singlet, "triplet": self.triplet}
        return np.diag([values[name] for name in self.channels])

    def scaled(self, factor: float) -> PairingInteraction:
        """Both couplings multiplied by ``factor``."""
        return replace(self, singlet=self.singlet * factor, triplet=self.triplet * factor)


@dataclass(frozen=True)
class PairSusceptibility:
    """chi_ab(Q, h, T) of one model and interaction, with its integration lines built once.

    Parameters
    ----------
    model, interaction
        The normal state and the pairing interaction.
    resolution
        The discretisation of the k integral.
    bands
        'all' (full two-band calculation) or 'upper'/'lower' (single-branch projection).

    Attributes
    ----------
    geometry
        The line family of the k integral (:func:`reentrant.pairing.quadrature.build_geometry`).
    """

    model: BandModel
    interaction: PairingInteraction
    resolution: Resolution = field(default_factory=Resolution)
    bands: str = "all"
    geometry: Geometry = field(init=False, repr=False, compare=False)
    _lines: LineIntegrals = field(init=False, repr=False, compare=False)
    _half_panels: np.ndarray | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate.one_of("bands", self.bands, BANDS)
        if (self.interaction.triplet > 0 and self.interaction.d_vector == "soc"
                and not self.model.soc):  # fmt: skip
            raise ParameterError("a triplet along the spin-orbit field needs spin-orbit coupling")
        geometry = build_geometry(self.model, self.interaction.cutoff, self.resolution)
        object.__setattr__(self, "geometry", geometry)
        lines = make_line_integrals(
            self.model, self.interaction, self.resolution, geometry, self.bands
        )
        object.__setattr__(self, "_lines", lines)
        half_panels = None
        if self.mirror_symmetric and geometry.kind != PARALLEL:
            # rays at angles u and -u are mirror images: keep u in [0, pi]
            edges = geometry.panels
            half_panels = np.unique(np.append(edges[edges < np.pi], np.pi))
        object.__setattr__(self, "_half_panels", half_panels)

    @property
    def q_seeds(self) -> np.ndarray:
        """Pair momenta to try in global Q searches besides the polar grid, shape (n, 2).

        Empty for Kramers channels (singlet, helical triplet).  A fixed-d triplet pairs equal
        spins along an axis ``e``: the species ``s = +-1`` of a spin-orbit term ``g_e = a.k``
        has the band ``eps(k) + s a.k``, whose centre moves to ``k_i = -s a_i m_i`` for
        ``eps = sum_i k_i^2 / (2 m_i)`` (m_i < 0 along the saddle's heavy axis: for Eq. (1)
        ``k_x = s beta M``); equal-spin pairs inside a species match at ``Q = 2 k``.  Lattice
        bands get no seeds.
        """
        disp = self.model.dispersion
        if self.interaction.kramers or not isinstance(disp, Parabolic | Saddle):
            return np.zeros((0, 2))
        if isinstance(disp, Parabolic):
            masses = np.array([disp.mass, disp.mass])
        else:
            masses = np.array([-disp.mass_heavy, disp.mass_light])
        seeds = []
        for row in self.model.soc_linear():
            if np.any(row != 0.0):
                shift = 2.0 * row * masses
                seeds.extend([shift, -shift])
        return np.unique(np.array(seeds), axis=0) if seeds else np.zeros((0, 2))

    @property
    def mirror_symmetric(self) -> bool:
        """True if H is invariant under ``k_y -> -k_y`` (spins unchanged), see module notes."""
        return bool(np.all(self.model.soc_linear()[:, 1] == 0.0))

    def with_resolution(self, resolution: Resolution) -> PairSusceptibility:
        """The same susceptibility on another discretisation (coarse searches, refinement)."""
        return PairSusceptibility(self.model, self.interaction, resolution, self.bands)

    def matrix(self, q: ArrayLike, zeeman: ArrayLike, temperature: float) -> np.ndarray:
        """chi_ab at pair momentum ``q`` (2,), Zeeman vector ``zeeman`` (3,), temperature T.

        Warns with :class:`reentrant.errors.ConvergenceWarning` if the transverse integration
        does not reach the resolution's ``rtol``.
        """
        qx, qy = (float(x) for x in np.asarray(q, float).reshape(2))
        h = np.asarray(zeeman, float).reshape(3) + np.asarray(self.model.exchange, float)
        temperature = float(temperature)
        res = self.resolution
        geo = self.geometry
        n_ch = self.interaction.n_channels
        # at Q_y = 0 a mirror-symmetric integrand is even in k_y: integrate k_y >= 0, double
        half = qy == 0.0 and self.mirror_symmetric
        half_line = half and geo.kind == PARALLEL

        def lines(us: np.ndarray) -> np.ndarray:
            return self._lines(us, qx, qy, h, temperature, half_line).reshape(us.size, -1)

        panels = self._half_panels if half and not half_line else geo.panels
        beta = self._species_beta()
        if beta != 0.0:
            # Eq. (1): each electron's branches swap spin species where beta p_x + h_x = 0,
            # i.e. at k_x = -h_x/beta - Q_x/2 (electron 1) and k_x = h_x/beta + Q_x/2
            # (electron 2); a band projection jumps there, so these are panel edges
            cuts = np.array([-h[0] / beta - 0.5 * qx, h[0] / beta + 0.5 * qx])
            inside = cuts[(cuts > panels[0]) & (cuts < panels[-1])]
            panels = np.unique(np.concatenate([panels, inside]))
        total, _ = adaptive_transverse(lines, panels, res.rtol, res.max_depth)
        out = total.reshape(n_ch, n_ch, 2) / (2 * np.pi) ** 2
        if half:
            # the mirror image of the half plane carries the products of the channels' mirror
            # parities: elements between channels of opposite parity cancel on the full plane
            parity = self.interaction.mirror_parities()
            out = out * (1.0 + np.outer(parity, parity))[..., None]
        return out[..., 0] + 1j * out[..., 1]

    def _species_beta(self) -> float:
        """Sum of the Eq. (1) couplings beta on lines of constant p_x (0 otherwise)."""
        if self.geometry.kind != PARALLEL:
            return 0.0
        return float(sum(s.beta for s in self.model.soc if isinstance(s, AnisotropicSOC)))

    def leading(self, q: ArrayLike, zeeman: ArrayLike, temperature: float):
        """Largest eigenvalue of V^1/2 chi V^1/2 and its eigenvector (channel weights)."""
        chi = self.matrix(q, zeeman, temperature)
        v = np.sqrt(self.interaction.matrix())
        vals, vecs = np.linalg.eigh(v @ chi @ v)
        return float(vals[-1]), vecs[:, -1]

    def eigenvalue(self, q: ArrayLike, zeeman: ArrayLike, temperature: float) -> float:
        """Largest eigenvalue of V chi: superconducting instability where it reaches 1."""
        return self.leading(q, zeeman, temperature)[0]
