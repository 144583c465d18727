"""The KnowledgeBase API over a store of the bundled examples plus a few crafted articles (both backends)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES, SAMPLE, new_store_url
from letopis.kb import KnowledgeBase

TOKAYEV = ("Токаев провёл совещание в Астане\n"
           "Президент Казахстана Токаев провёл совещание по развитию энергетики. Рост тарифов составил <5% & "
           "будет пересмотрен, заявил Токаев.\nОригинал статьи: https://example.kz/tokayev-meeting\n")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("kb")
    url = new_store_url(request.param, root)
    (root / "tokayev.txt").write_text(TOKAYEV, encoding="utf-8")
    reference = SAMPLE.read_text(encoding="utf-8")
    copy = reference.replace("Напомним", "Отметим", 1).replace(
        "Оригинал статьи:", "Подробности уточняются.\nОригинал статьи: https://copy.example.com/a\nБыло:")
    (root / "copy.txt").write_text(copy, encoding="utf-8")
    base = KnowledgeBase(url)
    summary = base.ingest([str(EXAMPLES)], workers=0, progress=False)
    summary2 = base.ingest([str(root / "tokayev.txt"), str(root / "copy.txt")], workers=0, progress=False)
    assert summary["failed"] == [] and summary2["failed"] == [] and summary2["new"] == 2
    return base


def reference_id(kb):
    hits = kb.search("теракт Дагестан Токаев Путин", limit=5)["items"]
    return next(h["article_id"] for h in hits if h["title"].startswith("Токаев переговорил"))


def test_stats_count_what_was_stored(kb):
    stats = kb.stats()
    assert stats["articles"] == kb.articles(limit=1)["total"] >= 8
    assert stats["entities"] == kb.entities(limit=1)["total"] > 20
    assert stats["events"] == kb.events(limit=1)["total"] > 0
    assert stats["near_duplicates"] >= 1


def test_search_is_morphology_aware_ranked_and_escaped(kb):
    result = kb.search("теракт")
    assert result["total"] >= 1
    top = result["items"][0]
    assert "<mark>" in top["snippet"]
    marked = top["snippet"].split("<mark>")[1].split("</mark>")[0].lower()
    assert marked.startswith("теракт")  # an inflected form found by the lemma
    scores = [i["score"] for i in result["items"]]
    assert scores == sorted(scores, reverse=True)
    escaped = kb.search("тарифов")["items"][0]["snippet"]
    assert "&lt;5%" in escaped and "&amp;" in escaped and "<5" not in escaped
    for hostile in ['"', "теракт*", "NEAR(a b)", "(((", "a OR", "'; DROP TABLE articles; --", ""]:
        assert isinstance(kb.search(hostile)["total"], int)


def test_entity_profile_links_tokayev_across_articles(kb):
    profile = kb.entity("Токаев")
    assert profile and profile["type"] == "PER"
    assert profile["article_count"] >= 3  # the reference, its near-copy and the surname-only article
    names = [profile["name"], *profile["aliases"]]
    assert any("Касым-Жомарт" in n for n in names) and "Токаев" in names
    titles = {a["title"] for a in profile["articles"]}
    assert "Токаев провёл совещание в Астане" in titles
    co = {c["name"] for c in profile["co_mentioned"]}
    assert "Казахстан" in co
    assert kb.entity(profile["id"])["name"] == profile["name"] == kb.entity(str(profile["id"]))["name"]
    assert kb.entity("Нет Такого Человека") is None


def test_abbreviations_link_to_one_entity(kb):
    shos = kb.entity("ШОС")
    assert shos and shos["name"] == "Шанхайская организация сотрудничества"
    assert shos["article_count"] >= 2


def test_card_has_corpus_links_and_duplicate_flag(kb):
    card = kb.card(reference_id(kb))
    assert card["article"]["title"].startswith("Токаев переговорил")
    assert all(isinstance(e["corpus_id"], int) for e in card["entities"])
    copies = [a for a in kb.articles(limit=100)["items"] if a["url"] == "https://copy.example.com/a"]
    copy = kb.card(copies[0]["id"])
    assert copy["corpus"]["duplicate_of"] == card["article"]["id"]
    assert copy["corpus"]["story_id"] == card["corpus"]["story_id"]
    assert kb.card("no-such-id") is None


def test_stories_group_the_copy_with_the_original(kb):
    stories = kb.stories()["items"]
    assert stories and all(s["articles"] >= 2 for s in stories)
    story = kb.story(kb.card(reference_id(kb))["corpus"]["story_id"])
    titles = [a["title"] for a in story["articles"]]
    assert sum(t.startswith("Токаев переговорил") for t in titles) == 2  # the reference and its copy
    assert "Число жертв терактов в Дагестане выросло до 22" in titles  # the bundled follow-up
    assert story["entities"]
    assert kb.story(10 ** 6) is None and kb.story("x") is None


def test_event_filters(kb):
    attacks = kb.events(type="attack")["items"]
    assert attacks and all(e["type"] == "attack" for e in attacks)
    derbent = kb.events(place="Дербент")["items"]
    assert derbent and all("Дербент" in e["places"] for e in derbent)
    killed = kb.events(min_killed=10)["items"]
    assert killed and all(e["killed"] >= 10 for e in killed)
    june = kb.events(date_from="2024-06-01", date_to="2024-06-30")["items"]
    assert june and all("2024-06-01" <= e["date"][:10] <= "2024-06-30" for e in june)
    assert kb.events(date_from="2099-01-01")["total"] == 0
    by_killed = [e["killed"] for e in kb.events(sort="-killed")["items"] if e["killed"] is not None]
    assert by_killed == sorted(by_killed, reverse=True)
    with pytest.raises(ValueError):
        kb.events(sort="nonsense")


def test_entities_listing_and_facts(kb):
    top = kb.entities(limit=5)["items"]
    assert [e["mentions"] for e in top] == sorted((e["mentions"] for e in top), reverse=True)
    assert all(e["type"] == "LOC" for e in kb.entities(type="LOC")["items"])
    assert any(e["name"] == "Россия" for e in kb.entities(q="РФ")["items"])
    facts = kb.facts()
    assert facts["total"] > 0 and all("article_id" in f for f in facts["items"])


def test_exports_csv_and_jsonl(kb, tmp_path):
    for kind in ("entities", "facts", "events"):
        out = io.StringIO()
        n = kb.export(kind, "jsonl", out)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        assert n == len(rows) > 0
        path = tmp_path / f"{kind}.csv"
        assert kb.export(kind, "csv", str(path)) == n
        with open(path, encoding="utf-8", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == n
    with pytest.raises(ValueError):
        kb.export("people", "csv", io.StringIO())
