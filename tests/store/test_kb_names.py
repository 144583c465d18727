"""What the knowledge base says about names: aliases are names, search finds every
form of a name, facts and events name corpus entities (never card-local ids)."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import EXAMPLES, new_store_url
from letopis.corpus.aliases import display_aliases
from letopis.kb import KnowledgeBase
from letopis.store import export

# Two real-style articles naming one person in different cases only ("Сапарова", "Сапаровым").
SAPAROV_GENITIVE = ("Визит Сапарова в Бишкек\n"
                    "Опубликовано: 3 апреля 2017\n"
                    "Переговоры Ерлана Сапарова с киргизскими коллегами прошли в Бишкеке. "
                    "Сапарова встретили в аэропорту.\n")
SAPAROV_INSTRUMENTAL = ("В Астане встретились министры\n"
                        "Опубликовано: 5 мая 2018\n"
                        "С Ерланом Сапаровым в Астане встретился министр иностранных дел Киргизии "
                        "Айбек Турдуев.\n")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    (root / "a.txt").write_text(SAPAROV_GENITIVE, encoding="utf-8")
    (root / "b.txt").write_text(SAPAROV_INSTRUMENTAL, encoding="utf-8")
    base = KnowledgeBase(new_store_url(request.param, root))
    summary = base.ingest([str(EXAMPLES), str(root / "a.txt"), str(root / "b.txt")], workers=0, progress=False)
    assert summary["failed"] == []
    return base


@pytest.mark.parametrize("name, aliases, shown", [
    ("Владимир Путин", ["Путин", "Путину", "Путиным", "Владимирович", "В. Путин", "Владимира Путина"],
     ["В. Путин", "Путин"]),
    ("Касым-Жомарт Токаев", ["Токаев", "Токаева", "Токаеву", "Касым-Жомарта Токаева"], ["Токаев"]),
    ("Россия", ["РФ", "России", "Российская Федерация", "Российской Федерации"], ["РФ", "Российская Федерация"]),
])
def test_aliases_are_names_not_case_forms(name, aliases, shown):
    assert display_aliases(name, aliases) == shown


def test_entity_profile_aliases_have_no_case_forms(kb):
    profile = kb.entity("Токаев")
    assert profile["name"] == "Касым-Жомарт Токаев"
    assert "Токаева" not in profile["aliases"] and "Токаеву" not in profile["aliases"]
    rows = list(csv.DictReader(io.StringIO(_export(kb, "entities"))))
    row = next(r for r in rows if r["name"] == "Касым-Жомарт Токаев")
    assert "Токаева" not in row["aliases"].split("; ")


@pytest.mark.parametrize("query", ["Сапаров", "Сапарова", "Сапаровым", "Ерлан Сапаров"])
def test_search_finds_a_person_in_every_form(kb, query):
    titles = {hit["title"] for hit in kb.search(query, limit=20)["items"]}
    assert {"Визит Сапарова в Бишкек", "В Астане встретились министры"} <= titles, (query, titles)


def test_search_filters_narrow_the_hits(kb):
    def titles(**filters):
        return {h["title"] for h in kb.search("Сапаров", limit=20, **filters)["items"]}
    everything = titles()
    assert {"Визит Сапарова в Бишкек", "В Астане встретились министры"} <= everything
    assert "В Астане встретились министры" in titles(date_from="2018-01-01")
    assert "Визит Сапарова в Бишкек" not in titles(date_from="2018-01-01")
    assert titles(date_from="2017-04-01", date_to="2017") == {"Визит Сапарова в Бишкек"}
    assert "Визит Сапарова в Бишкек" not in titles(entity="Айбек Турдуев")
    assert "В Астане встретились министры" in titles(entity="Айбек Турдуев")
    attacks = kb.search("Дагестан", event_type="attack", limit=20)
    assert attacks["total"] >= 1
    assert all(any(e["type"] == "attack" for e in kb.card(h["article_id"])["events"]) for h in attacks["items"])
    with pytest.raises(ValueError, match="no entity named"):
        kb.search("Сапаров", entity="Никто Никтоевич")


def test_facts_and_events_name_corpus_entities(kb):
    facts = kb.facts(entity="Токаев", limit=50)["items"]
    assert facts
    tokayev = kb.entity("Токаев")["id"]
    for fact in facts:
        if fact["type"] == "occupation":
            assert fact["person"] == tokayev and fact["entities"]["person"] == ["Касым-Жомарт Токаев"]
        else:
            assert tokayev in fact["participants"]
    mourning = [e for e in kb.events(type="mourning", limit=50)["items"] if e.get("where") is not None]
    assert mourning
    for event in mourning:  # a card id ("e1") would name a different place in every article
        assert isinstance(event["where"], int)
        assert kb.entity(event["where"])["name"] == event["entities"]["where"][0]


def _export(kb, kind: str) -> str:
    out = io.StringIO()
    kb.export(kind, "csv", out)
    return out.getvalue()


@pytest.mark.parametrize("kind", export.KINDS)
def test_csv_is_flat_with_names_beside_ids(kb, kind):
    rows = list(csv.reader(io.StringIO(_export(kb, kind))))
    assert rows[0] == export.columns(kind) and len(rows) > 1
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("[", "{")) for c in cells)  # no JSON in cells
    if kind == "facts":
        table = list(csv.DictReader(io.StringIO(_export(kb, kind))))
        occupation = next(r for r in table if r["type"] == "occupation" and r["person"] == "Касым-Жомарт Токаев")
        assert occupation["person_id"] == str(kb.entity("Токаев")["id"])


def test_search_finds_tokayev_from_either_form(kb):
    """pymorphy3 lemmatizes "Токаев" as токай and "Токаева" as токаева: the indexed
    normalized name makes both queries find the same articles."""
    nominative = {h["article_id"] for h in kb.search("Токаев", limit=20)["items"]}
    genitive = {h["article_id"] for h in kb.search("Токаева", limit=20)["items"]}
    assert len(nominative) >= 2 and nominative == genitive
