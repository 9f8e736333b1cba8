"""Tests of the reproduce config: TOML parsing and validation with errors naming the key."""

import pytest
from scipy import constants

from reentrant.errors import InputFileError, ParameterError
from reentrant.models.presets import preset
from reentrant.report.config import QUICK, ReportConfig, load_config, make_config


def test_defaults_use_the_physical_preset():
    config = make_config()
    assert config.preset == "lto-kto-110"
    assert config.parameters == dict(preset("lto-kto-110").defaults)


def test_quick_applies_coarse_grids_under_file_values():
    config = make_config(config={"field_points": 5}, quick=True)
    assert config.quick
    assert config.field_points == 5
    assert config.search_points == QUICK["search_points"]


def test_model_table_overrides_preset_parameters(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        'preset = "lto-kto-110"\ncoherence_length_nm = 30\n'
        'coherence_length_source = "B_c2 perpendicular, my sample"\n[model]\ndelta = 0.3\n'
    )
    config = make_config(config=load_config(path))
    assert config.parameters["delta"] == 0.3
    assert config.coherence_length_nm == 30.0 and not config.xi_back_derived
    assert config.as_dict()["model"] == {"delta": 0.3}


def test_default_coherence_length_is_the_one_the_papers_w_implies():
    # xi = Phi0 / (B w) with B = 0.9 T and w = 45 nm (the paper's flux-penetration estimate)
    phi0 = constants.h / (2 * constants.e)
    config = make_config()
    assert config.coherence_length_nm == pytest.approx(phi0 / (0.9 * 45e-9) * 1e9, rel=1e-12)
    assert config.xi_back_derived and config.coherence_length_source == ""


def test_cli_preset_wins_over_file():
    with pytest.raises(ParameterError, match="bcs-2d"):
        make_config("bcs-2d", {"preset": "lto-kto-110"})


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"colour": 1}, "unknown config key 'colour'"),
        ({"model": {"delt": 1.0}}, "unknown parameter 'delt'"),
        ({"model": 3}, "'model' must be a table"),
        ({"model": {"delta": "x"}}, "model.delta must be a number"),
        ({"model": {"tc0": 0.0}}, "model.tc0 must be positive"),
        ({"tolerance": -1.0}, r"tolerance must lie in \(0, 0.1\]"),
        ({"tolerance": 0.5}, r"tolerance must lie in \(0, 0.1\]"),
        ({"field_max_t": 1e300}, "field_max_t must be at most 1000"),
        ({"tolerance": "small"}, "tolerance must be a number"),
        ({"field_points": 2}, "field_points must be an integer from 3 to 1000"),
        ({"field_points": 10**9}, "field_points must be an integer from 3 to 1000"),
        ({"field_points": 4.5}, "field_points must be an integer"),
        ({"quick": "yes"}, "quick must be true or false"),
        ({"preset": 3}, "preset must be a string"),
        ({"preset": "nope"}, "unknown model 'nope'"),
        ({"preset": "saddle-soc"}, "reduced units"),
        ({"coherence_length_nm": 30.0}, "coherence_length_source must say where"),
        ({"coherence_length_source": 3}, "coherence_length_source must be a string"),
        ({"max_field_points": 5}, r"max_field_points \(5\) must be at least field_points"),
        ({"fit_evaluations": 0}, "fit_evaluations must be an integer from 3"),
    ],
)
def test_bad_values_name_the_key(values, match):
    with pytest.raises(ParameterError, match=match):
        make_config(config=values)


def test_unreadable_and_malformed_files(tmp_path):
    with pytest.raises(InputFileError, match="cannot read config"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("tolerance = = 1\n")
    with pytest.raises(InputFileError, match="invalid TOML"):
        load_config(bad)


def test_config_is_frozen_and_hashable():
    config = ReportConfig()
    assert hash(config) == hash(ReportConfig())
    with pytest.raises(AttributeError):
        config.tolerance = 0.1
