"""HTTP JSON API over the real store (examples/ ingested): every endpoint,
its filters and pagination, and bad parameters answered in the one error shape.
"""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from letopis.web import create_app

REFERENCE_TITLE = "Токаев переговорил по телефону с Путиным"


@pytest.fixture(scope="module")
def client(web_kb):
    return TestClient(create_app(web_kb))


@pytest.fixture(scope="module")
def reference_id(client):
    items = client.get("/api/articles", params={"q": REFERENCE_TITLE}).json()["items"]
    assert items, "the reference article is not in the store"
    return items[0]["id"]


def assert_error(response, status: int, *words: str) -> dict:
    """The one error shape, with the status and words that name the problem."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"], body
    return body


def test_index_lists_endpoints_and_counts(client):
    body = client.get("/api").json()
    assert body["ok"] and body["read_only"] is True
    assert body["stats"]["articles"] >= 7  # 6 example files (one JSONL holds 3) + the hostile one
    for path in ["/api/articles", "/api/entities/{key}", "/api/events", "/api/events.csv", "/api/search", "/api/stories"]:
        assert path in body["endpoints"]


def test_stats_match_list_totals(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == client.get("/api/articles").json()["total"]
    assert stats["entities"] == client.get("/api/entities").json()["total"]
    assert stats["events"] == client.get("/api/events").json()["total"]
    assert stats["stories"] == client.get("/api/stories").json()["total"]


def test_articles_paginate_without_overlap(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert set(first["items"][0]) >= {"id", "title", "url", "source", "published", "rubric"}


def test_article_card_has_linked_entities(client, reference_id):
    card = client.get(f"/api/articles/{reference_id}").json()
    assert card["article"]["title"].startswith(REFERENCE_TITLE)
    tokayev = [e for e in card["entities"] if e["type"] == "PER" and "Токаев" in e["name"]]
    assert tokayev and tokayev[0]["corpus_id"]
    text = card["article"]["text"]
    for mention in tokayev[0]["mentions"]:
        if mention.get("field", "text") == "text":
            assert text[mention["start"]:mention["stop"]] == mention["text"]


def test_unknown_article_is_404(client):
    assert_error(client.get("/api/articles/0000000000000000"), 404, "article", "0000000000000000")


def test_entities_filter_by_type(client):
    body = client.get("/api/entities", params={"type": "LOC", "limit": 100}).json()
    assert body["total"] > 0 and all(e["type"] == "LOC" for e in body["items"])
    assert "Дагестан" in {e["name"] for e in body["items"]}


def tokayev_id(client, reference_id):
    """Токаев's corpus entity, reached the way a reader does: from the reference card."""
    card = client.get(f"/api/articles/{reference_id}").json()
    return next(e["corpus_id"] for e in card["entities"] if e["type"] == "PER" and "Токаев" in e["name"])


def test_entity_profile_by_id_and_by_name(client, reference_id):
    by_id = client.get(f"/api/entities/{tokayev_id(client, reference_id)}").json()
    by_name = client.get(f"/api/entities/{by_id['name']}").json()
    assert by_id["id"] == by_name["id"] and by_id["type"] == "PER"
    assert set(by_id) >= {"aliases", "positions", "mentions_per_day", "co_mentioned", "events", "articles"}
    assert by_id["mentions"] >= 3  # three mentions in the reference article
    assert "Владимир Путин" in {c["name"] for c in by_id["co_mentioned"]}
    assert reference_id in {a["id"] for a in by_id["articles"]}


def test_entities_q_matches_a_name_prefix(client, reference_id):
    wanted = tokayev_id(client, reference_id)
    hits = client.get("/api/entities", params={"q": "Касым", "type": "PER"}).json()["items"]
    assert wanted in {e["id"] for e in hits}
    assert client.get("/api/entities", params={"q": "Касым", "type": "LOC"}).json()["total"] == 0


def test_unknown_entity_is_404(client):
    assert_error(client.get("/api/entities/Нет Такого Человека"), 404, "entity")
    assert_error(client.get("/api/entities/99999999999999999999999"), 404, "entity")  # beyond 64-bit ids
    assert_error(client.get("/api/entities/¹"), 404, "entity")  # a digit to isdigit(), not to int()
    assert_error(client.get("/api/stories/99999999999999999999999"), 404, "story")
    assert_error(client.get("/api/facts", params={"entity": "99999999999999999999999"}), 400, "entity")


def test_facts_filter_by_type(client):
    every = client.get("/api/facts", params={"limit": 100}).json()
    assert every["total"] > 0
    kind = every["items"][0]["type"]
    some = client.get("/api/facts", params={"type": kind, "limit": 100}).json()
    assert some["total"] <= every["total"] and all(f["type"] == kind for f in some["items"])
    assert all(f["article_id"] for f in some["items"])


def test_events_filter_by_type_place_and_dates(client):
    attacks = client.get("/api/events", params={"type": "attack"}).json()
    assert attacks["total"] >= 1 and all(e["type"] == "attack" for e in attacks["items"])
    place = next(e["places"][0] for e in attacks["items"] if e["places"])
    there = client.get("/api/events", params={"place": place}).json()["items"]
    assert there and all(place in e["places"] for e in there)
    assert client.get("/api/events", params={"place": "Нигдебург"}).json()["total"] == 0
    june = client.get("/api/events", params={"date_from": "2024-06-01", "date_to": "2024-06-30", "limit": 100}).json()
    assert all("2024-06-01" <= e["date"][:10] <= "2024-06-30" for e in june["items"])
    assert june["total"] < client.get("/api/events").json()["total"]


def test_events_sort_by_killed_descending(client):
    items = client.get("/api/events", params={"sort": "-killed", "limit": 100}).json()["items"]
    killed = [e["killed"] for e in items if e.get("killed") is not None]
    assert killed and killed == sorted(killed, reverse=True)


def test_events_csv_has_every_filtered_row(client):
    response = client.get("/api/events.csv", params={"type": "attack"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == client.get("/api/events", params={"type": "attack"}).json()["total"]
    assert all(row["type"] == "attack" for row in rows)


def test_stories_and_one_story(client):
    every = client.get("/api/stories", params={"min_articles": 1, "limit": 100}).json()
    assert every["total"] >= 7  # every article belongs to some story
    assert client.get("/api/stories").json()["total"] <= every["total"]  # default: stories of 2+ articles
    first = every["items"][0]
    story = client.get(f"/api/stories/{first['id']}").json()
    assert story["id"] == first["id"] and len(story["articles"]) == first["articles"]
    assert_error(client.get("/api/stories/999999"), 404, "story")


def test_search_finds_inflected_forms(client, reference_id):
    body = client.get("/api/search", params={"q": "теракт"}).json()
    assert reference_id in {hit["article_id"] for hit in body["items"]}
    snippet = next(hit["snippet"] for hit in body["items"] if hit["article_id"] == reference_id)
    assert "<mark>" in snippet and "</mark>" in snippet


@pytest.mark.parametrize("query", ['"', "теракт*", "(Дагестан", "NEAR(a b)", "a OR", "-", "'; DROP TABLE articles; --"])
def test_search_survives_query_syntax(client, query):
    response = client.get("/api/search", params={"q": query})
    assert response.status_code in (200, 400), response.text
    assert client.get("/api/stats").json()["articles"] >= 7


@pytest.mark.parametrize("path, params, word", [
    ("/api/articles", {"limit": 0}, "limit"),
    ("/api/articles", {"limit": 101}, "limit"),
    ("/api/articles", {"limit": "ten"}, "limit"),
    ("/api/articles", {"offset": -1}, "offset"),
    ("/api/articles", {"q": "x" * 201}, "q"),
    ("/api/entities", {"type": "PERSON"}, "type"),
    ("/api/facts", {"type": "a b"}, "type"),
    ("/api/events", {"date_from": "23.06.2024"}, "date_from"),
    ("/api/events", {"date_to": "2024-02-30"}, "date_to"),
    ("/api/events", {"min_killed": -5}, "min_killed"),
    ("/api/events", {"sort": "random"}, "sort"),
    ("/api/events.csv", {"sort": "random"}, "sort"),
    ("/api/search", {}, "q"),
    ("/api/search", {"q": ""}, "q"),
    ("/api/stories", {"limit": 1000}, "limit"),
    ("/api/stories", {"min_articles": 0}, "min_articles"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, path, params, word):
    body = assert_error(client.get(path, params=params), 400, word)
    assert any(word in line for line in body["errors"])


def test_reversed_date_range_is_400(client):
    assert_error(client.get("/api/events", params={"date_from": "2024-07-01", "date_to": "2024-06-01"}),
                 400, "date_from", "date_to")


def test_unknown_path_and_writes_use_the_error_shape(client):
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.post("/api/articles", json={"title": "x"}), 405, "read-only")
    assert_error(client.delete("/api/articles/abc"), 405, "read-only")


def test_openapi_spec_documents_errors(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/search" in spec["paths"]
    events = spec["paths"]["/api/events"]["get"]
    assert "400" in events["responses"] and "422" not in events["responses"]
    assert {p["name"] for p in events["parameters"]} >= {"type", "place", "date_from", "date_to", "sort", "limit", "offset"}
    assert client.get("/api/docs").status_code == 200


def test_search_filters_in_the_api_and_the_page(client):
    every = client.get("/api/search", params={"q": "Дагестан"}).json()
    attacks = client.get("/api/search", params={"q": "Дагестан", "event_type": "attack"}).json()
    assert 1 <= attacks["total"] <= every["total"]
    late = client.get("/api/search", params={"q": "Дагестан", "date_from": "2024-06-25"}).json()
    assert all((hit["published"] or "") >= "2024-06-25" for hit in late["items"]) and late["total"] < every["total"]
    assert_error(client.get("/api/search", params={"q": "Дагестан", "entity": "Никто Никтоевич"}), 400, "no entity")
    assert_error(client.get("/api/search", params={"q": "x", "date_from": "2024-02-01", "date_to": "2024-01-01"}),
                 400, "after")
    page = client.get("/search", params={"q": "Дагестан", "event_type": "attack"})
    assert page.status_code == 200 and f'<strong class="total">{attacks["total"]}</strong>' in page.text
    assert '<option value="attack" selected>нападение' in page.text


def test_facts_csv_is_the_export_shape(client):
    from letopis.store.export import columns
    response = client.get("/api/facts.csv", params={"entity": "Токаев"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == columns("facts")
    assert len(rows) == client.get("/api/facts", params={"entity": "Токаев"}).json()["total"]
    assert any(r["person"] == "Касым-Жомарт Токаев" and r["person_id"].isdigit() for r in rows)


def test_search_facets_count_every_hit(client):
    body = client.get("/api/search", params={"q": "Дагестан", "limit": 1}).json()
    assert sum(f["count"] for f in body["facets"]["source"]) <= body["total"]
    source = body["facets"]["source"][0]
    narrowed = client.get("/api/search", params={"q": "Дагестан", "source": source["value"]}).json()
    assert narrowed["total"] == source["count"]
    assert 'data-facet="source"' in client.get("/search", params={"q": "Дагестан"}).text
