"""The typer application object and the error handling shared by every sub-command."""

from __future__ import annotations

import json
import signal
import sys
from typing import Any

import typer

from reentrant.errors import ReentrantError, show_package_warnings_in_one_line

app = typer.Typer(
    name="reentrant",
    help="Re-entrant superconductivity in 2D spin-orbit-coupled metals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit status after SIGINT (128 + the signal number, as shells report it).
INTERRUPTED = 128 + signal.SIGINT


class Interrupted(BaseException):
    """Raised by the SIGINT handler of :func:`run_guarded`.

    Not a :class:`KeyboardInterrupt`, which typer turns into a silent exit; like it, a
    :class:`BaseException`, so ``except Exception`` blocks let it pass while context managers
    (temporary files, worker pools) clean up on the way out.
    """


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted


def fail(message: str) -> None:
    """Print one error line on stderr and exit with status 2 (a user mistake)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def print_json(payload: Any) -> None:
    """Write one JSON document on stdout (results only; messages go to stderr)."""
    sys.stdout.write(json.dumps(payload, allow_nan=False) + "\n")


def run_guarded(application: typer.Typer) -> int:
    """Run the app; user mistakes end in one ``error: ...`` line on stderr and status 2.

    Package errors (:class:`ReentrantError`) and click's usage errors (unknown option, missing
    or malformed value, which carry ``exit_code`` 2) are both reported this way.  SIGINT
    (Ctrl-C) stops the command with one ``interrupted`` line and status 130; files being
    written are removed (they are written whole or not at all), finished ones are kept.
    """
    show_package_warnings_in_one_line()
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        code = application(standalone_mode=False)
    except ReentrantError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    except (Interrupted, KeyboardInterrupt, typer.Abort):
        typer.echo("interrupted", err=True)
        return INTERRUPTED
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            typer.echo(f"error: {exc.format_message()}", err=True)
            return int(exc.exit_code)
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
    return code if isinstance(code, int) else 0
