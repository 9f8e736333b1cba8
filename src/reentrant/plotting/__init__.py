"""Figures of ``reentrant`` (the only subpackage that imports matplotlib)."""
