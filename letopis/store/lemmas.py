"""Lemmas for the search index and queries, from the process's one `letopis.morph.Morph`.

Documents are indexed by each word's most likely normal form; a query word
matches any of its possible normal forms, so "теракт" finds "терактов" and an
ambiguous query form still finds its lemma. Snippets find the matched words
again in the original text through each lemma's full paradigm (lexeme), so no
per-result lemmatization of whole articles is needed at query time. The parses
are cached by the `Morph` (shared with the pipeline in a worker process).
"""
from __future__ import annotations

from ..corpus.words import WORD
from ..morph import Morph, fold, shared

__all__ = ["WORD", "Lemmatizer"]


def is_word(word: str) -> bool:
    """Letters only: numbers and mixed tokens are indexed as written."""
    return word.isalpha() and not word.isdigit()


class Lemmatizer:
    """Words -> index lemmas through a `Morph` (default: the process's shared one)."""

    def __init__(self, morph: Morph | None = None):
        self.morph = morph or shared()

    def lemma(self, word: str) -> str:
        """The most likely normal form of one word (folded)."""
        word = fold(word)
        return self.morph.lemma(word) if is_word(word) else word

    def text(self, text: str) -> str:
        """A text as space-separated lemmas: what the search index stores."""
        return " ".join(self.lemma(m.group()) for m in WORD.finditer(text))

    def names(self, entities) -> str:
        """The normalized names of a card's entities, once per mention, for the index.

        pymorphy3 guesses unknown surnames inconsistently ("Токаев" -> токай,
        "Токаева" -> токаева), so lemmas alone split one person's articles;
        indexing the name the pipeline normalized, which `query_lemmas` also
        tries as typed, finds every article of a name from any of its forms.
        """
        words = []
        for entity in entities or []:
            name = " ".join(fold(m.group()) for m in WORD.finditer(entity.get("name") or ""))
            words += [name] * max(1, len(entity.get("mentions") or []))
        return " ".join(w for w in words if w)

    def query_lemmas(self, word: str) -> list[str]:
        """All normal forms a query word may have (its most likely one first), then the word
        as typed (it matches a normalized name in the index, see `names`)."""
        word = fold(word)
        if not is_word(word):
            return [word]
        lemmas = self.morph.lemmas(word)
        return lemmas + [word] if word not in lemmas else lemmas

    def word_forms(self, lemma: str) -> set[str]:
        """Every inflected form of a lemma (folded), to find matches in raw text."""
        return self.morph.lexeme(lemma)
