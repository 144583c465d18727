"""Action events (TAXONOMY.md) and modality on sentences of real news
(the shared RT / NG corpus, outside the real-news sample)."""
from __future__ import annotations

from letopis.article import Article


def events_of(pipeline, text: str, published: str = "2018-06-24") -> tuple[list[dict], dict]:
    """The card's events and entity id -> name, for one text."""
    card = pipeline(Article(title="", text=text, published=published)).as_json()
    return card["events"], {e["id"]: e["name"] for e in card["entities"]}


def one(events: list[dict], type_: str) -> dict:
    found = [e for e in events if e["type"] == type_]
    assert len(found) == 1, events
    return found[0]


def names(event: dict, role: str, entities: dict) -> list[str]:
    return [entities[i] for i in event[role]]


def test_passive_arrest_nominative_is_the_detained(pipeline):
    events, ents = events_of(pipeline, "Арчил Татунашвили был задержан в Южной Осетии 22 февраля.")
    arrest = one(events, "arrest")
    assert names(arrest, "targets", ents) == ["Арчил Татунашвили"]
    assert names(arrest, "places", ents) == ["Южная Осетия"]
    assert arrest["date"].endswith("-02-22") and arrest["precision"] == "day"
    assert arrest["modality"] == "happened"


def test_verdict_court_defendant_and_sentence(pipeline):
    events, ents = events_of(pipeline, "В марте прошлого года Савеловский суд Москвы заочно приговорил "
                                       "Глушкова к восьми годам колонии, признав виновным в хищении 122 млн долл.")
    verdict = one(events, "verdict")
    assert names(verdict, "targets", ents) == ["Глушков"]
    assert any("суд" in n.lower() for n in names(verdict, "actors", ents))
    assert verdict["counts"] == {"sentence_years": 8}
    assert verdict["date"] == "2017-03"  # "в марте прошлого года" of a 2018 article


def test_sanctions_imposer_and_target(pipeline):
    events, ents = events_of(pipeline, "В 1989 году США ввели санкции против Панамы.")
    sanctions = one(events, "sanctions")
    assert (sanctions["kind"], sanctions["date"]) == ("imposed", "1989")
    assert names(sanctions, "actors", ents) == ["США"]
    assert names(sanctions, "targets", ents) == ["Панама"]


def test_sanctions_extended_kind_from_the_verb(pipeline):
    events, ents = events_of(pipeline, "Впрочем, тогда Евросоюз официально продлил на год действие оружейного "
                                       "эмбарго против Белоруссии и санкции в отношении четырёх человек.")
    assert one(events, "sanctions")["kind"] == "extended"


def test_planned_exercise_keeps_its_future_period(pipeline):
    events, _ = events_of(pipeline, "В Пентагоне уточнили, что учения пройдут с 11 по 14 ноября.")
    exercise = one(events, "military")
    assert (exercise["kind"], exercise["modality"]) == ("exercise", "planned")
    assert (exercise["date"], exercise["stop"]) == ("2018-11-11", "2018-11-14")


def test_death_of_a_person_not_of_the_places_around(pipeline):
    events, ents = events_of(pipeline, 'Бывший пилот команды "Формулы-1" "Маруся" француз Жюль Бьянки '
                                       'скончался в больнице города Ницца в возрасте 25 лет.')
    assert names(one(events, "death"), "targets", ents) == ["Жюль Бьянки"]


def test_election_winner_and_date(pipeline):
    events, ents = events_of(pipeline, "Тем не менее на выборах, состоявшихся 12 декабря, победил демократ Джонс, "
                                       "набрав на 1,5% больше голосов, чем его соперник.", published="2017-12-20")
    election = one(events, "election")
    assert names(election, "actors", ents) == ["Джонс"]
    assert election["date"] == "2017-12-12"
    assert election["modality"] == "happened"  # "тем не менее" negates nothing


def test_criminal_case_against_a_person(pipeline):
    events, ents = events_of(pipeline, "В отношении Алиева возбудили уголовное дело за незаконное хранение боеприпасов.")
    case = one(events, "criminal_case")
    assert (case["kind"], names(case, "targets", ents)) == ("opened", ["Алиев"])


def test_claimed_hack_beside_a_real_arrest(pipeline):
    events, ents = events_of(pipeline, "В октябре разгорелся новый скандал: в Чехии был задержан российский хакер "
                                       "Евгений Никулин по обвинению во взломе американских ресурсов.")
    arrest, hack = one(events, "arrest"), one(events, "cyber")
    assert names(arrest, "targets", ents) == ["Евгений Никулин"] and arrest["modality"] == "happened"
    assert hack["modality"] == "claimed"


def test_negated_and_hypothetical_arrests(pipeline):
    events, _ = events_of(pipeline, "Основатель «Открытой России» Михаил Ходорковский уже пообещал правовую "
                                    "поддержку всем, кто может быть задержан.")
    assert all(e["modality"] != "happened" for e in events if e["type"] == "arrest")
    events, _ = events_of(pipeline, "Саркози не был задержан в Нантере.")
    assert one(events, "arrest")["modality"] == "negated"


def test_prevented_attack_is_negated(pipeline):
    events, _ = events_of(pipeline, "Теракт в Москве был предотвращен сотрудниками ФСБ.")
    assert one(events, "attack")["modality"] == "negated"


def test_earthquake_is_an_incident_with_casualties(pipeline):
    card = pipeline(Article(title="", published="2024-09-02", text=(
        "В Турции произошло землетрясение магнитудой 6,1. По данным властей, погибли 11 человек, "
        "еще 140 получили ранения."))).as_json()
    quake = one(card["events"], "incident")
    assert (quake["kind"], quake["killed"], quake["injured"]) == ("earthquake", 11, 140)


def test_teaser_line_is_not_an_event(pipeline):
    events, _ = events_of(pipeline, "Губернатор подписал указ.\nЧитайте также: В Москве задержали Ивана Петрова "
                                    "после взрыва на заводе")
    assert not [e for e in events if e["type"] in ("arrest", "incident", "attack")]
