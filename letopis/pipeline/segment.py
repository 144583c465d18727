"""Stage: sentences, tokens and morphology (razdel + slovnet's news morph tagger).

Fills `doc.sents` and `doc.tokens` (pos, feats; lemma filled lazily by stages
that need it, through pymorphy3), and `doc.word_ids`/`doc.shape_ids`, the
slovnet encodings of the tokens, which the NER stage reuses.

The result equals natasha's `Doc.segment` + `Doc.tag_morph`, but costs half:
- razdel is called directly (natasha wraps every token and sentence in its
  Record classes, then re-wraps them for slovnet);
- a word's vocabulary/shape ids and a tag's (pos, feats) parse are cached;
- all sentences of a document go through the CNN as one packed sequence,
  with one padding position between sentences, instead of natasha's batches
  of 8 padded to the longest. The CNN zeroes padded positions after each
  layer and the padding embeddings are zero, so every sentence still sees
  exactly the zero padding it sees alone: the same tags;
- the CNN itself runs through `cnn.forward` (same numbers, less copying).
- navec's vectors of the document's words are looked up once
  (`cnn.word_vectors`) and reused by the NER stage's CNN pass.
"""
from __future__ import annotations

import numpy as np
from razdel import sentenize, tokenize
from slovnet.conll import parse_conll_tag

from . import cnn
from .doc import Doc, Sentence, Token
from .stage import stage

_IDS: dict[str, tuple[int, int]] = {}  # word -> (word id, shape id)
_TAGS: dict[int, tuple[str, dict]] = {}  # tag id -> (pos, feats)
_CACHE_LIMIT = 300_000


def encode(words: list[str], encoder) -> tuple[list[int], list[int]]:
    """slovnet's word and shape ids of words (its `WordShapeEncoder.item`),
    cached per word form: most words of a news text were seen before."""
    if len(_IDS) > _CACHE_LIMIT:
        _IDS.clear()
    word_ids, shape_ids = [], []
    for word in words:
        ids = _IDS.get(word)
        if ids is None:
            word_id, shape_id = encoder.item([word])
            ids = _IDS[word] = (word_id[0], shape_id[0])
        word_ids.append(ids[0])
        shape_ids.append(ids[1])
    return word_ids, shape_ids


def segment(text: str) -> tuple[list[Token], list[Sentence]]:
    """razdel tokens and sentences, tokens grouped into their sentences
    (natasha's `envelop_sent_tokens`)."""
    tokens = [Token(t.start, t.stop, t.text) for t in tokenize(text)]
    sents = [Sentence(s.start, s.stop, s.text) for s in sentenize(text)] if text else []
    index = 0
    for sent in sents:
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token.start < sent.start:
                continue
            if token.stop <= sent.stop:
                sent.tokens.append(token)
            else:
                index -= 1
                break
    return tokens, sents


def packed(sents: list[Sentence], word_ids: list[int], shape_ids: list[int], pads: tuple[int, int]):
    """The sentences' ids as one sequence, one pad between sentences; returns
    the id arrays, the pad mask and the positions of real tokens."""
    words, shapes, positions = [], [], []
    offset = 0
    for sent in sents:
        size = len(sent.tokens)
        if not size:
            continue
        if words:
            words.append(pads[0])
            shapes.append(pads[1])
        positions.extend(range(len(words), len(words) + size))
        words.extend(word_ids[offset:offset + size])
        shapes.extend(shape_ids[offset:offset + size])
        offset += size
    word_id = np.array(words, dtype=np.int64)
    shape_id = np.array(shapes, dtype=np.int64)
    return word_id, shape_id, word_id == pads[0], positions


def tag_morph(sents: list[Sentence], word_ids: list[int], shape_ids: list[int], infer) -> None:
    """Fills pos and feats of the sentences' tokens with slovnet's morph tags."""
    encoder = infer.encoder
    pads = (encoder.words_vocab.pad_id, encoder.shapes_vocab.pad_id)
    word_id, shape_id, mask, positions = packed(sents, word_ids, shape_ids, pads)
    if not positions:
        return
    navec = infer.model.emb.word
    words = np.empty((len(word_id), navec.dim), dtype=navec.codes.array.dtype)
    words[mask] = navec(np.array([pads[0]], dtype=np.int64))[0]
    words[positions] = cnn.word_vectors(navec, word_ids)
    tag_ids = cnn.forward(infer.model, word_id, shape_id, mask, words).argmax(-1)[positions]
    decode = infer.decoder.tags_vocab.decode
    tokens = (token for sent in sents for token in sent.tokens)
    for token, tag_id in zip(tokens, tag_ids.tolist()):
        parsed = _TAGS.get(tag_id)
        if parsed is None:
            parsed = _TAGS[tag_id] = parse_conll_tag(decode(tag_id))
        token.pos = parsed[0]
        token.feats = dict(parsed[1])


@stage('segment', requires=('text',), assigns=('sents', 'tokens', 'word_ids', 'shape_ids'))
def run(doc: Doc, models) -> None:
    tokens, sents = segment(doc.text)
    infer = models.morph_tagger.infer
    in_sents = [token for sent in sents for token in sent.tokens]
    word_ids, shape_ids = encode([t.text for t in in_sents], infer.encoder)
    tag_morph(sents, word_ids, shape_ids, infer)
    doc.sents.extend(sents)
    doc.tokens.extend(in_sents)
    doc.word_ids, doc.shape_ids = word_ids, shape_ids
