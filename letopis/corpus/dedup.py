"""Near-duplicate detection: MinHash over word shingles, LSH for candidates.

Signatures are computed in the worker processes (`signature`), stored with
the article, and loaded into an in-memory `datasketch.MinHashLSH` by the
single writer, which asks it for candidates of each new article and keeps
those whose estimated Jaccard similarity passes `THRESHOLD`.
"""
from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..morph import fold
from .words import WORD

NUM_PERM = 64
SHINGLE = 4
THRESHOLD = 0.8
MIN_WORDS = 20  # shorter texts are too small to call near-duplicates
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are uint32 values
DTYPE = np.uint32


def signature(text: str) -> bytes | None:
    """MinHash of the text's word 4-shingles, as bytes (None for very short texts)."""
    words = [fold(m.group()) for m in WORD.finditer(text)]
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(DTYPE).tobytes()


_PERMUTATIONS = None


def _minhash(data: bytes) -> MinHash:
    """A stored signature as a MinHash (permutations computed once, not per article)."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_PERMUTATIONS,
                   hashvalues=np.frombuffer(data, dtype=DTYPE))


class DuplicateIndex:
    """The LSH index of stored articles' signatures (keys: article pks)."""

    def __init__(self):
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[int, MinHash] = {}

    def add(self, pk: int, data: bytes | None) -> None:
        """Index one stored article."""
        if data is None or pk in self.signatures:
            return
        minhash = _minhash(data)
        self.lsh.insert(pk, minhash)
        self.signatures[pk] = minhash

    def remove(self, pk: int) -> None:
        """Forget an article (before it is re-indexed with changed text)."""
        if pk in self.signatures:
            self.lsh.remove(pk)
            del self.signatures[pk]

    def original_of(self, data: bytes | None) -> int | None:
        """The earliest stored article this text nearly duplicates, or None."""
        if data is None:
            return None
        minhash = _minhash(data)
        matches = [pk for pk in self.lsh.query(minhash)
                   if self.signatures[pk].jaccard(minhash) >= THRESHOLD]
        return min(matches) if matches else None
