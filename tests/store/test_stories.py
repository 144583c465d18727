"""Story clustering on real text: a follow-up report joins the article it follows."""
from __future__ import annotations


def _story_of(kb, title_start):
    item = next(a for a in kb.articles(limit=100, offset=0)["items"] if a["title"].startswith(title_start))
    return kb.card(item["id"])["corpus"]["story_id"]


def test_followup_joins_the_reference_story(web_kb):
    # The reference mixes a phone call with the Dagestan attacks; the follow-up is only about
    # the attacks (different wording, not a near-duplicate), yet both tell the same story.
    reference = _story_of(web_kb, "Токаев переговорил")
    followup = _story_of(web_kb, "Число жертв терактов")
    assert reference == followup
    story = web_kb.story(reference)
    assert len(story["articles"]) == 2


def test_unrelated_articles_stay_apart(web_kb):
    reference = _story_of(web_kb, "Токаев переговорил")
    stories = {_story_of(web_kb, a["title"][:20]) for a in web_kb.articles(limit=100, offset=0)["items"]
               if not a["title"].startswith(("Токаев переговорил", "Число жертв терактов"))}
    assert reference not in stories
