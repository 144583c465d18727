"""Stage: normal (nominative) forms of mentions, with pymorphy3 and the tagger.

Fills `NerSpan.normal`. Unlike natasha's `normalize` (every word to the
nominative, first pymorphy parse), the morph tagger's case and gender pick
the parse, and only the words that agree with the phrase's head change:
"Шанхайской организации сотрудничества" -> "Шанхайская организация
сотрудничества" (the dependent genitive keeps its case), "Владимиру
Путину" -> "Владимир Путин", "Асию Биби" -> "Асия Биби". Words the
dictionary cannot place (foreign, indeclinable, abbreviations) keep their
spelling.
"""
from __future__ import annotations

from ...morph import fold_yo
from .. import gazetteer
from ..doc import Doc, NerSpan, Token
from .names import case_of, gender_of, keep_spelling, name_gender, person_word, surely_nominative, _cyrillic, _fits
from ..stage import stage
from ...schema import LOC, ORG, PER

HEAD_POS = {"NOUN", "PROPN"}
TYPE_TAGS = {LOC: ("Geox",), ORG: ("Orgn", "Abbr"), PER: ("Name", "Surn", "Patr")}


def words_of(span: NerSpan) -> list[Token]:
    return [t for t in span.tokens if t.text]


def person_normals(morph, span: NerSpan) -> list[str]:
    """Each token of a person's name in the nominative (kept on the span:
    the entities stage reads them again for name parts)."""
    cached = getattr(span, "word_normals", None)
    if cached is not None:
        return cached
    toks = words_of(span)
    named = [t for t in toks if t.text[:1].isalpha()]
    cases = [case_of(t) for t in named]
    hint = next((c for c in cases if c and c != "nomn"), None)
    if hint is None and len(named) > 1 and surely_nominative(morph, named):
        hint = "nomn"
    gender = name_gender(morph, named) if len(named) > 1 else None
    span.word_normals = [person_word(morph, t.text, t, hint, gender) for t in toks]
    return span.word_normals


def head_word(morph, token: Token, type_: str) -> tuple[str, object]:
    """A phrase's head noun -> (nominative, the parse used or None)."""
    word = token.text
    case = case_of(token)
    if word.isupper() and _cyrillic(word):  # "МИД": unchanged, but its gender agrees adjectives
        return word, next((p for p in morph.parse(word) if "NOUN" in p.tag), None)
    if case in (None, "nomn") or not _cyrillic(word) or not word[:1].isalpha():
        return word, None
    found = [p for p in morph.parse(word) if "NOUN" in p.tag and _fits(p, case, None)]
    preferred = [p for p in found if any(t in p.tag for t in TYPE_TAGS[type_])]
    known = [p for p in found if p.is_known]
    guessed = [p for p in found if _fits(p, case, gender_of(token))]
    for parse in preferred + known + guessed:
        if "Fixd" in parse.tag:
            return word, None
        form = parse.inflect({"nomn"})
        if form is not None:
            return keep_spelling(word, form.word), form
    return word, None


def agree_adjective(morph, token: Token, head) -> str:
    """An adjective before the head, put in the head's nominative gender/number."""
    word = token.text
    case = case_of(token)
    if head is None or case in (None, "nomn") or not _cyrillic(word):
        return word
    number = head.tag.number or "sing"
    wanted = {"nomn", number} | ({head.tag.gender} if number == "sing" and head.tag.gender else set())
    for parse in morph.parse(word):
        if {"ADJF"} <= parse.tag.grammemes or "PRTF" in parse.tag:
            if _fits(parse, case, None):
                form = same_variant(parse, wanted, word)
                if form is not None:
                    return keep_spelling(word, form.word)
    return word


def same_variant(parse, wanted: set, word: str):
    """`parse.inflect(wanted)`, but from the variant of the lexeme the word was written in.

    A lexeme may hold several forms with one tag: "высшего" inflects to
    "высочайший" (both superlatives of "высокий"), which renames "Высший совет
    правосудия". When the inflected form does not keep the written stem, the
    lexeme's form with the wanted grammemes sharing the longest beginning with
    the word is taken instead.
    """
    form = parse.inflect(wanted)
    stem = word.lower()[:max(2, len(word) - 3)]
    if form is None or form.word.startswith(stem):
        return form
    same = [f for f in parse.lexeme if wanted <= f.tag.grammemes and ("Supr" in f.tag) == ("Supr" in parse.tag)]
    return max(same, key=lambda f: (len(_common_prefix(f.word, word.lower())), -len(f.word)), default=form)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def phrase_normals(morph, span: NerSpan) -> list[str]:
    """ORG/LOC: adjectives agreeing with the head and the head go to the
    nominative; whatever follows the head (genitives, "при …") stays."""
    toks = words_of(span)
    head = next((k for k, t in enumerate(toks) if t.pos in HEAD_POS and t.text[:1].isalpha()
                 and not _adjective(morph, t.text)), None)
    if head is None:
        head = len(toks) - 1 if len(toks) == 1 else None
    if head is None:
        return [t.text for t in toks]
    head_normal, head_parse = head_word(morph, toks[head], span.type)
    out = []
    for k, tok in enumerate(toks):
        if k < head and tok.pos in ("ADJ", "DET", "NUM", "VERB"):
            out.append(agree_adjective(morph, tok, head_parse))
        elif k == head:
            out.append(head_normal)
        else:
            out.append(tok.text)
    return out


def _adjective(morph, word: str) -> bool:
    """The dictionary's best reading is an adjective or participle ("Западных"
    tagged PROPN in "Западных Балкан" is not the head)."""
    found = morph.parse(word)
    return bool(found) and found[0].is_known and found[0].tag.POS in ("ADJF", "PRTF")


def join(doc: Doc, span: NerSpan, normals: list[str]) -> str:
    """Normalized words with the original text between them."""
    toks = words_of(span)
    parts = []
    for k, (tok, word) in enumerate(zip(toks, normals)):
        if k:
            parts.append(doc.text[toks[k - 1].stop:tok.start])
        parts.append(word)
    return "".join(parts)


def normalize_span(doc: Doc, span: NerSpan, morph) -> str:
    if not span.tokens:
        return span.text
    if span.type == PER:
        return join(doc, span, person_normals(morph, span))
    known = gazetteer.of(morph).nominative([t.text for t in words_of(span)])
    if known and "ё" not in span.text.lower():
        known = fold_yo(known)  # keep the text's е/ё choice
    return known or join(doc, span, phrase_normals(morph, span))


@stage('normalize', requires=('spans',), assigns=('spans',))
def run(doc: Doc, models) -> None:
    for span in doc.spans:
        span.normal = normalize_span(doc, span, models.morph)
