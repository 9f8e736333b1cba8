"""The ``reproduce`` pipeline: the paper's figures and numbers as data, JSON and one HTML page."""

from reentrant.report.config import ReportConfig, load_config, make_config
from reentrant.report.run import Report, read_data, reproduce

__all__ = ["Report", "ReportConfig", "load_config", "make_config", "read_data", "reproduce"]
