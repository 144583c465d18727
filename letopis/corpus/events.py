"""One record per real-world event across the corpus: articles that report
the same attack, verdict or summit attach to one corpus event.

Cross-document event coreference, kept small: two event mentions from
different articles tell one event when they have the same type (and, for
action types, kind and modality), their dates lie within `DATE_WINDOW` days
(an undated one is placed at its article's publication day and must fall in
the window after the other's date; two undated ones never match), and they
share a place (places and their regions, as corpus entity ids) or, for
two dated events with no place, a participant (actor, target, speaker,
visitor…); the same sentence in two
articles (a reprint) always tells the same event. An event joins the earliest
matching corpus event; within one article two events never merge here (the
events stage keeps separate events separate). Pure functions and one
in-memory index (`EventIndex`, fed by the single writer), no SQL.

`timeline` gives how each casualty figure moved across the reports:
every earlier figure an article gave ("revisions"), then its own, in order
of publication.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DATE_WINDOW = 3  # days between two reports' dates of one event
REPORT_LAG = 7  # days after an event an undated report may still tell it
ACTION_LIKE = ("attack", "incident")  # kinds of these types vary between reports ("взрыв" / "теракт")
FIGURES = ("killed", "injured")


@dataclass
class EventMention:
    """One stored event as coreference sees it: corpus entity ids by role."""

    id: int  # the event row
    article: int  # its article's pk
    type: str
    kind: str | None = None
    modality: str | None = None
    date: str | None = None
    published: str | None = None
    places: set[int] = field(default_factory=set)
    participants: set[int] = field(default_factory=set)
    sentence: str = ""  # the evidence sentence, as written


def day(value: str | None) -> date | None:
    """The ISO day of a value ("2024-06-23", "2024-06-23T10:00"), None for months and years."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def yearless(value: str | None) -> tuple[int, int] | None:
    """(month, day) of a day whose year the text did not give ("XXXX-06-23")."""
    if value and value.startswith("XXXX-") and len(value) >= 10:
        try:
            return int(value[5:7]), int(value[8:10])
        except ValueError:
            return None
    return None


def in_year_of(month_day: tuple[int, int], other: date) -> date | None:
    """The day of `month_day` nearest to `other` (its year, the one before or after)."""
    found = []
    for year in (other.year - 1, other.year, other.year + 1):
        try:
            found.append(date(year, *month_day))
        except ValueError:
            continue
    return min(found, key=lambda d: abs((d - other).days)) if found else None


def dates_agree(a: EventMention, b: EventMention) -> bool:
    """Both dated: within DATE_WINDOW days (a day without its year, "XXXX-06-23", is put in
    the other's year); one undated: its publication day within REPORT_LAG days after the
    other's date; neither dated: published close together."""
    da, db = day(a.date), day(b.date)
    if da and not db and yearless(b.date):
        db = in_year_of(yearless(b.date), da)
    elif db and not da and yearless(a.date):
        da = in_year_of(yearless(a.date), db)
    if da and db:
        return abs((da - db).days) <= DATE_WINDOW
    dated, undated = (a, b) if da else (b, a)
    event_day, report_day = day(dated.date), day(undated.published)
    if event_day and report_day:
        return 0 <= (report_day - event_day).days <= REPORT_LAG
    pa, pb = day(a.published), day(b.published)
    return bool(pa and pb) and abs((pa - pb).days) <= DATE_WINDOW


def same_event(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions from different articles tell one real-world event."""
    if a.article == b.article or a.type != b.type:
        return False
    if a.sentence and a.sentence == b.sentence:
        return True  # the same sentence in two articles (a copy, a reprint) tells the same event
    if a.type not in ACTION_LIKE and (a.kind != b.kind or (a.modality or "happened") != (b.modality or "happened")):
        return False
    if not (day(a.date) or day(b.date)):
        return False  # two undated mentions ("санкции против России"): nothing says they are one event
        # (two days without their years neither: nothing says which years they are)
    if not dates_agree(a, b):
        return False
    if a.places and b.places:
        return bool(a.places & b.places)
    return bool(day(a.date) and day(b.date) and a.participants & b.participants)


class EventIndex:
    """Corpus events so far: each mention's corpus event is the first mention's id."""

    def __init__(self):
        self.by_type: dict[str, list[EventMention]] = {}
        self.cluster: dict[int, int] = {}  # mention id -> corpus event id

    def add(self, mention: EventMention, corpus_event: int | None = None) -> int:
        """File a mention; returns its corpus event (an earlier one it tells, else its own id).
        `corpus_event` restores a stored assignment without matching again."""
        if corpus_event is None:
            match = next((m for m in self.by_type.get(mention.type, []) if same_event(m, mention)), None)
            corpus_event = self.cluster[match.id] if match else mention.id
        self.by_type.setdefault(mention.type, []).append(mention)
        self.cluster[mention.id] = corpus_event
        return corpus_event

    def remove_article(self, article: int) -> None:
        """Forget an article's mentions (it is being rewritten)."""
        for mentions in self.by_type.values():
            for m in [m for m in mentions if m.article == article]:
                mentions.remove(m)
                self.cluster.pop(m.id, None)


def cluster(mentions: list[EventMention]) -> dict[int, int]:
    """Mention id -> corpus event id for a batch, in the given order (a bench and test helper)."""
    index = EventIndex()
    return {m.id: index.add(m) for m in mentions}


def timeline(reports: list[dict]) -> dict[str, list[dict]]:
    """How each figure moved across an event's reports.

    `reports`: one dict per article, {"source", "published", "event": card event
    dict}, in any order. Returns figure -> [{"value", "source", "published",
    "earlier": bool}], in publication order, the last one being the latest."""
    out: dict[str, list[dict]] = {}
    for report in sorted(reports, key=lambda r: r.get("published") or ""):
        event = report["event"]
        for name in FIGURES:
            steps = [r.get("value") for r in event.get("revisions") or [] if r.get("field") == name]
            if event.get(name) is not None:
                steps.append(event[name])
            for number, value in enumerate(steps):
                line = out.setdefault(name, [])
                if line and line[-1]["value"] == value:
                    continue  # the same figure repeated
                line.append({"value": value, "source": report.get("source"), "published": report.get("published"),
                             "earlier": number < len(steps) - 1})
    return out


def latest(reports: list[dict]) -> dict[str, int | None]:
    """Each figure's latest value across an event's reports."""
    return {name: steps[-1]["value"] for name, steps in timeline(reports).items()}


def render(steps: list[dict]) -> str:
    """"15 -> 20 (nur.kz, 2024-06-24) -> 22 (…, 2024-06-25)": a figure's timeline as text."""
    parts, last_source = [], object()
    for step in steps:
        where = (step["source"], (step["published"] or "")[:10])
        text = str(step["value"])
        if where != last_source and not step["earlier"]:
            text += " (" + ", ".join(filter(None, where)) + ")"
            last_source = where
        parts.append(text)
    return " -> ".join(parts)
