"""Explain the experiment: the paper's observations as data, judged on simulated devices."""

from reentrant.explain.extract import Verdict, judge_all
from reentrant.explain.observations import OBSERVATIONS, Observation, observation

__all__ = ["OBSERVATIONS", "Observation", "Verdict", "judge_all", "observation"]
