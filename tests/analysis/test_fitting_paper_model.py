"""Fitting the paper's mechanism: its physical preset parameters are fit parameters."""

from reentrant.analysis.fitting import numeric_parameters
from reentrant.mechanisms import PaperModel


def test_paper_model_exposes_its_preset_parameters():
    model = PaperModel.from_preset(tc0=0.35)
    params = numeric_parameters(model)
    assert params["tc0"] == 0.35 and "g_factor" in params and "delta" in params
    moved = model.with_fit_parameters(g_factor=3.0)
    assert moved.parameters["g_factor"] == 3.0 and moved.parameters["tc0"] == 0.35
