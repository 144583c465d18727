"""Token look-ups for span rules: which tokens a character span covers.

`TokenIndex` wraps `doc.tokens` (sorted by offset) with a bisect index so a
rule asks for a span's tokens in O(log n) instead of scanning the document;
it also carries the pipeline's `Morph` and the gazetteer built with it.
"""
from __future__ import annotations

from bisect import bisect_left

from .. import gazetteer
from ..doc import Doc, NerSpan, Token


class TokenIndex:
    def __init__(self, doc: Doc, morph):
        self.doc = doc
        self.morph = morph  # the pipeline's `Morph` (models.morph)
        self.gazetteer = gazetteer.of(morph)
        self.tokens: list[Token] = doc.tokens
        self.starts = [t.start for t in self.tokens]

    def first(self, start: int) -> int:
        """Index of the first token starting at or after `start`."""
        return bisect_left(self.starts, start)

    def range(self, start: int, stop: int) -> tuple[int, int]:
        """[i, j) token indices inside [start, stop)."""
        i = self.first(start)
        j = i
        while j < len(self.tokens) and self.tokens[j].stop <= stop:
            j += 1
        return i, j

    def words(self, span: NerSpan) -> list[str]:
        i, j = self.range(span.start, span.stop)
        return [t.text for t in self.tokens[i:j]]

    def make(self, i: int, j: int, type_: str) -> NerSpan:
        """A span over tokens [i, j)."""
        start, stop = self.tokens[i].start, self.tokens[j - 1].stop
        return NerSpan(start, stop, type_, self.doc.text[start:stop], tokens=self.tokens[i:j])

    def covered(self, spans: list[NerSpan]) -> list[bool]:
        """Per token: inside some span?"""
        flags = [False] * len(self.tokens)
        for span in spans:
            i, j = self.range(span.start, span.stop)
            for k in range(i, j):
                flags[k] = True
        return flags
