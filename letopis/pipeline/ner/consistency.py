"""Document-level consistency of NER: one name, one type, tagged everywhere.

A news text names an entity many times; slovnet decides each occurrence
alone and misses some (the headline "Токаев" of the sample article) or
types them differently. Here names tagged once are found again in untagged
capitalized words of the same document (any inflection: words match when
their lemma sets intersect), and spans of one name take the type most of
its mentions got.
"""
from __future__ import annotations

from collections import Counter

from ..doc import NerSpan
from .junk import function_word
from .spans import TokenIndex
from ...schema import PER


def _same_words(morph, a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(morph.lemma_set(x) & morph.lemma_set(y) for x, y in zip(a, b))


def _common_word(morph, word: str) -> bool:
    """A dictionary word that is not a name ("Союз", "Мир"): tagging it
    everywhere would spread one wrong tag over the document."""
    found = morph.parse(word)
    return bool(found) and found[0].is_known and not any(
        tag in p.tag for p in found[:3] for tag in ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"))


def vote_types(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Spans naming the same words take their majority type (ties keep theirs)."""
    lemma_set = index.morph.lemma_set
    groups: list[tuple[list[str], list[NerSpan]]] = []
    by_lemma: dict[str, list[int]] = {}  # first word's lemma -> group numbers (no O(n^2) scan)
    for span in spans:
        words = index.words(span)
        if not words:
            continue
        candidates = {n for lemma in lemma_set(words[0]) for n in by_lemma.get(lemma, ())}
        number = next((n for n in sorted(candidates) if _same_words(index.morph, groups[n][0], words)), None)
        if number is None:
            number = len(groups)
            groups.append((words, []))
            for lemma in lemma_set(words[0]):
                by_lemma.setdefault(lemma, []).append(number)
        groups[number][1].append(span)
    for _, members in groups:
        counts = Counter(s.type for s in members).most_common()
        if len(counts) > 1 and counts[0][1] > counts[1][1]:
            for span in members:
                span.type = counts[0][0]
    return spans


def propagate(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Tag untagged capitalized occurrences of names tagged elsewhere in the doc."""
    lemma_set = index.morph.lemma_set
    names: dict[str, list[tuple[list[str], str]]] = {}
    for span in spans:
        words = index.words(span)
        forms = [words] if not (len(words) == 1 and _common_word(index.morph, words[0])) else []
        if span.type == PER and len(words) > 1 and words[-1][:1].isalpha() and len(words[-1]) > 2:
            forms.append(words[-1:])  # the surname alone: "Токаев" after "Касым-Жомарт Токаев"
        for form in forms:
            if form and form[0][:1].isupper():
                for lemma in lemma_set(form[0]):
                    names.setdefault(lemma, []).append((form, span.type))
    if not names:
        return spans
    covered = index.covered(spans)
    toks = index.tokens
    added = []
    k = 0
    while k < len(toks):
        if covered[k] or not toks[k].text[:1].isupper() or function_word(index.morph, toks[k].text):
            k += 1
            continue
        best = None
        for lemma in lemma_set(toks[k].text):
            for words, type_ in names.get(lemma, ()):
                n = len(words)
                if (best is None or n > best[0]) and k + n <= len(toks) and not any(covered[k:k + n]) \
                        and _same_words(index.morph, [t.text for t in toks[k:k + n]], words):
                    best = (n, type_)
        if best:
            added.append(index.make(k, k + best[0], best[1]))
            k += best[0]
        else:
            k += 1
    return spans + added
