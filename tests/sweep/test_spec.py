"""Sweep specs: the TOML forms, canonical JSON, and one clear error per mistake."""

import numpy as np
import pytest

from reentrant.errors import InputFileError, ParameterError
from reentrant.sweep.point import OPTIONS
from reentrant.sweep.spec import SweepSpec, load_spec

SPEC = """
model = "saddle-soc"
approx = "upper-branch"
tolerance = 1e-2
[fixed]
cutoff = 5.0
[vary]
delta = [1.0, 3.0]
beta = {start = -2.0, stop = -1.0, num = 3}
[derived]
momentum_cutoff = "3 * abs(beta) * mass_heavy"
[field]
start = 0.0
stop = 2.0
num = 9
"""


def base():
    return {
        "model": "bcs-2d",
        "vary": {"cutoff": [20.0, 40.0]},
        "field": {"start": 0.0, "stop": 1.0, "num": 3},
    }


def test_the_example_file(tmp_path):
    path = tmp_path / "spec.toml"
    path.write_text(SPEC)
    spec = load_spec(path)
    assert spec.dims == ("delta", "beta") and spec.shape == (2, 3) and spec.size == 6
    assert spec.field == tuple(np.linspace(0.0, 2.0, 9))
    assert dict(spec.options) == {**OPTIONS, "approx": "upper-branch", "tolerance": 1e-2}
    params = spec.parameters((1, 0))
    assert params == {"cutoff": 5.0, "delta": 3.0, "beta": -2.0, "momentum_cutoff": 3 * 2.0 * 20}
    assert spec.describe((1, 2)) == "delta=3, beta=-1"
    assert list(spec.points())[:2] == [(0, 0), (0, 1)]


def test_json_round_trip_and_equivalent_forms():
    a = SweepSpec.from_mapping(base())
    assert SweepSpec.from_json(a.to_json()) == a
    listed = {**base(), "field": [0.0, 0.5, 1.0], "tolerance": 1e-3}
    assert SweepSpec.from_mapping(listed).to_json() == a.to_json()  # defaults filled in
    swapped = {**base(), "vary": {"cutoff": [20.0, 40.0], "fermi_energy": [1e3, 2e3]}}
    other = {**base(), "vary": {"fermi_energy": [1e3, 2e3], "cutoff": [20.0, 40.0]}}
    assert SweepSpec.from_mapping(swapped).to_json() != SweepSpec.from_mapping(other).to_json()


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"fields": [0.0]}, "unknown spec key 'fields'"),
        ({"model": "nope"}, "unknown model 'nope'"),
        ({"model": 3}, "model must be a preset name"),
        ({"vary": {"mass_heavy": [1.0]}}, "unknown parameter 'mass_heavy'"),
        ({"fixed": {"soc": 1.0}}, "unknown parameter 'soc'"),
        ({"vary": {"cutoff": []}}, "vary.cutoff: empty range"),
        ({"vary": {"cutoff": {"start": 1.0, "stop": 2.0, "num": 0}}}, "vary.cutoff: empty range"),
        ({"vary": {"cutoff": {"start": 1.0, "stop": 2.0}}}, "missing 'num'"),
        ({"vary": {"cutoff": {"start": 1.0, "stop": 2.0, "num": 2.5}}}, "num must be an integer"),
        ({"vary": {"cutoff": ["20"]}}, r"vary.cutoff\[0\] must be a number"),
        ({"vary": {"cutoff": 20.0}}, "vary.cutoff must be a list"),
        ({"vary": {"cutoff": [20.0, 20.0]}}, "repeated values"),
        ({"vary": {}}, "vary needs at least one parameter"),
        ({"vary": [1.0]}, "vary must be a table"),
        ({"fixed": {"cutoff": 30.0}}, "'cutoff' is given more than once"),
        ({"fixed": {"mass": True}}, "fixed.mass must be a number"),
        ({"tolerance": "1e-3"}, "tolerance must be of type float"),
        ({"approx": "lower"}, "unknown approx 'lower'"),
        ({"field": [0.0, 1.0]}, "field must be >= 3 increasing"),
        ({"field": [0.0, 2.0, 1.0]}, "field must be >= 3 increasing"),
        ({"field": [-1.0, 0.0, 1.0]}, "field must be >= 3 increasing"),
        ({"vary": {"mass": [0.5, -0.5]}}, "point mass=-0.5: mass"),
        ({"derived": {"mass": "cutoff / foo"}}, "'foo' is not a parameter"),
        ({"derived": {"mass": "cutoff.real"}}, "may hold only"),
        ({"derived": {"mass": "cutoff / 40", "fermi_energy": "2 * mass"}}, "uses the derived"),
        ({"derived": {"mass": "-cutoff"}}, "point cutoff=20: mass"),
        ({"model": "lto-kto-110", "vary": {"tc0": [0.4, -0.1]}}, "point tc0=-0.1: tc0 must be"),
    ],
)
def test_each_mistake_names_its_key(change, match):
    with pytest.raises(ParameterError, match=match):
        SweepSpec.from_mapping({**base(), **change})


def test_missing_required_key():
    data = base()
    del data["field"]
    with pytest.raises(ParameterError, match="needs the key 'field'"):
        SweepSpec.from_mapping(data)


def test_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputFileError, match="cannot read spec"):
        load_spec(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"field": {"start": 0.0, "stop": 1.0, "num": 10**9}}, "field.num must be an integer from"),
        ({"field": {"start": 0.0, "stop": 1e300, "num": 3}}, "field must stay within 1000"),
        (
            {
                "vary": {
                    "cutoff": {"start": 1.0, "stop": 2.0, "num": 1000},
                    "mass": {"start": 0.5, "stop": 2.0, "num": 1000},
                }
            },  # fmt: skip
            "the grid has 1000000 points; at most 100000",
        ),
    ],
)
def test_absurd_sizes_are_refused_before_anything_is_built(changes, match):
    with pytest.raises(ParameterError, match=match):
        SweepSpec.from_mapping({**base(), **changes})
