"""Rich progress bars on stderr for long computations (silent when stderr is not a terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


def _bar(*columns: ProgressColumn) -> Progress:
    """A transient bar on stderr: description, bar, ``columns``, elapsed time."""
    console = Console(stderr=True)
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        *columns,
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


@contextmanager
def progress_bar(description: str) -> Iterator:
    """Yield a callback ``update(done, total)`` driving a progress bar on stderr."""
    with _bar(TextColumn("{task.completed}/{task.total}")) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


class _Rate(ProgressColumn):
    """Points per second, from rich's running estimate."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-" if speed is None else f"{speed:.2f} points/s")


@contextmanager
def sweep_progress_bar(description: str) -> Iterator:
    """Yield ``update(done, failed, total)`` driving a bar with done, failed and the rate.

    The bar goes away when ``done`` reaches ``total``.
    """
    columns = (
        TextColumn("{task.completed}/{task.total} done"),
        TextColumn("{task.fields[failed]} failed"),
        _Rate(),
    )
    with _bar(*columns) as bar:
        task = bar.add_task(description, total=None, failed=0)

        def update(done: int, failed: int, total: int) -> None:
            bar.update(task, completed=done, total=total, failed=failed)
            if done == total:
                bar.stop()  # before the cluster's shutdown, which may take a few seconds

        yield update
