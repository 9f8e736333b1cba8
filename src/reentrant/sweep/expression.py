"""Arithmetic expressions of a sweep's derived parameters, e.g. ``3 * abs(beta) * mass_heavy``.

An expression is parsed with :mod:`ast` and only numbers, parameter names, ``+ - * / **``,
unary signs and the functions in :data:`FUNCTIONS` are accepted; anything else (attributes,
subscripts, other calls) is refused, so evaluating a spec file runs no code of its own.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Mapping

from reentrant.errors import ParameterError

FUNCTIONS = {"abs": abs, "sqrt": math.sqrt, "exp": math.exp, "log": math.log}
_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


def parse(text: str, name: str = "expression") -> ast.Expression:
    """Parse ``text`` and check that it uses only the accepted syntax (see the module)."""
    if not isinstance(text, str):
        raise ParameterError(f"{name} must be a string expression, got {text!r}")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise ParameterError(f"{name}: {text!r} is not an arithmetic expression") from None
    for node in ast.walk(tree):
        allowed = (
            isinstance(node, ast.Expression | ast.Name | ast.Load | ast.BinOp | ast.UnaryOp)
            or type(node) in _BINARY
            or type(node) in _UNARY
            or (isinstance(node, ast.Constant) and type(node.value) in (int, float))
            or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FUNCTIONS
                and len(node.args) == 1
                and not node.keywords
            )
        )
        if not allowed:
            raise ParameterError(
                f"{name}: {text!r} may hold only numbers, parameter names, + - * / **, and "
                f"{', '.join(FUNCTIONS)} of one argument"
            )
    return tree


def names(text: str, name: str = "expression") -> set[str]:
    """The parameter names ``text`` refers to (function names excluded)."""
    nodes = list(ast.walk(parse(text, name)))
    calls = {id(node.func) for node in nodes if isinstance(node, ast.Call)}
    return {node.id for node in nodes if isinstance(node, ast.Name) and id(node) not in calls}


def evaluate(text: str, values: Mapping[str, float], name: str = "expression") -> float:
    """Value of ``text`` with parameter names bound to ``values``; must be a finite number."""

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise ParameterError(f"{name}: unknown name {node.id!r} in {text!r}")
            return float(values[node.id])
        if isinstance(node, ast.BinOp):
            out = _BINARY[type(node.op)](value(node.left), value(node.right))
            if isinstance(out, complex):
                raise ParameterError(f"{name}: {text!r} is not real")
            return out
        if isinstance(node, ast.UnaryOp):
            return _UNARY[type(node.op)](value(node.operand))
        return FUNCTIONS[node.func.id](value(node.args[0]))

    try:
        result = value(parse(text, name))
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, ParameterError):
            raise
        raise ParameterError(f"{name}: {text!r} cannot be evaluated ({exc})") from None
    if not math.isfinite(result):
        raise ParameterError(f"{name}: {text!r} is not finite ({result!r})")
    return result
