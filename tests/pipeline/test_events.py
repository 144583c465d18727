"""Events stage: the reference article (issue 4) and short composed texts."""
from __future__ import annotations

import pytest

from letopis.article import Article


def events_of(pipeline, text: str, title: str = "", published: str | None = "2024-06-24") -> list[dict]:
    """The card's events for one composed text."""
    return pipeline(Article(title=title, text=text, published=published)).as_json()["events"]


def of_type(events: list[dict], kind: str) -> list[dict]:
    return [e for e in events if e["type"] == kind]


def entity_ids_mentioned_as(card, *texts: str) -> set[str]:
    """Ids of the card's entities having a mention with one of `texts`."""
    return {e.id for e in card.entities for m in e.mentions if m.text in texts}


# --- the reference article: issue 4 acceptance ---

def test_reference_attack_is_one_event_with_three_places(sample_card):
    attacks = of_type(sample_card.as_json()["events"], "attack")
    assert len(attacks) == 1
    attack = attacks[0]
    assert attack["date"] == "XXXX-06-23"  # no publication date, no year in the text: the day, year unknown
    expected = [entity_ids_mentioned_as(sample_card, name) for name in ("Дербенте", "Махачкале", "Сергокала")]
    assert all(len(ids) == 1 for ids in expected)
    assert set(attack["places"]) == set().union(*expected)


def test_reference_attack_casualties_and_revision(sample_card):
    attack = of_type(sample_card.as_json()["events"], "attack")[0]
    assert attack["killed"] == 20
    assert attack["injured"] == 46
    assert [(r["field"], r["value"]) for r in attack["revisions"]] == [("killed", 15)]
    revision = attack["revisions"][0]["evidence"]
    assert "15 погибших" in sample_card.article.text[revision["start"]:revision["stop"]]


def test_reference_attack_targets(sample_card):
    attack = of_type(sample_card.as_json()["events"], "attack")[0]
    assert {"синагога", "церковь", "пост ДПС", "полицейская машина"} <= set(attack["targets"])


def test_reference_mourning(sample_card):
    mourning = of_type(sample_card.as_json()["events"], "mourning")
    assert len(mourning) == 1
    event = mourning[0]
    assert (event["start"], event["stop"]) == (None, None)  # no year in the article (issue 10)
    assert event["where"] in entity_ids_mentioned_as(sample_card, "Дагестане")
    assert event["declared_by"] in entity_ids_mentioned_as(sample_card, "Сергей Меликов")


def test_reference_event_dates_once_the_article_is_dated(pipeline, sample_article):
    """The same article published on 24 June 2024: the attack on the 23rd, mourning 24–26 June."""
    events = events_of(pipeline, sample_article.text, sample_article.title, published="2024-06-24")
    assert of_type(events, "attack")[0]["date"] == "2024-06-23"
    mourning = of_type(events, "mourning")[0]
    assert (mourning["start"], mourning["stop"]) == ("2024-06-24", "2024-06-26")


def test_reference_summit_and_condolences(sample_card):
    summit = of_type(sample_card.as_json()["events"], "summit")[0]
    assert summit["place"] in entity_ids_mentioned_as(sample_card, "Астане")
    assert summit["organization"] in entity_ids_mentioned_as(sample_card, "Шанхайской организации сотрудничества")
    condolences = [e for e in of_type(sample_card.as_json()["events"], "statement") if e["kind"] == "condolences"]
    attack_id = of_type(sample_card.as_json()["events"], "attack")[0]["id"]
    assert len(condolences) == 1
    assert condolences[0]["speaker"] in entity_ids_mentioned_as(sample_card, "Касым-Жомарт Токаев")
    assert condolences[0]["addressee"] in entity_ids_mentioned_as(sample_card, "Владимиру Путину")
    assert condolences[0]["about"] == attack_id


def test_event_ids_and_evidence_point_into_the_article(sample_card):
    assert [e["id"] for e in sample_card.as_json()["events"]] == [f"ev{n}" for n in range(1, len(sample_card.as_json()["events"]) + 1)]
    attack = of_type(sample_card.as_json()["events"], "attack")[0]
    evidence = attack["evidence"]
    assert "обстреляла синагогу" in sample_card.article.text[evidence["start"]:evidence["stop"]]


# --- counts in words and digits ---

@pytest.mark.parametrize("text, killed, injured", [
    ("В Самаре произошло ДТП. Двое погибших и трое раненых доставлены в морг и больницу.", 2, 3),
    ("Вчера в Туле произошел пожар. Погибли пять человек, еще 12 получили ранения.", 5, 12),
    ("В Омске прогремел взрыв газа. Пострадали двадцать два человека.", None, 22),
    ("В Перми загорелся склад. Погиб охранник.", 1, None),
    ("В Казани загорелся торговый центр. Никто не пострадал.", 0, 0),
])
def test_casualty_counts(pipeline, text, killed, injured):
    events = [e for e in events_of(pipeline, text) if e["type"] in ("attack", "incident")]
    assert len(events) == 1
    assert (events[0]["killed"], events[0]["injured"]) == (killed, injured)


def test_approximate_count(pipeline):
    text = "Вчера в Карачи произошел теракт. Более десяти человек получили ранения."
    event = of_type(events_of(pipeline, text), "attack")[0]
    assert event["injured"] == 10
    assert event["approx"] == {"injured": "more_than"}


# --- revisions ---

def test_revision_growth(pipeline):
    text = ("В Кабуле произошел взрыв у мечети, ответственность за теракт взяли боевики. "
            "Ранее сообщалось о шести погибших. Позже число жертв выросло до 12.")
    event = of_type(events_of(pipeline, text), "attack")[0]
    assert event["killed"] == 12
    assert [(r["field"], r["value"]) for r in event["revisions"]] == [("killed", 6)]


def test_part_of_a_figure_is_no_revision(pipeline):
    text = "В Брянске произошла стрельба в школе. Погибли пять человек, среди погибших двое детей."
    event = of_type(events_of(pipeline, text), "attack")[0]
    assert event["killed"] == 5
    assert event["revisions"] == []


# --- texts with no event, and several events ---

@pytest.mark.parametrize("text", [
    "Банк России сохранил ключевую ставку на уровне 16 процентов. Аналитики ожидали такого решения.",
    "В Ереване произошли столкновения между протестующими и полицией.",  # no vehicle: no road accident
    "В Москве хакеры провели атаку на сайт министерства.",
    "В Берлине финансовые санкции подорвали доверие инвесторов.",
    "Если бы в Париже произошел теракт, матч бы отменили.",
])
def test_no_event(pipeline, text):
    assert events_of(pipeline, text) == []


def test_drill_is_an_exercise_not_an_attack(pipeline):
    """A drill against attacks is an exercise (TAXONOMY.md), never the attack it rehearses."""
    text = "В Омске прошли учения по предотвращению терактов. Отрабатывались действия при угрозе взрыва."
    assert [(e["type"], e["kind"], e["modality"]) for e in events_of(pipeline, text)] == [
        ("military", "exercise", "happened")]


def test_two_incidents_stay_apart(pipeline):
    text = ("В субботу, 8 июня, в Самаре маршрутка столкнулась с легковым автомобилем, пострадали шесть человек. "
            "В воскресенье, 9 июня, в Саратове произошел пожар в жилом доме, погиб один человек.")
    card = pipeline(Article(title="", text=text, published="2024-06-10"))
    events = [e for e in card.as_json()["events"] if e["type"] == "incident"]
    assert [(e["kind"], e["date"], e["place_names"], e["killed"], e["injured"]) for e in events] == [
        ("road_accident", "2024-06-08", ["Самара"], None, 6),
        ("fire", "2024-06-09", ["Саратов"], 1, None),
    ]
    assert events[1]["targets"] == ["жилой дом"]


def test_decree_and_condemnation(pipeline):
    text = ("Глава Чеченской Республики Рамзан Кадыров 26 февраля подписал указ о создании нового министерства. "
            "Министерство иностранных дел России решительно осудило теракт в Анкаре.")
    events = events_of(pipeline, text, published="2024-02-27")
    decree = of_type(events, "decree")[0]
    assert decree["date"] == "2024-02-26"
    assert decree["about"] == "о создании нового министерства"
    statement = of_type(events, "statement")[0]
    assert statement["kind"] == "condemnation"
    assert statement["about"] == of_type(events, "attack")[0]["id"]


def test_targets_listed_with_their_places(pipeline):
    text = ("Боевики 23 июня обстреляли синагогу и церковь в Дербенте, пост ДПС в Махачкале "
            "и полицейскую машину в селе Сергокала.")
    card = pipeline(Article(title="", text=text, published="2024-06-25"))
    attack = of_type(card.as_json()["events"], "attack")[0]
    assert attack["targets"] == ["синагога", "церковь", "пост ДПС", "полицейская машина"]
    expected = set().union(*(entity_ids_mentioned_as(card, n) for n in ("Дербенте", "Махачкале", "Сергокала")))
    assert set(attack["places"]) == expected and len(expected) == 3
