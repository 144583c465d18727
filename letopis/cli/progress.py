"""The ingest progress bar: a rich bar on stderr, fed by `KnowledgeBase.ingest(progress=...)`."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


class ProgressBar:
    """A rich progress bar over an ingest of unknown length (counts, rate, outcome)."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        self.progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                                 transient=False, redirect_stdout=False, redirect_stderr=False,
                                 console=Console(stderr=True))
        self.task = None

    def start(self) -> None:
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=None, detail="")

    def update(self, summary) -> None:
        """The progress callback: `summary` is the running `letopis.ingest.Summary`."""
        done = summary.done
        detail = (f"new {summary.new} · updated {summary.updated} · skipped {summary.skipped}"
                  f" · failed {len(summary.failed)}")
        self.progress.update(self.task, completed=done, total=max(summary.read, done), detail=detail)

    def stop(self) -> None:
        self.progress.stop()


@contextmanager
def progress_bar(show: bool = True) -> Iterator:
    """The callback to pass as `progress` (None when `show` is false); the bar ends with the block."""
    if not show:
        yield None
        return
    bar = ProgressBar()
    bar.start()
    try:
        yield bar.update
    finally:
        bar.stop()
