"""The store itself: URLs, migrations, errors, near-duplicate signatures (both backends)."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from letopis.errors import StoreError
from letopis.corpus import dedup
from letopis.store.engine import is_current, open_engine, resolve_url

TABLES = {"articles", "corpus_entities", "aliases", "doc_entities", "mentions", "facts", "fact_entities",
          "events", "event_entities", "dates", "stories", "story_articles", "alembic_version"}


def test_resolve_url_accepts_paths_and_urls(monkeypatch, tmp_path):
    monkeypatch.delenv("LETOPIS_DB", raising=False)
    assert resolve_url(None) == "sqlite:///letopis.db"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///y.db") == "sqlite:///y.db"
    monkeypatch.setenv("LETOPIS_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")


def test_migrations_create_every_table_and_reopen_cleanly(store_url):
    engine = open_engine(store_url)
    names = set(inspect(engine).get_table_names())
    assert TABLES <= names
    assert ("search_fts" in names) or ("search_docs" in names)
    engine.dispose()
    engine = open_engine(store_url)  # already at head: nothing to do, nothing breaks
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    assert is_current(engine)
    engine.dispose()


def test_unopenable_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_engine(str(tmp_path / "missing-dir" / "x.db"))
    with pytest.raises(StoreError, match="cannot open database"):
        open_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_near_duplicates_found_and_different_texts_not(sample_article):
    text_a = sample_article.text
    text_b = text_a.replace("Напомним", "Отметим", 1) + " Подробности уточняются."
    index = dedup.DuplicateIndex()
    index.add(1, dedup.signature(text_a))
    assert index.original_of(dedup.signature(text_b)) == 1
    other = "Центральный банк сохранил ключевую ставку на прежнем уровне, сообщили в регуляторе. " * 3
    other += "Аналитики ожидали такого решения после публикации данных об инфляции за прошлый месяц."
    assert index.original_of(dedup.signature(other)) is None
    assert dedup.signature("слишком короткий текст") is None
