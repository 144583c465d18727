"""Shared fixtures: models load once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = SHARED_DATA / "samples" / "000_bd1d954d026d96b9.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from letopis.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def sample_article():
    from letopis.readers import read
    return next(iter(read(SAMPLE)))


@pytest.fixture(scope="session")
def sample_doc(pipeline, sample_article):
    return pipeline.doc(sample_article)


@pytest.fixture(scope="session")
def sample_card(pipeline, sample_article):
    return pipeline(sample_article)


# --- web/API tests: one store with the bundled examples plus a hostile article ---
HOSTILE_ARTICLE = (
    "<script>alert('title')</script> Взрыв в Москве: Сергей Собянин на месте\n"
    "Опубликовано: 24 июня 2024\n"
    "Мэр Москвы Сергей Собянин сообщил <script>alert(\"body\")</script> о взрыве.\n"
    "Пострадали 3 человека. <img src=x onerror=alert(1)> Теракт не исключают & проверяют.\n"
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    """A SQLite store with examples/ and an article with <script> in title and body."""
    from letopis.kb import KnowledgeBase
    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile.txt"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = root / "web.db"
    summary = KnowledgeBase(f"sqlite:///{db}").ingest([str(EXAMPLES), str(hostile)], workers=1, progress=False)
    assert not summary["failed"], summary["failed"]
    return db


@pytest.fixture(scope="session")
def web_kb(web_db):
    from letopis.kb import KnowledgeBase
    return KnowledgeBase(f"sqlite:///{web_db}")
