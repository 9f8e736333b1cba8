"""Command line of ``reentrant``: a thin typer app over the documented API.

Each sub-command lives in its own module of this package and registers itself on :data:`app`.
User mistakes (any :class:`reentrant.errors.ReentrantError`) end in one line on stderr and exit
status 2; typer/click usage errors also exit with status 2.
"""

from __future__ import annotations

import sys

# Sub-commands register themselves on import (one name each).
from reentrant.cli import (  # noqa: F401,E402
    analyze,
    bands,
    demo,
    device,
    explain,
    mechanism,
    reproduce,
    sweep,
    tc,
)
from reentrant.cli.app import app, run_guarded


def main() -> None:
    """Console-script entry point."""
    sys.exit(run_guarded(app))
