"""Models are loaded once per process and passed to every stage."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass
class Models:
    """Lazily loaded natasha/slovnet models and a pymorphy3 analyzer."""

    @cached_property
    def embedding(self):
        from natasha import NewsEmbedding
        return NewsEmbedding()

    @cached_property
    def segmenter(self):
        from natasha import Segmenter
        return Segmenter()

    @cached_property
    def ner_tagger(self):
        from natasha import NewsNERTagger
        return NewsNERTagger(self.embedding)

    @cached_property
    def morph_tagger(self):
        from natasha import NewsMorphTagger
        return NewsMorphTagger(self.embedding)

    @cached_property
    def morph(self):
        """The process's one `Morph` (pymorphy3, cached; natasha's pinned
        pymorphy2 breaks on Python 3.11+), handed to every stage."""
        from ..morph import shared
        return shared()


_DEFAULT: Models | None = None


def default_models() -> Models:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Models()
    return _DEFAULT
