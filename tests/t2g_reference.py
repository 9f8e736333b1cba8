"""Reference t2g physics for the tests of reentrant.bands, built without the package.

* :func:`angular_momentum` derives the t2g matrices of ``L_k = -i (r x grad)_k`` by applying
  the differential operator to the quadratic polynomials yz, zx, xy and reading off the t2g
  coefficients (the eg parts, combinations of x^2, y^2, z^2, are dropped).
* :func:`bulk_bands` is the cubic-perovskite t2g tight-binding band structure with
  nearest-neighbour pi (t) and delta (t_d) hoppings, in-plane next-nearest t', and on-site
  ``lambda L.S`` (Slater & Koster, Phys. Rev. 94, 1498 (1954)), in cubic momenta.
"""

import numpy as np

#: Exponents (a, b, c) of x^a y^b z^c for yz, zx, xy.
T2G = ((0, 1, 1), (1, 0, 1), (1, 1, 0))
PAULI = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]], dtype=complex)


def _apply(k: int, monomial: tuple[int, int, int]) -> dict[tuple[int, int, int], complex]:
    """L_k x^a y^b z^c = -i (r_i d_j - r_j d_i) x^a y^b z^c with (k, i, j) cyclic."""
    i, j = (k + 1) % 3, (k + 2) % 3
    out: dict[tuple[int, int, int], complex] = {}
    for mult, deriv, sign in ((i, j, 1.0), (j, i, -1.0)):
        power = monomial[deriv]
        if power == 0:
            continue
        term = list(monomial)
        term[deriv] -= 1
        term[mult] += 1
        out[tuple(term)] = out.get(tuple(term), 0.0) - 1j * sign * power
    return out


def angular_momentum() -> np.ndarray:
    """(L_k)_{ab} on (yz, zx, xy), shape (3, 3, 3), from the differential operator."""
    mats = np.zeros((3, 3, 3), dtype=complex)
    for k in range(3):
        for b, mono in enumerate(T2G):
            image = _apply(k, mono)
            for a, target in enumerate(T2G):
                mats[k, a, b] = image.get(target, 0.0)
    return mats


def soc_matrix(lam: float) -> np.ndarray:
    """lambda L.S on (orbital x spin), 6 x 6."""
    ell = angular_momentum()
    return 0.5 * lam * sum(np.kron(ell[k], PAULI[k]) for k in range(3))


def bulk_bands(
    kx_c, ky_c, kz_c, a: float, t: float, td: float, tp: float, lam: float
) -> np.ndarray:
    """Sorted bulk t2g + SOC energies at cubic momenta (nm^-1), shape (..., 6)."""
    cx, cy, cz = (np.cos(np.asarray(q) * a) for q in (kx_c, ky_c, kz_c))
    e_yz = -2 * t * (cy + cz) - 2 * td * cx - 4 * tp * cy * cz
    e_zx = -2 * t * (cz + cx) - 2 * td * cy - 4 * tp * cz * cx
    e_xy = -2 * t * (cx + cy) - 2 * td * cz - 4 * tp * cx * cy
    shape = np.broadcast(e_yz, e_zx, e_xy).shape
    h = np.zeros((*shape, 6, 6), dtype=complex)
    for o, e in enumerate(np.broadcast_arrays(e_yz, e_zx, e_xy)):
        h[..., 2 * o, 2 * o] = e
        h[..., 2 * o + 1, 2 * o + 1] = e
    return np.linalg.eigvalsh(h + soc_matrix(lam))
