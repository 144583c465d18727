"""Item 15's first finding: 16 threads reading a read-only store at once (the server's load)
crashed the process (a SQLite connection closed under a reading thread) or hung on the pool.
Every read must answer, the same as alone."""
from __future__ import annotations

import threading

from letopis.kb import KnowledgeBase


def test_sixteen_threads_read_a_read_only_store(web_db):
    kb = KnowledgeBase(str(web_db), read_only=True)
    alone = kb.entity("Токаев")
    assert alone is not None
    results, errors = [], []

    def reader():
        try:
            for _ in range(5):
                results.append(kb.entity("Токаев")["mentions"])
                kb.search("теракт", limit=5)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a reader hung"
    assert errors == [] and results == [alone["mentions"]] * 80
