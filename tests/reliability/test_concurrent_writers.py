"""Item 6: two ingests into one store at once are serialised: one waits (one line says so),
nothing fails, nothing is stored twice; the store ends as after one run."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from procs import corpus_slice, letopis

N = 8
TABLES = ("articles", "corpus_entities", "aliases", "doc_entities", "mentions", "facts", "events", "stories")


def counts(url: str) -> dict:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}
    finally:
        engine.dispose()


def run_two(records, url):
    procs = [letopis("ingest", str(records), "--db", url, "--workers", "0", "--no-progress") for _ in range(2)]
    return [p.communicate(timeout=600) + (p.returncode,) for p in procs]


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    return corpus_slice(tmp_path_factory.mktemp("corpus") / "slice.jsonl", N, skip=40)


def test_two_ingests_at_once_equal_one(records, store_url, tmp_path):
    from conftest import new_store_url
    backend = "sqlite" if store_url.startswith("sqlite") else "postgresql"
    results = run_two(records, store_url)  # a new store: the migrations are raced too
    for out, err, code in results:
        assert code == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err and "already exists" not in err
    where = store_url.split(":///", 1)[1] if backend == "sqlite" else store_url
    waits = [line for _, err, _ in results for line in err.splitlines()]
    # one waited (for the migrations of the new store, or for the other's ingest), with one line each time
    assert waits and set(waits) == {f"waiting for another ingest into {where} to finish"}, waits
    firsts = sorted(out.splitlines()[0] for out, _, _ in results)
    assert firsts[0].startswith(f"read {N}, new 0, updated 0, skipped {N}, failed 0")  # the one that waited
    assert firsts[1].startswith(f"read {N}, new {N}, updated 0, skipped 0, failed 0")
    # ... and the store holds what one run alone stores
    single = new_store_url(backend, tmp_path)
    out, err = letopis("ingest", str(records), "--db", single, "--workers", "0", "--no-progress").communicate(timeout=600)
    assert counts(store_url) == counts(single) and counts(single)["articles"] == N


def test_a_writer_that_waited_sees_the_others_articles(records, tmp_path):
    """In one process: a Writer loaded before another process wrote reloads under the lock."""
    from letopis.kb import KnowledgeBase
    db = tmp_path / "kb.db"
    first, second = KnowledgeBase(str(db)), KnowledgeBase(str(db))
    first._get_writer(), second._get_writer()  # both load an empty store
    one = first.ingest([str(records)], workers=0)
    two = second.ingest([str(records)], workers=0)
    assert (one["new"], two["new"], two["skipped"]) == (N, 0, N)
    assert counts(f"sqlite:///{db}")["articles"] == N
