"""Occupation facts: person — position — place/organization.

Built from `doc.positions` (the positions stage already found each post
phrase, its dependent place/org and the person it describes). This module
maps those mentions to the card's entities and resolves a place the text
leaves implicit: "глава региона Сергей Меликов" -> the region the article
is about, "Премьер-министр Михаил Фрадков" -> the country it is about, unless
the same person's post elsewhere in the article states it. A post held by
one person per place is not guessed at a place the article gives to someone
else ("президентом Бараком Обамой" beside "президент России Владимир Путин"
is not Russia's: no place then), nor at a place named only after the post's
sentence.
"""
from __future__ import annotations

from bisect import bisect_left

from ...card import Entity
from ...morph import fold
from ...records import Occupation
from ..doc import Doc
from . import words
from ...schema import LOC, ORG, PER

REGION_SUBTYPES = {"region", "city", "town", "district", "republic", "state", "province", "settlement", "village"}


def occupations(doc: Doc) -> list[Occupation]:
    """One fact per (person, position, where), the first mention as evidence.

    A post whose place came from context yields to the same person's post
    with a stated place ("с президентом Виктором Януковичем" … "президент
    Украины Виктор Янукович": Украина, whatever country the article names most).
    """
    by_id = {e.id: e for e in doc.entities}
    found = [f for f in (_occupation(doc, phrase, by_id) for phrase in doc.positions) if f]
    stated = [fact for fact, from_context in found if not from_context]
    for (fact, from_context), offset in zip(found, _offsets(doc, found)):
        if from_context:
            _prefer_stated(fact, from_context, stated, by_id)
        if from_context and fact.where is None:
            entity = salient(doc, from_context, offset)
            if entity is not None and not _held_by_another(fact, entity.id, stated):
                fact.where, fact.where_name = entity.id, entity.name
    out, seen = [], set()
    for fact, _from_context in found:
        if fact.where is None and fact.where_name is None:
            continue
        key = (fact.person, fact.position, fact.where or fact.where_name)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


SINGLE_HOLDER = words.word_set("single_holder")  # "президент": one holder per country
SINGLE_WITH_SPHERE = words.word_set("single_with_sphere")  # "министр обороны", not "министр"


def _held_by_another(fact: Occupation, where: str, stated: list[Occupation]) -> bool:
    """The article gives this one-holder post at `where` to someone else ("президент
    России Владимир Путин"): "президентом Бараком Обамой" is not guessed there. A
    minister of a named ministry ("министр обороны") has one holder too."""
    head = fact.position.split()[0] if fact.position else ""
    if fact.position not in SINGLE_HOLDER and not (head in SINGLE_WITH_SPHERE and fact.position != head):
        return False
    return any(other.where == where and other.position == fact.position and not other.former and
               not _maybe_same(other.person_name, fact.person_name) for other in stated)


def _maybe_same(first: str | None, second: str | None) -> bool:
    """Two person entities that may be one split by its forms ("Абдель Фаттах ас-Сиси" and
    "Абдель Фаттахом ас-Сиси"): they share a word's first letters."""
    stems = lambda name: {fold(w)[:4] for w in (name or "").split() if len(w) >= 3}
    return bool(stems(first) & stems(second))


def _offsets(doc: Doc, found) -> list[int]:
    """Doc offset of each fact's evidence start."""
    return [doc.from_card(fact.evidence.field, fact.evidence.start, fact.evidence.start)[0] for fact, _ in found]


def _prefer_stated(fact: Occupation, kind: str, stated: list[Occupation], by_id) -> None:
    """Take the place of the same person's post with a stated place of the same kind:
    "Президент Казахстана Токаев … Глава государства …" -> Казахстан, not the country
    the paragraph names most."""
    for other in stated:
        where = by_id.get(other.where) if other.where else None
        if other.person == fact.person and where is not None and _fits(where, kind):
            fact.where, fact.where_name = where.id, where.name
            return


def _occupation(doc: Doc, phrase: dict, by_id: dict[str, Entity]) -> tuple[Occupation, str | None] | None:
    """The fact a post phrase tells, and the kind of place it took from context (None if stated)."""
    person_id = doc.span_entity.get(phrase["person"]) if phrase["person"] is not None else phrase.get("entity")
    if person_id is None or person_id not in by_id or by_id[person_id].type != PER:
        return None
    if phrase["person"] is None and phrase["where_span"] is None and phrase["where_name"] is None and \
            _head_case(doc, phrase) not in ("Nom", None):
        return None  # "в администрации президента", "по фамилиям президента": no one's post in particular
    from_context = None
    if phrase["where_span"] is None and phrase["where_name"] is None:
        from_context = phrase["where_hint"] or {"state": "country", "region": "region"}.get(phrase["scope"])
    where = resolve_where(doc, phrase, by_id, guess=False) or _neighbour_where(doc, phrase, by_id)
    if where is None and from_context is None:
        return None  # "журналист Иванов", "основатель Марк Цукерберг": no post anywhere said
    where_id, where_name = where or (None, None)  # a context place may still come from a stated post
    start, stop = phrase["start"], phrase["stop"]
    if phrase["person"] is not None:
        person_span = doc.spans[phrase["person"]]
        start, stop = min(start, person_span.start), max(stop, person_span.stop)
    fact = Occupation(person=person_id, person_name=by_id[person_id].name, position=phrase["normal"],
                      where=where_id, where_name=where_name, former=phrase["former"],
                      evidence=doc.evidence(start, stop))
    return fact, from_context


def _head_case(doc: Doc, phrase: dict) -> str | None:
    at = bisect_left(doc.tokens, phrase["head_start"], key=lambda t: t.start)
    token = doc.tokens[at] if at < len(doc.tokens) else None
    return (token.feats or {}).get("Case") if token is not None and token.start == phrase["head_start"] else None


def _neighbour_where(doc: Doc, phrase: dict, by_id) -> tuple[str | None, str] | None:
    """A second post of the same mention takes the first one's place:
    "представитель вооружённых сил полковник Сансерн" -> полковник of the same forces."""
    for other in doc.positions:
        if other is not phrase and other["person"] == phrase["person"] and \
                (other["stop"] == phrase["start"] - 1 or other["stop"] == phrase["start"]):
            return resolve_where(doc, other, by_id)
    return None


def resolve_where(doc: Doc, phrase: dict, by_id: dict[str, Entity],
                  guess: bool = True) -> tuple[str | None, str] | None:
    """(entity id or None, name) of the place/org holding the post, or None; with
    `guess`, a post without one takes the salient place of its kind."""
    if phrase["where_span"] is not None:
        entity_id = doc.span_entity.get(phrase["where_span"])
        if entity_id:
            return entity_id, by_id[entity_id].name
        span = doc.spans[phrase["where_span"]]
        return None, span.normal or span.text
    if phrase["where_name"] and phrase["where_span"] is None and phrase["scope"] == "job" and \
            _from_adjective(doc, phrase):
        return None  # "финский актёр": a nationality, not a workplace
    if phrase["where_name"]:
        entity = _entity_named(doc, phrase["where_name"])
        return (entity.id, entity.name) if entity else (None, phrase["where_name"])
    kind = phrase["where_hint"] or {"state": "country", "region": "region"}.get(phrase["scope"])
    if kind is None:
        return None
    if not guess:
        return None
    entity = salient(doc, kind, phrase["start"])
    return (entity.id, entity.name) if entity else None


def _from_adjective(doc: Doc, phrase: dict) -> bool:
    return phrase["where_start"] is not None and phrase["where_start"] < phrase["head_start"]


def _entity_named(doc: Doc, name: str) -> Entity | None:
    """The LOC entity called `name` (or a form sharing its stem: "Приморье" ~ "Приморского края")."""
    target = name.lower()
    for entity in doc.entities:
        if entity.type == LOC and entity.name.lower() == target:
            return entity
    stem = target[:max(4, len(target) - 2)]
    for entity in doc.entities:
        if entity.type == LOC and entity.name.lower().startswith(stem):
            return entity
    return None


def is_country(entity: Entity) -> bool:
    if entity.subtype:
        return entity.subtype == "country"
    return fold(entity.name) in words.country_names()


def _fits(entity: Entity, kind: str) -> bool:
    if kind == "org":
        return entity.type == ORG
    if entity.type != LOC:
        return False
    if kind == "country":
        return is_country(entity)
    if entity.subtype:
        return entity.subtype in REGION_SUBTYPES and (kind != "city" or entity.subtype != "region")
    return not is_country(entity)


def salient(doc: Doc, kind: str, offset: int) -> Entity | None:
    """The entity of `kind` the passage talks about most: mentions in the same
    paragraph first, then in the article; ties go to the nearest mention before `offset`.

    Only entities named before the end of the sentence at `offset` count (a reader has
    not met the others yet)."""
    best, best_key = None, None
    sentence_stop = next((s.stop for s in doc.sents if s.start <= offset < s.stop), offset)
    field, card_offset, _ = doc.to_card(offset, offset)
    _, card_stop, _ = doc.to_card(sentence_stop, sentence_stop)
    text = doc.article.text if field == "text" else doc.article.title
    para_start = text.rfind("\n", 0, card_offset) + 1
    para_stop = text.find("\n", card_offset)
    para_stop = len(text) if para_stop < 0 else para_stop
    for entity in doc.entities:
        if not _fits(entity, kind):
            continue
        if not any(m.field == "title" or field == "text" and m.start < card_stop for m in entity.mentions):
            continue
        here = [m for m in entity.mentions if m.field == field]
        in_paragraph = sum(para_start <= m.start < para_stop for m in here)
        before = [m.start for m in here if m.start < card_offset]
        key = (in_paragraph, len(entity.mentions), max(before) if before else -1)
        if best_key is None or key > best_key:
            best, best_key = entity, key
    return best
