"""The `letopis` command line. Each command lives in its own module and only
calls the library (readers, pipeline, store); errors become one line on stderr.
"""
from __future__ import annotations

import sys

import typer

from ..errors import LetopisError

app = typer.Typer(
    help="Letopis: Russian news articles -> a knowledge base (entities, facts, events, dates, stories).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ErrorReport:
    """Report problems as one `Error: WHERE: problem` line each on stderr, and count them.

    Pass it as `on_error` to `letopis.readers.read`; wrap per-item work in
    `guard` so one bad article never stops the others; end a command with
    `exit_if_failed()` so the exit code says that something failed.
    """

    def __init__(self):
        self.failed = 0

    def __call__(self, error: Exception | str) -> None:
        self.failed += 1
        print(f"Error: {error}", file=sys.stderr, flush=True)

    def guard(self, where: str, func, *args):
        """`func(*args)`, or None after reporting its exception against `where`."""
        try:
            return func(*args)
        except LetopisError as exc:
            self(exc)
        except Exception as exc:  # a bug on one item: one line, never a traceback
            self(f"{where}: unexpected error: {type(exc).__name__}: {exc}")
        return None

    def exit_if_failed(self) -> None:
        if self.failed:
            raise typer.Exit(1)


# Importing a command module registers its commands on `app` (they must come after it).
from . import analyze, corpus, serve, watch  # noqa: E402,F401  (imported to register commands)

COMMAND_MODULES = (analyze, corpus, serve, watch)


def main() -> None:
    """The console script: no traceback ever reaches the user."""
    try:
        from typer._click import exceptions as click_errors  # typer >= 0.2x raises its vendored click's
    except ImportError:
        from click import exceptions as click_errors
    try:
        code = app(standalone_mode=False)  # click's own handling would draw a box; we print one line
    except click_errors.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)  # `letopis` alone: the help text
        sys.exit(0)
    except click_errors.ClickException as exc:  # a bad option value, an unknown command...
        print(f"Error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        print("Error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        print(f"Error: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


@app.command()
def version() -> None:
    """Print the Letopis version."""
    from .. import __version__
    print(__version__)
