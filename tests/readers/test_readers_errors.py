"""Bad inputs: one clear `ReaderError` each, naming the file (and line), the rest still read (issue 2)."""
from __future__ import annotations

import errno
import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import SAMPLE
from letopis.errors import ReaderError
from letopis.readers import read, read_string
from letopis.readers.sources import MAX_ARTICLE_BYTES

GOOD = {"title": "Губернатор подписал указ", "text": "Губернатор области подписал указ о трехдневном трауре."}


def problems(path) -> tuple[list, list[str]]:
    """(articles, error lines) of reading one path with errors collected."""
    errors = []
    found = list(read(path, on_error=errors.append))
    return found, [str(e) for e in errors]


def big_text(size: int) -> str:
    line = "Очень длинная новость о заседании правительства, которое продолжалось весь день.\n"
    return "Заголовок\n" + line * (size // len(line.encode("utf-8")) + 1)


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \n", "empty file"),
    ("binary.txt", bytes(range(256)) * 8, "binary file, not text"),
    ("english.txt", b"Breaking news\nThe prime minister met the king in London on Monday to discuss the economy.",
     "not Russian text (0% of words are Cyrillic)"),
    ("title-only.txt", "Только заголовок\nОпубликовано: 24.06.2024\nПодписаться".encode("utf-8"), "no article text"),
    ("broken.json", b'{"title": "x",\n "text": }', "invalid JSON: Expecting value at column 10"),
    ("list.json", b'[1]', "expected a JSON object, got int"),
    ("bad.gz", b"\x1f\x8b\x08\x00garbage", "not a valid gzip file"),
])
def test_bad_file_gives_one_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    found, errors = problems(path)
    assert found == []
    line = ":2" if name == "broken.json" else ""
    assert errors == [f"{path}{line}: {problem}"]


def test_missing_path(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert problems(path) == ([], [f"{path}: no such file or directory"])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(SAMPLE.read_bytes())
    path.chmod(0)
    assert problems(path) == ([], [f"{path}: permission denied"])


def test_permission_denied_wording(tmp_path, monkeypatch):
    """The same message when the OS refuses (simulated: the tests may run as root)."""
    path = tmp_path / "secret.txt"
    path.write_bytes(SAMPLE.read_bytes())

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    monkeypatch.setattr(Path, "open", refuse)
    assert problems(path) == ([], [f"{path}: permission denied"])


def test_50_mb_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(big_text(50 * 1024 * 1024), encoding="utf-8")
    size = path.stat().st_size / 1024 / 1024
    assert problems(path) == ([], [f"{path}: too large: {size:.1f} MB (the limit is 5 MB per article)"])


def test_big_gz_reports_the_limit(tmp_path):
    path = tmp_path / "huge.txt.gz"
    path.write_bytes(gzip.compress(big_text(6 * 1024 * 1024).encode("utf-8")))
    assert problems(path) == ([], [f"{path}: too large: over 5.0 MB (the limit is 5 MB per article)"])


def test_big_jsonl_is_fine_and_big_record_is_not(tmp_path):
    path = tmp_path / "feed.jsonl"
    small = json.dumps(GOOD, ensure_ascii=False)
    huge = json.dumps(dict(GOOD, text=big_text(MAX_ARTICLE_BYTES)), ensure_ascii=False)
    with path.open("w", encoding="utf-8") as file:
        file.write(small + "\n" + huge + "\n")
        file.writelines(small + "\n" for _ in range(60000))  # ~7 MB of good records
    found, errors = problems(path)
    assert len(found) == 60001
    size = len(huge.encode("utf-8")) + 1
    assert errors == [f"{path}:2: record too large: {size / 1024 / 1024:.1f} MB (the limit is 5 MB per record)"]
    assert found[1].origin == f"{path}:3"


def test_broken_jsonl_line_names_the_line_and_the_rest_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps(GOOD, ensure_ascii=False)
    path.write_text("\n".join([good, '{"title": "Битая", "text": ', good, '{"title": "Без текста"}',
                               '{"title": "English", "text": "The minister met the ambassador."}', good]) + "\n",
                    encoding="utf-8")
    found, errors = problems(path)
    assert [a.origin for a in found] == [f"{path}:1", f"{path}:3", f"{path}:6"]
    assert errors == [
        f"{path}:2: invalid JSON: Expecting value at column 27",
        f"{path}:4: no text field (expected one of: text, content, body, article, full_text)",
        f"{path}:5: not Russian text (0% of words are Cyrillic)",
    ]


def test_jsonl_empty_text_field(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "Заголовок", "text": ""}\n', encoding="utf-8")
    assert problems(path) == ([], [f"{path}:1: no article text"])


def test_directory_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_bytes(SAMPLE.read_bytes())
    found, errors = problems(tmp_path)
    assert [a.origin for a in found] == [str(tmp_path / "b_good.txt")]
    assert errors == [f"{tmp_path / 'a_empty.txt'}: empty file"]


def test_directory_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("# заметки")
    found, errors = problems(tmp_path)
    assert found == [] and len(errors) == 1
    assert errors[0].startswith(f"{tmp_path}: no article files found (looked for .htm, .html, .json")


def test_without_handler_the_first_problem_raises(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReaderError) as caught:
        list(read(path))
    assert (caught.value.path, caught.value.problem, caught.value.line) == (str(path), "empty file", None)


def test_unexpected_bug_becomes_one_error(tmp_path, monkeypatch):
    """A bug in a reader is reported like a bad input, never as a traceback."""
    import letopis.readers.formats as formats
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.read_bytes())
    monkeypatch.setattr(formats, "read_text", lambda text, origin: 1 / 0)  # the text format's reader
    assert problems(path) == ([], [f"{path}: unexpected error: ZeroDivisionError: division by zero"])


def test_read_string_errors():
    with pytest.raises(ReaderError, match=r"^<string>: unknown format 'xml' \(choose from: auto, text, html"):
        read_string("x", "xml")
    with pytest.raises(ReaderError, match=r"^api:2: invalid JSON"):
        read_string(json.dumps(GOOD) + "\n{", "jsonl", origin="api")


def test_unlistable_subdirectory_is_reported(tmp_path, monkeypatch):
    """os.walk's listing error becomes one line; the readable files are still read."""
    (tmp_path / "good.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    found, errors = problems(tmp_path)
    assert [a.origin for a in found] == [str(tmp_path / "good.txt")]
    assert errors == [f"{tmp_path / 'locked'}: permission denied"]
