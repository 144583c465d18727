"""Named errors: interfaces turn them into one clear line, never a traceback."""
from __future__ import annotations


class LetopisError(Exception):
    """Base class for every error Letopis reports to a user."""


class ReaderError(LetopisError):
    """An input could not be read: names the file (and line) and the problem."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")

    @classmethod
    def unexpected(cls, path: str, exc: BaseException, line: int | None = None) -> "ReaderError":
        """A bug met while reading one input, reported as one line like any other problem."""
        return cls(path, f"unexpected error: {type(exc).__name__}: {exc}", line)


class StoreError(LetopisError):
    """The store could not be opened or written; nothing stored was changed."""
