"""`letopis` corpus commands: help with examples, output, one-line errors."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis.cli import app

COMMANDS = ["ingest", "search", "entity", "events", "stories", "export", "stats"]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def db(runner, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(path), "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "read 9, new 9, updated 0, skipped 0, failed 0" in result.stdout
    return str(path)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"letopis {command}" in result.stdout


def test_ingest_again_reports_skips_and_failures(runner, db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok", "text": "Москва"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), str(bad), str(tmp_path / "missing.txt"), "--db", db,
                                 "--workers", "0", "--no-progress", "--json"])
    assert result.exit_code == 1  # something failed, the rest was stored
    summary = json.loads(result.stdout)
    assert summary["skipped"] == 9 and summary["new"] == 1
    problems = " ".join(f["path"] + " " + f["problem"] for f in summary["failed"])
    assert "missing.txt" in problems and "bad.jsonl:2" in problems


def test_search_stats_entity_events_stories(runner, db):
    out = runner.invoke(app, ["search", "теракт", "--db", db]).stdout
    assert "articles match" in out and "[Теракт" in out
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert stats["stats"]["articles"] >= 8 and stats["top_entities"]
    profile = json.loads(runner.invoke(app, ["entity", "ШОС", "--db", db, "--json"]).stdout)
    assert profile["name"] == "Шанхайская организация сотрудничества"
    events = json.loads(runner.invoke(app, ["events", "--db", db, "--type", "attack", "--min-killed", "1",
                                            "--json"]).stdout)
    assert events["total"] >= 1 and all(e["killed"] >= 1 for e in events["items"])
    result = runner.invoke(app, ["stories", "--db", db])
    assert result.exit_code == 0 and ("1 story" in result.stdout or " stories" in result.stdout)


def test_export_to_file(runner, db, tmp_path):
    out = tmp_path / "entities.csv"
    result = runner.invoke(app, ["export", "entities", "--format", "csv", "-o", str(out), "--db", db])
    assert result.exit_code == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"id", "name", "type", "aliases"} <= set(rows[0])
    lines = runner.invoke(app, ["export", "events", "--db", db]).stdout.splitlines()
    assert lines and all("type" in json.loads(line) for line in lines)


@pytest.mark.parametrize("args, message", [
    (["search", "x", "--db", "/nonexistent/dir/x.db"], "does not exist"),
    (["events", "--from", "yesterday"], "is not a date"),
    (["events", "--sort", "size"], "unknown sort"),
    (["entity", "Никто Никтоевич"], "no entity named"),
    (["stories", "--id", "999999"], "no story"),
])
def test_errors_are_one_line(runner, db, args, message):
    if "--db" not in args:
        args = [*args, "--db", db]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]


@pytest.mark.parametrize("args, message", [
    (["events", "--limit", "abc"], "Invalid value for '--limit'"),
    (["bogus"], "No such command"),
    (["events", "--type", "bogus"], "is not an event type"),
    (["search", "--event", "bogus", "теракт"], "is not an event type"),
    (["search", "  "], "nothing to search for"),
])
def test_bad_option_values_are_one_error_line(db, args, message):
    """The console script (not CliRunner): what a user sees is one `Error:` line, no box."""
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-c", "from letopis.cli import main; main()", *args, "--db", db]
                         if args[0] != "bogus" else [sys.executable, "-c", "from letopis.cli import main; main()", *args],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (1, 2)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], run.stderr
    assert "╭" not in run.stderr + run.stdout


def test_story_and_counts_read_as_english(runner, db):
    stories = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    if stories["items"]:
        shown = runner.invoke(app, ["stories", "--db", db, "--id", str(stories["items"][0]["id"])]).stdout
        assert "[{" not in shown and "articles)" in shown.splitlines()[0]
    profile = runner.invoke(app, ["entity", "Токаев", "--db", db]).stdout
    assert " 1 articles" not in profile and " 1 mentions" not in profile
