"""The re-entrance search: bookkeeping against curves with known minima, and real points."""

import numpy as np
import pytest
import scipy.constants as sc
from numpy.testing import assert_allclose
from sweep_helpers import fake_search_sweep

from reentrant.errors import ParameterError
from reentrant.sweep.point import solve_point
from reentrant.sweep.search import SearchGrid, search_dataset, search_reentrance, search_spec
from reentrant.sweep.store import STATUS, store_status

K_B = sc.k / sc.e * 1e3  # meV/K
MU_B = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e3  # meV/T
DEPTH = {-1.0: 0.5, -2.0: 0.01}  # 0.01 < noise threshold 3 x 1e-2: must not count


def v_curve(approx, delta, beta, mass_ratio, cutoff, h):
    """T_c(h) = 1 - d (1 - |h - delta| / delta) on [0, 2 delta], 1 beyond: minimum 1 - d at delta.

    A symmetric V sampled at its vertex: the parabola through the vertex and its neighbours has
    its vertex there too, so (h_min, T_c^min) are exact.
    """
    d = DEPTH[beta] * (0.5 if approx == "full" else 1.0)
    return np.where(h < 2 * delta, 1 - d * (1 - np.abs(h - delta) / delta), 1.0)


GRID = SearchGrid(
    delta=(0.5, 1.0), beta=(-1.0, -2.0), mass_ratio=(10.0,), cutoff=(5.0, 10.0),
    zeeman=tuple(np.linspace(0.0, 3.0, 13)), g_factor=(1.0, 2.0), tc0_k=0.4,
)  # fmt: skip


def test_known_minima_are_found_and_converted():
    ds = search_dataset(GRID, {a: fake_search_sweep(GRID, a, v_curve) for a in GRID.approx})
    assert ds.tc.dims == ("approx", "delta", "beta", "mass_ratio", "cutoff", "zeeman")
    assert ds.field_min.dims[-1] == "g_factor"
    assert ds.depth.attrs["units"] == "T_c0" and ds.field_min.attrs["units"] == "T"
    deep = ds.sel(beta=-1.0)
    assert deep.reentrant.all()
    assert_allclose(deep.depth.sel(approx="upper-branch"), 0.5, atol=1e-12)
    assert_allclose(deep.depth.sel(approx="full"), 0.25, atol=1e-12)
    assert_allclose(deep.zeeman_min, deep.delta.broadcast_like(deep.zeeman_min), atol=1e-12)
    # B_min = h_min k_B T_c0 / ((g/2) mu_B)
    expected = 1.0 * K_B * 0.4 / (0.5 * 2.0 * MU_B)
    assert_allclose(deep.field_min.sel(delta=1.0, g_factor=2.0), expected, rtol=1e-12)
    shallow = ds.sel(beta=-2.0)
    assert not shallow.reentrant.any()
    assert (shallow.depth == 0).all() and shallow.zeeman_min.isnull().all()
    assert_allclose(shallow.rise.sel(approx="upper-branch"), 0.01, atol=1e-12)
    assert ds.converged.all()


def test_failed_points_are_unconverged_and_nan():
    sweeps = {a: fake_search_sweep(GRID, a, v_curve) for a in GRID.approx}
    sweeps["full"]["status"][:] = STATUS["failed"]
    ds = search_dataset(GRID, sweeps).sel(approx="full")
    assert not ds.converged.any() and not ds.reentrant.any()
    assert ds.depth.isnull().all() and ds.tc.isnull().all()
    with pytest.raises(ParameterError, match="no sweep for approximation 'full'"):
        search_dataset(GRID, {"upper-branch": sweeps["upper-branch"]})


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"delta": ()}, "delta"),
        ({"delta": (-1.0,)}, "delta"),
        ({"beta": (0.0,)}, "beta"),
        ({"mass_ratio": (np.nan,)}, "mass_ratio"),
        ({"zeeman": (0.0, 2.0, 1.0)}, "zeeman"),
        ({"approx": ("lower",)}, "approx"),
        ({"g_factor": (0.0,)}, "g_factor"),
    ],
)
def test_bad_grid_names_the_culprit(kwargs, name):
    with pytest.raises(ParameterError, match=name):
        SearchGrid(**kwargs)


def test_the_saddle_extent_is_derived_per_point():
    spec = search_spec(GRID, "full")
    params = spec.parameters((0, 1, 0, 1))  # delta 0.5, beta -2, M 10, omega_D 10
    assert params == {
        "mass_light": 1.0, "delta": 0.5, "beta": -2.0, "mass_heavy": 10.0, "cutoff": 10.0,
        "momentum_cutoff": GRID.momentum_extent * 2.0 * 10.0,
    }  # fmt: skip
    assert dict(spec.options)["approx"] == "full"


def test_quick_search_solves_the_model_and_resumes(thread_client, tmp_path):
    """One real point in both approximations: T_c(0) = 1 by calibration in each."""
    calls = []
    ds = search_reentrance(
        SearchGrid.quick(), store=tmp_path, client=thread_client,
        progress=lambda done, total: calls.append((done, total)),
    )  # fmt: skip
    assert calls == [(1, 2), (2, 2)]
    assert ds.sizes["approx"] == 2 and ds.sizes["zeeman"] == 3
    tc = ds.tc.squeeze(["delta", "beta", "mass_ratio", "cutoff"])
    assert_allclose(tc.isel(zeeman=0), 1.0, rtol=1e-2)
    assert ds.converged.all()
    assert ds.reentrant.dtype == bool and ds.depth.notnull().all()
    assert store_status(tmp_path / "full.zarr").done == 1
    again = search_reentrance(SearchGrid.quick(), store=tmp_path, client=thread_client)
    assert calls == [(1, 2), (2, 2)]  # nothing recomputed
    assert again.identical(ds)


def test_only_m_beta_squared_matters():
    """Scaling p_x -> s p_x maps (M, beta, Lambda) to (s^2 M, beta / s, s Lambda) and leaves
    Eq. (1) invariant; the Jacobian s rescales the density of states, which the calibration of
    the coupling absorbs.  So T_c(h) / T_c0 depends on M and beta only through M beta^2 (the
    search keeps Lambda = extent x |beta| M, which scales with s).  Independent solves with
    s = 2 agree to 2 x tolerance.
    """
    grid = SearchGrid(
        delta=(1.0,), beta=(-1.0, -2.0), mass_ratio=(10.0, 40.0), cutoff=(5.0,),
        zeeman=(0.0, 0.75, 1.5), tolerance=1e-2,
    )  # fmt: skip
    spec = search_spec(grid, "full")
    h = np.asarray(grid.zeeman)
    a = solve_point(spec.model, spec.parameters((0, 0, 1, 0)), h, **dict(spec.options)).tc
    b = solve_point(spec.model, spec.parameters((0, 1, 0, 0)), h, **dict(spec.options)).tc
    assert a.values[1] > 0
    assert_allclose(a, b, rtol=2e-2, atol=1e-2)
