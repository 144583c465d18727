"""The HTML reader on saved real Russian news pages (issue 10; origins in pages/SOURCES.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

from letopis.readers import read

PAGES = Path(__file__).resolve().parent / "pages"
ARTICLE_PAGES = sorted(p for p in PAGES.glob("*.html") if not p.name.startswith("nav-only"))


def article(name: str):
    (found,) = read(PAGES / name)
    return found


def test_eight_real_pages_are_here():
    assert len(ARTICLE_PAGES) >= 8
    sources = (PAGES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(page.name in sources for page in ARTICLE_PAGES)


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=lambda p: p.name)
def test_title_is_not_repeated_as_first_line_or_subheading(page):
    """Every page prints its <h1> (interfax.ru also an <h3>) with the same words as og:title."""
    (found,) = read(page)
    assert found.title
    assert found.paragraphs[0] != found.title
    assert found.title not in found.subheadings
    assert found.title not in found.paragraphs[:3]


def test_lead_paragraph_is_the_first_line():
    assert article("interfax.ru.burkov.html").text.startswith(
        "Москва. 1 ноября. INTERFAX.RU - Верховный суд США вынес временный запрет на экстрадицию")
    assert article("discover24.ru.mozambik.html").text.startswith(
        "В СМИ появилась сведения о погибших недавно в Мозамбике пятерых российских бойцов")


def test_lead_kept_when_paragraphs_are_left_open():
    """The same Interfax page with its first three <p> unclosed: all three paragraphs are read."""
    nested = article("interfax.ru.burkov.nested-p.html")
    assert nested.text.startswith("Москва. 1 ноября. INTERFAX.RU - Верховный суд США")
    assert "министр юстиции Израиля Амир Охана подписал распоряжение" in nested.text
    assert nested.text == article("interfax.ru.burkov.html").text


def test_standfirst_stays_text_but_is_not_a_subheading():
    """molnet.ru and utro.ru put the lead in an <h2> under the title: text, not a section heading."""
    molnet = article("molnet.ru.ded-moroz.html")
    assert molnet.paragraphs[0] == "Свой день рождения, 18 ноября, волшебник отметит в Великом Устюге."
    assert molnet.subheadings == []
    utro = article("utro.ru.loboda.html")
    assert utro.paragraphs[0] == "Артистка взбудоражила публику очередным горячим фото"
    assert utro.subheadings == []


def test_section_headings_are_subheadings():
    assert article("dtf.ru.apple-tv.html").subheadings == [
        "Сколько стоит", "Что там с переводами и качеством", "Что с контентом", "Как часто будет добавляться контент"]
    assert article("appleinsider.ru.matepad.html").subheadings == [
        "Копия iPad Pro на Android", "Чем Huawei MatePad Pro лучше iPad Pro"]


def test_promo_lines_inside_the_article_are_removed():
    apple = article("appleinsider.ru.matepad.html").text
    assert "Читайте также" not in apple
    assert "Правда, судя по всему, скопировать iPad Pro полностью Huawei не удалось." in apple
    assert "прочитано 366 раз" not in article("utro.ru.loboda.html").text  # a view counter


def test_metadata_of_a_page():
    found = article("dtf.ru.apple-tv.html")
    assert (found.source, found.published) == ("dtf.ru", "2019-11-01")
    assert found.url == "https://dtf.ru/cinema/78907-onlayn-kinoteatr-apple-tv-zapustilsya-v-rossii-chto-eto-takoe-i-kak-on-vyglyadit"


def test_page_of_menus_only_is_no_article_text():
    """trafilatura returns the menu, the weather widget and a banner of a page without an article."""
    page = PAGES / "nav-only.derived-from-003.html"
    errors = []
    assert list(read(page, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{page}: no article text"]
