"""Ingest: idempotent, updates changed articles, resumable after SIGKILL (both backends)."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import create_engine, func, select, text

from conftest import EXAMPLES, SHARED_DATA, new_store_url
from letopis.kb import KnowledgeBase
from letopis.store import models as m

CORPUS = SHARED_DATA / "corpus" / "rt_ng.jsonl.gz"


def rt_slice(path, n, skip=0):
    """The first n rt_ng records (after skip) as a JSONL file."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for index, line in enumerate(src):
            if index >= skip + n:
                break
            if index >= skip:
                out.write(line)
    return path


def counts(url):
    """Row counts that must agree after any ingest."""
    engine = create_engine(url)
    with engine.connect() as conn:
        result = {
            "articles": conn.execute(select(func.count()).select_from(m.Article)).scalar(),
            "distinct_urls": conn.execute(select(func.count(func.distinct(m.Article.url)))).scalar(),
            "distinct_hashes": conn.execute(select(func.count(func.distinct(m.Article.content_hash)))).scalar(),
            "story_links": conn.execute(select(func.count()).select_from(m.StoryArticle)).scalar(),
            "articles_with_entities": conn.execute(select(func.count(func.distinct(m.DocEntity.article_pk)))).scalar(),
        }
        table = "search_fts" if conn.dialect.name == "sqlite" else "search_docs"
        result["indexed"] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    engine.dispose()
    return result


def test_ingest_examples_then_again_is_idempotent(store_url):
    kb = KnowledgeBase(store_url)
    first = kb.ingest([str(EXAMPLES)], workers=0, progress=False)
    assert first["failed"] == []
    assert first["new"] == first["read"] >= 6 and first["skipped"] == 0
    again = KnowledgeBase(store_url).ingest([str(EXAMPLES)], workers=0, progress=False)
    assert (again["new"], again["updated"], again["skipped"]) == (0, 0, first["read"])
    c = counts(store_url)
    assert c["articles"] == c["distinct_hashes"] == c["indexed"] == c["story_links"] == first["new"]


def test_same_content_without_url_is_skipped_and_changed_url_article_is_updated(store_url, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("Заголовок без ссылки\nВ Казани открыли новый мост через реку Казанку, сообщил мэр "
                     "Ильсур Метшин.\n", encoding="utf-8")
    dated = tmp_path / "dated.txt"
    body = "В Уфе прошёл форум. Глава Башкирии Радий Хабиров выступил с речью.\nОригинал статьи: https://example.org/a\n"
    dated.write_text("Форум в Уфе\n" + body, encoding="utf-8")
    kb = KnowledgeBase(store_url)
    assert kb.ingest([str(plain), str(dated)], workers=0, progress=False)["new"] == 2
    assert kb.ingest([str(plain)], workers=0, progress=False)["skipped"] == 1
    dated.write_text("Форум в Уфе завершился\n" + body.replace("выступил с речью", "выступил с докладом"),
                     encoding="utf-8")
    summary = kb.ingest([str(dated)], workers=0, progress=False)
    assert (summary["new"], summary["updated"], summary["skipped"]) == (0, 1, 0)
    c = counts(store_url)
    assert c["articles"] == c["indexed"] == c["story_links"] == 2
    found = kb.articles(q="завершился")["items"]
    assert [a["url"] for a in found] == ["https://example.org/a"]
    assert kb.search("докладом")["total"] == 1 and kb.search("речью")["total"] == 0
    ufa = kb.entity("Уфа")
    assert ufa is not None and ufa["article_count"] == 1  # counts follow the update, no double counting
    assert ufa["mentions"] == 2


def test_process_pool_ingest_of_a_corpus_slice(tmp_path):
    url = new_store_url("sqlite", tmp_path)
    summary = KnowledgeBase(url).ingest([str(rt_slice(tmp_path / "slice.jsonl", 6))], workers=2, progress=False)
    assert summary["failed"] == [] and summary["new"] == 6
    assert counts(url)["articles_with_entities"] == 6


def run_ingest(url, path):
    """`letopis ingest` in its own process group (so SIGKILL takes the workers too)."""
    code = "from letopis.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "ingest", str(path), "--db", url, "--workers", "1",
                             "--no-progress", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True)


def stored(url):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(m.Article)).scalar()
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def test_sigkill_midway_then_rerun_stores_each_article_exactly_once(store_url, tmp_path):
    total = 10
    path = rt_slice(tmp_path / "kill.jsonl", total, skip=100)
    proc = run_ingest(store_url, path)
    deadline = time.time() + 240
    while stored(store_url) < 3 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = stored(store_url)
    assert 3 <= before < total, f"kill did not land midway ({before} stored)"
    rerun = run_ingest(store_url, path)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["read"] == total
    assert summary["skipped"] == before and summary["new"] == total - before and summary["failed"] == []
    c = counts(store_url)
    assert c["articles"] == c["distinct_urls"] == c["indexed"] == c["story_links"] == total


def test_dask_ingest_stores_the_same_as_the_pool(tmp_path):
    url = new_store_url("sqlite", tmp_path)
    path = rt_slice(tmp_path / "dask.jsonl", 3, skip=50)
    summary = KnowledgeBase(url).ingest([str(path)], workers=1, dask=True, progress=False)
    assert summary["failed"] == [] and summary["new"] == 3
    again = KnowledgeBase(url).ingest([str(path)], workers=1, dask=True, progress=False)
    assert again["skipped"] == 3 and again["new"] == 0
    c = counts(url)
    assert c["articles"] == c["indexed"] == c["articles_with_entities"] == 3


def test_article_without_url_whose_date_changed_is_updated(store_url, tmp_path):
    path = tmp_path / "nourl.txt"
    body = "В Казани открыли новый мост через реку Казанку, сообщил мэр Ильсур Метшин.\n"
    path.write_text("Мост в Казани\nОпубликовано: 24 июня 2024\n" + body, encoding="utf-8")
    kb = KnowledgeBase(store_url)
    assert kb.ingest([str(path)], workers=0, progress=False)["new"] == 1
    path.write_text("Мост в Казани\nОпубликовано: 25 июня 2024\n" + body, encoding="utf-8")
    summary = kb.ingest([str(path)], workers=0, progress=False)
    assert (summary["new"], summary["updated"], summary["failed"]) == (0, 1, [])
    assert [a["published"][:10] for a in kb.articles()["items"]] == ["2024-06-25"]


def test_surname_is_linked_to_the_namesake_the_context_points_to(store_url, tmp_path):
    texts = {
        "a.txt": "Совещание в Кремле\nСергей Иванов провёл совещание в Кремле. Администрация президента "
                 "подготовила доклад.\nОригинал статьи: https://example.org/ivanov-a\n",
        "b.txt": "Матч в Москве\nАндрей Иванов забил гол за Спартак. Спартак выиграл у Зенита.\n"
                 "Оригинал статьи: https://example.org/ivanov-b\n",
        "c.txt": "Спартак победил\nИванов снова забил, и Спартак победил Зенит.\n"
                 "Оригинал статьи: https://example.org/ivanov-c\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(store_url)
    for name in texts:  # in this order: the surname-only article comes last
        assert kb.ingest([str(tmp_path / name)], workers=0, progress=False)["new"] == 1
    andrey = kb.entity("Андрей Иванов")
    sergey = kb.entity("Сергей Иванов")
    assert andrey and sergey and andrey["id"] != sergey["id"]
    assert andrey["article_count"] == 2 and sergey["article_count"] == 1


def test_readme_python_api_runs_as_a_plain_script(tmp_path):
    """`KnowledgeBase(...).ingest(..., workers=2)` at a script's top level, no `__main__` guard:
    spawned workers must not re-run the script (they used to die bootstrapping)."""
    import subprocess
    import sys
    script = tmp_path / "plain.py"
    script.write_text("from letopis import KnowledgeBase\n"
                      f"kb = KnowledgeBase({str(tmp_path / 'kb.db')!r})\n"
                      f"summary = kb.ingest([{str(EXAMPLES)!r}], workers=2)\n"
                      "print('new', summary['new'], 'failed', len(summary['failed']))\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines() == ["new 9 failed 0"]
    assert "Traceback" not in run.stderr


def test_progress_counts_what_the_summary_reads(tmp_path):
    """An unreadable file is a failure, not an article: the bar's count must end at `read`."""
    from letopis.kb import KnowledgeBase
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "000_bd1d954d026d96b9.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    seen = []
    summary = KnowledgeBase(str(tmp_path / "kb.db")).ingest([str(folder)], workers=0,
                                                           progress=lambda s: seen.append((s.done, s.read)))
    assert summary["read"] == 1 and len(summary["failed"]) == 1 and summary["new"] == 1
    assert seen and seen[-1] == (1, 1)
