"""slovnet's tagger CNN (embedding -> conv layers -> head) on one sequence.

The same arithmetic as `slovnet.exec.model.Tag.__call__` in the same order,
so the same numbers, but kept in (length, channels) layout: slovnet swaps to
(channels, length) and back around every layer and builds each layer's
conv windows from a transposed copy with a strided gather, which costs as
much as the matrix products on a long sequence. Here the windows are `k`
shifted contiguous slices stacked side by side: the identical matrix.
"""
from __future__ import annotations

import numpy as np


def conv_windows(x: np.ndarray, padding: int, kernel: int) -> np.ndarray:
    """(length, in) -> (windows, in * kernel) rows [x[w + j, c] for c, j], zero padded."""
    padded = np.pad(x, ((padding, padding), (0, 0)))
    count = padded.shape[0] - kernel + 1
    windows = np.stack([padded[j:j + count] for j in range(kernel)], axis=2)
    return windows.reshape(count, x.shape[1] * kernel)


_LAST: tuple = (None, None, None)  # (word id list, navec arrays, vectors) of the last document


def word_vectors(embedding, word_ids: list[int]) -> np.ndarray:
    """navec's vectors (length, dim) of a document's word ids, looked up once:
    the morph and NER taggers share one navec (the same index and code
    arrays), so the NER stage reuses what the segment stage looked up for the
    same `doc.word_ids` list. A pure gather, so the same numbers either way."""
    global _LAST
    ids, arrays, vectors = _LAST
    key = (embedding.indexes.array, embedding.codes.array)
    if ids is word_ids and arrays[0] is key[0] and arrays[1] is key[1]:
        return vectors
    vectors = embedding(np.array(word_ids, dtype=np.int64))
    _LAST = (word_ids, key, vectors)
    return vectors


def forward(model, word_id: np.ndarray, shape_id: np.ndarray, mask: np.ndarray,
            words: np.ndarray | None = None) -> np.ndarray:
    """Head outputs (length, tags) for one sequence; `mask` marks padding
    positions; `words`: the sequence's navec vectors when already looked up."""
    if words is None:
        x = model.emb(word_id[None], shape_id[None])[0]
    else:
        x = np.concatenate((words, model.emb.shape(shape_id)), axis=-1)
    for layer in model.encoder.layers:
        conv, norm = layer.conv, layer.norm
        filters, in_dim, kernel = conv.weight.shape
        weight = conv.weight.array.reshape(filters, in_dim * kernel)
        x = np.matmul(conv_windows(x, conv.padding, kernel), weight.T) + conv.bias.array
        x = x.clip(0)
        x = (x - norm.mean.array) / norm.std.array * norm.weight.array + norm.bias.array
        x[mask] = 0
    return model.head(x[None])[0]
