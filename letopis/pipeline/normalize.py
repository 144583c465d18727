"""Stage: normal (nominative) forms of mentions, with pymorphy3.

Fills `NerSpan.normal`. First version: inflect each word to the nominative
keeping number and gender, as natasha's `normalize` does.
"""
from __future__ import annotations

from .doc import Doc, NerSpan


def normal_word(word: str, morph) -> str:
    parses = morph.parse(word)
    if not parses:
        return word
    form = parses[0].inflect({"nomn"})
    if form is None:
        return word
    return restore_case(word, form.word)


def restore_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
    return word


def normalize_span(span: NerSpan, models) -> str:
    return " ".join(normal_word(w, models.morph) for w in span.text.split())


def run(doc: Doc, models) -> None:
    for span in doc.spans:
        span.normal = normalize_span(span, models)
