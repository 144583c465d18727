"""The scraped-text reader, metadata from URLs and dates, boilerplate and subheadings (issue 2)."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, SAMPLE
from letopis.readers import read, read_string
from letopis.readers.clean import boilerplate_rule, clean_lines
from letopis.readers.meta import parse_published, rubric_of, source_of
from letopis.readers.text import read_text

SAMPLE_URL = "https://www.nur.kz/politics/universe/2123160-tokaev-peregovoril-po-telefonu-s-putinym/"


# --- the reference article: the acceptance criteria of issue 2 ----------------------

def test_reference_article_metadata(sample_article):
    assert sample_article.title == "Токаев переговорил по телефону с Путиным после терактов в Дагестане"
    assert sample_article.url == SAMPLE_URL
    assert sample_article.source == "nur.kz"
    assert sample_article.rubric == "politics/universe"
    assert sample_article.published is None
    assert sample_article.subheadings == ["Теракты в Дагестане"]


def test_reference_article_text_is_clean(sample_article):
    text = sample_article.text
    for junk in ("Опубликовано", "Оригинал статьи", "Подпишитесь на Telegram", "Эксклюзивный контент",
                 "Подписаться", "nur.kz/politics"):
        assert junk not in text
    assert text.startswith("Президент Казахстана Касым-Жомарт Токаев провел телефонный разговор")
    assert text.endswith("отреагировали на террористические атаки в Дагестане.")
    assert len(sample_article.paragraphs) == 11
    assert "\n".join(sample_article.paragraphs) == text
    assert "Теракты в Дагестане" in sample_article.paragraphs  # the subheading stays in the text


def test_bundled_reference_copy_reads_the_same(sample_article):
    bundled = next(read(EXAMPLES / SAMPLE.name))
    assert bundled.as_json() == sample_article.as_json()


# --- the scraped-text format ---------------------------------------------------------

SCRAPED = """Пожар в торговом центре Самары потушен

Опубликовано: 24 июня 2024, 10:15
Пожар в торговом центре на улице Ленина в Самаре полностью потушен, сообщили в МЧС.
Читайте также: Как выбрать огнетушитель для дома
Фото: ГУ МЧС России по Самарской области
Пострадавших нет
Эвакуированы 300 человек, сообщил глава города Иван Петров.
Возгорание произошло около 8 утра на втором этаже здания.
Подписывайтесь на наш канал в Дзене!
ВКонтакте Telegram Одноклассники
Оригинал статьи: https://samara-demo.ru/incidents/fires/55501-pozhar-tc/
"""


def test_scraped_text_fields():
    article = read_text(SCRAPED, origin="x.txt")
    assert article.title == "Пожар в торговом центре Самары потушен"
    assert article.published == "2024-06-24T10:15"
    assert article.url == "https://samara-demo.ru/incidents/fires/55501-pozhar-tc/"
    assert (article.source, article.rubric) == ("samara-demo.ru", "incidents/fires")
    assert article.subheadings == ["Пострадавших нет"]
    assert article.paragraphs == [
        "Пожар в торговом центре на улице Ленина в Самаре полностью потушен, сообщили в МЧС.",
        "Пострадавших нет",
        "Эвакуированы 300 человек, сообщил глава города Иван Петров.",
        "Возгорание произошло около 8 утра на втором этаже здания.",
    ]
    assert article.origin == "x.txt"


def test_dotted_date_and_missing_url():
    article = read_text("Заголовок новости\nОпубликовано: 24.06.2024\nТекст новости о встрече министров в Москве.")
    assert article.published == "2024-06-24"
    assert (article.url, article.source, article.rubric) == (None, None, None)


def test_example_files_in_text_format():
    kirgizia = next(read(EXAMPLES / "001_mid_kazakhstan_kirgizia.txt"))
    assert kirgizia.published == "2024-03-13T10:15"
    assert kirgizia.subheadings == ["Транспортные коридоры"]
    assert "Фото:" not in kirgizia.text and "Читайте также" not in kirgizia.text
    assert "Поделиться" not in kirgizia.text and "Дзен" not in kirgizia.text


# --- metadata helpers ----------------------------------------------------------------

@pytest.mark.parametrize("url, source, rubric", [
    (SAMPLE_URL, "nur.kz", "politics/universe"),
    ("http://www.ng.ru/ng_politics/2017-04-18/11_6976_apple.html", "ng.ru", "ng_politics"),
    ("https://russian.rt.com/world/article/398308-britancy-vybory", "russian.rt.com", "world/article"),
    ("https://site.ru/2024/06/24/news.html", "site.ru", None),
    ("https://site.ru/", "site.ru", None),
    (None, None, None),
])
def test_source_and_rubric(url, source, rubric):
    assert (source_of(url), rubric_of(url)) == (source, rubric)


@pytest.mark.parametrize("value, expected", [
    ("24 июня 2024, 10:15", "2024-06-24T10:15"),
    ("24 июня 2024", "2024-06-24"),
    ("1 марта 2024 г.", "2024-03-01"),
    ("3 мая 2024", "2024-05-03"),
    ("24.06.2024", "2024-06-24"),
    ("10:15 24.06.2024", "2024-06-24T10:15"),
    ("понедельник, 24.06.2024", "2024-06-24"),
    ("2024-06-24", "2024-06-24"),
    ("2024-06-24T10:15:00+05:00", "2024-06-24T10:15+05:00"),
    ("2024-06-24T05:15:00Z", "2024-06-24T05:15+00:00"),
    (1719224100, "2024-06-24T10:15+00:00"),
    ("", None),
    ("вчера", None),
    ("24 июня", None),  # no year: the dates stage infers it, the reader does not guess
    ("31.02.2024", None),
    (None, None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


# --- boilerplate: rules file and heuristics -------------------------------------------

@pytest.mark.parametrize("line, rule", [
    ("Эксклюзивный контент и новости только для вас! Подпишитесь на Telegram!", "subscribe"),
    ("Подписывайтесь на наш канал в Дзене", "subscribe"),
    ("Подписаться", "subscribe-button"),
    ("Читайте также: Казахстан открыл новый пункт пропуска", "read-also"),
    ("Новости по теме:", "related"),
    ("Фото: пресс-служба МИД РК", "photo-credit"),
    ("Фото — Reuters", "photo-credit"),
    ("РИА Новости", "agency-credit"),
    ("Реклама", "ads"),
    ("Поделиться:", "share"),
    ("Нашли ошибку? Выделите текст и нажмите Ctrl+Enter", "typo"),
    ("© 2024 Газета-Демо. Все права защищены.", "copyright"),
    ("https://t.co/b73Epf5w6s", "bare-url"),
    ("ВКонтакте Telegram Одноклассники", "share-bar"),
    ("Главная / В мире / Азия", "breadcrumb"),
    ('jwplayer("player").setup({ file: "video.mp4" });', "script-code"),
])
def test_boilerplate_rules(line, rule):
    assert boilerplate_rule(line) == rule


@pytest.mark.parametrize("line", [
    "Реклама табака запрещена с 2013 года.",
    "По теме доклада выступил министр финансов.",
    "Комментариев от компании не поступало.",
    "Фотограф Иван Петров получил премию за репортаж из Дербента.",
    "Президент призвал граждан подписаться под обращением к парламенту, сообщает ТАСС. " * 4,
])
def test_article_sentences_are_not_boilerplate(line):
    assert boilerplate_rule(line.strip()) is None


def test_trailing_widget_label_is_dropped():
    body = clean_lines(["Министр провел встречу с послом Франции в Москве.", "Показать еще"])
    assert body.paragraphs == ["Министр провел встречу с послом Франции в Москве."]


@pytest.mark.parametrize("lines, subheadings", [
    (["Первый абзац новости о встрече.", "Итоги встречи", "Стороны подписали три соглашения о сотрудничестве."],
     ["Итоги встречи"]),
    (["Невидимый паук, он паутину", "плетет в углу который год, и тишина стоит."], []),  # broken line
    (["Первый абзац новости о встрече.", "Итоги встречи,", "Стороны подписали три соглашения."], []),
    (["Первый абзац новости о встрече.", "Итоги встречи"], []),  # nothing follows: not a heading
])
def test_subheadings(lines, subheadings):
    assert clean_lines(lines).subheadings == subheadings


def test_invisible_characters_and_odd_spaces_are_normalized():
    article = read_string("Заголовок\nПрези\u00adдент\u00a0России  провел\tвстречу с министром обороны.", "text")[0]
    assert article.text == "Президент России провел встречу с министром обороны."


def test_explain_tool_names_the_rule_of_each_removed_line(capsys):
    from letopis.readers.__main__ import main
    assert main([str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3:] == [
        "       subscribe | Эксклюзивный контент и новости только для вас! Подпишитесь на Telegram!",
        "subscribe-button | Подписаться",
        "     source-line | Оригинал статьи: https://www.nur.kz/politics/universe/2123160-tokaev-peregovoril-po-telefonu-s-putin",
    ]
    assert lines[0] == "               - | Токаев переговорил по телефону с Путиным после терактов в Дагестане"
