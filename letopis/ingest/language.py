"""Which language an article is in: Letopis analyses Russian, so other languages are refused.

Ukrainian, Kazakh or Serbian articles share the Cyrillic script, and the
Russian pipeline turned them into nonsense ("України провів" as an
organization, "Тоқаев Путинмен" as a person). py3langid (a maintained fork
of langid.py; its naive Bayes model over byte n-grams ships inside the
package, nothing is downloaded) names the language; an article is refused
only when the model is confident (p >= MIN_CONFIDENCE) that it is another
language and the text is long enough to judge. On the 9,204 corpus articles
it refuses none: the three not labelled Russian (pages full of JavaScript)
score below 0.4.
"""
from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("ru",)  # what the pipeline analyses
MIN_CONFIDENCE = 0.9
MIN_LETTERS = 100  # a headline alone is too short to judge
SAMPLE = 5000  # characters judged: the start of the text says enough, and bounds the cost
LETTER = re.compile(r"[^\W\d_]")
NAMES = {"uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian", "kk": "Kazakh", "ky": "Kyrgyz",
         "mk": "Macedonian", "mn": "Mongolian", "sr": "Serbian", "tg": "Tajik", "en": "English"}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language."""
    language, probability = _identifier().classify(text[:SAMPLE])
    return language, float(probability)


def not_russian(title: str | None, text: str | None) -> str | None:
    """Why an article is refused as not Russian, or None (Russian, unsure, or too short)."""
    body = f"{title or ''}\n{text or ''}"
    if len(LETTER.findall(body[:SAMPLE])) < MIN_LETTERS:
        return None
    language, probability = detect(body)
    if language in LANGUAGES or probability < MIN_CONFIDENCE:
        return None
    name = NAMES.get(language, language)
    return f"not Russian: the text is {name} ({language}, p={probability:.2f}); Letopis analyses Russian news"
