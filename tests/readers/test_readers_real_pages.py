"""The HTML reader on the tune pages of the real-news gold (`bench/data/real/pages/`, issue 10).

Only pages whose split is "tune" in `bench/data/real/pages.jsonl` are read
here; the check pages are kept for reporting.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from letopis.readers import read
from letopis.readers.build import build_article
from letopis.readers.html import block_text, body_blocks, extract

REAL = Path(__file__).resolve().parents[2] / "bench" / "data" / "real"
RECORDS = map(json.loads, (REAL / "pages.jsonl").read_text(encoding="utf-8").splitlines())
TUNE = sorted(record["page"] for record in RECORDS if record["split"] == "tune")
GLUED = re.compile(r"[а-яё]{2}[.!?…][А-ЯЁ][а-яё]|(?<![а-яёА-ЯЁ])[а-яё]+[А-ЯЁ][а-яё]")
# "продукт.Последующие", "ноябряВход"; not "СамГТУ" nor a brand written in camel case ("ВашГород.ру")


def page(name: str):
    (found,) = read(REAL / "pages" / name)
    return found


def test_tune_pages_are_here():
    assert len(TUNE) >= 4
    assert all((REAL / "pages" / name).is_file() for name in TUNE)


@pytest.mark.parametrize("name", TUNE)
def test_title_is_read_once(name):
    """citydog.by has no subtitle and a title that ends like a sentence ("... (фото)")."""
    found = page(name)
    assert found.title
    assert found.paragraphs[0] != found.title
    assert found.title not in found.paragraphs
    assert found.title not in found.subheadings


@pytest.mark.parametrize("name", TUNE)
def test_no_line_glues_two_sentences(name):
    """A <br> between two lines (timer-odessa's paragraphs, drugoigorod's listing rows) is a line break."""
    glued = [match.group() for line in page(name).paragraphs for match in GLUED.finditer(line)]
    assert glued == []


def test_timer_odessa_paragraphs_split_at_br():
    """Three <br/><br/>-separated paragraphs in one <p>: each starts its own line after a sentence end."""
    found = page("timer-odessa_1.html")
    lines = found.paragraphs
    assert len(lines) >= 4
    assert all(line.endswith((".", "»", "!", "?")) for line in lines)
    assert any(line.startswith("Последующие события") for line in lines)


def test_listing_rows_are_lines_and_headings_stay_subheadings():
    found = page("drugoigorod_1.html")
    assert not any("Место:" in line and "Время:" in line for line in found.paragraphs)
    times = [line for line in found.paragraphs if line.startswith("Время:")]
    assert len(times) >= 3
    assert found.subheadings and all(head in found.paragraphs for head in found.subheadings)


def test_br_inside_a_sentence_is_a_space():
    """A line wrapped mid-sentence goes on in lower case: joined with a space, not broken."""
    element = etree.fromstring("<p>Участники обсудят проблемы<lb/>региональной идентичности.<lb/>Вход свободный</p>")
    assert block_text(element) == "Участники обсудят проблемы региональной идентичности.\nВход свободный"


def test_title_with_site_suffix_is_still_a_repeat():
    """The <h1> line is dropped when the title carries the site's name after a dash or a bar."""
    document = extract((REAL / "pages" / "timer-odessa_1.html").read_text(encoding="utf-8"))
    lines, heads = body_blocks(document.body)
    for suffix in (" — Таймер", " | timer-odessa.net"):
        article = build_article("timer-odessa_1.html", document.title + suffix, lines, subheadings=heads, prose=True)
        assert article.paragraphs[0].startswith("Департамент информации и связей")


def first_paragraph(name: str) -> str:
    """The first <p> of the page's <article> that reads as prose (eight words or more), whitespace folded.

    Shorter ones are page furniture the reader drops ("прочитано 285 раз" on utro.ru).
    """
    tree = etree.HTML((REAL / "pages" / name).read_bytes())
    texts = (" ".join("".join(p.itertext()).split()) for p in tree.iterfind(".//article//p"))
    return next(text for text in texts if len(text.split()) >= 8)


@pytest.mark.parametrize("name", TUNE)
def test_lead_paragraph_is_kept(name):
    """The lead (often bold, as on vashgorod.ru) opens the body, after the subtitle at most."""
    lead = first_paragraph(name)
    opening = [" ".join(line.split()) for line in page(name).paragraphs[:2]]
    assert any(line.startswith(lead[:60]) for line in opening), (lead[:60], opening)
