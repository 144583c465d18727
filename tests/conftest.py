"""Shared fixtures: models load once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = SHARED_DATA / "samples" / "000_bd1d954d026d96b9.txt"
EXAMPLES = ROOT / "examples"


def load_bench_script(name: str):
    """bench/NAME.py as a module (bench/ holds scripts, not a package; they import bench/gold.py)."""
    import importlib
    import sys
    bench = str(ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module(name)


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
# A follow-up of the reference article, so that the two form a story.
FOLLOWUP_ARTICLE = (
    "Число жертв терактов в Дагестане выросло до 22\n"
    "Опубликовано: 25 июня 2024\n"
    "Число погибших в результате терактов в Дербенте и Махачкале выросло до 22 человек, сообщил глава "
    "Дагестана Сергей Меликов. Боевики 23 июня обстреляли синагогу и церковь в Дербенте, пост ДПС в "
    "Махачкале и полицейскую машину в селе Сергокала. В Дагестане продолжается трехдневный траур.\n"
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    """A SQLite store with examples/, a follow-up of the reference and a <script> article."""
    from letopis.kb import KnowledgeBase
    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile.txt"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    followup = root / "followup.txt"
    followup.write_text(FOLLOWUP_ARTICLE, encoding="utf-8")
    db = root / "web.db"
    summary = KnowledgeBase(f"sqlite:///{db}").ingest([str(EXAMPLES), str(hostile), str(followup)],
                                                     workers=1, progress=False)
    assert not summary["failed"], summary["failed"]
    return db


@pytest.fixture(scope="session")
def web_kb(web_db):
    from letopis.kb import KnowledgeBase
    return KnowledgeBase(f"sqlite:///{web_db}")


# --- corpus store tests: the same suite on SQLite and PostgreSQL ---
def new_store_url(backend: str, tmp_path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on $LETOPIS_TEST_PG_URL's server."""
    import os
    import uuid
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:6]}.db'}"
    admin = os.environ.get("LETOPIS_TEST_PG_URL")
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("LETOPIS_TEST_PG_URL is unset in CI: scripts/services.d/postgres.sh did not start PostgreSQL")
        pytest.skip("PostgreSQL not available here (LETOPIS_TEST_PG_URL unset; scripts/test.sh sets it)")
    from sqlalchemy import create_engine, text
    name = "letopis_" + uuid.uuid4().hex[:12]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh empty store URL per test, once per backend."""
    return new_store_url(request.param, tmp_path)


def quality_floors(section: str) -> dict:
    """The floors of one capability from tests/quality/floors.json (all floors live there)."""
    import json
    floors = json.loads((ROOT / "tests" / "quality" / "floors.json").read_text(encoding="utf-8"))
    return floors[section]
