"""`letopis analyze`: JSON cards, --pretty, --format text, directories, stdin, one-line errors (issue 2)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, SAMPLE
from letopis.cli import app

SAMPLE_URL = "https://www.nur.kz/politics/universe/2123160-tokaev-peregovoril-po-telefonu-s-putinym/"


@pytest.fixture(scope="module")
def runner(pipeline):  # `pipeline` loads the models once; the CLI reuses them
    return CliRunner()


def analyze(runner, *args, input=None):
    return runner.invoke(app, ["analyze", *map(str, args)], input=input)


def test_pretty_card_of_the_reference_article(runner):
    result = analyze(runner, SAMPLE, "--pretty")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('{\n  "article": {')
    card = json.loads(result.stdout)
    article = card["article"]
    assert article["title"] == "Токаев переговорил по телефону с Путиным после терактов в Дагестане"
    assert (article["source"], article["url"], article["rubric"]) == ("nur.kz", SAMPLE_URL, "politics/universe")
    assert article["published"] is None
    assert article["subheadings"] == ["Теракты в Дагестане"]
    for junk in ("Подпишитесь на Telegram", "Подписаться", "Опубликовано:", "Оригинал статьи"):
        assert junk not in article["text"]
    names = {e["name"] for e in card["entities"]}
    assert {"Дагестан", "Казахстан"} <= names
    for entity in card["entities"]:
        for mention in entity["mentions"]:
            field = article["title"] if mention.get("field") == "title" else article["text"]
            assert field[mention["start"]:mention["stop"]] == mention["text"]


def test_directory_gives_one_json_line_per_article(runner):
    result = analyze(runner, EXAMPLES)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    cards = [json.loads(line) for line in lines]
    assert cards[0]["article"]["source"] == "nur.kz"
    assert cards[-2]["article"]["title"] == "Мэры Казани и Уфы провели видеоконференцию о туристическом маршруте"
    assert cards[-1]["article"]["title"] == "Число жертв терактов в Дагестане выросло до 22"
    assert result.exit_code == 0


def test_text_format(runner):
    result = analyze(runner, SAMPLE, "--format", "text")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Токаев переговорил по телефону с Путиным после терактов в Дагестане"
    assert "published:   -" in lines
    assert "source:      nur.kz" in lines
    assert f"url:         {SAMPLE_URL}" in lines
    assert "rubric:      politics/universe" in lines
    assert "subheadings: Теракты в Дагестане" in lines
    assert "  LOC:" in lines and "  PER:" in lines
    assert any(line.startswith("    Дагестан ×") for line in lines)
    assert any(line.startswith("entities (") for line in lines)
    assert any(line.startswith("facts (") for line in lines) and any(line.startswith("dates (") for line in lines)


def test_stdin(runner):
    result = analyze(runner, "-", input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["rubric"] == "politics/universe"


def test_bad_inputs_one_line_each_others_processed(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    english = tmp_path / "english.txt"
    english.write_text("Headline\nThe minister met the ambassador in London on Monday.")
    broken = tmp_path / "feed.jsonl"
    broken.write_text('{"title": "Указ", "text": "Губернатор подписал указ о трауре."}\n{oops\n', encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = analyze(runner, empty, binary, english, broken, missing, SAMPLE)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {empty}: empty file",
        f"Error: {binary}: binary file, not text",
        f"Error: {english}: not Russian text (0% of words are Cyrillic)",
        f"Error: {broken}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        f"Error: {missing}: no such file or directory",
    ]
    assert "Traceback" not in result.stdout + result.stderr
    cards = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["article"]["title"] for c in cards] == ["Указ", cards[1]["article"]["title"]]
    assert cards[1]["article"]["source"] == "nur.kz"


def test_pipeline_bug_is_one_line(runner, monkeypatch):
    """An exception inside the pipeline for one article: one line, the next article still analyzed."""
    import letopis.cli.analyze as command
    from letopis.pipeline import Pipeline

    class Fragile(Pipeline):
        def __call__(self, article):
            if article.source == "nur.kz":
                raise ValueError("boom")
            return super().__call__(article)
    monkeypatch.setattr(command, "make_pipeline", Fragile)
    result = analyze(runner, SAMPLE, EXAMPLES / "001_mid_kazakhstan_kirgizia.txt")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {SAMPLE}: unexpected error: ValueError: boom\n"
    assert json.loads(result.stdout)["article"]["source"] == "step-demo.kz"


def test_unknown_format_is_refused(runner):
    result = analyze(runner, SAMPLE, "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_help_shows_an_example(runner):
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    assert "letopis analyze examples/ --format text" in result.stdout
