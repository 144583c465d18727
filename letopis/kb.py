"""`KnowledgeBase`: the Python API over a corpus store.

This is the one facade the interfaces call (CLI corpus commands, HTTP API,
web pages). It opens a store by URL (`sqlite:///letopis.db` by default, or
`postgresql://...`), ingests articles and answers queries. Every query
returns plain JSON-ready dicts/lists, so CLI, HTTP and web render the same
data.

Return shapes (the contract between store and interfaces):
- stats() -> {"articles", "entities", "facts", "events", "stories"} counts
- articles(limit, offset, q=None) -> {"total", "items": [{"id","title","url","source","published","rubric"}]}
- card(article_id) -> the card JSON (SPEC.md) or None; each card entity also
  has "corpus_id" (the corpus entity it links to)
- entities(limit, offset, type=None, q=None) -> {"total", "items": [{"id","name","type","subtype","mentions","articles"}]}
- entity(key) -> profile or None, key = corpus entity id or a name/alias:
  {"id","name","type","subtype","aliases": [...], "positions": [{"position","where","first","last","articles"}],
   "mentions_per_day": [{"date","count"}], "co_mentioned": [{"id","name","type","count"}],
   "events": [event rows], "articles": [{"id","title","published"}], "facts": [...]}
- facts(type=None, entity=None, limit, offset) -> {"total", "items": [fact dict + "article_id"]}
- events(type=None, place=None, date_from=None, date_to=None, min_killed=None, limit, offset, sort=None)
    -> {"total", "items": [{"id","article_id","type","date","places": [names],"killed","injured", ...}]}
- stories(limit, offset) -> {"total", "items": [{"id","title","first","last","articles","entities": [names]}]}
- story(story_id) -> {"id","title","first","last","articles": [...],"entities": [...]} or None
- search(query, limit, offset) -> {"total", "items": [{"article_id","title","published","snippet","score"}]}
  (snippet marks matches with <mark>...</mark> around *escaped* text)
- ingest(paths, workers=2, progress=True) -> summary {"read","new","updated","skipped","failed": [{"path","problem"}]}
- export(kind, fmt, out) for kind in entities|facts|events, fmt in csv|jsonl
TODO(web): entities() ordered by mentions desc (home page "most mentioned"); stories() newest first.
TODO(web): events(sort=...) accepts "date", "-date", "killed", "-killed", "injured", "-injured", "type", "-type" (None = newest first).
TODO(web): search() must not raise on any user string (quotes, *, NEAR, unbalanced parens): quote/escape before FTS MATCH.
TODO(web): KnowledgeBase(url) should accept a plain file path too (`letopis serve --db letopis.db`).
"""
from __future__ import annotations
