r"""The (110) KTaO3 slab: Ta t2g orbitals x spin on N layers, as a Bloch Hamiltonian H(k).

Layer ``l = 0`` is the interface (next to LaTiO3), ``l = N - 1`` the far side of the slab; with
a :class:`TitaniumLayer` one LaTiO3-side Ti layer is added in front (it becomes layer 0 and the
Ta layers are 1..N).  With one site per layer and the bonds of :mod:`reentrant.bands.lattice`,

.. math::

    H_{ll'}(\mathbf k) = \sum_{\mathbf d:\, l' = l + d_X + d_Y} T_{ll'}(\mathbf d)\,
        e^{i \mathbf k \cdot \mathbf d_\parallel}
      + \delta_{ll'}\big[\lambda_l\,\mathbf L\cdot\mathbf S + V_l
        + \mu_B \mathbf B\cdot(g_L \mathbf L + \tfrac g2 \boldsymbol\sigma)\big],

with the Slater-Koster t2g hoppings T (pi-type t, delta-type t_delta, next-nearest t'), the
orbital-Rashba odd hopping on the nearest-neighbour bonds of the first ``rashba_layers`` layers
(:mod:`reentrant.bands.atomic`), the confining potential V_l (meV, one number per layer), and
the Zeeman term of a field given in slab axes (x = [001], y = [1-10], z = [110], tesla).
The Bloch phases use the true in-plane bond vectors, so eigenvalues are periodic on the 2D
reciprocal lattice (2 pi/a0, 2 pi/(sqrt(2) a0)).

Default parameters (meV; every one is a choice of ours where no source is given, and
overridable):

=================  ========  ================================================================
parameter          default   source / reason
=================  ========  ================================================================
hopping_pi (t)     800       light mass hbar^2/(2 (t + 2t') a0^2) = 0.27 m_e of the t2g bands;
                             KTaO3 2DEGs show light and heavy subband ladders (King et al.,
                             PRL 108, 117602 (2012)); t of a few hundred meV to 1 eV is the
                             range of 5d perovskites -- our choice
hopping_delta      50        heavy mass hbar^2/(2 t_delta a0^2) = 4.8 m_e along the flat axis
                             of each orbital, close to the M = 5 m_e of ``lto-kto-110`` --
                             our choice
hopping_nnn (t')   40        5 % of t, the small next-nearest hopping of t2g models -- our
                             choice
soc (lambda)       265       split-off J = 1/2 doublet 3 lambda/2 = 0.40 eV above J = 3/2;
                             SOC comparable to the Fermi energy and subband splittings of
                             KTaO3 2DEGs (Santander-Syro et al., PRB 86, 121107(R) (2012)) --
                             the value is our choice
orbital_rashba     20        odd orbital-mixing hopping gamma on interface bonds (mechanism:
                             Khalsa, Lee & MacDonald, arXiv:1301.2784; used in (110) KTaO3
                             slabs by Trama, Citro & Perroni, arXiv:2602.22316) -- value our
                             choice, a few % of t; King et al. bound the Rashba splitting of
                             (001) KTaO3 2DEGs to Delta k < 0.02 1/Angstrom at E_F
rashba_layers      2         the odd hopping acts where the interface breaks inversion
g_factor           2.0       free-electron spin g; orbital moment with g_L = 1
=================  ========  ================================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import eig_banded

from reentrant.bands import atomic, lattice
from reentrant.errors import ParameterError
from reentrant.validate import finite, finite_array, non_negative, positive

#: Orbitals per site times spin.
SITE_DIM = 6

#: Bytes of Hamiltonians built at once (bounds memory for large slabs and many k).
_CHUNK_BYTES = 64 * 2**20


@dataclass(frozen=True)
class TitaniumLayer:
    """One LaTiO3-side Ti t2g layer in front of the Ta slab (meV; every value a choice of ours).

    The paper attributes its flat bands near E_F to Ta-Ti pairs (Maryenko et al., Fig. 1b).
    The filled lower Hubbard band of LaTiO3 (Ti3+, d1) is not modelled: the Ti layer stands
    for its empty t2g states, ``onsite`` above the bulk KTaO3 conduction-band edge
    ``E_Gamma = -4t - 2t_delta - 4t' - lambda/2`` (the J = 3/2 level at Gamma), hybridised with
    the first Ta layer through the Ta hoppings scaled by ``coupling_scale``.

    Parameters
    ----------
    onsite : float
        Ti t2g level above E_Gamma (meV), default 500.
    hopping_scale : float
        Ti-Ti hoppings as a fraction of the Ta-Ta ones (3d orbitals are more compact than
        5d), default 0.4.
    coupling_scale : float
        Ti-Ta hoppings as a fraction of the Ta-Ta ones, default 0.3.
    soc : float
        Ti spin-orbit lambda (meV), default 20 (3d, an order of magnitude below Ta 5d).
    """

    onsite: float = 500.0
    hopping_scale: float = 0.4
    coupling_scale: float = 0.3
    soc: float = 20.0

    def __post_init__(self) -> None:
        finite("onsite", self.onsite)
        non_negative("hopping_scale", self.hopping_scale)
        non_negative("coupling_scale", self.coupling_scale)
        non_negative("titanium soc", self.soc)


@dataclass(frozen=True)
class SlabModel:
    """Tight-binding (110) KTaO3 slab: Ta t2g x spin, SOC, orbital Rashba, potential, field.

    Parameters
    ----------
    layers : int
        Number N of Ta (110) layers.
    hopping_pi, hopping_delta, hopping_nnn : float
        t (pi-type), t_delta (delta-type) and t' (next-nearest, in-plane of the orbital), meV.
    soc : float
        Ta spin-orbit lambda (meV); J = 3/2 / J = 1/2 splitting 3 lambda / 2.
    orbital_rashba : float
        Odd orbital-mixing hopping gamma (meV) on nearest-neighbour bonds of the first
        ``rashba_layers`` layers (a bond between layers l, l' gets the mean of their weights).
    rashba_layers : int
        Interface layers where inversion is broken.
    potential : tuple of float
        Electron potential energy V_l per layer (meV), interface first; empty: flat.
    g_factor : float
        Spin g-factor of the Zeeman term.
    orbital_g : float
        Orbital g-factor g_L of the Zeeman term.
    lattice_constant : float
        Cubic a0 in nm.
    titanium : TitaniumLayer or None
        Optional LaTiO3-side Ti layer (layer 0, then Ta layers 1..N).
    periodic : bool
        Join layer N - 1 to layer 0 (bulk KTaO3 in a supercell of N layers along [110], N even,
        no Ti layer): the eigenvalues at k are the bulk bands at k_z = 2 pi m / (N d).

    Notes
    -----
    Module docstring: the Hamiltonian and the table of default values with their sources.
    """

    layers: int = 30
    hopping_pi: float = 800.0
    hopping_delta: float = 50.0
    hopping_nnn: float = 40.0
    soc: float = 265.0
    orbital_rashba: float = 20.0
    rashba_layers: int = 2
    potential: tuple[float, ...] = ()
    g_factor: float = 2.0
    orbital_g: float = 1.0
    lattice_constant: float = lattice.A0_NM
    titanium: TitaniumLayer | None = field(default=None)
    periodic: bool = False

    def __post_init__(self) -> None:
        for name in ("layers", "rashba_layers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise ParameterError(f"{name} must be an integer, got {value!r}")
        if self.layers < 1:
            raise ParameterError(f"layers must be >= 1, got {self.layers}")
        if self.rashba_layers < 0:
            raise ParameterError(f"rashba_layers must be >= 0, got {self.rashba_layers}")
        positive("hopping_pi", self.hopping_pi)
        non_negative("hopping_delta", self.hopping_delta)
        finite("hopping_nnn", self.hopping_nnn)
        non_negative("soc", self.soc)
        finite("orbital_rashba", self.orbital_rashba)
        finite("g_factor", self.g_factor)
        finite("orbital_g", self.orbital_g)
        positive("lattice_constant", self.lattice_constant)
        if self.titanium is not None and not isinstance(self.titanium, TitaniumLayer):
            raise ParameterError(f"titanium must be a TitaniumLayer or None, got {self.titanium!r}")
        if not isinstance(self.periodic, bool):
            raise ParameterError(f"periodic must be true or false, got {self.periodic!r}")
        if self.periodic and (self.layers % 2 or self.titanium is not None):
            raise ParameterError("a periodic slab needs an even number of layers and no Ti layer")
        pot = finite_array("potential", self.potential).ravel()
        if pot.size not in (0, self.total_layers):
            raise ParameterError(
                f"potential needs one value per layer ({self.total_layers}), got {pot.size}"
            )
        object.__setattr__(self, "potential", tuple(float(v) for v in pot))

    @property
    def total_layers(self) -> int:
        """Layers in the Hamiltonian: N Ta layers plus the Ti layer if any."""
        return self.layers + (self.titanium is not None)

    @property
    def dimension(self) -> int:
        """Size of H(k): 6 per layer (3 orbitals x 2 spins)."""
        return SITE_DIM * self.total_layers

    @property
    def first_ta_layer(self) -> int:
        """Index of the interface Ta layer (1 with a Ti layer, else 0)."""
        return int(self.titanium is not None)

    @property
    def band_edge(self) -> float:
        """E_Gamma = -4t - 2t_delta - 4t' - lambda/2: the bulk J = 3/2 level at Gamma, meV."""
        return -4 * self.hopping_pi - 2 * self.hopping_delta - 4 * self.hopping_nnn - self.soc / 2

    def depths(self) -> np.ndarray:
        """Distance z_l of each layer from the interface Ta layer, nm (the Ti layer at -d)."""
        d = lattice.layer_spacing(self.lattice_constant)
        return (np.arange(self.total_layers) - self.first_ta_layer) * d

    def with_potential(self, potential: ArrayLike) -> SlabModel:
        """The same slab with another confining potential (meV per layer)."""
        return replace(self, potential=tuple(np.asarray(potential, dtype=float).ravel()))

    # -- Hamiltonian -------------------------------------------------------------------------

    def _species_weight(self, layer: int, other: int) -> float:
        """Hopping scale of a bond: 1 Ta-Ta, Ti-Ti and Ti-Ta fractions with a Ti layer."""
        if self.titanium is None:
            return 1.0
        ti = int(layer == 0) + int(other == 0)
        return (1.0, self.titanium.coupling_scale, self.titanium.hopping_scale)[ti]

    @cached_property
    def _terms(self) -> tuple[np.ndarray, np.ndarray]:
        """In-plane bond vectors r_g (G, 2) nm and matrices M_g (G, D, D): H = sum e^{ik.r} M."""
        n, dim, a0 = self.total_layers, self.dimension, self.lattice_constant
        normal = lattice.SLAB_AXES[2]
        profile = (np.arange(n) < self.rashba_layers).astype(float)
        blocks: dict[tuple[int, int], np.ndarray] = {}

        def add(key: tuple[int, int], row: int, col: int, block: np.ndarray) -> None:
            matrix = blocks.setdefault(key, np.zeros((dim, dim), dtype=complex))
            matrix[
                SITE_DIM * row : SITE_DIM * (row + 1), SITE_DIM * col : SITE_DIM * (col + 1)
            ] += block

        for bond in lattice.NEAREST + lattice.NEXT_NEAREST:
            hop = atomic.slater_koster(bond, self.hopping_pi, self.hopping_delta, self.hopping_nnn)
            odd = (
                atomic.orbital_rashba(bond, normal, self.orbital_rashba)
                if bond in lattice.NEAREST and self.orbital_rashba != 0
                else None
            )
            key = (bond[2], bond[0] - bond[1])
            for row in range(n):
                col = row + lattice.layer_step(bond)
                if self.periodic:
                    col %= n
                elif not 0 <= col < n:
                    continue
                block = self._species_weight(row, col) * hop
                if odd is not None:
                    block = block + 0.5 * (profile[row] + profile[col]) * odd
                add(key, row, col, block)
        potential = np.asarray(self.potential) if self.potential else np.zeros(n)
        for layer in range(n):
            is_ti = self.titanium is not None and layer == 0
            soc = self.titanium.soc if is_ti else self.soc
            onsite = potential[layer] + (self.titanium.onsite + self.band_edge if is_ti else 0.0)
            add((0, 0), layer, layer, atomic.spin_orbit(soc) + onsite * np.eye(SITE_DIM))
        keys = sorted(blocks)
        vectors = np.array([[kz * a0, kd * a0 / np.sqrt(2.0)] for kz, kd in keys])
        return vectors, np.stack([blocks[k] for k in keys])

    def _zeeman(self, field_t: ArrayLike) -> np.ndarray:
        """Zeeman term on every layer (D x D) for a field (B_x, B_y, B_z) in slab axes, tesla."""
        b = finite_array("field", field_t)
        if b.shape != (3,):
            raise ParameterError(f"field must have 3 components (B_x, B_y, B_z), got {b.shape}")
        site = atomic.zeeman(lattice.to_cubic(b), self.g_factor, self.orbital_g)
        return np.kron(np.eye(self.total_layers), site)

    def _chunks(self, kx: ArrayLike, ky: ArrayLike, field_t: ArrayLike):
        """Yield (slice, H) over the flattened broadcast k points, a memory-bounded chunk each."""
        kx, ky = np.broadcast_arrays(finite_array("kx", kx), finite_array("ky", ky))
        flat = np.stack([kx.ravel(), ky.ravel()], axis=-1)
        vectors, matrices = self._terms
        constant = self._zeeman(field_t)
        step = max(1, _CHUNK_BYTES // (16 * self.dimension**2))
        g, dim = matrices.shape[0], self.dimension
        for start in range(0, len(flat), step):
            part = slice(start, start + step)
            phases = np.exp(1j * flat[part] @ vectors.T)
            h = (phases @ matrices.reshape(g, dim * dim)).reshape(-1, dim, dim)
            yield part, h + constant

    def hamiltonian(self, kx: ArrayLike, ky: ArrayLike, field: ArrayLike = (0, 0, 0)) -> np.ndarray:
        """Bloch Hamiltonians H(k) in meV, shape ``broadcast(kx, ky).shape + (D, D)``.

        k in nm^-1 (x = [001], y = [1-10]); field (B_x, B_y, B_z) in tesla, slab axes.
        """
        shape = np.broadcast_shapes(np.shape(kx), np.shape(ky))
        out = np.empty((int(np.prod(shape)), self.dimension, self.dimension), dtype=complex)
        for part, h in self._chunks(kx, ky, field):
            out[part] = h
        return out.reshape(*shape, self.dimension, self.dimension)

    @cached_property
    def bandwidth(self) -> int:
        """Number of nonzero superdiagonals of H(k) (bonds reach at most two layers)."""
        vectors, matrices = self._terms
        rows, cols = np.nonzero(
            np.abs(matrices).sum(axis=0)
            + np.kron(np.eye(self.total_layers), np.ones((SITE_DIM, SITE_DIM)))
        )
        return int(np.max(cols - rows))

    def energies(self, kx: ArrayLike, ky: ArrayLike, field: ArrayLike = (0, 0, 0)) -> np.ndarray:
        """All subband energies in meV, sorted, shape ``broadcast(kx, ky).shape + (D,)``.

        k in nm^-1 (x = [001], y = [1-10]); field (B_x, B_y, B_z) in tesla, slab axes.  H(k)
        is banded (bonds reach two layers), so LAPACK's Hermitian band solver is used
        (``scipy.linalg.eig_banded``): O(D^2) per k instead of O(D^3).
        """
        shape = np.broadcast_shapes(np.shape(kx), np.shape(ky))
        dim, width = self.dimension, self.bandwidth
        out = np.empty((int(np.prod(shape)), dim))
        for part, h in self._chunks(kx, ky, field):
            if 2 * width >= dim:
                out[part] = np.linalg.eigvalsh(h)
                continue
            band = np.zeros((len(h), width + 1, dim), dtype=complex)
            for offset in range(width + 1):
                band[:, width - offset, offset:] = np.diagonal(h, offset, axis1=1, axis2=2)
            out[part] = [eig_banded(b, eigvals_only=True, check_finite=False) for b in band]
        return out.reshape(*shape, dim)

    def eigensystem(
        self, kx: ArrayLike, ky: ArrayLike, field: ArrayLike = (0, 0, 0)
    ) -> tuple[np.ndarray, np.ndarray]:
        """(energies (..., D) meV sorted, eigenvectors (..., D, D) as columns)."""
        shape = np.broadcast_shapes(np.shape(kx), np.shape(ky))
        dim = self.dimension
        values = np.empty((int(np.prod(shape)), dim))
        vectors = np.empty((int(np.prod(shape)), dim, dim), dtype=complex)
        for part, h in self._chunks(kx, ky, field):
            values[part], vectors[part] = np.linalg.eigh(h)
        return values.reshape(*shape, dim), vectors.reshape(*shape, dim, dim)

    def states(self, kx: ArrayLike, ky: ArrayLike, field: ArrayLike = (0, 0, 0)) -> dict:
        """Energies and the character of every eigenstate, without keeping the eigenvectors.

        Returns ``energy`` (..., D) meV sorted, ``spin`` (..., D, 3) <sigma> in slab axes,
        ``orbital`` (..., D, 3) weights of (yz, zx, xy) and ``layer`` (..., D, layers)
        weights; computed chunk by chunk, so memory grows as D * layers, not D^2, per k.
        """
        shape = np.broadcast_shapes(np.shape(kx), np.shape(ky))
        count, dim, n = int(np.prod(shape)), self.dimension, self.total_layers
        out = {
            "energy": np.empty((count, dim)),
            "spin": np.empty((count, dim, 3)),
            "orbital": np.empty((count, dim, 3)),
            "layer": np.empty((count, dim, n)),
        }
        for part, h in self._chunks(kx, ky, field):
            out["energy"][part], vectors = np.linalg.eigh(h)
            out["spin"][part] = self.spin(vectors)
            out["orbital"][part] = self.orbital_weights(vectors)
            out["layer"][part] = self.layer_weights(vectors)
        return {key: value.reshape(*shape, *value.shape[1:]) for key, value in out.items()}

    # -- observables of eigenvectors ---------------------------------------------------------

    def _split(self, vectors: np.ndarray) -> np.ndarray:
        """Eigenvector columns as (..., band, layer, orbital, spin)."""
        v = np.swapaxes(vectors, -1, -2)
        return v.reshape(*v.shape[:-1], self.total_layers, 3, 2)

    def spin(self, vectors: np.ndarray) -> np.ndarray:
        """<sigma> of each eigenvector in slab axes (x = [001], y = [1-10], z = [110]).

        Shape (..., D, 3) for eigenvectors (..., D, D) of :meth:`eigensystem`.
        """
        v = self._split(vectors)
        cubic = np.einsum("...loa,kab,...lob->...k", v.conj(), atomic.PAULI, v).real
        return lattice.to_slab(cubic)

    def orbital_weights(self, vectors: np.ndarray) -> np.ndarray:
        """Weight of the (yz, zx, xy) orbitals (all layers, both spins), shape (..., D, 3)."""
        return np.sum(np.abs(self._split(vectors)) ** 2, axis=(-3, -1))

    def layer_weights(self, vectors: np.ndarray) -> np.ndarray:
        """Weight of each layer (all orbitals and spins), shape (..., D, layers)."""
        return np.sum(np.abs(self._split(vectors)) ** 2, axis=(-2, -1))
