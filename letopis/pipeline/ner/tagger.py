"""Stage: named-entity mentions (PER, ORG, LOC).

slovnet's news NER tags the text; then `rules.RULES` repair its spans
(brackets, legal forms, gazetteer types, abbreviations) and `consistency`
makes the document agree with itself (one type per name, a name tagged
once tagged everywhere, the headline included). Fills `doc.spans`.
"""
from __future__ import annotations

import numpy as np
from slovnet.bio import bio_spans

from .. import cnn
from . import consistency, junk
from ..doc import Doc, NerSpan
from .rules import RULES
from .spans import TokenIndex
from ..stage import stage

STEPS = [*RULES, junk.drop_junk, consistency.vote_types, consistency.propagate]


def slovnet_spans(doc: Doc, models) -> list[NerSpan]:
    """slovnet's NER over the segment stage's tokens. natasha's tagger would
    tokenize the text again with razdel (same tokens, more time), so the
    tagger's own encoder/model/decoder are called on our words instead, with
    the word/shape ids the segment stage computed (the morph and NER taggers
    share navec's vocabulary and the shape vocabulary)."""
    if not doc.tokens:
        return []
    infer = models.ner_tagger.infer
    word_id = np.array(doc.word_ids, dtype=np.int64)
    mask = word_id == infer.encoder.words_vocab.pad_id
    words = cnn.word_vectors(infer.model.emb.word, doc.word_ids)
    emissions = cnn.forward(infer.model, word_id, np.array(doc.shape_ids, dtype=np.int64), mask, words)
    decode = infer.decoder.tags_vocab.decode
    tags = [decode(i) for i in viterbi(emissions, infer.model.head.crf.transitions.array)]
    return [NerSpan(s.start, s.stop, s.type, doc.text[s.start:s.stop]) for s in bio_spans(doc.tokens, tags)]


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Best tag path for one unpadded sequence: slovnet's CRF decode with
    half the numpy calls per token (it is written for padded batches); the
    same argmax ties, so the same tags."""
    length, size = emissions.shape
    back = np.empty((length, size), dtype=np.int64)
    score = emissions[0].copy()
    cols = np.arange(size)
    for i in range(1, length):
        step = score[:, None] + transitions
        back[i] = step.argmax(0)
        score = step[back[i], cols] + emissions[i]
    best = int(score.argmax())
    path = [best]
    for i in range(length - 1, 0, -1):
        best = int(back[i][best])
        path.append(best)
    return path[::-1]


def drop_overlaps(spans: list[NerSpan]) -> list[NerSpan]:
    """Sorted, non-overlapping spans (the longer one wins at equal start)."""
    kept: list[NerSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.stop)):
        if kept and span.start < kept[-1].stop:
            continue
        kept.append(span)
    return kept


@stage('ner', requires=('text', 'tokens', 'word_ids', 'shape_ids'), assigns=('spans',))
def run(doc: Doc, models) -> None:
    index = TokenIndex(doc, models.morph)
    spans = slovnet_spans(doc, models)
    for step in STEPS:
        spans = step(index, spans)
    for span in drop_overlaps(spans):
        i, j = index.range(span.start, span.stop)
        span.tokens = index.tokens[i:j]
        span.text = doc.text[span.start:span.stop]
        doc.spans.append(span)
