"""Normal forms of mentions (nominative, dependent words kept)."""
from __future__ import annotations

import pytest

from letopis.article import Article


@pytest.fixture(scope="module")
def normals(pipeline):
    from letopis.pipeline import Pipeline

    small = Pipeline(pipeline.models, ["segment", "ner", "normalize"])

    def run(text):
        return {s.text: s.normal for s in small.doc(Article(title="", text=text)).spans}
    return run


def test_sample_article_normal_forms(sample_doc):
    found = {s.text: s.normal for s in sample_doc.spans}
    assert found["Владимиру Путину"] == "Владимир Путин"
    assert found["Шанхайской организации сотрудничества"] == "Шанхайская организация сотрудничества"
    assert found["Касым-Жомарт Токаев"] == "Касым-Жомарт Токаев"
    assert found["Сергокала"] == "Сергокала"
    assert found["Хабиб Нурмагомедов"] == "Хабиб Нурмагомедов"
    assert found["Ислам Махачев"] == "Ислам Махачев"  # no "ё" added
    assert found["Махачкале"] == "Махачкала"


def test_person_names_in_oblique_cases(normals):
    found = normals("Премьер встретился с Марией Захаровой и Касым-Жомартом Токаевым, "
                    "а позже позвонил Терезе Мэй и Си Цзиньпину.")
    assert found["Марией Захаровой"] == "Мария Захарова"  # a female surname stays female
    assert found["Касым-Жомартом Токаевым"] == "Касым-Жомарт Токаев"
    assert found["Терезе Мэй"] == "Тереза Мэй"


def test_places_keep_dependent_words(normals):
    found = normals("Делегация прибыла в Нижний Новгород из Соединённых Штатов Америки.")
    assert found["Соединённых Штатов Америки"] == "Соединённые Штаты Америки"


def test_abbreviations_unchanged(normals):
    found = normals("Представитель МЧС и ФСБ России прокомментировал.")
    assert found.get("МЧС") == "МЧС"


def test_foreign_names_on_a_in_oblique_cases(normals):
    """Names on -а decline like "мама" whatever the person's gender (rt_ng corpus sentences)."""
    found = normals("Обмен мнениями по Сирии также состоялся между главой МИД России Сергеем Лавровым "
                    "и спецпосланником Генсека ООН по Сирии Стаффаном де Мистурой.")
    assert found["Стаффаном де Мистурой"] == "Стаффан де Мистура"
    found = normals("Глава Пентагона Джеймс Мэттис отправляется в Нью-Дели, где проведёт переговоры "
                    "с премьер-министром страны Нарендрой Моди и министром.")
    assert found["Нарендрой Моди"] == "Нарендра Моди"  # "Моди" is indeclinable: kept
    found = normals("Об этом говорится в тексте доклада прокурора МУС Фату Бенсуды.")
    assert found["Фату Бенсуды"] == "Фату Бенсуда"


def test_indeclinable_surname_after_a_nominative_first_name(normals):
    found = normals("Глава проевропейской партии «Действие и солидарность» Майя Санду против федерализации страны.")
    assert found["Майя Санду"] == "Майя Санду"  # not "Санда"


def test_surname_takes_the_first_names_gender(normals):
    found = normals("Тренер поздравил Марину Сергееву с победой.")
    assert found["Марину Сергееву"] == "Марина Сергеева"

