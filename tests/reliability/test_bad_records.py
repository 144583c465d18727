"""One bad record never stops a read or an ingest: it costs that record (one error line), no more.

The bad files are built from the bundled example articles (real Russian news).
"""
from __future__ import annotations

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis import read
from letopis.cli import app

NEWS = (EXAMPLES / "004_news.jsonl").read_text(encoding="utf-8").splitlines()  # 3 records


def read_all(path):
    errors = []
    articles = list(read(path, on_error=errors.append))
    return articles, [str(e) for e in errors]


def ingest(*paths, db):
    result = CliRunner().invoke(app, ["ingest", *map(str, paths), "--db", str(db), "--workers", "0",
                                      "--no-progress", "--json"])
    return result, json.loads(result.stdout)


def with_lone_surrogate(line: str) -> str:
    """A JSONL line whose text holds `"\\ud83d"` (half an emoji) as a JSON escape."""
    assert "Губернатор" in line
    return line.replace("Губернатор", "Губернатор \\ud83d", 1)


# --- 1. lone surrogates; store failures ------------------------------------------
def test_lone_surrogate_is_repaired_and_the_rest_is_read(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.jsonl").write_text(with_lone_surrogate(NEWS[0]) + "\n" + NEWS[1] + "\n", encoding="utf-8")
    (d / "b.jsonl").write_text(NEWS[2] + "\n", encoding="utf-8")
    articles, errors = read_all(d)
    assert errors == []
    assert [a.origin for a in articles] == [f"{d}/a.jsonl:1", f"{d}/a.jsonl:2", f"{d}/b.jsonl:1"]
    assert "Губернатор \ufffd Приморского" in articles[0].text
    assert "\ud83d" not in articles[0].text


def test_a_valid_surrogate_pair_is_kept(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(NEWS[0].replace("Губернатор", "Губернатор \\ud83d\\ude00", 1) + "\n", encoding="utf-8")
    [article], errors = read_all(path)
    assert errors == [] and "Губернатор \U0001F600 Приморского" in article.text


def test_lone_surrogate_in_a_json_file_and_read_string(tmp_path):
    from letopis.readers import read_string
    path = tmp_path / "a.json"
    path.write_text(with_lone_surrogate(NEWS[0]), encoding="utf-8")
    [article], errors = read_all(path)
    assert errors == [] and "Губернатор \ufffd Приморского" in article.text
    [article] = read_string(json.loads(NEWS[0])["text"].replace("Губернатор", "Губернатор \ud83d", 1), "text")
    assert article.title.startswith("Губернатор \ufffd Приморского края")


def test_ingest_with_a_lone_surrogate_stores_every_article(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.jsonl").write_text(with_lone_surrogate(NEWS[0]) + "\n" + NEWS[1] + "\n", encoding="utf-8")
    (d / "b.jsonl").write_text(NEWS[2] + "\n", encoding="utf-8")
    result, summary = ingest(d, db=tmp_path / "kb.db")
    assert result.exit_code == 0, result.output
    assert (summary["read"], summary["new"], summary["failed"]) == (3, 3, [])


def test_a_store_failure_is_that_articles_one_error_line(tmp_path, monkeypatch):
    """The store refuses one article (a title SQLite cannot bind): one entry, one line without the SQL, the rest stored."""
    from letopis.ingest import worker
    prepare = worker.prepare

    def broken_title(article):
        prepared = prepare(article)
        if article.origin.endswith("a.jsonl:2"):
            prepared["title"] = ["not", "a", "string"]
        return prepared
    monkeypatch.setattr(worker, "prepare", broken_title)
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(NEWS) + "\n", encoding="utf-8")
    result, summary = ingest(path, db=tmp_path / "kb.db")
    assert result.exit_code == 1
    assert (summary["read"], summary["new"]) == (3, 2)
    assert summary["failed"] == [{"path": f"{path}:2", "problem": "store failed: ProgrammingError: (sqlite3.ProgrammingError) "
                                  "Error binding parameter 4: type 'list' is not supported"}]


# --- 2. JSONL decoded record by record ----------------------------------------------
def test_one_bad_byte_costs_one_jsonl_line_of_300(tmp_path):
    lines = [(NEWS[i % 3] + "\n").encode("utf-8") for i in range(300)]
    assert b'{"title": "' in lines[2]
    lines[2] = lines[2].replace(b'{"title": "', b'{"title": "\xff', 1)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"".join(lines))
    articles, errors = read_all(path)
    assert errors == [f"{path}:3: not valid utf-8 text"]
    assert len(articles) == 299
    assert articles[2].origin == f"{path}:4"


def test_a_cp1251_first_record_does_not_lose_the_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes((NEWS[0] + "\n").encode("cp1251") + (NEWS[1] + "\n" + NEWS[2] + "\n").encode("utf-8"))
    articles, errors = read_all(path)
    assert errors == []
    assert [a.origin for a in articles] == [f"{path}:{n}" for n in (1, 2, 3)]
    assert articles[0].title == json.loads(NEWS[0])["title"]
    assert articles[1].title == json.loads(NEWS[1])["title"]


def test_blank_lines_longer_than_the_head_then_a_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n" * 70_000 + (NEWS[0] + "\n").encode("utf-8"))
    articles, errors = read_all(path)
    assert errors == [] and [a.origin for a in articles] == [f"{path}:70001"]
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n \n" * 30_000)
    assert read_all(blank) == ([], [f"{blank}: empty file"])


def test_binary_first_record_is_a_binary_file_a_later_nul_costs_its_line(tmp_path):
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    assert read_all(binary) == ([], [f"{binary}: binary file, not text"])
    path = tmp_path / "feed.jsonl"
    path.write_bytes((NEWS[0] + "\n").encode("utf-8") + b"\xff\x00\x01\n" + (NEWS[1] + "\n").encode("utf-8"))
    articles, errors = read_all(path)
    assert errors == [f"{path}:2: binary data, not text"] and len(articles) == 2


def test_ingest_reads_every_good_line_and_the_next_file(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.jsonl").write_bytes((NEWS[0] + "\n").encode("utf-8") + b"\xff\x00\n"
                                + (NEWS[1] + "\n").encode("cp1251"))
    (d / "b.jsonl").write_text(NEWS[2] + "\n", encoding="utf-8")
    result, summary = ingest(d, db=tmp_path / "kb.db")
    assert result.exit_code == 1
    assert (summary["read"], summary["new"]) == (3, 3)
    assert summary["failed"] == [{"path": f"{d}/a.jsonl:2", "problem": "binary data, not text"}]


# --- a .json list: each record judged alone; special files refused ----------------------------

def test_json_list_keeps_its_good_records(tmp_path):
    """`[{"text": null}, 5 good records]` gives the 5 articles and one error line for record 0."""
    good = [json.loads(line) for line in (EXAMPLES / "004_news.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    records = [{"text": None}] + (good * 5)[:5]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    errors = []
    articles = list(read(path, on_error=errors.append))
    assert len(articles) == 5
    assert [str(e) for e in errors] == [f"{path}[0]: no article text"]


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    shutil.copy(EXAMPLES / "001_mid_kazakhstan_kirgizia.txt", folder / "good.txt")
    errors = []
    articles = list(read(folder, on_error=errors.append))  # would hang forever on open()
    assert len(articles) == 1
    assert [str(e) for e in errors] == [f"{folder / 'pipe.txt'}: not a regular file"]
    errors.clear()
    assert list(read(folder / "pipe.txt", on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{folder / 'pipe.txt'}: not a regular file"]


def test_deeply_nested_json_and_a_broken_url_cost_one_line(tmp_path):
    """A record nested 100,000 deep, or with an unparsable URL ("http://[::1"), is one error line."""
    good = json.loads(NEWS[0])
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([deep, json.dumps(dict(good, url="http://[::1"), ensure_ascii=False), NEWS[1]]) + "\n",
                    encoding="utf-8")
    errors = []
    articles = list(read(path, on_error=errors.append))
    assert [str(e) for e in errors] == [f"{path}:1: not an article record: JSON nested too deeply",
                                        f"{path}:2: not a valid URL: 'http://[::1' (Invalid IPv6 URL)"]
    assert len(articles) == 1
    listed = tmp_path / "deep.json"
    listed.write_text(deep, encoding="utf-8")
    errors.clear()
    assert list(read(listed, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{listed}:1: not an article record: JSON nested too deeply"]  # one line: read as JSONL
