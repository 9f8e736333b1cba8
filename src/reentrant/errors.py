"""Exception and warning types of ``reentrant``.

User mistakes (a bad parameter, an unknown option, an unreadable or malformed file, an output
that cannot or may not be written) raise a subclass of :class:`ReentrantError` that is also a
:class:`ValueError`, so callers may catch either.  The command line turns every
:class:`ReentrantError` into one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
import warnings


class ReentrantError(Exception):
    """Base class of every error ``reentrant`` raises on purpose."""


class ParameterError(ReentrantError, ValueError):
    """A physical or numerical parameter is invalid (NaN, non-positive, unknown name ...)."""


class InputFileError(ReentrantError, ValueError):
    """A data or configuration file cannot be read or lacks what is needed."""


class OutputFileError(ReentrantError, ValueError):
    """An output cannot be written: wrong ending, missing or read-only directory, or an existing
    file that ``reentrant`` did not write (refused unless overwriting is forced)."""


class MissingDependencyError(ReentrantError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class ConvergenceError(ReentrantError, RuntimeError):
    """A numerical method did not reach its stated tolerance and cannot return a result."""


class ConvergenceWarning(UserWarning):
    """A result was returned, but its error estimate exceeds the requested tolerance."""


def show_package_warnings_in_one_line() -> None:
    """Print the package's own warnings as one ``warning: ...`` line on stderr.

    Installed by the command line (and its worker processes), where the source line Python
    shows by default means nothing to the user; every other warning keeps the default format.
    """
    default = warnings.showwarning
    if getattr(default, "_one_line", False):
        return

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, ConvergenceWarning):
            print(f"warning: {message}", file=sys.stderr if file is None else file)
        else:
            default(message, category, filename, lineno, file, line)

    show._one_line = True
    warnings.showwarning = show
