"""Occupations and meetings on real news sentences, one test per class of error.

Sentences come from `../shared/data/corpus/rt_ng.jsonl.gz` (record ids in the
comments; none is in the CHECK split of bench/data/real/sample.jsonl), from the
bundled example 001, or are written to the pattern the issue names.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from letopis.article import Article
from letopis.readers import read

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def facts_of(pipeline):
    def facts(text: str) -> tuple[list[tuple], list[tuple]]:
        """(occupations as (person, position, place, former), meetings as (names set, mode))."""
        card = pipeline(Article(title="", text=text))
        names = {e.id: e.name for e in card.entities}
        occupations = [(names[f.person], f.position, names.get(f.where) or f.where_name, f.former)
                       for f in card.facts if f.type == "occupation"]
        meetings = [(frozenset(names[p] for p in f.participants), f.mode)
                    for f in card.facts if f.type == "meeting"]
        return occupations, meetings
    return facts


def posts_of(occupations, surname: str) -> dict[str, str | None]:
    return {position: place for person, position, place, _ in occupations if surname in person}


@pytest.mark.parametrize("text", [
    # russia_today_2:0316
    "Прокомментировали ситуацию и в Кремле: пресс-секретарь президента России Владимира Путина "
    "Дмитрий Песков отметил чувствительность ситуации.",
    # ng_1:0214: the whole chain genitive, two names in a row
    "В первый вошли 43 сотрудника администрации президента, включая ее руководителя Антона Вайно "
    "и пресс-секретаря президента России Владимира Путина Дмитрия Пескова.",
])
def test_genitive_chain_gives_each_post_its_holder(facts_of, text):
    occupations, _ = facts_of(text)
    assert posts_of(occupations, "Песков").get("пресс-секретарь президента") == "Россия"
    assert posts_of(occupations, "Путин") == {"президент": "Россия"}


def test_post_in_another_case_is_not_the_name_s(facts_of):
    # "президента" (genitive) is not Белоусов's post; "назначен министром" is
    occupations, _ = facts_of("Указом президента Андрей Белоусов назначен министром обороны РФ.")
    assert posts_of(occupations, "Белоусов") == {"министр обороны": "Россия"}


@pytest.mark.parametrize("text, pairs", [
    # ng_1:0934
    ("В конце августа 2004 года премьер-министры России и Украины Михаил Фрадков и Виктор Янукович "
     "подписали соглашение «О мерах по обеспечению стратегического сотрудничества в газовой отрасли».",
     {"Фрадков": ("премьер-министр", "Россия"), "Янукович": ("премьер-министр", "Украина")}),
    # russia_today_1:0916
    ("27 февраля 1998 года президенты РФ и Украины Борис Ельцин и Леонид Кучма договорились о "
     "принятии этого самолёта на вооружение двух стран.",
     {"Ельцин": ("президент", "Россия"), "Кучма": ("президент", "Украина")}),
])
def test_plural_post_shared_by_coordinated_names(facts_of, text, pairs):
    occupations, _ = facts_of(text)
    for surname, (position, place) in pairs.items():
        assert posts_of(occupations, surname) == {position: place}


def test_abbreviation_in_brackets_does_not_cut_the_post(facts_of):
    # ng_0:0090
    occupations, _ = facts_of("«Ардзинба высоко оценил вклад добровольцев из республик Северного Кавказа "
                              "в победу над войсками Грузии, – заявил в «НГ» экс-президент Конфедерации "
                              "народов Кавказа (КНК) Муса Шанибов, получивший ранение на абхазской войне.")
    facts = [f for f in occupations if "Шанибов" in f[0]]
    assert facts and facts[0][1] == "экс-президент" and "Конфедерация народов Кавказа" in facts[0][2]
    assert facts[0][3] is True


def test_acting_post_keeps_its_abbreviation(facts_of):
    # russia_today_5:0234
    occupations, _ = facts_of("Надеюсь, что мы сможем дойти до премьер-министра с уже согласованной "
                              "позицией», — отметил в интервью RT врио губернатора Калининградской "
                              "области Антон Алиханов.")
    assert posts_of(occupations, "Алиханов") == {"врио губернатора": "Калининградская область"}


@pytest.mark.parametrize("text, surname", [
    # russia_today_5:0504
    ("В июне 2017 года Арун Джейтли, занимавший в то время пост министра обороны Республики Индия, "
     "встретился в Москве со своим российским коллегой Сергеем Шойгу.", "Джейтли"),
    ("Алексей Кудрин оставил пост министра финансов России в 2011 году.", "Кудрин"),
    ("Бывший министр финансов России Алексей Кудрин выступил на форуме.", "Кудрин"),
])
def test_former_post_is_marked(facts_of, text, surname):
    occupations, _ = facts_of(text)
    facts = [f for f in occupations if surname in f[0]]
    assert facts and all(former for *_, former in facts)


def test_current_post_is_not_former(facts_of):
    occupations, _ = facts_of("Министр финансов России Антон Силуанов выступил на форуме.")
    assert occupations and not any(former for *_, former in occupations)


def test_dash_joined_posts_share_the_name(facts_of):
    occupations, _ = facts_of("Вице-премьер — министр промышленности и торговли России Денис Мантуров "
                              "посетил завод.")
    posts = posts_of(occupations, "Мантуров")
    assert posts.get("вице-премьер") == "Россия"
    assert posts.get("министр промышленности и торговли") == "Россия"


@pytest.mark.parametrize("text", [
    # russia_today_0:0721 and a following sentence naming Russia only afterwards
    "Он был подписан президентом Бараком Обамой. Россия ответила санкциями.",
    # the article gives Russia's presidency to Putin: Obama's is not guessed as Russia's
    "Президент России Владимир Путин прилетел в Нью-Йорк. Встреча с президентом Бараком Обамой "
    "продлилась два часа.",
])
def test_no_place_guessed_against_the_text(facts_of, text):
    occupations, _ = facts_of(text)
    assert not any("Обама" in person and place == "Россия" for person, _, place, _ in occupations)


def test_example_001_meeting_of_ministers(pipeline):
    article = next(iter(read(EXAMPLES / "001_mid_kazakhstan_kirgizia.txt")))
    card = pipeline(article)
    names = {e.id: e.name for e in card.entities}
    met = [f for f in card.facts if f.type == "meeting"]
    assert any({names[p] for p in f.participants} == {"Ерлан Сапаров", "Айбек Турдуев"} for f in met)
    fact = next(f for f in met if {names[p] for p in f.participants} == {"Ерлан Сапаров", "Айбек Турдуев"})
    assert names.get(fact.place) == "Астана"
    occupations = {(names[f.person], f.position, names.get(f.where)) for f in card.facts if f.type == "occupation"}
    assert ("Айбек Турдуев", "министр иностранных дел", "Киргизия") in occupations


@pytest.mark.parametrize("text, people, mode", [
    # russia_today_5:0117
    ("Президент России Владимир Путин и канцлер Германии Ангела Меркель обсудили по телефону "
     "кризисную ситуацию на юго-востоке Украины.", {"Путин", "Меркель"}, "phone"),
    # russia_today_0:0053
    ("Во вторник президент России Владимир Путин обсудил по телефону с эмиром Катара Тамимом "
     "бин Хамадом Аль Тани ситуацию в регионе.", {"Путин", "Тани"}, "phone"),
    ("Министр обороны России Сергей Шойгу провел переговоры с министром обороны Китая Вэй Фэнхэ.",
     {"Шойгу", "Фэнхэ"}, "in_person"),
    ("Премьер-министры России и Украины Михаил Фрадков и Виктор Янукович провели переговоры в Сочи.",
     {"Фрадков", "Янукович"}, "in_person"),
])
def test_meeting_with_posts_and_phone(facts_of, text, people, mode):
    _, meetings = facts_of(text)
    assert any(all(any(s in name for name in names) for s in people) and len(names) == 2 and m == mode
               for names, m in meetings), meetings


def test_far_partner_is_no_meeting(facts_of):
    # a corpus sentence (not in the sample): "с" belongs to "сходству", far from "встретил"
    _, meetings = facts_of("Когда я впервые встретил знаменитого художника Владимира Викторовича Кибальчича, "
                           "известного более под псевдонимом Влади, в советском посольстве в Мехико на юбилее "
                           "Октябрьской революции в ноябре 1987 года, поразился его сходству с моим близким "
                           "другом русским писателем Дмитрием Балашовым.")
    assert not meetings


def test_long_post_keeps_the_body_s_sphere(facts_of):
    occupations, _ = facts_of("Об этом сообщил зампред комитета нижней палаты по безопасности Эрнест Валеев.")
    assert posts_of(occupations, "Валеев") == {"зампред": "комитет нижней палаты по безопасности"}


def test_quoted_name_with_bracketed_abbreviation(facts_of):
    # a corpus sentence (not in the sample): the post's organization is quoted, with its short name in brackets
    occupations, meetings = facts_of("Также в четверг Александр Лукашенко встретился перед телекамерами с "
                                     "председателем российской государственной корпорации «Банк развития и "
                                     "внешнеэкономической деятельности (Внешэкономбанк)» Сергеем Горьковым.")
    assert "председатель" in posts_of(occupations, "Горьков")
    assert any(len(names) == 2 and any("Горьков" in n for n in names) for names, _ in meetings)


@pytest.mark.parametrize("text", [
    # corpus sentences (not in the sample): "встреча" is a game
    "В Большом финале встретились Юлия Дуймовиц (Австрия) и Анке Карстенс.",
    "В полуфинале Мертенс предстоит не менее серьёзное испытание, чем встреча с травмированной "
    "Свитолиной — матч с отлично начавшей год Каролиной Возняцки.",
])
def test_sport_game_is_no_meeting(facts_of, text):
    assert not facts_of(text)[1]
