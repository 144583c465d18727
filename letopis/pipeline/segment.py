"""Stage: sentences, tokens and morphology (natasha segmenter + slovnet morph).

Fills `doc.sents` and `doc.tokens` (pos, feats; lemma filled lazily by stages
that need it, through pymorphy3).
"""
from __future__ import annotations

from natasha import Doc as NatashaDoc

from .doc import Doc, Sentence, Token


def run(doc: Doc, models) -> None:
    ndoc = NatashaDoc(doc.text)
    ndoc.segment(models.segmenter)
    ndoc.tag_morph(models.morph_tagger)
    for nsent in ndoc.sents:
        tokens = [Token(t.start, t.stop, t.text, t.pos, dict(t.feats or {})) for t in nsent.tokens]
        doc.sents.append(Sentence(nsent.start, nsent.stop, nsent.text, tokens))
        doc.tokens.extend(tokens)
