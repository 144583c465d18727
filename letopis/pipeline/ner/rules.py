"""Rules that repair slovnet's NER spans: each a small function
`rule(index, spans) -> spans`, applied in the order of `RULES`.

Why rules: slovnet tags tokens one by one, so it glues names across
brackets and bullets ("Джоэл Саймон (Joel Simon)" as one PER), keeps legal
forms with quoted names ("ОАО «Газпром»"), types well-known unions as places
("ЕС" LOC) and misses names it tagged elsewhere in the same document. Each
rule fixes one such pattern, for any text, not for a test set.
"""
from __future__ import annotations

from ... import data
from ..doc import NerSpan
from .spans import TokenIndex
from ...schema import LOC, ORG, PER

POLITIES = {"country", "region", "city"}
SEPARATORS = {"(", ")", "[", "]", "•", ",", ";", "|", "—", "–", ":", "·", "/"}
OPEN_QUOTES = {"«", "„", "“", '"'}
CLOSE_QUOTES = {"»", "“", "”", '"'}
QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {"'"}
# Legal forms and descriptor heads written before an organization's own name
# ("ОАО «Газпром»", "газета «Коммерсантъ»"): data/entities/org_nouns.tsv,
# shared with the entity subtypes (columns: noun, subtype, kind, forms, strip).
ORG_NOUNS = data.rows("entities/org_nouns.tsv")


def _column(number: int) -> frozenset[str]:
    """The space-separated forms of one org_nouns.tsv column ("-": none)."""
    return frozenset(form for row in ORG_NOUNS if row[number] != "-" for form in row[number].split())


LEGAL_FORMS = frozenset(row[0] for row in ORG_NOUNS if row[2] == "legal")
DESCRIPTORS = _column(3)
NAME_HEADS = DESCRIPTORS | LEGAL_FORMS  # a quoted or Latin name after one of these is an ORG
STRIPPED = LEGAL_FORMS | _column(4)  # cut off the start of an ORG span


def _is_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def split_at_separators(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Split spans at brackets, bullets, commas and line breaks:
    "Джоэл Саймон (Joel Simon)" -> "Джоэл Саймон", "Joel Simon"."""
    out = []
    text = index.doc.text
    for span in spans:
        i, j = index.range(span.start, span.stop)
        group: list[int] = []
        for k in range(i, j):
            tok = index.tokens[k]
            broken = group and "\n" in text[index.tokens[group[-1]].stop:tok.start]
            if tok.text in SEPARATORS or broken:
                out.extend(_group_span(index, group, span.type))
                group = [] if tok.text in SEPARATORS else [k]
            else:
                group.append(k)
        out.extend(_group_span(index, group, span.type))
    return out


def _group_span(index: TokenIndex, group: list[int], type_: str) -> list[NerSpan]:
    """Tokens -> a span, without quote marks at its edges."""
    while group and index.tokens[group[0]].text in QUOTES:
        group = group[1:]
    while group and index.tokens[group[-1]].text in QUOTES:
        group = group[:-1]
    if not group or not any(_is_word(index.tokens[k].text) for k in group):
        return []
    return [index.make(group[0], group[-1] + 1, type_)]


def _is_descriptor(words: list[str]) -> bool:
    return bool(words) and all(w.lower() in LEGAL_FORMS or w.lower() in DESCRIPTORS for w in words)


def split_legal_form(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """"ОАО «Газпром»" -> "Газпром"; "Русской службе «Голоса Америки»" -> two ORGs.
    The legal form or descriptor word is not part of the name."""
    out = []
    for span in spans:
        i, j = index.range(span.start, span.stop)
        words = [t.text for t in index.tokens[i:j]]
        quote = next((k for k, w in enumerate(words) if w in OPEN_QUOTES and k > 0), None)
        if span.type == ORG and quote is not None:
            adjectives = all(t.pos == "ADJ" or _has_tag(index.morph, t.text, "ADJF", 1)  # "Молодежное «Яблоко»"
                             for t in index.tokens[i:i + quote])
            if not _is_descriptor(words[:quote]) and not adjectives:
                out.append(index.make(i, i + quote, span.type))
            out.extend(_group_span(index, list(range(i + quote, j)), span.type))
        elif span.type == ORG and len(words) > 1 and words[0].lower() in STRIPPED:
            out.append(index.make(i + 1, j, span.type))
        else:
            out.append(span)
    return out


def quoted_after_descriptor(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """An untagged quoted name after "компания", "газета", "ОАО"…: an ORG
    ("газета «Коммерсантъ»" -> ORG "Коммерсантъ")."""
    covered = index.covered(spans)
    toks = index.tokens
    added = []
    for k in range(len(toks) - 2):
        if toks[k].text.lower() not in NAME_HEADS or toks[k + 1].text not in OPEN_QUOTES:
            continue
        close = next((m for m in range(k + 2, min(k + 10, len(toks))) if toks[m].text in CLOSE_QUOTES), None)
        if close is None or close == k + 2 or any(covered[k + 2:close]):
            continue
        if toks[k + 2].text[:1].isupper() or toks[k + 2].text[:1].isdigit():
            added.append(index.make(k + 2, close, ORG))
    return spans + added


def retype_by_gazetteer(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Known names get their known type: "ЕС" is an ORG, "Акорду" an ORG,
    a country typed PER a LOC. A country, region or city typed ORG stays ORG
    (a state acting: "Россия заявила")."""
    for span in spans:
        if span.type == PER and span.stop - span.start > 25:
            continue  # a full personal name is no gazetteer entry
        entry = index.gazetteer.unique(index.words(span))
        if entry and entry.type != span.type and not (span.type == ORG and entry.subtype in POLITIES):
            span.type = entry.type
    return spans


def _has_tag(morph, word: str, tag: str, top: int = 3) -> bool:
    return any(tag in p.tag for p in morph.parse(word)[:top])


def person_not_place(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """"Лонгин Клинский" typed LOC: a first name followed by a capitalized word,
    unknown to the gazetteer, is a person."""
    for span in spans:
        words = index.words(span)
        if (span.type == LOC and 2 <= len(words) <= 3 and _has_tag(index.morph, words[0], "Name", 1)
                and all(w[:1].isupper() for w in words) and not index.gazetteer.lookup(words)):
            span.type = PER
    return spans


def abbreviations(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """An untagged capitalised abbreviation the dictionary knows as an
    organization ("ФСБ", "МЧС", "ХАЭС") is an ORG."""
    covered = index.covered(spans)
    added = []
    for k, tok in enumerate(index.tokens):
        word = tok.text
        if covered[k] or len(word) < 2 or not word.isupper() or not word.isalpha() or word.lower() in LEGAL_FORMS:
            continue
        if _has_tag(index.morph, word, "Orgn") and not _has_tag(index.morph, word, "Geox"):
            added.append(index.make(k, k + 1, ORG))
    return spans + added


def gazetteer_names(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Capitalized phrases naming a known country, region, city or
    organization. A one-word match must be untagged and the dictionary must
    agree it is a place or organization name, so "Того" (a pronoun) is not
    Togo; a longer match replaces the spans inside it ("Голос Америки" over
    LOC "Америки")."""
    toks = index.tokens
    known = index.gazetteer
    longest = known.max_words
    bounds = [index.range(s.start, s.stop) for s in spans]
    owner = [-1] * len(toks)
    for number, (i, j) in enumerate(bounds):
        for k in range(i, j):
            owner[k] = number
    added, dropped = [], set()
    k = 0
    while k < len(toks):
        if not toks[k].text[:1].isupper():
            k += 1
            continue
        found = None
        window = [t.text for t in toks[k:k + longest]]
        for n in sorted({n for n, _ in known.starting_at(window)}, reverse=True):
            inside = {owner[m] for m in range(k, k + n) if owner[m] >= 0}
            if any(bounds[o][0] < k or bounds[o][1] > k + n for o in inside) or (n == 1 and inside):
                continue
            words = window[:n]
            entry = known.unique(words)
            if entry and (n > 1 or any(_has_tag(index.morph, words[0], tag) for tag in ("Geox", "Orgn", "LATN"))
                          or words[0].isupper()):
                found = (n, entry, inside)
                break
        if found:
            added.append(index.make(k, k + found[0], found[1].type))
            dropped |= found[2]
            k += found[0]
        else:
            k += 1
    return [s for number, s in enumerate(spans) if number not in dropped] + added


def not_names(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Drop one-word ORG/LOC spans the dictionary knows only as a common
    abbreviation ("СМИ", "ВВП", "ДНК"): they name no organization or place
    (pymorphy misses some organizations, "ОБСЕ": the gazetteer keeps them)."""
    out = []
    for span in spans:
        words = index.words(span)
        if span.type != PER and len(words) == 1 and words[0].isupper() and _common_abbreviation(index.morph, words[0]) \
                and not index.gazetteer.lookup(words):
            continue
        out.append(span)
    return out


def _common_abbreviation(morph, word: str) -> bool:
    found = morph.parse(word)
    return bool(found) and found[0].is_known and all(
        "Abbr" in p.tag and "Orgn" not in p.tag and "Geox" not in p.tag for p in found)


MODIFIER_HEADS = dict(data.rows("ner/modifier_heads.txt"))  # preposition -> case it governs
NP_POS = {"NOUN", "ADJ", "PROPN", "NUM"}


def extend_org_modifiers(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """An organization's name goes on through "при …" and "по …" modifiers:
    "Совета при Президенте РФ по развитию информационного общества",
    "ГУ МЧС России по Санкт-Петербургу и Ленобласти". The modifier is a noun
    phrase in the case the preposition governs (при + loct, по + datv)."""
    toks = index.tokens
    by_start = {index.range(s.start, s.stop)[0]: s for s in spans}
    spans = sorted(spans, key=lambda s: s.start)
    for span in spans:
        if span.type != ORG or span.stop < 0:
            continue
        i, j = index.range(span.start, span.stop)
        while j < len(toks) and toks[j].text.lower() in MODIFIER_HEADS:
            end = _noun_phrase(index, j + 1, MODIFIER_HEADS[toks[j].text.lower()]) or j
            inner = [by_start[k] for k in range(j + 1, end) if k in by_start]
            if end == j or any(s.type == PER for s in inner):
                break
            for k in range(j + 1, end):
                inner = by_start.get(k)
                if inner is not None and inner is not span:
                    inner.stop = -1  # absorbed into the organization
            j = end
        if toks[j - 1].stop > span.stop:
            span.stop = toks[j - 1].stop
    return [s for s in spans if s.stop > 0]


UNIT_HEADS = data.words("ner/unit_heads.txt")


def join_units(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """One territorial or unit body, not three names: "ГУ МВД России по
    Москве", "Главное управление МЧС по Новосибирской области". An
    organization takes the unit noun written before it with a capital ("ГУ",
    "Главное управление") and the organizations and genitive places right
    after it ("МВД России") when a unit noun, or a "по …" modifier after an
    abbreviation ("МВД РФ по Татарстану"; not "комитета Госдумы РФ по
    безопасности"), shows the words are one name ("МИД России" alone stays two: news annotators tag
    the country)."""
    toks = index.tokens
    lemma_set = index.morph.lemma_set
    spans = sorted(spans, key=lambda s: s.start)
    bounds = {id(s): index.range(s.start, s.stop) for s in spans}
    by_start = {bounds[id(s)][0]: s for s in spans}
    gone: set[int] = set()
    for span in spans:
        if span.type != ORG or id(span) in gone:
            continue
        i, j = bounds[id(span)]
        left = i
        if left > 0 and any(l in UNIT_HEADS for l in lemma_set(toks[left - 1].text)):
            left -= 1
            while left > 0 and toks[left - 1].pos == "ADJ" and toks[left - 1].text[:1].isalpha():
                left -= 1  # "Главное управление"
            while left < i and not toks[left].text[:1].isupper():
                left += 1  # a capital starts the name: not "региональное управление"
            if left < i and not any(l in UNIT_HEADS for l in lemma_set(toks[i - 1].text)):
                left = i
        unit = left < i or (j - i == 1 and any(l in UNIT_HEADS for l in lemma_set(toks[i].text)) and toks[i].text.isupper())
        end, absorbed = j, []
        while end in by_start and by_start[end] is not span:
            nxt = by_start[end]
            first = toks[bounds[id(nxt)][0]]
            if not (nxt.type == ORG or (nxt.type == LOC and (first.feats or {}).get("Case") == "Gen")):
                break
            absorbed.append(nxt)
            end = bounds[id(nxt)][1]
        if absorbed and not unit and not (end < len(toks) and toks[end].text.lower() in MODIFIER_HEADS
                                          and toks[i].text.isupper()):  # "МВД РФ по Татарстану"
            absorbed, end = [], j
        if left < i and not absorbed and not (j < len(toks) and toks[j].text.lower() in MODIFIER_HEADS) \
                and toks[i].feats and toks[i].feats.get("Case") not in ("Gen", None) and not toks[i].text.isupper():
            left = i  # "Управление" before a name in another case is no unit of it
        if left == i and not absorbed:
            continue
        for other in absorbed:
            gone.add(id(other))
        for k in range(left, i):
            other = by_start.get(k)
            if other is not None and other is not span:
                gone.add(id(other))
        span.start, span.stop = toks[left].start, toks[end - 1].stop
        bounds[id(span)] = (left, end)
    return [s for s in spans if id(s) not in gone]


def _noun_phrase(index: TokenIndex, k: int, case: str) -> int | None:
    """End of a noun phrase starting at token k whose first noun is in `case`
    (a genitive tail and "и" between names allowed), or None."""
    toks = index.tokens
    text = index.doc.text
    end, head = k, False
    while end < len(toks) and end - k < 7:
        tok = toks[end]
        if "\n" in text[toks[end - 1].stop:tok.start]:
            break
        feats = tok.feats or {}
        if tok.pos in NP_POS:
            if not head and tok.pos != "ADJ":
                if feats.get("Case") != case:
                    return None
                head = True
            end += 1
        elif tok.text == "и" and head and end + 1 < len(toks) and toks[end + 1].text[:1].isupper():
            end += 1
        else:
            break
    return end if head else None


def _latin(word: str) -> bool:
    return any("a" <= c.lower() <= "z" for c in word) and not any("а" <= c.lower() <= "я" for c in word)


def latin_after_descriptor(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Untagged Latin words after "компания", "газета"…: an ORG
    ("компания Vestas", "газета La Stampa", "компания comScore")."""
    covered = index.covered(spans)
    toks = index.tokens
    added = []
    for k in range(len(toks) - 1):
        if toks[k].text.lower() not in NAME_HEADS:
            continue
        end = k + 1
        while end < len(toks) and end - k <= 4 and not covered[end] and _latin(toks[end].text) \
                and not "\n" in index.doc.text[toks[end - 1].stop:toks[end].start]:
            end += 1
        if end > k + 1:
            added.append(index.make(k + 1, end, ORG))
    return spans + added


def abbreviation_in_brackets(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """"Комитет защиты журналистов (КЗЖ)": a capitalised abbreviation in
    brackets right after an organization names it too."""
    toks = index.tokens
    covered = index.covered(spans)
    added = []
    for span in spans:
        if span.type != ORG:
            continue
        _, j = index.range(span.start, span.stop)
        if j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and not covered[j + 1]:
            word = toks[j + 1].text
            if len(word) >= 2 and word.isupper() and word.isalpha():
                added.append(index.make(j + 1, j + 2, ORG))
    return spans + added


def geo_adjective_prefix(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """"японского МИДа", "российского Минсельхоза": a place adjective written
    before an organization names which one, so it is part of the name."""
    from ..facts.words import geo_adjectives  # the team's place-adjective lexicon
    adjectives = geo_adjectives()
    lemma_set = index.morph.lemma_set
    toks = index.tokens
    for span in spans:
        if span.type != ORG:
            continue
        i, _ = index.range(span.start, span.stop)
        if i > 0 and toks[i - 1].pos == "ADJ" and toks[i - 1].text.islower() \
                and any(l in adjectives for l in lemma_set(toks[i - 1].text)):
            span.start = toks[i - 1].start
    return spans


BODY_HEADS = data.words("ner/body_heads.txt")


def state_bodies(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """"американского министерства иностранных дел", "японского ведомства":
    a place adjective + a state-body noun (+ its genitive complement) names
    one organization even in lower case."""
    from ..facts.words import geo_adjectives
    adjectives = geo_adjectives()
    lemma_set = index.morph.lemma_set
    toks = index.tokens
    covered = index.covered(spans)
    added = []
    for k in range(len(toks) - 1):
        adj = toks[k]
        if covered[k] or adj.pos != "ADJ" or not any(l in adjectives for l in lemma_set(adj.text)):
            continue
        head = k + 1
        while head < len(toks) and toks[head].pos == "ADJ" and toks[head].text.islower() and head - k < 3:
            head += 1
        if head >= len(toks) or covered[head] or not any(l in BODY_HEADS for l in lemma_set(toks[head].text)):
            continue
        end = head + 1
        while end < len(toks) and end - head <= 3 and not covered[end] and toks[end].text.islower() \
                and toks[end].pos in ("ADJ", "NOUN") and (toks[end].feats or {}).get("Case") == "Gen":
            end += 1
        added.append(index.make(k, end, ORG))
    return spans + added


RULES = [not_names, split_at_separators, split_legal_form, quoted_after_descriptor, retype_by_gazetteer,
         person_not_place, abbreviations, gazetteer_names,
         join_units, extend_org_modifiers, latin_after_descriptor, abbreviation_in_brackets,
         geo_adjective_prefix, state_bodies]
