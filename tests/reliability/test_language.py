"""Item 10: an article in another Cyrillic language is refused with one line, Russian is kept."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis import read
from letopis.cli import app
from letopis.ingest.language import not_russian

UKRAINIAN = ("Президент України провів нараду з керівниками силових відомств",
             "Президент України провів у понеділок нараду з керівниками силових відомств щодо посилення "
             "протиповітряної оборони Києва та інших міст. За його словами, уряд має до кінця тижня "
             "підготувати пропозиції щодо фінансування.")
KAZAKH = ("Тоқаев Путинмен телефон арқылы сөйлесті",
          "Қазақстан Президенті Қасым-Жомарт Тоқаев Ресей Президенті Владимир Путинмен телефон арқылы "
          "сөйлесті. Екі ел басшысы сауда-экономикалық ынтымақтастықты дамыту және энергетика саласындағы "
          "бірлескен жобалар туралы пікір алмасты.")
SERBIAN = ("Вучић се састао са амбасадором Кине у Београду",
           "Председник Србије Александар Вучић састао се данас у Београду са амбасадором Кине. Како је "
           "саопштено из Председништва, разговарало се о економској сарадњи две земље и о новим "
           "инвестицијама у инфраструктуру.")


def test_other_cyrillic_languages_are_named():
    assert not_russian(*UKRAINIAN).startswith("not Russian: the text is Ukrainian (uk, p=")
    assert not_russian(*KAZAKH).startswith("not Russian: the text is Kazakh (kk, p=")
    assert not_russian(*SERBIAN).startswith("not Russian: the text is Serbian (sr, p=")


def test_every_russian_example_and_corpus_record_is_kept(tmp_path):
    from procs import corpus_slice
    articles = list(read(EXAMPLES)) + list(read(corpus_slice(tmp_path / "slice.jsonl", 60, max_chars=10**6)))
    assert len(articles) > 60
    assert [a.origin for a in articles if not_russian(a.title, a.text)] == []
    assert not_russian("Коротко", "Путин провёл совещание.") is None  # too short to judge: kept


def test_ingest_refuses_the_ukrainian_article_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    russian = (EXAMPLES / "004_news.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(json.dumps({"title": UKRAINIAN[0], "text": UKRAINIAN[1]}, ensure_ascii=False) + "\n"
                    + russian + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "kb.db"), "--workers", "0",
                                      "--no-progress", "--json"])
    summary = json.loads(result.stdout)
    assert result.exit_code == 1 and (summary["read"], summary["new"]) == (2, 1)
    [failure] = summary["failed"]
    assert failure["path"] == f"{path}:1"
    assert failure["problem"].startswith("not Russian: the text is Ukrainian (uk, p=")
    assert failure["problem"].endswith("); Letopis analyses Russian news")
