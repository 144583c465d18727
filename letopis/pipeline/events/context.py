"""Per-document indexes the event rules share: lemmas, sentences, names, dates.

Built once per Doc in O(tokens + spans + dates) so that every rule can ask
"which sentence is token i in", "which NER span covers it" or "which dates
stand in this sentence" without rescanning the document. The context also
carries the events found so far (`events`, with their ids) and the event
each trigger token tells (`told_at`), so that a later extractor can refer
to an earlier one's events.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...morph import fold
from ...records import Evidence
from ..doc import Doc

POS_TAGS = {  # slovnet (UD) POS -> pymorphy3 POS values that agree with it
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"}, "ADJ": {"ADJF", "ADJS", "PRTF", "PRTS", "COMP"},
    "NUM": {"NUMR", "ADJF"}, "DET": {"ADJF", "NPRO"}, "PRON": {"NPRO"}, "ADV": {"ADVB", "PRED"},
}


plain = fold  # lower case with "ё" as "е": the form the lexicon files use


@lru_cache(maxsize=200_000)
def lemma_for(word: str, pos: str | None, morph) -> str:
    """The pymorphy3 lemma whose part of speech agrees with the tagger's, else the first.

    `morph` is the stage's `Morph` (`models.morph`), whose parses are cached
    per word form and shared with the other stages."""
    parses = morph.parse(word)
    wanted = POS_TAGS.get(pos or "", set())
    for parse in parses:
        if parse.tag.POS in wanted:
            return plain(parse.normal_form)
    return plain(parses[0].normal_form) if parses else plain(word)


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def iso_day(value: str | None) -> str | None:
    """An ISO date value, or None for values with an unknown year ("XXXX-06-23")."""
    return value if value and ISO.match(value) else None


YEARLESS_DAY = re.compile(r"^XXXX-\d{2}-\d{2}$")


def known_day(value: str | None) -> str | None:
    """An ISO date value, or a day whose year the text does not give ("XXXX-06-23"):
    an attack on "23 июня" of an undated article keeps its day and month."""
    if value and YEARLESS_DAY.match(value):
        return value
    return iso_day(value)


class EventContext:
    """Lemmas and lookups over one Doc for the event rules."""

    def __init__(self, doc: Doc, models):
        """Index the Doc once; `models.morph` gives lemmas the tagger did not."""
        self.doc = doc
        self.morph = models.morph
        self.tokens = doc.tokens
        self.lemmas = [self.lemma_of(token) for token in doc.tokens]
        self.sent_of, self.sent_bounds = self.index_sentences()
        self.span_of = self.index_spans()
        self.dates = sorted((doc.from_card(d.field, d.start, d.stop) + (d,) for d in doc.dates),
                            key=lambda item: item[0])
        self.events: list = []  # events found so far, ids given (the registry appends)
        self.told_at: dict[int, object] = {}  # trigger token index -> the event it tells

    def lemma_of(self, token) -> str:
        """The token's lemma, filled on the token for later stages too."""
        if token.lemma is None:
            token.lemma = lemma_for(token.text, token.pos, self.morph)
        return plain(token.lemma)

    def index_sentences(self) -> tuple[list[int], list[tuple[int, int]]]:
        """Token index -> sentence index, and each sentence's token range.

        A line break always ends a sentence here: a headline without a final
        stop must not run into the first body sentence."""
        sent_of, bounds, first = [], [], 0
        for sent in self.doc.sents:
            last = first + len(sent.tokens)
            for low, high in self.split_lines(first, last):
                sent_of.extend([len(bounds)] * (high - low))
                bounds.append((low, high))
            first = last
        return sent_of, bounds

    def split_lines(self, first: int, last: int) -> list[tuple[int, int]]:
        """Token ranges of [first, last) cut where the text between tokens holds a newline."""
        cuts = [i for i in range(first + 1, last)
                if "\n" in self.doc.text[self.tokens[i - 1].stop:self.tokens[i].start]]
        edges = [first] + cuts + [last]
        return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]

    def index_spans(self) -> dict[int, int]:
        """Token index -> index of the NER span covering it."""
        by_start = {token.start: index for index, token in enumerate(self.tokens)}
        span_of = {}
        for number, span in enumerate(self.doc.spans):
            index = by_start.get(span.start)
            while index is not None and index < len(self.tokens) and self.tokens[index].start < span.stop:
                span_of[index] = number
                index += 1
        return span_of

    def sentence_tokens(self, sent: int) -> range:
        """Token indexes of sentence `sent`."""
        return range(*self.sent_bounds[sent])

    def case(self, index: int) -> str | None:
        """Grammatical case of token `index` per the morph tagger."""
        return (self.tokens[index].feats or {}).get("Case")

    def entity_at(self, index: int):
        """(span, entity) of the NER span covering token `index`, or (None, None)."""
        number = self.span_of.get(index)
        if number is None or number not in self.doc.span_entity:
            return None, None
        entity_id = self.doc.span_entity[number]
        entity = next((e for e in self.doc.entities if e.id == entity_id), None)
        return self.doc.spans[number], entity

    def first_entity(self, sent: int, type_: str):
        """The first entity of a type mentioned in sentence `sent`, governed or not, or None."""
        for index in self.sentence_tokens(sent):
            span, entity = self.entity_at(index)
            if span is not None and span.type == type_ and entity is not None:
                return entity
        return None

    def span_last_token(self, index: int) -> int:
        """Last token index of the NER span covering `index` (itself if none)."""
        number = self.span_of.get(index)
        while index + 1 < len(self.tokens) and number is not None and self.span_of.get(index + 1) == number:
            index += 1
        return index

    def dates_in(self, start: int, stop: int) -> list:
        """(doc_start, doc_stop, DateMention) of dates inside [start, stop) Doc offsets."""
        return [item for item in self.dates if start <= item[0] and item[1] <= stop]

    def in_date(self, index: int) -> bool:
        """Whether token `index` is part of a date mention (a day number is no casualty count)."""
        token = self.tokens[index]
        return any(s <= token.start and token.stop <= e for s, e, _ in self.dates)

    def sentence_range(self, sent: int) -> tuple[int, int]:
        """Doc offsets of sentence `sent` (first token start to last token stop)."""
        low, high = self.sent_bounds[sent]
        return self.tokens[low].start, self.tokens[high - 1].stop

    def in_title(self, index: int) -> bool:
        """Whether token `index` is in the headline."""
        return self.tokens[index].start < self.doc.body_offset

    def evidence(self, start: int, stop: int) -> Evidence:
        """Card offsets of a Doc range, with "field": "title" for the headline."""
        return self.doc.evidence(start, stop)

    def sentence_evidence(self, sent: int) -> Evidence:
        """Evidence covering a whole sentence."""
        return self.evidence(*self.sentence_range(sent))
