"""The stage protocol: what each stage reads from the `Doc` and what it fills.

As spaCy's `@Language.component(requires=..., assigns=...)`: a stage
declares the `Doc` fields it needs and the ones it fills, and `check_order`
verifies once, when a pipeline is built, that every field a stage needs is
filled by an earlier one. A stage never re-does an earlier stage's work: if
what it needs is missing, the pipeline is wrong, and it says so.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable, Iterable

from ..errors import LetopisError
from .doc import Doc

#: what `Doc.from_article` fills before any stage runs.
GIVEN = ("article", "text", "body_offset")


class StageOrderError(LetopisError):
    """A pipeline whose stages do not fit together."""


@dataclass(frozen=True)
class Stage:
    """A named step over a `Doc`: `run(doc, models)` fills `assigns` from `requires`."""

    name: str
    run: Callable
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Doc, models) -> None:
        self.run(doc, models)


def stage(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()):
    """Declare a function `run(doc, models)` as a stage."""
    def wrap(func: Callable) -> Stage:
        return Stage(name, func, tuple(requires), tuple(assigns))
    return wrap


def check_order(stages: Iterable[Stage]) -> None:
    """Raise `StageOrderError` unless each stage's inputs are filled before it runs."""
    known = {f.name for f in fields(Doc)}
    filled = set(GIVEN)
    for step in stages:
        unknown = [name for name in step.requires + step.assigns if name not in known]
        if unknown:
            raise StageOrderError(f"stage {step.name!r} names unknown Doc fields: {', '.join(unknown)}")
        missing = [name for name in step.requires if name not in filled]
        if missing:
            raise StageOrderError(f"stage {step.name!r} needs {', '.join(missing)}, "
                                  f"which no earlier stage fills")
        filled.update(step.assigns)
