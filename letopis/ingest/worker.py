"""Worker side of ingest: one article -> everything the writer stores.

Runs in worker processes (a process pool or Dask workers): the pipeline and
its models are loaded once per process (`_state`), and each article is turned
into a picklable dict: the card JSON, lemmatized title and body for the search
index and a MinHash signature for near-duplicate detection. Nothing here
touches the database, so workers can run anywhere.
"""
from __future__ import annotations

import traceback

from ..article import Article
from ..corpus import dedup
from ..settings import MAX_ARTICLE_CHARS_ENV, max_article_chars
from ..store.lemmas import Lemmatizer

_STATE: dict = {}


def _state() -> dict:
    """The process's pipeline and lemmatizer, created on first use."""
    if not _STATE:
        from ..pipeline import Pipeline
        pipeline = Pipeline()
        _STATE["pipeline"] = pipeline
        _STATE["lemmatizer"] = Lemmatizer(pipeline.models.morph)
    return _STATE


def start(parent_pid: int) -> None:
    """Process-pool initializer: end with the ingest that started us, then load the models."""
    from .lifecycle import die_with_parent
    die_with_parent(parent_pid)
    warm_up()


def warm_up() -> None:
    """Load the models now (process-pool initializer), not inside the first task."""
    state = _state()
    state["pipeline"](Article(title="Прогрев", text="Президент России Владимир Путин прибыл в Москву."))


def too_long(article: Article) -> str | None:
    """Why an article is too long to analyse (the bound on one article's time and memory), or None."""
    chars, limit = len(article.title or "") + len(article.text or ""), max_article_chars()
    if chars <= limit:
        return None
    return (f"text too long: {chars:,} characters (the limit is {limit:,} per article, "
            f"${MAX_ARTICLE_CHARS_ENV} changes it); split it into articles")


def prepare(article: Article) -> dict:
    """Article -> {"ok": True, ...stored fields} or {"ok": False, "problem"}; never raises."""
    problem = too_long(article)
    if problem:
        return {"ok": False, "origin": article.origin, "url": article.url, "id": article.id,
                "content_hash": article.content_hash(), "problem": problem}
    try:
        state = _state()
        card = state["pipeline"](article).as_json()
        lemmatizer = state["lemmatizer"]
        return {
            "ok": True,
            "id": article.id, "url": article.url, "content_hash": article.content_hash(),
            "title": article.title or "", "source": article.source, "rubric": article.rubric,
            "published": article.published, "chars": len(article.title or "") + len(article.text or ""),
            "origin": article.origin, "card": card,
            "title_lemmas": lemmatizer.text(article.title or ""),
            "body_lemmas": " ".join(filter(None, (lemmatizer.text(article.text or ""),
                                                  lemmatizer.names(card.get("entities"))))),
            "minhash": dedup.signature(article.text or ""),
        }
    except Exception as exc:  # one bad article must not stop an ingest of thousands
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return {"ok": False, "origin": article.origin, "url": article.url, "id": article.id,
                "content_hash": article.content_hash(),
                "problem": f"pipeline failed: {type(exc).__name__}: {exc} ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"}


def prepare_batch(articles: list[Article]) -> list[dict]:
    """A batch of articles (the unit of work sent to a Dask worker)."""
    return [prepare(article) for article in articles]
