"""A card renders itself as HTML (Jupyter, `analyze --format html`): entities and dates inline, text escaped."""
from __future__ import annotations

from typer.testing import CliRunner

from conftest import HOSTILE_ARTICLE, SAMPLE
from letopis.readers import read_string
from letopis.cli import app


def test_card_repr_html_marks_entities_and_dates(sample_card):
    html = sample_card._repr_html_()
    assert '<mark class="lt-ent lt-PER" title="Касым-Жомарт Токаев' in html
    assert '<time class="lt-date" datetime="' in html
    assert html.count('class="lt-ent') == sum(len(e.mentions) for e in sample_card.entities)


def test_article_text_is_escaped(pipeline):
    card = pipeline(next(iter(read_string(HOSTILE_ARTICLE, "text"))))
    html = card._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html


def test_analyze_writes_one_html_page():
    result = CliRunner().invoke(app, ["analyze", str(SAMPLE), str(SAMPLE), "--format", "html"])
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("<!doctype html>") and page.count("<html") == 1
    assert page.count('<section class="lt-card">') == 2
