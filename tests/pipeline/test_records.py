"""Typed facts and events: JSON round trips, declared entity references, the events registry."""
from __future__ import annotations

import json

import pytest

from letopis.article import Article
from letopis.card import Card
from letopis.records import (CasualtyEvent, Evidence, Statement, UnknownRecord, event_from_json,
                             fact_from_json)
from letopis.schema import ATTACK, EVENT_TYPES, FACT_TYPES

from conftest import EXAMPLES


@pytest.fixture(scope="session")
def example_cards(pipeline):
    from letopis.readers import read
    paths = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    return [pipeline(article) for path in paths for article in read(path)]


def test_examples_have_facts_and_events(example_cards):
    assert sum(len(c.facts) for c in example_cards) > 0
    assert sum(len(c.events) for c in example_cards) > 0


def test_every_record_round_trips(example_cards):
    for card in example_cards:
        for fact in card.facts:
            data = fact.as_json()
            assert fact.type in FACT_TYPES
            assert json.dumps(fact_from_json(data).as_json()) == json.dumps(data)
        for event in card.events:
            data = event.as_json()
            assert event.type in EVENT_TYPES
            assert json.dumps(event_from_json(data).as_json()) == json.dumps(data)


def test_card_round_trips_with_records(example_cards):
    for card in example_cards:
        data = card.as_json()
        again = Card.from_json(json.loads(json.dumps(data)))
        assert json.dumps(again.as_json()) == json.dumps(data)
        assert [type(e) for e in again.events] == [type(e) for e in card.events]


def test_entity_refs_are_card_entities(example_cards):
    for card in example_cards:
        ids = {e.id for e in card.entities}
        for record in card.facts + card.events:
            refs = record.entity_refs()
            assert set(refs) <= set(record.roles)
            assert {i for found in refs.values() for i in found} <= ids


def test_reference_attack_refs_name_its_places(sample_card):
    attack = next(e for e in sample_card.events if e.type == ATTACK)
    assert isinstance(attack, CasualtyEvent)
    refs = attack.entity_refs()
    names = {sample_card.entity(i).name for i in refs["places"]}
    assert {"Дербент", "Махачкала", "Сергокала"} <= names
    assert set(refs) <= {"places", "regions"}


def test_optional_keys_are_left_out():
    event = CasualtyEvent(type=ATTACK, kind="shooting", evidence=Evidence(0, 5))
    data = event.as_json()
    assert "regions" not in data and "approx" not in data
    assert list(data)[:3] == ["id", "type", "kind"]


def test_evidence_in_the_headline_says_so():
    assert Evidence(0, 5, "title").as_json() == {"start": 0, "stop": 5, "field": "title"}
    assert Evidence(3, 5).as_json() == {"start": 3, "stop": 5}


def test_unknown_type_and_keys_survive():
    future = {"id": "ev9", "type": "coronation", "monarch": "e1", "evidence": {"start": 0, "stop": 3}}
    record = event_from_json(future)
    assert isinstance(record, UnknownRecord)
    assert record.as_json() == future and record.entity_refs() == {}
    newer = {"id": "ev1", "type": "statement", "kind": "condolences", "speaker": "e1", "speaker_name": "X",
             "addressee": None, "addressee_name": None, "about": None,
             "evidence": {"start": 0, "stop": 3}, "tone": "warm"}
    statement = event_from_json(newer)
    assert isinstance(statement, Statement)
    assert json.dumps(statement.as_json()) == json.dumps(newer)


def test_doc_offsets_both_ways(sample_doc):
    doc = sample_doc
    body = doc.body_offset + 10
    assert doc.from_card(*doc.to_card(body, body + 4)) == (body, body + 4)
    assert doc.to_card(0, 4) == ("title", 0, 4)
    assert doc.from_card("title", 0, 4) == (0, 4)


# --- the events registry ---

def recording(extractor, ran: list):
    """`extractor`, noting its name in `ran` when it runs."""
    def extract(ctx):
        ran.append(extractor.name)
        return extractor.extract(ctx)
    return type(extractor)(extractor.name, extract, extractor.folds_headlines)


def test_registry_runs_every_extractor(pipeline, sample_article):
    from letopis.pipeline.events import registry
    doc = pipeline.doc(sample_article)
    ran = []
    extractors = [recording(x, ran) for x in registry.EXTRACTORS]
    events = registry.find_events(registry.EventContext(doc, pipeline.models), extractors)
    assert ran == [x.name for x in registry.EXTRACTORS]
    assert [e.as_json() for e in events] == [e.as_json() for e in doc.events]
    assert {e.type for e in events} >= {"attack", "mourning", "summit", "statement"}


def test_new_extractor_gets_the_next_id(pipeline, sample_article):
    from letopis.pipeline.events import registry
    doc = pipeline.doc(sample_article)
    before = [e.as_json() for e in doc.events]

    def anniversaries(ctx):
        return [Statement(kind="condolences", speaker=ctx.doc.entities[0].id, evidence=Evidence(0, 1))]

    extractors = registry.EXTRACTORS + [registry.Extractor("anniversaries", anniversaries)]
    events = registry.find_events(registry.EventContext(doc, pipeline.models), extractors)
    assert [e.as_json() for e in events[:-1]] == before
    assert events[-1].id == f"ev{len(before) + 1}"
    assert [e.id for e in events] == [f"ev{n}" for n in range(1, len(events) + 1)]


def test_statement_about_names_the_attack(sample_card):
    attack = next(e for e in sample_card.events if e.type == ATTACK)
    abouts = [e.about for e in sample_card.events if isinstance(e, Statement)]
    assert attack.id in abouts


def test_composed_text_events_are_records(pipeline):
    card = pipeline(Article(title="", text="В Москве 23 июня произошел взрыв газа. Погибли 3 человека."))
    assert all(hasattr(e, "entity_refs") for e in card.events)
