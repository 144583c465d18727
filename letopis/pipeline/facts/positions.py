"""Stage: position phrases ("президент Казахстана", "глава региона").

Fills `doc.positions`, in text order, each a dict:

- "start", "stop", "text": the phrase in Doc offsets ("президентом России");
- "normal": nominative lemma phrase without its place/org dependent
  ("президент", "генеральный директор", "министр иностранных дел");
- "head": the post's lemma ("министр"), "scope": state | region | org | job
  (from letopis/data/facts/positions.txt);
- "where_start", "where_stop": the dependent place/org mention (a NER span
  "Казахстана", or a place adjective "российский"), or None;
- "where_span": index in `doc.spans` of that mention (None for adjectives);
- "where_name": the place's name when no NER span gives it: from an adjective
  ("российский" -> "Россия"), a name NER missed ("от ОБСЕ"), or the words
  naming an organization ("представитель вооружённых сил" -> "вооружённые силы");
- "where_hint": a generic dependent's kind ("region", "country", "city",
  "org" for "региона", "государства", "города", "компании"), else None;
- "person": index in `doc.spans` of the PER mention the phrase describes
  ("Президент Казахстана Касым-Жомарт Токаев", "Токаев, президент
  Казахстана", "капитаном стал Баллак"), else None;
- "former": True for "бывший", "экс-" posts and posts put in the past by the
  words before them ("в то время министр", "оставил пост министра");
- "acting": True for "врио губернатора", "исполняющий обязанности …": the
  phrase's case is not its head's (the head is governed by the acting word);
- "head_start": Doc offset of the head word.

A post and its name agree in case ("Указом президента Андрей Белоусов назначен":
"президента" is not Белоусов's post); the name's case is the one its words share
by the dictionary, besides the tagger's (`name_cases`). A post inside another's
genitive chain is a phrase of its own when it has its holder ("пресс-секретарь
президента России Владимира Путина Дмитрий Песков": Путин — президент, Песков —
пресс-секретарь). A plural post shared by coordinated names is one phrase per name
("премьер-министры России и Украины Михаил Фрадков и Виктор Янукович").

A later stage that resolves a post without a name to a person ("президент
Франции прибыл" -> Саркози) may set "entity" (a PER entity id) on the
phrase; the facts stage then makes it an occupation of that person.

Read by the entities stage (descriptors) and the facts stage (occupations).
Rules are token rules over slovnet's morphology (no syntax parse: it costs
more than the speed budget allows); each rule is a small function below; its
word lists are in letopis/data/facts/ (words.txt, prepositions.txt,
abbreviations.txt), its morphology the stage's `models.morph` through
`words.lookups` (`lex` below).
"""
from __future__ import annotations

from ..doc import Doc, Sentence, Token
from ...morph import fold
from . import words
from ..stage import stage
from ...schema import PER

MAX_DEPENDENTS = 8
POST_DASHES = {"-", "—", "–"}  # "вице-премьер — министр промышленности"
DASHES = POST_DASHES | {",", "("}
QUOTES = {"«", "»", '"', "“", "”", "„", "'"}
COPULAS = words.word_set("copula")  # "стал", "занял": the post goes to the name
APPOINT = words.word_set("appoint")  # "назначил", "избран"
ACTING = words.word_set("acting")  # "исполняющий обязанности", "и.о."
ACTING_STEM, = words.word_lists()["acting_stem"]
ACTING_WORD, = words.word_lists()["acting_word"]
ACTING_NORMAL, = words.word_lists()["acting_normal"]
#: "врио", "и . о ." (as tokens): an acting post written before its head, longest first
ACTING_ABBREVIATIONS = sorted((tuple(entry.split()) for entry in words.word_lists()["acting_abbreviation"]),
                              key=len, reverse=True)
POST_WORDS = words.word_set("post_word")  # "пост", "должность"
HONORIFICS = words.word_set("honorific")  # "шейх", "господин"
FORMER_TOKENS = words.word_set("former_token")  # "экс" written apart
FORMER_PREFIXES = words.word_lists()["former_prefix"]  # "экс-премьер"
FORMER_TIMES = [tuple(entry.split()) for entry in words.word_lists()["former_time"]]  # "в то время"
LEAVE_VERBS = words.word_set("leave_verb")  # "оставил пост министра"
KEEP_PREFIXES = words.word_lists()["keep_prefix"]  # "вице-спикер" is its own normal form
SPHERE = words.word_set("sphere")  # "министр по делам разведки"
SPHERE_ORGS = words.word_set("sphere_org")  # "комитет … по безопасности": the sphere is the body's
AND = words.word_set("conjunction")
JOINERS = {","} | AND  # "депутат X, сопредседатель Y"
PREPOSITIONS = words.prepositions()  # "в" -> Loc, "от" -> Gen, "по" -> Dat
ABBREVIATED = words.abbreviations()  # an abbreviation keeps its written form


@stage('positions', requires=('sents', 'tokens', 'spans'), assigns=('positions',))
def run(doc: Doc, models) -> None:
    lex = words.lookups(models.morph)
    span_at = _SpanStarts(doc)
    for sent in (line for s in doc.sents for line in words.lines(doc, s)):
        phrases = _sentence_positions(lex, doc, sent, span_at)
        _link_persons(lex, doc, sent, phrases, span_at)
        doc.positions.extend(phrases)


class _SpanStarts(dict):
    """Doc offset of each NER span's first character -> span index, plus the
    offsets of tokens inside a longer mention (one pass, no per-token scan)."""

    def __init__(self, doc: Doc):
        super().__init__((span.start, index) for index, span in enumerate(doc.spans))
        self.covered = set()
        spans = sorted(doc.spans, key=lambda s: s.start)
        at = 0
        for token in doc.tokens:
            while at < len(spans) and spans[at].stop <= token.start:
                at += 1
            span = spans[at] if at < len(spans) else None
            if span and span.start <= token.start and token.stop <= span.stop and \
                    not (span.start == token.start and span.stop == token.stop):
                self.covered.add(token.start)


def _inside_span(span_at: _SpanStarts, token: Token) -> bool:
    """Inside a NER mention, unless the mention is the post word alone ("Замглавы" as ORG)."""
    return token.start in span_at.covered


def _sentence_positions(lex, doc: Doc, sent: Sentence, span_at) -> list[dict]:
    """Every post phrase of one sentence; a dependent post joins its governor."""
    tokens, out, index = sent.tokens, [], 0
    while index < len(tokens):
        token = tokens[index]
        head = lex.position_head(token)
        if head is None or _inside_span(span_at, token):
            index += 1
            continue
        phrase, end = _build_phrase(lex, doc, tokens, index, head, span_at)
        out.append(phrase)
        # a post in the genitive chain is a phrase of its own: "пресс-секретарь президента
        # России Владимира Путина Дмитрий Песков" (Путин is the president)
        inner = next((i for i in range(index + 1, end) if tokens[i].start >= phrase["head_start"] and
                      lex.position_head(tokens[i]) is not None and _is_genitive_word(tokens[i])), None)
        if inner is not None:
            phrase["outer"] = True  # the next phrase lies inside this one
        index = end if inner is None else inner
    return out


def _build_phrase(lex, doc: Doc, tokens: list[Token], at: int, head, span_at) -> tuple[dict, int]:
    """The phrase around the head at `at`; returns it and the index after it."""
    lemma, scope = head
    left, mods, where_adj, former = _left_modifiers(lex, tokens, at)
    first_dep = at + 1
    if lemma in words.INS_HEADS and first_dep < len(tokens) and tokens[first_dep].text == ".":
        first_dep += 1  # "зав. кафедрой"
    also_where = [] if (tokens[at].feats or {}).get("Number") == "Plur" else None
    end, deps, where_span, hint, hint_place = _dependents(lex, doc, tokens, first_dep, span_at,
                                                          lemma in words.INS_HEADS, also_where)
    if where_adj is None and where_span is None and hint_place is not None:
        where_adj = (hint_place, words.geo_adjectives()[lex.lemma(hint_place, "ADJF")])
    name_words = _unlabelled_name(tokens[first_dep:end], span_at) \
        if where_span is None and where_adj is None else []
    deps = [t for t in deps if t not in name_words]
    scope, org_words = _dependent_scope(lex, scope, deps, where_span is None and where_adj is None and hint is None)
    normal = _normal_words(lex, tokens[at], lemma, mods, [] if org_words else deps)
    acting = False
    if left >= 2 and tokens[left - 2].text.lower().startswith(ACTING_STEM) and \
            tokens[left - 1].text.lower() == ACTING_WORD:
        left -= 2  # "исполняющий обязанности представителя": an acting post, it governs the post
        normal = [ACTING_NORMAL] + [t.text.lower() for t in tokens[left + 2:at + 1]] + normal[len(mods) + 1:]
        acting = True
    else:
        abbreviation = _acting_abbreviation(tokens, left)
        if abbreviation:  # "врио губернатора", "и.о. министра": it governs the post, kept as written
            left -= abbreviation
            written = [t.text.lower() for t in tokens[left + abbreviation:at + 1]]
            normal = ["".join(t.text.lower() for t in tokens[left:left + abbreviation])] + written + \
                normal[len(mods) + 1:]
            acting = True
    phrase = {
        "start": tokens[left].start, "stop": tokens[end - 1].stop,
        "text": doc.text[tokens[left].start:tokens[end - 1].stop],
        "normal": " ".join(normal), "head": lemma, "head_start": tokens[at].start, "scope": scope,
        "where_start": None, "where_stop": None, "where_span": where_span,
        "where_name": None, "where_hint": hint, "person": None,
        "former": former or lemma.startswith(FORMER_PREFIXES) or _former_context(lex, tokens, left),
        "acting": acting,
    }
    if also_where:
        phrase["also_where"] = also_where  # read by _shared_post, removed after linking
    _set_where(lex, doc, phrase, where_span, where_adj, name_words or org_words)
    return phrase, end


def _former_context(lex, tokens: list[Token], left: int) -> bool:
    """Words before the phrase that put the post in the past: "в то время министр",
    "занимавший в то время пост министра", "оставил пост министра", "ушёл с поста главы"."""
    index = left
    if index > 0 and tokens[index - 1].text.lower() in PREPOSITIONS:
        index -= 1  # "ушёл с поста"
    post_word = index > 0 and lex.lemma(tokens[index - 1], "NOUN") in POST_WORDS
    if post_word:
        index -= 1
    before = tuple(t.text.lower() for t in tokens[max(0, index - 3):index])
    if any(before[len(before) - len(entry):] == entry for entry in FORMER_TIMES if len(entry) <= len(before)):
        return True
    return post_word and any(t.pos in ("VERB", "AUX") and lex.lemma(t, "VERB") in LEAVE_VERBS
                             for t in tokens[max(0, index - 4):index])


def _acting_abbreviation(tokens: list[Token], left: int) -> int:
    """Number of tokens of an acting abbreviation ending before `left` ("врио", "и . о ."), or 0."""
    for entry in ACTING_ABBREVIATIONS:
        size = len(entry)
        if left >= size and tuple(t.text.lower() for t in tokens[left - size:left]) == entry:
            return size
    return 0


def _normal_words(lex, head: Token, lemma: str, mods: list[Token], deps: list[Token]) -> list[str]:
    """Agreeing adjectives and the head in the nominative singular, dependents as written."""
    gender = _head_gender(lex, head, lemma)
    normal = [lex.inflect_nominative(m.text.lower(), "ADJF", gender) for m in mods]
    normal.append(_head_normal(lex, head, lemma))
    normal.extend(t.text.lower() for t in deps)
    return normal


def _set_where(lex, doc: Doc, phrase: dict, where_span, where_adj, name_words: list[Token]) -> None:
    """Fill the phrase's place/org: a NER span, else a place adjective, else words naming it."""
    if where_span is not None:
        span = doc.spans[where_span]
        phrase["where_start"], phrase["where_stop"] = span.start, span.stop
    elif where_adj is not None:
        token, name = where_adj
        phrase.update(where_start=token.start, where_stop=token.stop, where_name=name, where_hint=None)
    elif name_words:
        phrase.update(where_start=name_words[0].start, where_stop=name_words[-1].stop, where_hint=None,
                      where_name=lex.nominative_phrase(" ".join(t.text for t in name_words)))


def _unlabelled_name(tokens: list[Token], span_at) -> list[Token]:
    """A proper name NER did not tag among the dependents ("наблюдатель от ОБСЕ"):
    the first run of capitalized PROPN tokens."""
    run = []
    for token in tokens:
        if token.pos == "PROPN" and token.text[:1].isupper() and token.start not in span_at \
                and not _inside_span(span_at, token):
            run.append(token)
        elif run:
            break
    return run


def _dependent_scope(lex, scope: str, deps: list[Token], no_where: bool) -> tuple[str, list[Token]]:
    """Scope of the phrase and the dependents naming its organization, if any.

    "заместитель министра ..." takes the scope of the post it depends on
    (a minister's deputy serves a country); "представитель вооружённых сил"
    in an org-scoped post names the organization itself.
    """
    nouns = [t for t in deps if t.pos in ("NOUN", "PROPN")]
    if not nouns:
        return scope, []
    inner = lex.position_head(nouns[0])
    if inner is not None:
        return inner[1] if inner[1] in ("state", "region") else scope, []
    if no_where and scope in ("org", "job") and deps[0].text.lower() not in SPHERE and \
            lex.lemma(nouns[0], "NOUN") not in words.NOT_ORG:
        if lex.lemma(nouns[0], "NOUN") in SPHERE_ORGS:
            return scope, deps  # "зампред комитета нижней палаты по безопасности": the committee's sphere
        cut = next((i for i, t in enumerate(deps) if t.text.lower() in SPHERE), len(deps))
        return scope, deps[:cut]
    return scope, []


def _head_gender(lex, token: Token, lemma: str) -> str | None:
    for reading in lex.parses(token.text.lower()):
        if reading.lemma == lemma:
            return reading.gender
    return None


def _head_normal(lex, token: Token, lemma: str) -> str:
    """The head in the nominative singular; unknown forms keep their text."""
    word = fold(token.text)
    if lemma in ABBREVIATED:
        return ABBREVIATED[lemma]
    if lemma.startswith(KEEP_PREFIXES):
        return lemma
    if word in words.position_scopes() and not any(r.lemma == word for r in lex.parses(word)):
        return word
    return lemma


def _left_modifiers(lex, tokens: list[Token], at: int):
    """Adjectives before the head: kept ("генеральный"), place ("российский") or former ("бывший")."""
    index, mods, where_adj, former = at, [], None, False
    while index > 0:
        prev = tokens[index - 1]
        if prev.pos == "CCONJ" and index >= 2 and tokens[index - 2].pos == "ADJ" and mods:
            index -= 1  # "чрезвычайный и полномочный посол"
            continue
        if prev.pos not in ("ADJ", "DET") and prev.text.lower() not in FORMER_TOKENS:
            break
        adj = lex.lemma(prev, "ADJF")
        word = prev.text.lower()
        if adj in words.FORMER_WORDS or word in FORMER_TOKENS:
            former = True
        elif adj in words.geo_adjectives():
            if where_adj is None:
                where_adj = (prev, words.geo_adjectives()[adj])
        elif adj in words.SKIP_ADJECTIVES or prev.pos == "DET":
            break
        elif prev.pos == "ADJ":
            mods.insert(0, prev)
        else:
            break
        index -= 1
    return index, mods, where_adj, former


def _dependents(lex, doc: Doc, tokens: list[Token], index: int, span_at, instrumental: bool = False,
                also_where: list | None = None):
    """The genitive chain after the head ("иностранных дел Японии").

    Returns (end index, dependent words for the normal phrase, index of the
    first ORG/LOC span in the chain, generic-word hint, org words). The chain
    stops at a PER mention (the holder's name) and at anything not genitive;
    it takes "в/на/от/при" complements ("посол Италии в Грузии", "представитель
    комитета при прокуратуре") so that the holder's name after them is found.
    "org words" are the dependents naming an organization no NER span covers
    ("представитель вооружённых сил" -> "вооружённых сил").
    A plural post's coordinated places go to `also_where` ("премьер-министры России и
    Украины"); an abbreviation in brackets is skipped ("Федеральной службы безопасности (ФСБ)").
    """
    start, deps, where_span, hint, hint_place = index, [], None, None, None
    steps = 0  # words, names and brackets taken: a long name is one step
    while index < len(tokens) and steps < MAX_DEPENDENTS:
        token = tokens[index]
        steps += 1
        bracket = _bracketed_name(doc, tokens, index, span_at)
        if bracket and index > start:
            index += bracket
            if index < len(tokens) and tokens[index].text in ("»", "”"):
                index += 1  # "«Банк развития … (Внешэкономбанк)»"
            continue
        if also_where is not None and where_span is not None and token.text.lower() in JOINERS and \
                index + 1 < len(tokens) and tokens[index + 1].start in span_at:
            other = span_at[tokens[index + 1].start]
            if doc.spans[other].type == doc.spans[where_span].type and \
                    _genitive_span(lex, tokens, index + 1, doc.spans[other]):
                also_where.append(other)
                index = _after(tokens, index + 1, doc.spans[other].stop)
                continue
        span_index = span_at.get(token.start)
        if span_index is not None and not _is_post_span(lex, doc, span_index, token):
            span = doc.spans[span_index]
            if span.type == PER or not (_genitive_span(lex, tokens, index, span) or hint):
                break
            if where_span is None:
                where_span, hint = span_index, None
                while deps and deps[-1].pos == "ADJ":
                    deps.pop()  # "лидер московского «Центра»": the adjective is the name's
            index = _after(tokens, index, span.stop)
            continue
        if token.text.lower() in AND and deps and where_span is None and index + 1 < len(tokens) \
                and _is_genitive_word(tokens[index + 1]) and tokens[index + 1].start not in span_at:
            deps.append(token)  # "министр связи и коммуникаций"
            index += 1
            continue
        if token.text in QUOTES and where_span is None and index + 1 < len(tokens):
            index += 1
            continue
        governed = instrumental and all((t.feats or {}).get("Case") == "Ins" for t in deps) and \
            token.pos in ("NOUN", "ADJ") and (token.feats or {}).get("Case") == "Ins"
        if (governed or _is_genitive_word(token)) and not _inside_span(span_at, token):
            if where_span is None and hint is None:
                kind = words.GENERIC_WHERE.get(lex.lemma(token, "NOUN"))
                if kind and token.pos == "NOUN":
                    hint = kind
                    while deps and deps[-1].pos == "ADJ":
                        adj = deps.pop()  # "футбольного клуба": the adjective goes with the generic word
                        if lex.lemma(adj, "ADJF") in words.geo_adjectives():
                            hint_place = adj  # "глава российского государства"
                elif token.pos != "DET":
                    deps.append(token)
            index += 1
            continue
        length, span_index = _complement(doc, tokens, index, span_at)
        if length:
            if token.text.lower() in SPHERE and where_span is None:
                deps.extend(tokens[index:index + length])  # "министр по делам разведки"
            if where_span is None and span_index is not None:
                where_span, hint = span_index, None
            index += length
            continue
        break
    while index > start and tokens[index - 1].text in QUOTES and tokens[index - 1].text != "»":
        index -= 1
    return index, deps, where_span, hint, hint_place


def _bracketed_name(doc: Doc, tokens: list[Token], index: int, span_at) -> int:
    """Length of "(ФСБ)", "(Росатом)" at `index`: brackets around one name that is not a
    person (a NER span or an all-capitals word), else 0."""
    if tokens[index].text != "(":
        return 0
    close = next((i for i in range(index + 1, min(len(tokens), index + 6)) if tokens[i].text == ")"), None)
    if close is None or close == index + 1:
        return 0
    inside = tokens[index + 1:close]
    span = span_at.get(inside[0].start)
    if span is not None and doc.spans[span].type != PER and doc.spans[span].stop >= inside[-1].stop:
        return close + 1 - index
    if len(inside) == 1 and inside[0].text.isupper() and len(inside[0].text) > 1:
        return close + 1 - index
    return 0


def _complement(doc: Doc, tokens: list[Token], index: int, span_at) -> tuple[int, int | None]:
    """Length of a prepositional complement and its ORG/LOC span, or (0, None).

    "по делам разведки" (dative), "в Грузии", "при прокуратуре" (locative), "от ОБСЕ" (genitive).
    """
    case = PREPOSITIONS.get(tokens[index].text.lower())
    if case is None:
        return 0, None
    length, found = 1, None
    while index + length < len(tokens) and length <= 4:
        token = tokens[index + length]
        span_index = span_at.get(token.start)
        if span_index is not None:
            span = doc.spans[span_index]
            if span.type == PER:
                break
            found = span_index if found is None else found
            length = _after(tokens, index + length, span.stop) - index
            break
        if token.pos in ("ADJ", "NOUN", "PROPN") and (token.feats or {}).get("Case") == case:
            length += 1
            continue
        break
    return (length, found) if length > 1 else (0, None)


def _is_post_span(lex, doc: Doc, span_index: int, token: Token) -> bool:
    """NER sometimes tags a bare post as ORG ("Замглавы"): a one-word span that is a listed post."""
    span = doc.spans[span_index]
    return span.start == token.start and span.stop == token.stop and lex.position_head(token) is not None


def _after(tokens: list[Token], index: int, stop: int) -> int:
    while index < len(tokens) and tokens[index].start < stop:
        index += 1
    if index < len(tokens) and tokens[index].text in ("»", '"', "”"):
        index += 1
    return index


def _genitive_span(lex, tokens: list[Token], index: int, span) -> bool:
    """An ORG/LOC mention can depend on a post: genitive or indeclinable ("МИД", "ФИДЕ")."""
    first = tokens[index]
    case = (first.feats or {}).get("Case")
    if case == "Gen":
        return True
    text = span.text
    # a letter-range test ("ФИДЕ" vs "FIDE"), not a word list: it stays in code
    return text.isupper() or not any("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in text) \
        or (index > 0 and tokens[index - 1].text in QUOTES) or lex.indeclinable(first.text)


def _is_genitive_word(token: Token) -> bool:
    return token.pos in ("NOUN", "ADJ", "DET", "PROPN") and (token.feats or {}).get("Case") == "Gen"


# ---- who holds the post -------------------------------------------------

def _link_persons(lex, doc: Doc, sent: Sentence, phrases: list[dict], span_at) -> None:
    """Attach each phrase to the PER mention it describes, rule by rule."""
    tokens = sent.tokens
    per_starts = {i: span_at[t.start] for i, t in enumerate(tokens)
                  if t.start in span_at and doc.spans[span_at[t.start]].type == PER}
    per_ends = {}
    for i, span_index in per_starts.items():
        end = _after(tokens, i, doc.spans[span_index].stop)
        per_ends[end] = span_index
    bounds = [(_token_index(tokens, p["start"]), _token_index(tokens, p["stop"] - 1) + 1) for p in phrases]
    heads = [tokens[_token_index(tokens, p["head_start"])] for p in phrases]
    singular = [(h.feats or {}).get("Number") != "Plur" for h in heads]
    cases = [None if p.get("acting") or h.pos != "NOUN" else (h.feats or {}).get("Case")
             for p, h in zip(phrases, heads)]  # "Экс-председатель" read as an adjective: no case
    for phrase, (first, end), one, case in zip(phrases, bounds, singular, cases):
        if one:
            person = _agreeing_after(lex, doc, tokens, end, per_starts, case, phrase, phrases)
            if not any(p["person"] == person for p in phrases if p["stop"] == phrase["stop"] and
                       p["head_start"] < phrase["head_start"]):
                phrase["person"] = person  # "полпреда президента РФ Виктора Ишаева": the outer post's
    starts = {b[0]: p for p, b in zip(phrases, bounds)}
    for phrase, (first, end), one, case in zip(phrases, bounds, singular, cases):
        if phrase["person"] is None and one:
            if end in starts and starts[end]["person"] is not None:
                continue  # "Данфорд, глава командования США адмирал Гарри Гаррис": the rank's name
            person = _person_before(lex, tokens, first, per_ends)
            if person is not None and _agrees(lex, doc.spans[person], case) and \
                    _same_case(_held_case(phrases, cases, person), case):
                phrase["person"] = person
    _propagate_lists(phrases, bounds, tokens, cases)
    for phrase, (first, end), one in zip(phrases, bounds, singular):
        if phrase["person"] is None and one:
            phrase["person"] = _person_by_copula(lex, tokens, first, end, per_starts, per_ends)
    for phrase, (first, end), one, case in zip(list(phrases), bounds, singular, cases):
        if not one:
            phrases.extend(_shared_post(lex, doc, tokens, end, per_starts, case, phrase))
    phrases.sort(key=lambda p: (p["start"], p["head_start"]))
    inner = [p for p in phrases if any(o.get("outer") and o["start"] <= p["start"] and p["stop"] <= o["stop"]
                                       and o is not p for o in phrases)]
    for phrase in inner:
        if phrase["person"] is None:
            phrases.remove(phrase)  # a post inside another's chain stands alone only with its holder
    for phrase in phrases:
        phrase.pop("also_where", None)
        phrase.pop("outer", None)


def _shared_post(lex, doc: Doc, tokens, end: int, per_starts, case, phrase: dict) -> list[dict]:
    """A plural post shared by coordinated names: "премьер-министры России и Украины
    Михаил Фрадков и Виктор Янукович" -> one phrase per name; the places pair with the
    names in order, one place goes to all, a count that does not match gives none."""
    persons = []
    person = _person_after(tokens, end, per_starts)
    while person is not None and _agrees(lex, doc.spans[person], case):
        persons.append(person)
        after = _after(tokens, end, doc.spans[person].stop)
        if after + 1 < len(tokens) and tokens[after].text.lower() in JOINERS:
            end = after + 1
            person = per_starts.get(end)
        else:
            person = None
    if len(persons) < 2:
        return []
    places = ([phrase["where_span"]] if phrase["where_span"] is not None else []) + phrase.get("also_where", [])
    if len(places) > 1 and len(places) != len(persons):
        return []
    out = []
    for index, person in enumerate(persons):
        copy = phrase if index == 0 else dict(phrase)
        copy["person"] = person
        if len(places) > 1:
            span = doc.spans[places[index]]
            copy.update(where_span=places[index], where_start=span.start, where_stop=span.stop)
        if index:
            out.append(copy)
    return out


def _held_case(phrases: list[dict], cases: list, person: int) -> str | None:
    """The case of a post already given to this name ("с премьер-министром Италии Маттео
    Ренци, экс-президент США…": Ренци is instrumental, whatever the tagger reads)."""
    return next((case for phrase, case in zip(phrases, cases) if phrase["person"] == person and case), None)


def _token_index(tokens: list[Token], offset: int) -> int:
    for index, token in enumerate(tokens):
        if token.start <= offset < token.stop:
            return index
    return 0


def _agreeing_after(lex, doc: Doc, tokens, end: int, per_starts, case: str | None, phrase: dict,
                    phrases: list[dict]) -> int | None:
    """The name after the phrase if it agrees with the head in case. A name in another
    case that agrees with a post inside the phrase is that post's holder, and the next
    name is this one's: "пресс-секретарь президента России Владимира Путина Дмитрий Песков"."""
    person = _person_after(tokens, end, per_starts)
    if person is None:
        return None
    agrees = _agrees(lex, doc.spans[person], case)
    inner = [p for p in phrases if p is not phrase and p["stop"] == phrase["stop"] and
             phrase["head_start"] < p["head_start"]]
    if not any(_agrees(lex, doc.spans[person], _case(tokens[_token_index(tokens, p["head_start"])]))
               for p in inner):
        return person if agrees else None
    following = _person_after(tokens, _after(tokens, end, doc.spans[person].stop), per_starts)
    if following is not None and _agrees(lex, doc.spans[following], case):
        return following  # two names after a chain of two posts: the second is the outer post's
    return person if agrees else None


def _person_after(tokens, end: int, per_starts) -> int | None:
    """"президент Казахстана Касым-Жомарт Токаев": the name right after the phrase
    (past an opening quote or an honorific: "председатель Совета муфтиев шейх Равиль Гайнутдин")."""
    if end < len(tokens) and (tokens[end].text in QUOTES - {"»"} or tokens[end].text.lower() in HONORIFICS):
        end += 1
    return per_starts.get(end)


def _agrees(lex, span, head_case: str | None) -> bool:
    """Apposition agrees in case: "Брода, … члена палаты" (both genitive), but not
    "Вместо Оливера Кана, капитаном стал…" (genitive name, instrumental post) nor
    "Указом президента Андрей Белоусов назначен" (genitive post, nominative name)."""
    if head_case is None:
        return True
    cases = name_cases(lex, span)
    return cases is None or head_case in cases


def name_cases(lex, span) -> set[str] | None:
    """The cases a name mention can be in by the dictionary: those its words share
    ("Владимира Путина": genitive or accusative, not the feminine nominative "Путина";
    "Айбеком Турдуевым": instrumental, though the tagger reads a nominative). None when
    no word is a name the dictionary knows ("Сейджи Маехары", "Вэй Фэнхэ"): the tagger
    misreads such names too often to trust it alone, so any case then."""
    known = [cases for cases in (lex.name_cases(t.text) for t in span.tokens
                                 if t.pos == "PROPN" and any(ch.isalpha() for ch in t.text))
             if cases is not None]
    shared = frozenset.intersection(*known) if known else None
    return set(shared) if shared else None  # words that share no case: foreign ("Аль Тани")


def _person_before(lex, tokens, first: int, per_ends) -> int | None:
    """"Токаев, президент Казахстана" / "Тишков - директор" / "Лёв (второй тренер)"."""
    index = first
    while index > 0 and (tokens[index - 1].pos == "ADJ" and
                         lex.lemma(tokens[index - 1], "ADJF") in words.SKIP_ADJECTIVES
                         or tokens[index - 1].text.lower() in ACTING):
        index -= 1  # "Пономарев, известный правозащитник", "Тоунер, исполняющий обязанности представителя"
    if index > 0 and tokens[index - 1].text in DASHES:
        return per_ends.get(index - 1)
    return None


def _propagate_lists(phrases: list[dict], bounds, tokens, cases) -> None:
    """Posts listed together describe one person: "депутат X, сопредседатель Y Михаил Вельмакин",
    "вице-премьер — министр промышленности Денис Мантуров"."""
    for i in range(len(phrases) - 2, -1, -1):  # right to left: the name follows the list
        nxt_first = bounds[i + 1][0]
        end = bounds[i][1]
        gap = [t.text.lower() for t in tokens[end:nxt_first]]
        if phrases[i]["person"] is None and phrases[i + 1]["person"] is not None and \
                len(gap) <= 1 and set(gap) <= JOINERS | POST_DASHES and _same_case(cases[i], cases[i + 1]):
            phrases[i]["person"] = phrases[i + 1]["person"]
    for i in range(1, len(phrases)):  # left to right: "Хелмбрехт - директор и совладелец X"
        gap = [t.text.lower() for t in tokens[bounds[i - 1][1]:bounds[i][0]]]
        if phrases[i]["person"] is None and phrases[i - 1]["person"] is not None and \
                len(gap) == 1 and set(gap) <= JOINERS and _same_case(cases[i], cases[i - 1]):
            phrases[i]["person"] = phrases[i - 1]["person"]


def _same_case(first: str | None, second: str | None) -> bool:
    """Two posts in one case, or one whose case the tagger did not give ("Вице-премьер" as a name)."""
    return first == second or first is None or second is None


def _person_by_copula(lex, tokens, first: int, end: int, per_starts, per_ends) -> int | None:
    """"Путин занял пост премьер-министра", "капитаном стал Баллак", "назначен министром";
    an active "Обама назначил Иванова министром" gives the post to the object, not the subject."""
    window = [(i, tokens[i]) for i in range(max(0, first - 5), first)]
    verbs = [i for i, t in window if t.pos in ("VERB", "AUX", "ADJ") and lex.lemma(t, "VERB") in COPULAS | APPOINT
             or t.pos == "NOUN" and lex.lemma(t, "NOUN") in POST_WORDS]
    if verbs:
        verb = verbs[0]
        if _active_appointment(lex, tokens[verb]):
            person = per_starts.get(verb + 1)
            return person if person is not None and _case(tokens[verb + 1]) == "Acc" else None
        for index in range(verb, max(-1, verb - 7), -1):
            if index in per_ends:
                return per_ends[index] if _nominative_before(tokens, index) else None
            if index > 0 and (tokens[index - 1].text in (".", ";", "?", "!") or _active_appointment(lex, tokens[index - 1])):
                break
    if end < len(tokens) and tokens[end].pos in ("VERB", "AUX") and \
            lex.lemma(tokens[end], "VERB") in COPULAS - APPOINT and end + 1 in per_starts \
            and _case(tokens[end + 1]) == "Nom":
        return per_starts.get(end + 1)
    return None


def _case(token: Token) -> str | None:
    return (token.feats or {}).get("Case")


def _active_appointment(lex, token: Token) -> bool:
    """ "назначил", "выдвинул" (not "назначен", "назначенный")."""
    feats = token.feats or {}
    return token.pos == "VERB" and lex.lemma(token, "VERB") in APPOINT and \
        feats.get("VerbForm") != "Part" and feats.get("Voice") != "Pass"


def _nominative_before(tokens, end: int) -> bool:
    """The name ending before token `end` is a subject (nominative), not an agent ("назначен Бушем")."""
    return _case(tokens[end - 1]) in ("Nom", None)
