"""The readers' format registry: suffixes, sniffing and read_string all come from it."""
from __future__ import annotations

import io
import sys

import pytest

from letopis.readers import ReaderError, formats, read, read_string, sniff

BODY = ("Президент Казахстана Касым-Жомарт Токаев провел переговоры в Астане с председателем КНР "
        "Си Цзиньпином.\n")


def parse_markdown(text: str, origin: str):
    """A toy format: `# Title` then the body."""
    title, _, body = text.partition("\n")
    yield from formats.parse_text(title.removeprefix("# ") + "\n" + body, origin)


@pytest.fixture
def with_markdown(monkeypatch):
    """A copy of the registry with one more format, installed for the test."""
    markdown = formats.InputFormat("markdown", (".md",), lambda head: head.lstrip().startswith(b"# "),
                                   parse_markdown)
    registry = formats.Registry([*formats.REGISTRY, markdown])
    monkeypatch.setattr(formats, "REGISTRY", registry)
    return registry


def test_registry_lists_the_formats_in_order():
    assert formats.FORMATS == ("text", "html", "json", "jsonl")
    assert [f.value for f in formats.Format] == ["auto", "text", "html", "json", "jsonl"]
    assert formats.REGISTRY.fallback == "text"
    assert formats.REGISTRY.by_suffix[".ndjson"] == "jsonl"


def test_registered_format_is_read_by_suffix_in_a_directory(with_markdown, tmp_path):
    (tmp_path / "a.md").write_text("# Переговоры в Астане\n" + BODY, encoding="utf-8")
    (tmp_path / "notes.rst").write_text("not read", encoding="utf-8")
    articles = list(read(tmp_path))
    assert [a.title for a in articles] == ["Переговоры в Астане"]


def test_registered_format_is_sniffed(with_markdown, monkeypatch):
    assert sniff(b"# Title\n") == "markdown"
    assert sniff(b"<html>") == "html" and sniff(b"plain") == "text"
    data = ("# Переговоры в Астане\n" + BODY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [a.title for a in read("-")] == ["Переговоры в Астане"]
    assert read_string(data)[0].title == "Переговоры в Астане"
    assert read_string(data, "markdown")[0].title == "Переговоры в Астане"


def test_registered_suffix_is_named_when_a_directory_has_nothing(with_markdown, tmp_path):
    errors = []
    assert list(read(tmp_path, on_error=errors.append)) == []
    assert ".md" in errors[0].problem and ".txt" in errors[0].problem


def test_without_the_entry_the_format_is_unknown(tmp_path):
    (tmp_path / "a.md").write_text("# Переговоры в Астане\n" + BODY, encoding="utf-8")
    errors = []
    assert list(read(tmp_path, on_error=errors.append)) == []
    assert errors[0].problem.startswith("no article files found")
    with pytest.raises(ReaderError, match="unknown format 'markdown'"):
        read_string("x", "markdown")
