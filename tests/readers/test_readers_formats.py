"""HTML, JSON, JSONL, .gz, directories, stdin and encodings (issue 2)."""
from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from conftest import EXAMPLES, SAMPLE, SHARED_DATA
from letopis.readers import read, read_string

CORPUS = SHARED_DATA / "corpus" / "rt_ng.jsonl.gz"
RECORD = {"title": "Глава МЧС провел совещание в Казани",
          "content": "Глава МЧС России Иван Сидоров провел в Казани совещание о паводках.\n"
                     "Читайте также: Паводок в Оренбурге\nВ совещании участвовали 40 человек.",
          "link": "https://www.demo.ru/society/2024/04/10/mchs/", "published": "10 апреля 2024"}


def articles(path, **kwargs):
    return list(read(path, **kwargs))


# --- HTML ------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    [article] = articles(EXAMPLES / "003_sammit_shos.html")
    assert article.title == "В Астане завершился саммит ШОС: лидеры подписали декларацию"
    assert article.url == "https://www.gazeta-demo.ru/world/asia/2024/07/04/sammit-shos-v-astane/"
    assert (article.source, article.rubric, article.published) == ("gazeta-demo.ru", "world/asia", "2024-07-04")
    assert article.subheadings == ["Подписанные документы"]
    assert article.paragraphs[0].startswith("В четверг, 4 июля, в Астане завершился двухдневный саммит")
    assert article.paragraphs[-1].endswith("Казахстан передал председательство Китаю.")
    for junk in ("Политика", "Реклама", "Читайте также", "Фото:", "Поделиться", "Самое читаемое",
                 "Все права защищены", "Курс доллара"):
        assert junk not in article.text


def test_html_without_article_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Пусто</title></head><body><nav>Меню</nav></body></html>")
    errors = []
    assert articles(page, on_error=errors.append) == []
    assert [str(e) for e in errors] == [f"{page}: no article text"]


# --- JSON and JSONL ----------------------------------------------------------------------

def test_jsonl_examples_with_field_aliases():
    found = articles(EXAMPLES / "004_news.jsonl")
    assert [a.origin for a in found] == [f"{EXAMPLES / '004_news.jsonl'}:{n}" for n in (1, 2, 3)]
    assert [a.published for a in found] == ["2024-08-15T09:00+10:00", "2024-08-15", "2024-09-02"]
    assert found[1].url == "https://ekonomika-demo.ru/business/agro/2024-08-15/sibagrotreid-elevator"  # "link"
    assert found[1].text.startswith("Агрохолдинг «СибАгроТрейд» построит элеватор")  # "content"
    assert found[2].text.startswith("Министерство иностранных дел России выразило")  # "body"
    assert not any("Читайте также" in a.text or "Фото:" in a.text or "Нашли ошибку" in a.text for a in found)


def test_json_gz_example():
    [article] = articles(EXAMPLES / "005_videoconference.json.gz")
    assert article.title == "Мэры Казани и Уфы провели видеоконференцию о туристическом маршруте"
    assert (article.source, article.rubric) == ("volga-demo.ru", "regions/tatarstan/news")
    assert article.published == "2024-09-10T16:40"
    assert "Смотрите также" not in article.text and "Фото:" not in article.text


def test_json_list_of_records(tmp_path):
    path = tmp_path / "two.json"
    second = dict(RECORD, link="https://www.demo.ru/society/2024/04/11/mchs-2/")
    path.write_text(json.dumps([RECORD, second], ensure_ascii=False), encoding="utf-8")
    found = articles(path)
    assert [a.origin for a in found] == [f"{path}[0]", f"{path}[1]"]
    assert found[0].text == ("Глава МЧС России Иван Сидоров провел в Казани совещание о паводках.\n"
                             "В совещании участвовали 40 человек.")
    assert found[0].published == "2024-04-10"


def test_jsonl_gz_and_text_list(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    record = dict(RECORD, content=["Первый абзац о встрече министров в Москве.", "Второй абзац о переговорах."])
    with gzip.open(path, "wt", encoding="utf-8") as file:
        file.write(json.dumps(record, ensure_ascii=False) + "\n\n" + json.dumps(RECORD, ensure_ascii=False) + "\n")
    found = articles(path)
    assert [a.origin for a in found] == [f"{path}:1", f"{path}:3"]
    assert found[0].paragraphs == ["Первый абзац о встрече министров в Москве.", "Второй абзац о переговорах."]


def test_gzip_sniffed_without_gz_suffix(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    [article] = articles(path)
    assert article.source == "nur.kz"


def test_corpus_streams_first_records():
    """The shared corpus: records come one by one with the domain as source."""
    if not CORPUS.exists():
        pytest.skip("../shared/data is not available")
    stream = read(CORPUS)
    first, second = next(stream), next(stream)
    stream.close()
    assert first.source == "ng.ru" and first.rubric == "ng_politics"
    assert first.title == '"Молодежное "Яблоко": оппозиционная деятельность становится опасной'
    assert first.origin == f"{CORPUS}:1" and second.origin == f"{CORPUS}:2"


# --- directories, stdin, read_string ------------------------------------------------------

def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "a.jsonl").write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_bytes(SAMPLE.read_bytes())
    found = articles(tmp_path)
    assert [a.origin for a in found] == [f"{tmp_path / 'a.jsonl'}:1", str(tmp_path / "b" / "one.txt")]


def test_examples_directory_gives_nine_articles():
    found = articles(EXAMPLES)
    assert len(found) == 9
    assert {a.source for a in found} >= {"nur.kz", "step-demo.kz", "novosti-demo.ru", "gazeta-demo.ru"}
    assert all(a.text and a.title for a in found)


@pytest.mark.parametrize("data, source", [
    (SAMPLE.read_bytes(), "nur.kz"),
    ((json.dumps(RECORD, ensure_ascii=False) + "\n").encode("utf-8"), "demo.ru"),
    ((EXAMPLES / "003_sammit_shos.html").read_bytes(), "gazeta-demo.ru"),
    ((EXAMPLES / "005_videoconference.json.gz").read_bytes(), "volga-demo.ru"),
])
def test_stdin_format_is_sniffed(monkeypatch, data, source):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = articles("-")
    assert article.source == source
    assert article.origin.startswith("<stdin>")


def test_read_string_formats():
    assert read_string(SAMPLE.read_text(encoding="utf-8"), "text")[0].rubric == "politics/universe"
    assert read_string(json.dumps(RECORD, ensure_ascii=False))[0].source == "demo.ru"
    lines = json.dumps(RECORD, ensure_ascii=False) + "\n" + json.dumps(RECORD, ensure_ascii=False)
    assert [a.origin for a in read_string(lines, "jsonl", origin="api")] == ["api:1", "api:2"]


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_encodings_are_detected(tmp_path, sample_article, encoding):
    path = tmp_path / f"sample.{encoding}.txt"
    # koi8-r has no en dash; the sample uses two
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("–", "-").encode(encoding))
    [article] = articles(path)
    assert article.title == sample_article.title
    assert article.text == sample_article.text.replace("–", "-")


def test_cp1251_example():
    [article] = articles(EXAMPLES / "002_pozhar_novosibirsk.cp1251.txt")
    assert article.title == "Число погибших при пожаре на складе в Новосибирске выросло до семи"
    assert article.published == "2024-02-05"
    assert article.subheadings == ["Возбуждено уголовное дело"]
    assert "Реклама" not in article.text and "Присоединяйтесь" not in article.text


def test_cp1251_jsonl(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_bytes((json.dumps(RECORD, ensure_ascii=False) + "\n").encode("cp1251"))
    [article] = articles(path)
    assert article.title == "Глава МЧС провел совещание в Казани"


def test_cp1251_html_page(tmp_path):
    html = (EXAMPLES / "003_sammit_shos.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').replace("–", "-")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1251"))
    [article] = articles(path)
    assert article.title == "В Астане завершился саммит ШОС: лидеры подписали декларацию"
    assert article.subheadings == ["Подписанные документы"]


def test_read_string_jsonl_may_exceed_the_article_limit():
    line = json.dumps(dict(RECORD, content=RECORD["content"] * 100), ensure_ascii=False)  # ~24 KB
    data = "\n".join([line] * 250)
    assert len(data.encode("utf-8")) > 5 * 1024 * 1024
    assert len(read_string(data)) == 250


@pytest.mark.parametrize("head, fmt", [
    (b'{"title": "a", "text": "b"}\n{"title"', "jsonl"),
    (b'{\n  "title": "a"', "json"),
    (b'{"title": "' + b"x" * 70000, "jsonl"),  # a first line longer than the sniffed head
    (b"\xef\xbb\xbf[{}]", "json"),
    (b"  <!DOCTYPE html>", "html"),
    (b"\xd0\x97\xd0\xb0\xd0\xb3\xd0\xbe\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe\xd0\xba", "text"),
])
def test_sniff(head, fmt):
    from letopis.readers import sniff
    assert sniff(head[:65536]) == fmt


def test_wordpress_style_record_with_html_fragment():
    record = {"title": {"rendered": "Мэр Томска открыл &laquo;Северный&raquo; мост"},
              "content": {"rendered": "<p>Мэр Томска Олег Иванов открыл мост через Томь.</p>\n"
                                      "<h2>Сроки</h2><p>Строительство заняло <b>три</b> года.<br>"
                                      "Движение запустят 1 сентября.</p>"},
              "link": "https://tomsk-demo.ru/city/2024/08/30/most/", "date": "2024-08-30T12:00:00"}
    [article] = read_string(json.dumps(record, ensure_ascii=False))
    assert article.title == "Мэр Томска открыл «Северный» мост"
    assert article.paragraphs == ["Мэр Томска Олег Иванов открыл мост через Томь.", "Сроки",
                                  "Строительство заняло три года.", "Движение запустят 1 сентября."]
    assert article.subheadings == ["Сроки"]
    assert article.published == "2024-08-30T12:00"
