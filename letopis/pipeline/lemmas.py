"""Cached pymorphy3 look-ups shared by the entity stages.

A name's dictionary lemma is ambiguous ("Акорду" -> "акорд" | "акорда",
"Токаев" -> "токай"), so matching uses the *set* of all lemmas of a word plus
its lower-cased surface: two words match when their sets intersect. The
cache keeps per-word analysis O(1) after the first sight of a word, which
matters because names repeat within and across documents.
"""
from __future__ import annotations

from functools import lru_cache

_MORPH = None


def _morph():
    global _MORPH
    if _MORPH is None:
        from .models import default_models
        _MORPH = default_models().morph
    return _MORPH


def current():
    """The analyzer the cached look-ups use now (None before the first)."""
    return _MORPH


def use(morph) -> None:
    """Use this analyzer (the pipeline's `models.morph`) for all look-ups."""
    global _MORPH
    if morph is not _MORPH:
        _MORPH = morph
        parses.cache_clear()
        lemma_set.cache_clear()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """pymorphy3 parses of a word, cached."""
    return tuple(_morph().parse(word))


@lru_cache(maxsize=200_000)
def lemma_set(word: str) -> frozenset:
    """All lemmas of a word, plus its lower-cased surface ("ё" folded to "е")."""
    low = word.lower().replace("ё", "е")
    return frozenset({low} | {p.normal_form.replace("ё", "е") for p in parses(word)})
