"""Stage: dates. Fills `doc.dates` with every date expression, resolved.

What is recognised (grammar in `grammar`, calendar in `resolve`,
word lists in `vocab`): absolute dates ("23 июня 2024", "23.06.2024",
"23 июн.", "июнь 2024", "в 2023 году"), lists ("24, 25 и 26 июня": one
DateMention per day, each with its own offsets, the last one spanning the
month), ranges ("с 1 по 5 мая", "1–5 мая", "в 2023–2024 годах": ISO 8601
intervals, precision "period"), decades, and relative dates ("вчера",
"сегодня утром", "накануне", "на прошлой неделе", "в прошлом месяце",
"в воскресенье", "в прошлый вторник", "в минувшие выходные", "два дня
назад") anchored on `doc.article.published`.

Conventions (value, precision, "XXXX" for an unknown year, the `extra`
keys `year_known`, `year_inferred`, `relative`, `anchor`, `part_of_day`,
`weekday_mismatch`) and the year-inference order are documented in
`resolve`.

API for other code:

- `run(doc, models)`: the pipeline stage.
- `parse_date_text(text, anchor=None, today=None) -> list[DateMention]`:
  the same analysis on a bare string (offsets into `text`, field "text");
  `anchor` is a `date` or an ISO string or None; `today` is accepted and
  ignored (the wall clock never decides a year).
- `dates_in(doc, start, stop) -> list[DateMention]`: the dates of a processed
  doc overlapping the Doc-offset range [start, stop) (e.g. a sentence), for
  the facts and events stages.
- `doc_span(doc, mention) -> (start, stop)`: a DateMention's Doc offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from razdel import sentenize

from ... import data
from ...card import DateMention
from .grammar import Expr, find_expressions
from .resolve import parse_anchor, resolve, speaks_of_future, speaks_of_plans
from ..doc import Doc
from ..stage import stage

EVE_WORD = "накануне"  # one word the stage treats specially, not a list


def _next_word(text: str, stop: int) -> str | None:
    """The word right after `stop`, or None if punctuation comes first."""
    rest = text[stop:stop + 40].lstrip()
    word = rest.split(maxsplit=1)[0] if rest else ""
    word = word.strip(".,;:!?»\")")
    return word if word.isalpha() else None


def _is_eve_of_event(expr: Expr, text: str, morph) -> bool:
    """'накануне выборов' is 'before an event', not 'the day before'.

    Decided by morphology: a noun or adjective in the genitive right after.
    """
    if expr.kind != "shift" or expr.rel.get("word") != EVE_WORD or "part_of_day" in expr.rel:
        return False
    word = _next_word(text, expr.stop)
    if not word:
        return False
    tag = morph.parse(word)[0].tag
    return tag.POS in ("NOUN", "ADJF", "NUMR", "PRTF") and tag.case == "gent"


# A date right after these names a street, a square or a station ("улица 8 Марта").
PLACE_WORDS = data.words("dates/place_words.txt")
WORDS = re.compile(r"[а-яё]+", re.IGNORECASE)
PREVIOUS_WORD = re.compile(r"(\w+)\W{0,2}$")


def _is_place_name(expr: Expr, text: str) -> bool:
    before = PREVIOUS_WORD.search(text[max(0, expr.start - 30):expr.start])
    return bool(before) and before.group(1).lower() in PLACE_WORDS


def _keep(expr: Expr, text: str, morph) -> bool:
    """Drop 'накануне выборов' and street names; keep everything else."""
    if EVE_WORD in expr.text.lower() and _is_eve_of_event(expr, text, morph):
        return False
    return not (expr.kind == "date" and _is_place_name(expr, text))


def _collect(text: str, sentences, morph) -> list[Expr]:
    """Expressions of the whole text, in order, tagged with their sentence.

    `sentences`: (start, text, tokens or None) in order. The grammar runs
    over the whole text at once (it parses only windows around date words),
    so a sentence split inside "23 июн. 2024" does not cut a date.
    """
    if not sentences:
        sentences = [(0, text, None)]
    starts = [start for start, _, _ in sentences]
    exprs = []
    for expr in find_expressions(text):
        if not _keep(expr, text, morph):
            continue
        index = max(bisect_right(starts, expr.start) - 1, 0)
        expr.sent = index
        expr.tense = _tense(text, expr, *sentences[index], morph)
        expr.future = expr.tense == "future"
        exprs.append(expr)
    return exprs


CLAUSE_LEFT = ",;:(\n"
CLAUSE_RIGHT = ",;:)\n"


def _clause(text: str, expr: Expr, start: int, stop: int) -> tuple[int, int]:
    """The comma-bounded clause around the expression, inside its sentence.

    Tense is read there, not in the whole sentence: in "в начале января
    заявил, что не будет участвовать" the date goes with "заявил".
    """
    left = max([text.rfind(c, start, expr.start) for c in CLAUSE_LEFT] + [start - 1]) + 1
    rights = [text.find(c, expr.stop, stop) for c in CLAUSE_RIGHT]
    right = min([r for r in rights if r >= 0] + [stop])
    return left, right


# With an infinitive in the clause these put its action in the future.
INTENTION = data.words("dates/intention_words.txt")


def _tense(text: str, expr: Expr, start: int, sentence: str, tokens, morph) -> str | None:
    """'future', 'past' or None (no finite verb says): the tense of the date's clause.

    Future: a future cue word, a future-tense verb, a planning participle
    ("предстоящих") without a past verb. None (the nearest occurrence
    decides): an infinitive after a verb of intention or agreement, whatever
    its tense ("договорились провести 14–16 октября", "предложил провести
    захват власти в октябре"). Past: a finite past-tense verb ("прошли",
    "заявил"). Tense comes from
    slovnet's tags when the Doc has them, else from pymorphy3 (bare strings
    given to `parse_date_text`); lemmas of intention words from pymorphy3.
    """
    left, right = _clause(text, expr, start, start + len(sentence))
    if speaks_of_future(text[left:right]):
        return "future"
    if tokens is not None:
        mine = [t for t in tokens if left <= t.start < right and not expr.start <= t.start < expr.stop]
        feats = [t.feats or {} for t in mine]
        words = [t.text for t in mine]
        future = any(f.get("Tense") == "Fut" for f in feats)
        past = any(f.get("Tense") == "Past" and f.get("VerbForm") == "Fin" for f in feats)
        infinitive = any(f.get("VerbForm") == "Inf" for f in feats)
    else:
        words = WORDS.findall(text[left:expr.start] + " " + text[expr.stop:right])
        tags = [morph.parse(w)[0].tag for w in words] if morph is not None else []
        future = any(tag.tense == "futr" for tag in tags)
        past = any(tag.POS == "VERB" and tag.tense == "past" for tag in tags)
        infinitive = any(tag.POS == "INFN" for tag in tags)
    if future or (speaks_of_plans(text[left:right]) and not past):
        return "future"
    if infinitive and morph is not None and _intends(text[start:right], morph):
        return None
    return "past" if past else None


def _intends(text: str, morph) -> bool:
    """A verb of intention or agreement ("договорились", "намерен") in `text`."""
    return any(morph.parse(word)[0].normal_form in INTENTION for word in WORDS.findall(text.lower()))


def _doc_sentences(doc: Doc):
    """(start, text, tokens) for each sentence of the Doc."""
    return [(s.start, s.text, s.tokens) for s in doc.sents]


@stage('dates', requires=('sents',), assigns=('dates',))
def run(doc: Doc, models) -> None:
    anchor = parse_anchor(doc.article.published)
    exprs = _collect(doc.text, _doc_sentences(doc), models.morph)
    doc.dates = []
    for item in resolve(exprs, doc.text, anchor):
        field, start, stop = doc.to_card(item.start, item.stop)
        doc.dates.append(DateMention(start, stop, item.text, item.value, item.precision, field, item.extra))


def parse_date_text(text: str, anchor=None, today: date | None = None, morph=None) -> list[DateMention]:
    """All dates in a bare string, resolved against `anchor` (date, ISO string or None)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_date_text expects a str, got {type(text).__name__}")
    if morph is None:
        from ..models import default_models
        morph = default_models().morph
    sentences = [(s.start, s.text, None) for s in sentenize(text)]
    exprs = _collect(text, sentences, morph)
    return [DateMention(r.start, r.stop, r.text, r.value, r.precision, "text", r.extra)
            for r in resolve(exprs, text, parse_anchor(anchor), today)]


def doc_span(doc: Doc, mention: DateMention) -> tuple[int, int]:
    """A DateMention's offsets back in `doc.text`."""
    return doc.from_card(mention.field, mention.start, mention.stop)


def dates_in(doc: Doc, start: int, stop: int) -> list[DateMention]:
    """Dates of a processed Doc overlapping [start, stop) in Doc offsets."""
    found = []
    for mention in doc.dates:
        m_start, m_stop = doc_span(doc, mention)
        if m_start < stop and start < m_stop:
            found.append(mention)
    return found
