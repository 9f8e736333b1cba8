"""T_c(B) from rival mechanisms behind one interface (:class:`Mechanism`)."""

from reentrant.mechanisms.base import Mechanism

__all__ = ["Mechanism"]
