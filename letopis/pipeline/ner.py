"""Stage: named-entity mentions (PER, ORG, LOC) with slovnet's news NER.

Fills `doc.spans`.
"""
from __future__ import annotations

from .doc import Doc, NerSpan


def run(doc: Doc, models) -> None:
    markup = models.ner_tagger(doc.text)
    for span in markup.spans:
        tokens = [t for t in doc.tokens if span.start <= t.start and t.stop <= span.stop]
        doc.spans.append(NerSpan(span.start, span.stop, span.type, doc.text[span.start:span.stop], tokens=tokens))
