"""Meeting facts: who met or called whom, how, when and where.

A sentence holding a meeting trigger ("встретился", "переговоры",
"телефонный разговор", "по видеосвязи") yields a meeting between the people
it names as subject (nominative) and as partner ("с + instrumental", or the
accusative guest of "принял"). A partner named only by a post ("с
премьер-министром Турции") is the person the article gives that post to.
Sentences without two named people ("Стороны отметили…", "Президенты
обменялись…") add nobody, so no fact. The word lists are in
letopis/data/facts/meeting.txt.
"""
from __future__ import annotations

import re

from ...records import Meeting
from ..doc import Doc, Sentence, Token
from . import words
from .occupation import resolve_where
from .positions import name_cases
from ...schema import LOC, PER



def _words(name: str) -> frozenset[str]:
    return words.word_set(name, "meeting.txt")


TRIGGER_VERBS = _words("trigger_verb")  # "встретился", "созвонились"
TRIGGER_NOUNS = _words("trigger_noun")  # "переговоры", "визит"
HOST_VERBS = _words("host_verb")  # + accusative guest: "встретил патриарха Кирилла"
# "провести"/"обсудить" count only with a meeting noun or a partner ("обсудил с X").
WEAK_VERBS = _words("weak_verb")
PHONE = _words("phone")
VIDEO = _words("video")
WITH = _words("with")  # "с", "между" + instrumental partner
IN = _words("in")  # "в" + the meeting's place
NEGATION = _words("negation")  # up to 4 words before the verb
NEGATION_NEAR = _words("negation_near")  # up to 2 words before the verb
AND = _words("conjunction")
PLURAL_TRIGGERS = words.word_lists("meeting.txt")["plural_trigger"]  # "переговоры": a joint action
TODAY = _words("today")
SPORT = _words("sport")  # "матч", "финал": "встреча" is a game there
MATCH_WORDS = _words("match_word")  # the meeting words that also name a game
#: stems of every trigger form above, to skip most sentences before lemmatizing them.
MAYBE_TRIGGER = re.compile("|".join(words.word_lists("meeting.txt")["trigger_stem"]), re.IGNORECASE)


def meetings(doc: Doc, lex: words.Lookups) -> list[Meeting]:
    """Meeting facts of the document, one per set of participants (`lex`: the stage's
    morphology, `words.lookups(models.morph)`)."""
    holders = _Lazy(lambda: _post_holders(doc))
    out: dict[frozenset, Meeting] = {}
    for sent in (line for s in doc.sents for line in words.lines(doc, s)):
        fact = _sentence_meeting(lex, doc, sent, holders)
        if fact is None:
            continue
        key = frozenset(fact.participants)
        if key in out:
            first = out[key]
            if first.mode == "in_person":
                first.mode = fact.mode
            first.date = first.date or fact.date
            first.place = first.place or fact.place
        else:
            out[key] = fact
    return list(out.values())


class _Lazy:
    """Computes a value on first call only (most documents never need it)."""

    def __init__(self, make):
        self.make, self.value = make, None

    def __call__(self):
        if self.value is None:
            self.value = self.make()
        return self.value


def _post_holders(doc: Doc) -> dict[tuple, str]:
    """(post head, where entity id) -> the person the article gives that post to."""
    by_id = {e.id: e for e in doc.entities}
    holders = {}
    for phrase in doc.positions:
        person = doc.span_entity.get(phrase["person"]) if phrase["person"] is not None else None
        if person is not None and by_id[person].type == PER:
            where = resolve_where(doc, phrase, by_id)
            holders.setdefault((phrase["head"], where[0] if where else None), person)
    return holders


def _sentence_meeting(lex, doc: Doc, sent: Sentence, holders) -> Meeting | None:
    """The meeting one sentence reports, or None (no trigger, fewer than two people)."""
    if not MAYBE_TRIGGER.search(sent.text):
        return None  # no stem of a meeting word: skip lemmatizing the sentence
    lemmas = [_lemma(lex, t) for t in sent.tokens]
    nouns = [i for i, lem in enumerate(lemmas) if lem in TRIGGER_NOUNS and sent.tokens[i].pos == "NOUN"]
    verbs = [i for i, lem in enumerate(lemmas) if lem in TRIGGER_VERBS | HOST_VERBS
             and sent.tokens[i].pos in ("VERB", "AUX")]
    verbs = [i for i in verbs if not _negated(lemmas, i)]
    if not nouns and not verbs:
        return None
    if any(lem in SPORT for lem in lemmas) and all(lemmas[i] in MATCH_WORDS for i in nouns + verbs):
        return None  # "встреча с Свитолиной … матч с Возняцки", "в финале встретились": a match
    people = _participants(lex, doc, sent, lemmas, verbs, nouns, holders)
    strong = nouns or [i for i in verbs if lemmas[i] not in WEAK_VERBS | HOST_VERBS or
                       _mode(lemmas[i + 1:i + 4]) != "in_person"]  # "обсудили по телефону"
    if len(people) < 2 or not strong and not people.partners:
        return None
    if not people.partners and not (people.coordinated and _plural_trigger(sent, verbs, nouns)):
        return None  # "переговоров с обоими шахматистами… Топалов — Крамник": no one met anyone named
    participants = list(dict.fromkeys(people))
    if len(participants) < 2:
        return None
    by_id = {e.id: e for e in doc.entities}
    mode = _mode(lemmas)
    return Meeting(participants=participants, participant_names=[by_id[p].name for p in participants],
                   mode=mode, date=_date(doc, sent, lemmas),
                   place=_place(doc, sent, nouns + verbs) if mode == "in_person" else None,
                   evidence=doc.evidence(sent.start, sent.stop))


def _negated(lemmas, verb: int) -> bool:
    """ "не встретился", "не имели возможности поговорить": no meeting took place."""
    return any(lem in NEGATION for lem in lemmas[max(0, verb - 4):verb]) or \
        any(lem in NEGATION_NEAR for lem in lemmas[max(0, verb - 2):verb])


class _People(list):
    """Participant ids in order; `partners` counts those found after "с"/"принял"."""
    partners = 0
    coordinated = False


def _participants(lex, doc: Doc, sent: Sentence, lemmas, verbs, nouns, holders) -> _People:
    """Subjects (nominative, not the speaker of a quote), partners ("с"/"между" +
    instrumental, the guest of "принял", the genitive after "встреча")."""
    people = _People()
    hosts = [i for i in verbs if lemmas[i] in HOST_VERBS]
    subjects, names, genitives = [], [], []
    posts = [(p["start"], p["stop"]) for p in doc.positions if sent.start <= p["start"] < sent.stop]
    for index, span in _sentence_persons(doc, sent):
        entity = doc.span_entity.get(index)
        if entity is None:
            continue
        at, cases = _phrase_start(doc, sent, span), _cases(lex, doc, sent, index, span)
        if "Ins" in cases and _with_before(sent, at) and _near(at, verbs + nouns):
            people.append(entity)
            people.partners += 1
        elif "Nom" in cases and not _speaker(lemmas, at, verbs + nouns):
            people.append(entity)
            subjects.append(at)
            names.append(_token_at(sent, span.start))
        elif cases & {"Acc", "Gen"} and any(_guest_of(sent, lemmas, h, at, posts) for h in hosts):
            people.append(entity)  # "принял в Нью-Дели министра … Сергея Лаврова"
            people.partners += 1
        elif "Gen" in cases and (any(0 < at - n <= 2 for n in nouns) or
                                 genitives and any(lem in AND for lem in lemmas[at - 1:at])):
            people.append(entity)  # "переговоры Владимира Путина и Си Цзиньпина"
            people.partners += 1
            genitives.append(at)
    for phrase in _bare_partner_posts(doc, sent):
        person = phrase.get("entity") or holders().get((phrase["head"], _where_id(doc, phrase)))
        if person:
            people.append(person)
            people.partners += 1
    if not subjects:
        subject = _unnamed_subject(doc, sent, lemmas, verbs + nouns, holders)
        if subject:
            people.insert(0, subject)
            subjects.append(0)
    names = sorted(names)  # the names, not their posts: "премьер-министры … Фрадков и Янукович"
    people.coordinated = len(names) >= 2 and any(lem in AND for lem in lemmas[names[0]:names[-1]])
    return people


SPEECH = _words("speech")  # "сказал", "сообщил": the teller of the meeting
NOT_GUESTS = _words("not_guest")  # "принял решение": no visit
GUEST_WORDS = _words("guest_word")  # "принял коллегу": the guest follows


def _guest_of(sent: Sentence, lemmas, host: int, at: int, posts) -> bool:
    """The person at `at` is the object of "принял" at `host`: nothing but places
    and the guest's post lie between ("принял решение о назначении Иванова" is not a visit)."""
    if not 0 < at - host <= 8:
        return False
    between = sent.tokens[host + 1:at]
    return not any(t.pos == "NOUN" and (t.feats or {}).get("Case") in ("Acc", "Gen") and
                   lemmas[host + 1 + i] not in GUEST_WORDS and not any(a <= t.start < b for a, b in posts)
                   or lemmas[host + 1 + i] in NOT_GUESTS
                   for i, t in enumerate(between))


def _speaker(lemmas, at: int, triggers: list[int]) -> bool:
    """A speech verb between the person and the meeting word makes the person its
    teller, not a participant: "…встречи между X и Y, сказал Z", "Z сообщил, что X встретится с Y"."""
    nearest = min(triggers, key=lambda t: abs(t - at))
    low, high = sorted((nearest, at))
    return any(lem in SPEECH for lem in lemmas[low:high])


def _near(at: int, triggers: list[int]) -> bool:
    """A partner close to the meeting word: "встретил художника … поразился его сходству с
    моим другом Дмитрием Балашовым" is no meeting with Балашов."""
    return any(abs(at - t) <= PARTNER_REACH for t in triggers)


PARTNER_REACH = 12  # tokens between a meeting word and its "с"-partner's phrase


def _with_before(sent: Sentence, at: int) -> bool:
    """A "с"/"со"/"между" governs the instrumental at `at` (coordinated partners included)."""
    return any(t.text.lower() in WITH for t in sent.tokens[max(0, at - 12):at])


def _phrase_start(doc: Doc, sent: Sentence, span) -> int:
    """Token index where the person's mention starts, with the post before it."""
    start = _token_at(sent, span.start)
    for phrase in doc.positions:
        if phrase["person"] is not None and doc.spans[phrase["person"]] is span and \
                sent.start <= phrase["start"] < span.start:
            start = min(start, _token_at(sent, phrase["start"]))
    return start


def _cases(lex, doc: Doc, sent: Sentence, index: int, span) -> set[str]:
    """The case of a person mention: its post's right before it ("с министром … Айбеком
    Турдуевым": instrumental, whatever the tagger reads in the rare name), else the
    cases the tagger and the dictionary allow (`positions.name_cases`)."""
    for phrase in doc.positions:
        if phrase["person"] == index and not phrase.get("acting") and phrase["stop"] <= span.start and \
                sent.start <= phrase["start"]:
            head = sent.tokens[_token_at(sent, phrase["head_start"])]
            if (head.feats or {}).get("Case"):
                return {head.feats["Case"]}
    cases = name_cases(lex, span)
    return set(cases) if cases else {_span_case(span)}


def _plural_trigger(sent: Sentence, verbs, nouns) -> bool:
    """ "Миллер и Озерец встречаются", "провели переговоры": a joint action of the subjects."""
    return any((sent.tokens[i].feats or {}).get("Number") == "Plur" for i in verbs) or \
        any(sent.tokens[i].text.lower().startswith(PLURAL_TRIGGERS) for i in nouns)


def _sentence_persons(doc: Doc, sent: Sentence):
    for index, span in enumerate(doc.spans):
        if span.type == PER and sent.start <= span.start < sent.stop:
            yield index, span


def _span_case(span) -> str | None:
    cases = [(t.feats or {}).get("Case") for t in span.tokens if t.pos == "PROPN"]
    return cases[-1] if cases else None


def _token_at(sent: Sentence, offset: int) -> int:
    for index, token in enumerate(sent.tokens):
        if token.start <= offset < token.stop:
            return index
    return -1


PRONOUNS = _words("pronoun")  # "Он встретился с…": the previous sentence's subject


def _unnamed_subject(doc: Doc, sent: Sentence, lemmas, triggers, holders) -> str | None:
    """The subject named only by a post ("Президент России встретился с…") or a pronoun
    ("Он встретился с…" after a sentence naming one person as its subject)."""
    first = min(triggers)
    for phrase in doc.positions:
        if phrase["person"] is None and sent.start <= phrase["start"] < sent.tokens[first].start:
            head = sent.tokens[_token_at(sent, phrase["head_start"])]
            if (head.feats or {}).get("Case") == "Nom" and (head.feats or {}).get("Number") != "Plur":
                return phrase.get("entity") or holders().get((phrase["head"], _where_id(doc, phrase)))
    if any(t.text.lower() in PRONOUNS and t.pos == "PRON" for t in sent.tokens[:first]):
        return _previous_subject(doc, sent)
    return None


def _previous_subject(doc: Doc, sent: Sentence) -> str | None:
    """The one person named in the nominative in the sentence before `sent`."""
    before = [s for s in doc.sents if s.stop <= sent.start]
    if not before:
        return None
    prev = before[-1]
    found = {doc.span_entity.get(i) for i, span in enumerate(doc.spans)
             if span.type == PER and prev.start <= span.start < prev.stop and _span_case(span) == "Nom"}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _bare_partner_posts(doc: Doc, sent: Sentence):
    """Posts without a name right after "с": "с премьер-министром Турции"."""
    for phrase in doc.positions:
        if phrase["person"] is None and sent.start <= phrase["start"] < sent.stop:
            index = _token_at(sent, phrase["start"])
            if index > 0 and sent.tokens[index - 1].text.lower() in WITH and \
                    (sent.tokens[index].feats or {}).get("Case") == "Ins":
                yield phrase


def _where_id(doc: Doc, phrase: dict) -> str | None:
    where = resolve_where(doc, phrase, {e.id: e for e in doc.entities})
    return where[0] if where else None


def _lemma(lex, token: Token) -> str:
    if token.pos == "VERB" or token.pos == "AUX":
        return lex.lemma(token, "VERB")
    if token.pos == "NOUN":
        return lex.lemma(token, "NOUN")
    if token.pos == "ADJ":
        return lex.lemma(token, "ADJF")
    return token.text.lower()


def _mode(lemmas: list[str]) -> str:
    if any(lem in PHONE for lem in lemmas):
        return "phone"
    if any(lem in VIDEO for lem in lemmas):
        return "video"
    return "in_person"


def _date(doc: Doc, sent: Sentence, lemmas) -> str | None:
    """A date stated in the sentence, or the publication date for "сегодня"."""
    field, start, stop = doc.to_card(sent.start, sent.stop)
    for date in doc.dates:
        if date.field == field and start <= date.start < stop and date.value:
            return date.value
    if any(lem in TODAY for lem in lemmas) and doc.article.published:
        return doc.article.published[:10]
    return None


def _place(doc: Doc, sent: Sentence, triggers: list[int]) -> str | None:
    """A LOC after "в"/"во" close to the trigger ("встретились в Астане"), not a post's dependent."""
    dependents = {p["where_span"] for p in doc.positions}
    for index, span in enumerate(doc.spans):
        if span.type != LOC or not sent.start <= span.start < sent.stop or index in dependents:
            continue
        at = _token_at(sent, span.start)
        if at > 0 and sent.tokens[at - 1].text.lower() in IN and \
                any(abs(at - t) <= 6 for t in triggers):
            return doc.span_entity.get(index)
    return None
