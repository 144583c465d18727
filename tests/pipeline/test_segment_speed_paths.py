"""The fast paths of the segment and NER stages give natasha's/slovnet's own results.

`segment.run` replaces natasha's `Doc.segment` + `tag_morph` (packed
sentences, cached encodings) and `cnn.forward` replaces slovnet's model
call: both are only allowed because the outputs are identical.
"""
from __future__ import annotations

import numpy as np
from natasha import Doc as NatashaDoc

from letopis.pipeline import cnn, segment
from letopis.pipeline.doc import Doc


def test_segment_equals_natasha_segment_and_morph(pipeline, sample_article):
    doc = Doc.from_article(sample_article)
    segment.run(doc, pipeline.models)
    ndoc = NatashaDoc(doc.text)
    ndoc.segment(pipeline.models.segmenter)
    ndoc.tag_morph(pipeline.models.morph_tagger)
    ours = [(t.start, t.stop, t.text, t.pos, t.feats) for t in doc.tokens]
    theirs = [(t.start, t.stop, t.text, t.pos, dict(t.feats or {})) for s in ndoc.sents for t in s.tokens]
    assert len(ours) > 100
    assert ours == theirs
    assert [(s.start, s.stop) for s in doc.sents] == [(s.start, s.stop) for s in ndoc.sents]


def test_cnn_forward_equals_slovnet_model(pipeline, sample_doc):
    word_id = np.array(sample_doc.word_ids)
    shape_id = np.array(sample_doc.shape_ids)
    mask = np.zeros(len(word_id), dtype=bool)
    mask[::17] = True  # padding positions inside the sequence, as in packed sentences
    for infer in (pipeline.models.morph_tagger.infer, pipeline.models.ner_tagger.infer):
        expected = infer.model(word_id[None], shape_id[None], mask[None])[0]
        assert np.array_equal(cnn.forward(infer.model, word_id, shape_id, mask), expected)


def test_navec_vectors_looked_up_once_give_the_same_outputs(pipeline, sample_doc):
    """The NER pass reuses the segment pass's navec lookup: same arrays, same emissions."""
    morph, ner = pipeline.models.morph_tagger.infer, pipeline.models.ner_tagger.infer
    first = cnn.word_vectors(morph.model.emb.word, sample_doc.word_ids)
    assert cnn.word_vectors(ner.model.emb.word, sample_doc.word_ids) is first
    word_id = np.array(sample_doc.word_ids)
    shape_id = np.array(sample_doc.shape_ids)
    mask = word_id == ner.encoder.words_vocab.pad_id
    assert np.array_equal(cnn.forward(ner.model, word_id, shape_id, mask, first),
                          cnn.forward(ner.model, word_id, shape_id, mask))
