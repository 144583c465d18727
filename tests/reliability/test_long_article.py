"""Item 9: one article's cost is bounded: a text over MAX_ARTICLE_CHARS is refused with one line
before any analysis, the rest of the input is stored (bench/soak.py article measures the cost)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis import read
from letopis.cli import app
from letopis.ingest import worker
from letopis.settings import MAX_ARTICLE_CHARS, max_article_chars

NEWS = EXAMPLES / "004_news.jsonl"  # 3 records


def test_the_longest_article_over_the_limit_is_refused_alone(tmp_path, monkeypatch):
    articles = list(read(NEWS))
    sizes = [len(a.title or "") + len(a.text or "") for a in articles]
    longest = max(range(3), key=sizes.__getitem__)
    limit = sorted(sizes)[1]  # the longest is over it, the other two are not
    monkeypatch.setenv("LETOPIS_MAX_ARTICLE_CHARS", str(limit))
    analysed = []
    real = worker.prepare
    monkeypatch.setattr(worker, "prepare", lambda a: analysed.append(a.origin) or real(a))
    result = CliRunner().invoke(app, ["ingest", str(NEWS), "--db", str(tmp_path / "kb.db"), "--workers", "0",
                                      "--no-progress", "--json"])
    summary = json.loads(result.stdout)
    assert result.exit_code == 1 and (summary["read"], summary["new"]) == (3, 2)
    assert summary["failed"] == [{"path": f"{NEWS}:{longest + 1}", "problem":
                                  f"text too long: {sizes[longest]:,} characters (the limit is {limit:,} per "
                                  "article, $LETOPIS_MAX_ARTICLE_CHARS changes it); split it into articles"}]
    assert len(analysed) == 2  # refused before the pipeline ran


def test_the_limit_and_its_override():
    assert max_article_chars() == MAX_ARTICLE_CHARS == 100_000
    from letopis.article import Article
    over = Article(title="Заголовок", text="Слово " * 20_000)
    assert worker.too_long(over).startswith("text too long: 120,009 characters (the limit is 100,000")
    refused = worker.prepare(over)  # the worker refuses it too, for callers that skip the ingestor
    assert refused["ok"] is False and refused["problem"] == worker.too_long(over)


def test_a_bad_override_keeps_the_default(monkeypatch):
    for value in ("0", "-5", "много", ""):
        monkeypatch.setenv("LETOPIS_MAX_ARTICLE_CHARS", value)
        assert max_article_chars() == MAX_ARTICLE_CHARS
