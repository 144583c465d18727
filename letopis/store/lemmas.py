"""Lemmas for the search index and queries (pymorphy3 normal forms).

Documents are indexed by each word's most likely normal form; a query word
matches any of its possible normal forms, so "теракт" finds "терактов" and an
ambiguous query form still finds its lemma. Snippets find the matched words
again in the original text through each lemma's full paradigm (lexeme), so no
per-result lemmatization of whole articles is needed at query time.
"""
from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)
CACHE_LIMIT = 300_000


def fold(word: str) -> str:
    """Lower case, ё as е: how words are compared everywhere in the index."""
    return word.lower().replace("ё", "е")


class Lemmatizer:
    """Word -> lemma with a per-process cache (news vocabulary repeats a lot)."""

    def __init__(self, morph=None):
        if morph is None:
            import pymorphy3
            morph = pymorphy3.MorphAnalyzer()
        self.morph = morph
        self._cache: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        """The most likely normal form of one word (folded)."""
        word = fold(word)
        lemma = self._cache.get(word)
        if lemma is None:
            if word.isdigit() or not word.isalpha():
                lemma = word
            else:
                parses = self.morph.parse(word)
                lemma = fold(parses[0].normal_form) if parses else word
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = lemma
        return lemma

    def text(self, text: str) -> str:
        """A text as space-separated lemmas: what the search index stores."""
        return " ".join(self.lemma(m.group()) for m in WORD.finditer(text))

    def query_lemmas(self, word: str) -> list[str]:
        """All normal forms a query word may have (its own folded form first)."""
        word = fold(word)
        if word.isdigit() or not word.isalpha():
            return [word]
        forms = [self.lemma(word)]
        for parse in self.morph.parse(word):
            normal = fold(parse.normal_form)
            if normal not in forms:
                forms.append(normal)
        return forms

    def word_forms(self, lemma: str) -> set[str]:
        """Every inflected form of a lemma (folded), to find matches in raw text."""
        forms = {lemma}
        for parse in self.morph.parse(lemma):
            if fold(parse.normal_form) != lemma:
                continue
            forms.update(fold(f.word) for f in parse.lexeme)
        return forms
