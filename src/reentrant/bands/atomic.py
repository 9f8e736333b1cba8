r"""One-site operators of the t2g shell: orbital angular momentum, spin, SOC, Zeeman, hoppings.

Basis of one site: orbital ``o`` in (yz, zx, xy) times spin (up, down along the cubic Z axis),
index ``2 o + s``.  Orbital ``o`` lies in the plane normal to the cubic axis ``o`` (yz is normal
to X, zx to Y, xy to Z).

**Angular momentum.**  Applying ``L_k = -i (r x grad)_k`` to the real t2g functions and keeping
the t2g components (e.g. ``L_X xy = i zx``, ``L_X zx = -i xy``) gives

.. math::

    (L_k)_{ab} = i\,\varepsilon_{kab},

so ``L = -Lt`` with ``(Lt_k)_{ab} = -i eps_kab`` the l = 1 matrices of the p orbitals
(x, y, z) <-> (yz, zx, xy).

**Spin-orbit coupling** of the heavy Ta ion, ``H_SO = lambda L.S`` with ``S = sigma / 2``.  With
``J = Lt + S``, ``L.S = -Lt.S = -(J^2 - Lt^2 - S^2)/2`` is ``-1/2`` for ``J = 3/2`` and ``+1`` for
``J = 1/2``: an effective ``J = 3/2`` quartet at ``-lambda/2`` and a ``J = 1/2`` doublet at
``+lambda``, the split-off doublet ``3 lambda / 2`` above the quartet, as in the conduction band
of KTaO3.

**Zeeman.**  ``H_Z = mu_B B.(g_L L + (g/2) sigma)``; ``g_L = 1`` for the bare orbital moment.

**Slater-Koster t2g hoppings** (Slater & Koster, Phys. Rev. 94, 1498 (1954)) on the cubic
lattice.  Along a nearest-neighbour bond on axis ``mu`` the two orbitals containing ``mu`` hop
with the pi-type amplitude ``-t`` and the third (normal to ``mu``) with the delta-type ``-t_d``;
along a face diagonal in the ``mu nu`` plane only the orbital of that plane hops, with ``-t'``.
The bulk bands without SOC are then

.. math::

    \varepsilon_{xy}(k) = -2t(\cos k_X a + \cos k_Y a) - 2t_\delta \cos k_Z a
                          - 4t' \cos k_X a \cos k_Y a

and cyclic permutations.

**Orbital Rashba.**  An interface field along the normal ``n`` lets t2g orbitals change
character when they hop (polar distortion of the metal-oxygen-metal bond; Khalsa, Lee &
MacDonald, arXiv:1301.2784): to lowest order the odd hopping along a nearest-neighbour bond
``d`` is ``T(d) = -i gamma (n x d).L``, whose Fourier sum is the orbital Rashba term
``2 gamma sum_mu sin(k_mu a) (n x e_mu).L`` (for n = Z: ``xy``-``zx`` mixing odd in k_Y and
``xy``-``yz`` mixing odd in k_X).
"""

from __future__ import annotations

import numpy as np

from reentrant.units import MU_B_MEV_PER_T

#: Orbital labels in basis order.
ORBITALS = ("yz", "zx", "xy")


def _levi_civita() -> np.ndarray:
    eps = np.zeros((3, 3, 3))
    for i, j, k in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        eps[i, j, k] = 1.0
        eps[j, i, k] = -1.0
    return eps


#: (L_k)_{ab} = i eps_kab in the t2g basis (yz, zx, xy), shape (3, 3, 3).
ANGULAR_MOMENTUM = 1j * _levi_civita()

#: Pauli matrices sigma_X, sigma_Y, sigma_Z (cubic axes), shape (3, 2, 2).
PAULI = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]], dtype=complex)

_I2 = np.eye(2)
_I3 = np.eye(3)


def spin_orbit(soc_mev: float) -> np.ndarray:
    """``lambda L.S`` on one site (6 x 6, meV): J = 3/2 at -lambda/2, J = 1/2 at +lambda."""
    return 0.5 * soc_mev * sum(np.kron(ANGULAR_MOMENTUM[k], PAULI[k]) for k in range(3))


def zeeman(field_cubic_t: np.ndarray, g_factor: float, orbital_g: float = 1.0) -> np.ndarray:
    """``mu_B B.(g_L L + (g/2) sigma)`` on one site (6 x 6, meV) for B in tesla (cubic axes)."""
    b = np.asarray(field_cubic_t, dtype=float)
    return MU_B_MEV_PER_T * sum(
        b[k]
        * (orbital_g * np.kron(ANGULAR_MOMENTUM[k], _I2) + 0.5 * g_factor * np.kron(_I3, PAULI[k]))
        for k in range(3)
    )


def slater_koster(
    bond: tuple[int, int, int], pi: float, delta: float, next_nearest: float
) -> np.ndarray:
    """Spin-diagonal t2g hopping matrix (6 x 6, meV) along a cubic bond (units of a0).

    Nearest neighbour (one nonzero component on axis mu): ``-delta`` for the orbital normal to
    mu, ``-pi`` for the other two.  Face diagonal in the mu-nu plane: ``-next_nearest`` for the
    orbital of that plane, 0 otherwise.
    """
    axes = [c for c in range(3) if bond[c] != 0]
    if len(axes) == 1:
        diag = np.full(3, -pi)
        diag[axes[0]] = -delta
    elif len(axes) == 2:
        diag = np.zeros(3)
        diag[3 - sum(axes)] = -next_nearest
    else:
        raise ValueError(f"bond {bond} is neither a nearest nor a next-nearest neighbour")
    return np.kron(np.diag(diag), _I2)


def orbital_rashba(
    bond: tuple[int, int, int], normal_cubic: np.ndarray, gamma: float
) -> np.ndarray:
    """Odd orbital-mixing hopping ``-i gamma (n x d).L`` along a nearest-neighbour bond (6 x 6)."""
    axis = np.cross(np.asarray(normal_cubic, float), np.asarray(bond, float))
    mixing = np.einsum("k,kab->ab", axis, ANGULAR_MOMENTUM)
    return -1j * gamma * np.kron(mixing, _I2)
