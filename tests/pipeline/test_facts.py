"""Occupation and meeting facts on the reference article and on written sentences."""
from __future__ import annotations

import pytest

from letopis.article import Article


def entity(card, entity_id):
    return card.entity(entity_id)


def is_person(card, entity_id, surname: str) -> bool:
    found = card.entity(entity_id)
    return found is not None and found.type == "PER" and any(surname in m.text for m in found.mentions)


def occupations(card):
    return [f for f in card.as_json()["facts"] if f["type"] == "occupation"]


def meetings(card):
    return [f for f in card.as_json()["facts"] if f["type"] == "meeting"]


@pytest.fixture(scope="session")
def card_of(pipeline):
    return lambda text: pipeline(Article(title="", text=text))


@pytest.mark.parametrize("surname, position, place", [
    ("Токаев", "президент", "Казахстан"),
    ("Путин", "президент", "Россия"),
    ("Меликов", "глава", "Дагестан"),  # "глава региона": the region comes from context
])
def test_reference_occupations(sample_card, surname, position, place):
    matches = [f for f in occupations(sample_card)
               if is_person(sample_card, f["person"], surname) and f["position"] == position]
    assert matches, f"no occupation for {surname}"
    fact = matches[0]
    assert sample_card.entity(fact["where"]).name == place
    assert fact["where_name"] == place
    start, stop = fact["evidence"]["start"], fact["evidence"]["stop"]
    assert surname[:5] in sample_card.article.text[start:stop]


def test_reference_phone_meeting(sample_card):
    phone = [f for f in meetings(sample_card) if f["mode"] == "phone"]
    assert len(phone) == 1
    fact = phone[0]
    assert len(fact["participants"]) == 2
    assert any(is_person(sample_card, p, "Токаев") for p in fact["participants"])
    assert any(is_person(sample_card, p, "Путин") for p in fact["participants"])
    assert fact["place"] is None  # "после терактов в Дагестане" is not where they talked


def test_reference_sides_add_nobody(sample_card):
    for fact in meetings(sample_card):
        assert len(set(fact["participants"])) == len(fact["participants"]) >= 2


@pytest.mark.parametrize("text, surname, position, place", [
    ("Валерий Зорькин, председатель Конституционного суда, высказал сомнения.", "Зорькин", "председатель",
     "Конституционного суда"),
    ("Министр финансов РФ Алексей Кудрин сообщил о проекте.", "Кудрин", "министр финансов", "РФ"),
    ("Экс-премьер Пакистана Беназир Бхутто вновь арестована.", "Бхутто", "экс-премьер", "Пакистана"),
    ("Представитель вооружённых сил полковник Сансерн Каевкамнерд заявил о перестрелках.", "Каевкамнерд",
     "представитель", "вооружённые силы"),
])
def test_occupation_patterns(card_of, text, surname, position, place):
    card = card_of(text)
    facts = [f for f in occupations(card) if is_person(card, f["person"], surname)]
    fact = next(f for f in facts if f["position"] == position)
    if fact["where"]:  # the place's entity: its name or one of its mentions ("РФ" may be named Россия)
        where = card.entity(fact["where"])
        names = {where.name.lower()} | {m.text.lower() for m in where.mentions}
    else:
        names = {fact["where_name"].lower()}
    assert place.lower() in names


@pytest.mark.parametrize("text, surname, position, place, former", [
    ("Иван Петров, занимающий должность министра финансов России, заявил о росте.", "Петров",
     "министр финансов", "России", False),
    ("В 2012 году Дмитрий Медведев был назначен на пост председателя правительства России.", "Медведев",
     "председатель правительства", "России", False),
    ("Бывший мэр Москвы Юрий Лужков скончался.", "Лужков", "мэр", "Москвы", True),
    ("Экс-глава МВД Украины Арсен Аваков прокомментировал ситуацию.", "Аваков", "экс-глава", "МВД", True),
])
def test_appointments_and_former_posts(card_of, text, surname, position, place, former):
    card = card_of(text)
    fact = next(f for f in occupations(card) if is_person(card, f["person"], surname))
    assert fact["position"] == position
    assert fact["former"] is former
    assert any(m.text == place for m in card.entity(fact["where"]).mentions)


def test_former_post_is_marked(card_of):
    card = card_of("Об этом заявил бывший глава компании «Ромашка» Артур Перепёлкин.")
    fact = occupations(card)[0]
    assert fact["former"] is True and fact["position"] == "глава"


def test_country_post_takes_the_article_country(card_of):
    card = card_of("Италия готовится к выборам. Премьер-министр Сильвио Берлускони заявил, что Италия справится.")
    fact = occupations(card)[0]
    assert card.entity(fact["where"]).name == "Италия"


@pytest.mark.parametrize("text", [
    "Журналист Виктор Шендерович выступил на радио.",  # a profession, no place or organization
    "Президенты обменялись мнениями по вопросам сотрудничества.",
])
def test_no_occupation(card_of, text):
    assert occupations(card_of(text)) == []


@pytest.mark.parametrize("text, names, mode", [
    ("Посол Италии Виторио Сандали встретился с заместителем министра иностранных дел Грузии "
     "Александром Налбандовым.", ("Сандали", "Налбандов"), "in_person"),
    ("Владимир Путин переговорил по телефону с Александром Лукашенко.", ("Путин", "Лукашенко"), "phone"),
    ("Глава «Газпрома» Алексей Миллер и министр энергетики Белоруссии Александр Озерец сегодня встречаются.",
     ("Миллер", "Озерец"), "in_person"),
    ("Ангела Меркель провела переговоры по видеосвязи с Эммануэлем Макроном.", ("Меркель", "Макрон"), "video"),
    ("В Кремле состоялись переговоры Владимира Путина и Си Цзиньпина.", ("Путин", "Си Цзиньпин"), "in_person"),
    ("Премьер-министр Индии Нарендра Моди принял в Нью-Дели министра иностранных дел России Сергея Лаврова.",
     ("Моди", "Лавров"), "in_person"),
    ("Дмитрий Песков сообщил, что Владимир Путин встретится с Джо Байденом в Женеве.", ("Путин", "Байден"),
     "in_person"),
])
def test_meeting_patterns(card_of, text, names, mode):
    card = card_of(text)
    found = meetings(card)
    assert len(found) == 1
    fact = found[0]
    assert fact["mode"] == mode
    assert len(fact["participants"]) == len(names)
    for name in names:
        assert any(is_person(card, p, name) for p in fact["participants"])


def test_meeting_place(card_of):
    card = card_of("Владимир Путин встретился в Астане с Касым-Жомартом Токаевым.")
    fact = meetings(card)[0]
    assert card.entity(fact["place"]).name == "Астана"


@pytest.mark.parametrize("text", [
    "Стороны отметили важность продолжения тесного взаимодействия.",
    "Президенты также обменялись мнениями по вопросам развития отношений.",
    "Сергей Лавров провел встречу с журналистами.",
    "«Встреча прошла конструктивно», — сообщил Дмитрий Песков.",
    "Владимир Путин принял решение о назначении Ивана Петрова.",
    "Владимир Путин так и не встретился с Джо Байденом.",
    "После месяцев переговоров с обоими шахматистами матч Топалов — Крамник состоится в Элисте.",
])
def test_no_meeting(card_of, text):
    assert meetings(card_of(text)) == []


def test_speaker_is_not_a_participant(card_of):
    card = card_of("Вопрос обсуждался во время встречи между премьер-министром Турции Реджепом Эрдоганом и "
                   "президентом Украины Виктором Януковичем, сказал лидер меджлиса Мустафа Джемилев.")
    fact = meetings(card)[0]
    assert not any(is_person(card, p, "Джемилев") for p in fact["participants"])
    assert len(fact["participants"]) == 2


def test_post_without_name_goes_to_the_person_just_named(card_of):
    card = card_of("Беньямин Нетаньяху отказался от участия в саммите. "
                   "Премьер-министр Израиля заявил, что не полетит в Вашингтон.")
    fact = next(f for f in occupations(card) if f["position"] == "премьер-министр")
    assert is_person(card, fact["person"], "Нетаньяху")
    assert card.entity(fact["where"]).name == "Израиль"


def test_post_without_name_stays_unresolved_between_two_people(card_of):
    card = card_of("Барак Обама принимает в Белом доме Николя Саркози. "
                   "Президент Франции прибыл в Вашингтон накануне.")
    assert occupations(card) == []


@pytest.mark.parametrize("text, names", [
    ("Президент России Владимир Путин прибыл в Астану. Он встретился с Касым-Жомартом Токаевым.",
     ("Путин", "Токаев")),
    ("Премьер-министр Японии Фумио Кисида выступил в парламенте. Позднее премьер-министр Японии провел "
     "переговоры с Джо Байденом.", ("Кисида", "Байден")),
])
def test_meeting_subject_named_by_pronoun_or_post(card_of, text, names):
    card = card_of(text)
    fact = meetings(card)[0]
    assert len(fact["participants"]) == 2
    for name in names:
        assert any(is_person(card, p, name) for p in fact["participants"])
