"""Meeting facts: who met or called whom, how, when and where.

A sentence holding a meeting trigger ("встретился", "переговоры",
"телефонный разговор", "по видеосвязи") yields a meeting between the people
it names as subject (nominative) and as partner ("с + instrumental", or the
accusative guest of "принял"). A partner named only by a post ("с
премьер-министром Турции") is the person the article gives that post to.
Sentences without two named people ("Стороны отметили…", "Президенты
обменялись…") add nobody, so no fact.
"""
from __future__ import annotations

from .doc import Doc, Sentence, Token
from . import facts_words as words
from .facts_occupation import evidence, resolve_where

TRIGGER_VERBS = {"встретиться", "встречаться", "переговорить", "созвониться", "побеседовать",
                 "беседовать", "увидеться", "видеться", "поговорить", "договориться",
                 "провести", "проводить", "обсудить", "обсуждать"}
TRIGGER_NOUNS = {"встреча", "переговоры", "переговор", "разговор", "беседа", "свидание",
                 "видеоконференция", "саммит", "визит"}
HOST_VERBS = {"принять", "принимать"}
# "провести"/"обсудить" count only with a meeting noun or a partner ("обсудил с X").
WEAK_VERBS = {"провести", "проводить", "обсудить", "обсуждать", "договориться"}
PHONE = {"телефон", "телефонный", "созвониться"}
VIDEO = {"видеосвязь", "видеоконференция", "видеоконференцсвязь", "видеообращение", "онлайн"}
WITH = {"с", "со"}


def meetings(doc: Doc) -> list[dict]:
    """Meeting facts of the document, one per set of participants."""
    holders = _post_holders(doc)
    out: dict[frozenset, dict] = {}
    for sent in (line for s in doc.sents for line in words.lines(doc, s)):
        fact = _sentence_meeting(doc, sent, holders)
        if fact is None:
            continue
        key = frozenset(fact["participants"])
        if key in out:
            if out[key]["mode"] == "in_person":
                out[key]["mode"] = fact["mode"]
            for field in ("date", "place"):
                out[key][field] = out[key][field] or fact[field]
        else:
            out[key] = fact
    return list(out.values())


def _post_holders(doc: Doc) -> dict[tuple, str]:
    """(post head, where entity id) -> the person the article gives that post to."""
    by_id = {e.id: e for e in doc.entities}
    holders = {}
    for phrase in doc.positions:
        person = doc.span_entity.get(phrase["person"]) if phrase["person"] is not None else None
        if person is not None and by_id[person].type == "PER":
            where = resolve_where(doc, phrase, by_id)
            holders.setdefault((phrase["head"], where[0] if where else None), person)
    return holders


def _sentence_meeting(doc: Doc, sent: Sentence, holders) -> dict | None:
    lemmas = [_lemma(t) for t in sent.tokens]
    nouns = [i for i, lem in enumerate(lemmas) if lem in TRIGGER_NOUNS and sent.tokens[i].pos == "NOUN"]
    verbs = [i for i, lem in enumerate(lemmas) if lem in TRIGGER_VERBS | HOST_VERBS
             and sent.tokens[i].pos in ("VERB", "AUX")]
    if not nouns and not verbs:
        return None
    people = _participants(doc, sent, lemmas, verbs, holders)
    strong = nouns or [i for i in verbs if lemmas[i] not in WEAK_VERBS | HOST_VERBS]
    if len(people) < 2 or not (strong or people.partners):
        return None
    participants = list(dict.fromkeys(people))
    if len(participants) < 2:
        return None
    by_id = {e.id: e for e in doc.entities}
    mode = _mode(lemmas)
    return {
        "type": "meeting", "participants": participants,
        "participant_names": [by_id[p].name for p in participants],
        "mode": mode, "date": _date(doc, sent, lemmas),
        "place": _place(doc, sent, nouns + verbs) if mode == "in_person" else None,
        "evidence": evidence(doc, sent.start, sent.stop),
    }


class _People(list):
    """Participant ids in order; `partners` counts those found after "с"/"принял"."""
    partners = 0


def _participants(doc: Doc, sent: Sentence, lemmas, verbs, holders) -> _People:
    people = _People()
    hosts = [i for i in verbs if lemmas[i] in HOST_VERBS]
    for index, span in _sentence_persons(doc, sent):
        entity = doc.span_entity.get(index)
        if entity is None:
            continue
        case = _span_case(span)
        if _after_with(doc, sent, span) and case in ("Ins", None):
            people.append(entity)
            people.partners += 1
        elif case == "Nom":
            people.append(entity)
        elif case == "Acc" and any(_token_at(sent, span.start) > h for h in hosts) and \
                "участие" not in lemmas:
            people.append(entity)
            people.partners += 1
    for phrase in _bare_partner_posts(doc, sent):
        where = _where_id(doc, phrase)
        person = holders.get((phrase["head"], where))
        if person:
            people.append(person)
            people.partners += 1
    return people


def _sentence_persons(doc: Doc, sent: Sentence):
    for index, span in enumerate(doc.spans):
        if span.type == "PER" and sent.start <= span.start < sent.stop:
            yield index, span


def _span_case(span) -> str | None:
    cases = [(t.feats or {}).get("Case") for t in span.tokens if t.pos == "PROPN"]
    return cases[-1] if cases else None


def _token_at(sent: Sentence, offset: int) -> int:
    for index, token in enumerate(sent.tokens):
        if token.start <= offset < token.stop:
            return index
    return -1


def _after_with(doc: Doc, sent: Sentence, span) -> bool:
    """Is the person the partner of "с": "с Путиным", "с президентом России Владимиром Путиным"?"""
    index = _token_at(sent, span.start)
    start = index
    for phrase in doc.positions:
        if phrase["person"] is not None and doc.spans[phrase["person"]] is span and phrase["start"] < span.start:
            start = _token_at(sent, phrase["start"])
    return start > 0 and sent.tokens[start - 1].text.lower() in WITH


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


def _lemma(token: Token) -> str:
    if token.pos == "VERB" or token.pos == "AUX":
        return words.lemma(token, "VERB")
    if token.pos == "NOUN":
        return words.lemma(token, "NOUN")
    if token.pos == "ADJ":
        return words.lemma(token, "ADJF")
    return token.text.lower()


def _mode(lemmas: list[str]) -> str:
    if any(lem in PHONE for lem in lemmas):
        return "phone"
    if any(lem in VIDEO for lem in lemmas):
        return "video"
    return "in_person"


def _date(doc: Doc, sent: Sentence, lemmas) -> str | None:
    """A date stated in the sentence, or the publication date for "сегодня"."""
    field, start, stop = doc.to_card_offsets(sent.start, sent.stop)
    for date in doc.dates:
        if date.field == field and start <= date.start < stop and date.value:
            return date.value
    if "сегодня" in lemmas and doc.article.published:
        return doc.article.published[:10]
    return None


def _place(doc: Doc, sent: Sentence, triggers: list[int]) -> str | None:
    """A LOC after "в"/"во" close to the trigger ("встретились в Астане"), not a post's dependent."""
    dependents = {p["where_span"] for p in doc.positions}
    for index, span in enumerate(doc.spans):
        if span.type != "LOC" or not sent.start <= span.start < sent.stop or index in dependents:
            continue
        at = _token_at(sent, span.start)
        if at > 0 and sent.tokens[at - 1].text.lower() in ("в", "во") and \
                any(abs(at - t) <= 4 for t in triggers):
            return doc.span_entity.get(index)
    return None
