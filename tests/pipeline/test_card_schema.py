"""The article card: the JSON contract of SPEC.md, checked on the reference article's card."""
from __future__ import annotations

import json
import re

import pytest

from letopis.card import Card

ARTICLE_KEYS = {"id": str, "title": str, "url": (str, type(None)), "source": (str, type(None)),
                "published": (str, type(None)), "rubric": (str, type(None)), "subheadings": list, "text": str}
ENTITY_KEYS = {"id": str, "type": str, "subtype": (str, type(None)), "name": str, "mentions": list,
               "descriptors": list}
DATE_KEYS = {"start": int, "stop": int, "text": str, "value": (str, type(None)), "precision": str}
ENTITY_ID = re.compile(r"^e\d+$")
ISO_PREFIX = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?")  # XXXX: year unknown (ISO 8601-2)


@pytest.fixture(scope="module")
def card_json(sample_card) -> dict:
    return json.loads(json.dumps(sample_card.as_json(), ensure_ascii=False))


def check_keys(record: dict, keys: dict, where: str) -> None:
    for key, kind in keys.items():
        assert key in record, f"{where}: missing {key!r}"
        assert isinstance(record[key], kind), f"{where}.{key}: {type(record[key]).__name__}"


def field_text(card: dict, span: dict) -> str:
    return card["article"]["title"] if span.get("field") == "title" else card["article"]["text"]


def test_round_trip(sample_card, card_json):
    again = Card.from_json(card_json)
    assert again.as_json() == card_json
    assert again.article.id == sample_card.article.id


def test_top_level_and_article(card_json):
    assert set(card_json) >= {"article", "entities", "facts", "events", "dates"}
    check_keys(card_json["article"], ARTICLE_KEYS, "article")
    published = card_json["article"]["published"]
    assert published is None or ISO_PREFIX.match(published)


def test_entities(card_json):
    ids = [e["id"] for e in card_json["entities"]]
    assert len(ids) == len(set(ids)) and ids
    for entity in card_json["entities"]:
        check_keys(entity, ENTITY_KEYS, entity["id"])
        assert entity["type"] in {"PER", "ORG", "LOC"}
        assert ENTITY_ID.match(entity["id"])
        assert entity["mentions"], entity
        for mention in entity["mentions"]:
            assert field_text(card_json, mention)[mention["start"]:mention["stop"]] == mention["text"]


def test_dates(card_json):
    for date in card_json["dates"]:
        check_keys(date, DATE_KEYS, date.get("text", "?"))
        assert field_text(card_json, date)[date["start"]:date["stop"]] == date["text"]
        assert date["value"] is None or ISO_PREFIX.match(date["value"])


def entity_refs(value):
    """Every string inside a fact or event that looks like an entity id."""
    if isinstance(value, str):
        return [value] if ENTITY_ID.match(value) else []
    if isinstance(value, dict):
        return [ref for v in value.values() for ref in entity_refs(v)]
    if isinstance(value, list):
        return [ref for v in value for ref in entity_refs(v)]
    return []


@pytest.mark.parametrize("section", ["facts", "events"])
def test_facts_and_events_reference_entities_of_the_card(card_json, section):
    ids = {e["id"] for e in card_json["entities"]}
    text_length = len(card_json["article"]["text"])
    for item in card_json[section]:
        assert isinstance(item.get("type"), str), item
        assert set(entity_refs(item)) <= ids, item
        evidence = item.get("evidence")
        if evidence and evidence.get("field") != "title":
            assert 0 <= evidence["start"] < evidence["stop"] <= text_length
