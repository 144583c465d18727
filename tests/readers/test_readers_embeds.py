"""Non-article text inside real RT bodies (issue 10): teasers, embedded posts, players, cut links.

The records are read from `../shared/data/corpus/rt_ng.jsonl.gz` by id (none
is in the real-news gold sample, `bench/data/real/sample.jsonl`), through the
JSONL reader, as `letopis ingest` reads them.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pytest

from conftest import SHARED_DATA, load_bench_script
from letopis.readers import read_string
from letopis.readers.clean import explain

CORPUS = SHARED_DATA / "corpus" / "rt_ng.jsonl.gz"
IDS = {"russia_today_0:0269", "russia_today_4:0019", "russia_today_3:0113", "russia_today_5:0492",
       "russia_today_5:0395", "russia_today_0:0306", "russia_today_4:0758", "ng_0:0708", "ng_0:0419",
       "ng_0:0192", "russia_today_3:0455"}

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


@lru_cache(maxsize=1)
def records() -> dict[str, dict]:
    return load_bench_script("real_sample").records(IDS)  # the corpus read once, the one reader of records by id


def article(record_id: str):
    (read,) = read_string(json.dumps(records()[record_id], ensure_ascii=False), fmt="jsonl")
    return read


def test_teaser_of_another_article_is_removed_with_its_opener():
    """"Также по теме", the other article's headline and its cut lead ("...") go; the text around stays."""
    text = article("russia_today_0:0269").text
    assert "Также по теме" not in text
    assert "Операция «Стиральная машина»" not in text  # the teaser's headline
    assert "«не будут закрывать глаза на нарушение принципов..." not in text  # its cut lead
    assert "«Рассматривать торговлю с Канадой в качестве угрозы национальной безопасности" in text
    science = article("russia_today_4:0758").text
    assert "По живому: учёные впервые отредактировали геном" not in science
    assert "Неземные звуки" not in science
    assert "«Мы разрезали его ДНК, вставили туда ген и сшили обратно." in science


def test_sentences_cut_at_links_are_one_paragraph_again():
    """The scraper put each link on its own line: "...страны", "заявил Дональд Трамп", ". По его словам"."""
    paragraphs = article("russia_today_0:0269").paragraphs
    assert any(p.startswith("США намерены ввести импортные пошлины") and "компаний страны заявил Дональд Трамп. "
               "По его словам" in p for p in paragraphs)
    assert "Так, например, Канада считает абсолютно неприемлемыми любые торговые ограничения со стороны США." \
        in "\n".join(paragraphs)
    assert "RT" not in paragraphs and "заявил Дональд Трамп" not in paragraphs


def test_embedded_tweets_go_with_their_text_signature_and_date():
    text = article("russia_today_4:0019").text
    for junk in ("pic.twitter.com", "(@rolandgarros)", "#RG17", "11 июня 2017 г.", "Games lost by Nadal",
                 "draws first blood", "King Rafa"):
        assert junk not in text
    # the article's paragraphs between the tweets stay
    assert "Уже в третьем гейме матча Надаль испытал проблемы на своей подаче" in text
    assert "Присоединился к поздравлениям и тренер Вавринки Магнус Норман." in text


def test_article_paragraph_above_a_picture_only_post_is_kept():
    """Only links stand between this paragraph and the post's signature: it is the article's own text."""
    text = article("russia_today_5:0395").text
    assert "В тот же день глава правления «Газпрома» Алексей Миллер заявил" in text
    assert "(@Gazprom)" not in text


def test_paragraph_with_a_hashtag_is_article_text():
    text = article("russia_today_0:0306").text
    assert "Пользователи соцсетей разделились на противников поступка Пенса" in text
    assert "RT if u agree Pence should resign." not in text


def test_instagram_posts_are_removed_and_the_interview_kept():
    text = article("russia_today_3:0113").text
    assert "Публикация от" not in text and "PDT" not in text
    assert "I'm delighted to announce" not in text
    assert "— В BMC не пытались удержать вас?" in text


def test_video_player_code_and_its_title_are_removed():
    text = article("russia_today_5:0492").text
    assert "jwplayer" not in text
    assert "Криницын — о возможных задачах ЧВК" not in text  # the video's title under the player
    assert "— По вашей логике частные военные компании должны быть орудием защиты" in text


def test_verses_cut_by_the_scraper_are_glued_and_verses_stay_apart():
    """NG cuts a verse where the page wrapped it ("царит\\xa0" / "шерифом, –"); verses themselves
    end without padding and stay one a line."""
    paragraphs = article("ng_0:0708").paragraphs
    assert "И тамада над всем царит шерифом, –" in paragraphs
    assert "Наш тамада – вы тамаду не троньте, –" in paragraphs
    assert "За Родину был тост алаверды," in paragraphs


def test_poem_verses_are_not_subheadings():
    """NG prints a poem one verse a line: a short line among short lines is a verse, not a heading."""
    poem = article("ng_0:0419")
    assert "Но есть миры, где правит кайф" in poem.paragraphs  # a verse the page had wrapped
    assert poem.subheadings == []
    quoted = article("ng_0:0192")  # Евтушенко quoted inside an article on prison songs
    assert "Дает под водку и сухие вина" in quoted.paragraphs
    assert "Дает под водку и сухие вина" not in quoted.subheadings
    assert "Поет она не песни Красной Пресни." in quoted.paragraphs  # "Красной" / "Пресни" glued


def test_marked_question_heading_is_a_subheading():
    """A heading the format marks (HTML <h3>) may end with "?"; a standfirst ends with a full stop."""
    from letopis.readers.clean import clean_lines
    paragraphs = article("russia_today_3:0455").paragraphs
    question = "Сможет ли «Питтсбург» завоевать Кубок Стэнли третий раз кряду?"
    assert question in paragraphs  # an Instagram post stood between it and its section: removed
    assert question in clean_lines(paragraphs, subheadings=[question]).subheadings


def test_explain_names_the_rule_of_each_removed_block():
    reasons = {reason for reason, _ in explain(records()["russia_today_4:0019"]["text"])}
    assert {"embed-signature", "embed-text", "embed-post"} <= reasons
