"""One morphology object for the whole library: pymorphy3, cached per word form.

News text repeats its words, and a pymorphy3 `parse` costs tens of
microseconds, so every stage and the search index share one `Morph`
(created by `Models.morph` and handed to the stages) and its caches.
`fold` is the one place where case and `ё` are folded for comparison.
"""
from __future__ import annotations

from functools import lru_cache

CACHE_SIZE = 200_000


def fold_yo(text: str) -> str:
    """`ё` written as `е`, `Ё` as `Е` (the dictionaries and our word lists use `е`); keeps length and case."""
    return text.replace("ё", "е").replace("Ё", "Е")


def fold(word: str) -> str:
    """Lower case and `ё` as `е`: how words are compared."""
    return fold_yo(word.lower())


class Morph:
    """pymorphy3's analyzer with cached parses and lemma sets."""

    def __init__(self, analyzer=None, cache_size: int = CACHE_SIZE):
        if analyzer is None:
            import pymorphy3
            analyzer = pymorphy3.MorphAnalyzer()
        self.analyzer = analyzer
        self.parse = lru_cache(maxsize=cache_size)(self._parse)
        self.lemma_set = lru_cache(maxsize=cache_size)(self._lemma_set)

    def _parse(self, word: str) -> tuple:
        """pymorphy3's parses of a word, most likely first."""
        return tuple(self.analyzer.parse(word))

    def _lemma_set(self, word: str) -> frozenset:
        """All lemmas of a word, plus its folded surface: two words match when
        their sets intersect ("Акорду" -> акорд | акорда; "Токаев" -> токай | токаев)."""
        return frozenset({fold(word)} | {fold_yo(p.normal_form) for p in self.parse(word)})

    def lemma(self, word: str) -> str:
        """The most likely normal form of a word, folded (the word itself when unknown)."""
        parses = self.parse(word)
        return fold(parses[0].normal_form) if parses else fold(word)

    def lemmas(self, word: str) -> list[str]:
        """Every normal form a word may have, the most likely first, folded."""
        out = []
        for parse in self.parse(word):
            normal = fold(parse.normal_form)
            if normal not in out:
                out.append(normal)
        return out or [fold(word)]

    def lexeme(self, lemma: str) -> set[str]:
        """Every inflected form (folded) of the words whose normal form is `lemma`."""
        forms = {lemma}
        for parse in self.parse(lemma):
            if fold(parse.normal_form) == lemma:
                forms.update(fold(f.word) for f in parse.lexeme)
        return forms


_SHARED: Morph | None = None


def shared() -> Morph:
    """The process's `Morph`, for code outside a pipeline (the search index, queries)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Morph()
    return _SHARED
