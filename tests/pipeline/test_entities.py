"""Document-level entities of the reference article: groups, parts,
descriptors and subtypes."""
from __future__ import annotations

from letopis.article import Article


def by_name(card, name):
    return next(e for e in card.entities if e.name == name)


def test_person_groups(sample_card):
    tokaev = by_name(sample_card, "Касым-Жомарт Токаев")
    assert {m.text for m in tokaev.mentions} == {"Токаев", "Касым-Жомарт Токаев"}
    putin = by_name(sample_card, "Владимир Путин")
    assert {m.text for m in putin.mentions} >= {"Путиным", "Владимиром Путиным", "Владимиру Путину"}
    assert len([e for e in sample_card.entities if e.type == "PER" and "Путин" in e.name]) == 1


def test_name_parts(sample_card):
    assert by_name(sample_card, "Касым-Жомарт Токаев").parts == {"first": "Касым-Жомарт", "last": "Токаев"}
    assert by_name(sample_card, "Сергей Меликов").parts == {"first": "Сергей", "last": "Меликов"}


def test_descriptors(sample_card):
    assert "президент Казахстана" in by_name(sample_card, "Касым-Жомарт Токаев").descriptors
    assert any("государства" in d for d in by_name(sample_card, "Касым-Жомарт Токаев").descriptors)
    assert "президент России" in by_name(sample_card, "Владимир Путин").descriptors
    assert "глава региона" in by_name(sample_card, "Сергей Меликов").descriptors


def test_subtypes(sample_card):
    assert by_name(sample_card, "Казахстан").subtype == "country"
    assert by_name(sample_card, "Махачкала").subtype == "city"
    assert by_name(sample_card, "Дагестан").subtype == "region"
    assert by_name(sample_card, "Шанхайская организация сотрудничества").subtype == "international"


def test_mentions_point_into_their_fields(sample_card):
    article = sample_card.article
    for entity in sample_card.entities:
        for m in entity.mentions:
            source = article.title if m.field == "title" else article.text
            assert source[m.start:m.stop] == m.text


def test_surname_first_and_aliases(pipeline):
    card = pipeline(Article(title="", text="Совещание провёл Иванов Сергей Петрович. "
                                           "Позже Иванов встретился с Евросоюзом и ЕС."))
    ivanov = next(e for e in card.entities if e.type == "PER")
    assert ivanov.parts == {"first": "Сергей", "middle": "Петрович", "last": "Иванов"}
    assert ivanov.name == "Иванов Сергей Петрович"
    assert len(ivanov.mentions) == 2
    eu = [e for e in card.entities if e.type == "ORG"]
    assert len(eu) == 1 and eu[0].name == "Европейский союз"
