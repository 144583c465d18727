"""Cross-document entity linking (letopis/corpus/linking.py) on card-like entities."""
from __future__ import annotations

from letopis.corpus.linking import Linker, acronym, first_names_match, name_key


def ent(eid, type_, name, *mentions, aliases=None):
    return {"id": eid, "type": type_, "name": name, "aliases": aliases or [],
            "mentions": [{"start": 0, "stop": len(m), "text": m} for m in (mentions or (name,))]}


def link_articles(linker, *cards):
    """Link several cards in order; returns {(card index, local id): corpus id}."""
    out = {}
    for index, card in enumerate(cards):
        for local, link in linker.link_card(card).items():
            out[(index, local)] = link.id
    return out


def test_surname_alone_links_to_the_only_full_name():
    linker = Linker()
    ids = link_articles(linker,
                        [ent("e1", "PER", "Касым-Жомарт Токаев", "Касым-Жомарт Токаев", "Токаева")],
                        [ent("e1", "PER", "Токаев", "Токаев"), ent("e2", "LOC", "Казахстан")])
    assert ids[(0, "e1")] == ids[(1, "e1")]
    assert linker.entities[ids[(0, "e1")]].name == "Касым-Жомарт Токаев"


def test_surname_seen_first_is_upgraded_by_the_full_name():
    linker = Linker()
    ids = link_articles(linker, [ent("e1", "PER", "Токаев")], [ent("e1", "PER", "Касым-Жомарт Токаев")])
    assert ids[(0, "e1")] == ids[(1, "e1")]
    assert linker.entities[ids[(0, "e1")]].name == "Касым-Жомарт Токаев"


def test_initial_links_to_the_full_first_name():
    linker = Linker()
    ids = link_articles(linker, [ent("e1", "PER", "Касым-Жомарт Токаев")], [ent("e1", "PER", "К. Токаев")],
                        [ent("e1", "PER", "К.-Ж. Токаев")])
    assert ids[(0, "e1")] == ids[(1, "e1")] == ids[(2, "e1")]


def test_namesakes_are_not_merged():
    linker = Linker()
    ids = link_articles(linker,
                        [ent("e1", "PER", "Сергей Иванов"), ent("e2", "ORG", "Администрация президента")],
                        [ent("e1", "PER", "Андрей Иванов"), ent("e2", "ORG", "Спартак")],
                        [ent("e1", "PER", "Иванов")])  # no context: ambiguous
    sergey, andrey, bare = ids[(0, "e1")], ids[(1, "e1")], ids[(2, "e1")]
    assert sergey != andrey
    assert bare not in (sergey, andrey)


def test_context_picks_the_namesake():
    linker = Linker()
    ids = link_articles(linker,
                        [ent("e1", "PER", "Сергей Иванов"), ent("e2", "ORG", "Администрация президента")],
                        [ent("e1", "PER", "Андрей Иванов"), ent("e2", "ORG", "Спартак")],
                        [ent("e1", "PER", "Иванов"), ent("e2", "ORG", "Спартак")])
    assert ids[(2, "e1")] == ids[(1, "e1")]


def test_abbreviation_table_links_country_names():
    linker = Linker()
    ids = link_articles(linker, [ent("e1", "LOC", "Россия")], [ent("e1", "LOC", "РФ")],
                        [ent("e1", "ORG", "Россия")])  # NER's ORG/LOC confusion
    assert ids[(0, "e1")] == ids[(1, "e1")] == ids[(2, "e1")]
    assert linker.entities[ids[(0, "e1")]].name == "Россия"


def test_acronym_links_both_ways_and_keeps_the_full_name():
    linker = Linker()
    ids = link_articles(linker, [ent("e1", "ORG", "ШОС")], [ent("e1", "ORG", "Шанхайская организация сотрудничества")],
                        [ent("e1", "ORG", "Федеральная служба безопасности")], [ent("e1", "ORG", "ФСБ")])
    assert ids[(0, "e1")] == ids[(1, "e1")]
    assert linker.entities[ids[(0, "e1")]].name == "Шанхайская организация сотрудничества"
    assert ids[(2, "e1")] == ids[(3, "e1")]
    assert ids[(0, "e1")] != ids[(2, "e1")]


def test_helpers():
    assert name_key(" «Газпром» ") == "газпром"
    assert name_key("Семён") == "семен"
    assert acronym("Министерство по чрезвычайным ситуациям") == "мчс"
    assert acronym("Газпром") is None
    assert first_names_match("к", "касым-жомарт") and first_names_match("к.-ж", "касым-жомарт")
    assert not first_names_match("сергей", "андрей")


def test_an_ending_slip_in_one_name_part_still_links_but_two_do_not():
    linker = Linker()
    ids = link_articles(linker, [ent("e1", "PER", "Сакиб Нисар")], [ent("e1", "PER", "Сакиб Нисара")],
                        [ent("e1", "PER", "Александр Иванов")], [ent("e1", "PER", "Александра Иванова")])
    assert ids[(0, "e1")] == ids[(1, "e1")]
    assert ids[(2, "e1")] != ids[(3, "e1")]
