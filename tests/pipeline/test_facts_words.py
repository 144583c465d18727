"""The facts stages' word lists come from letopis/data/facts/, not from code,
and their morphology from the stage's Morph, not a module global."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from letopis import data
from letopis.morph import shared
from letopis.pipeline.doc import Token
from letopis.pipeline.facts import meeting, positions, words

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "letopis" / "pipeline" / "facts"
MAX_LITERALS = 5  # positions.py keeps a Cyrillic letter-range test ("а" <= ch <= "я", "ё")


@pytest.mark.parametrize("name", ["words.txt", "meeting.txt"])
def test_lists_are_non_empty_without_duplicates(name):
    lists = words.word_lists(name)
    assert lists
    for list_name, entries in lists.items():
        assert all(entries), list_name
        duplicates = sorted({e for e in entries if entries.count(e) > 1})
        assert not duplicates, f"{name}: {list_name} repeats {duplicates}"


@pytest.mark.parametrize("name", ["prepositions.txt", "abbreviations.txt", "positions.txt",
                                  "geo_adjectives.txt", "generic_places.txt"])
def test_tables_have_unique_keys(name):
    rows = data.rows(f"facts/{name}")
    keys = [row[0] for row in rows]
    assert rows and all(len(row) >= 2 for row in rows)
    assert len(keys) == len(set(keys)), name


def test_rules_read_the_lists():
    meeting_lists = words.word_lists("meeting.txt")
    assert meeting.TRIGGER_VERBS == set(meeting_lists["trigger_verb"])
    assert meeting.SPEECH == set(meeting_lists["speech"])
    assert meeting.MAYBE_TRIGGER.search("ВСТРЕТИЛИСЬ") and not meeting.MAYBE_TRIGGER.search("упал")
    assert positions.COPULAS == set(words.word_lists()["copula"])
    assert positions.HONORIFICS == set(words.word_lists()["honorific"])
    assert positions.PREPOSITIONS == {row[0]: row[1] for row in data.rows("facts/prepositions.txt")}


CHANGED_COPY = """
import importlib, sys
from pathlib import Path
from letopis import data
from letopis.pipeline.facts import meeting, positions, words
data.DATA = Path(sys.argv[1])
data.lines.cache_clear()
for module in (words, positions, meeting):
    importlib.reload(module)
print("пообщаться" in meeting.TRIGGER_VERBS, "магистр" in positions.HONORIFICS)
"""


def test_a_word_added_to_the_data_reaches_the_rules(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "letopis" / "data", copy)
    with open(copy / "facts" / "meeting.txt", "a", encoding="utf-8") as file:
        file.write("trigger_verb  пообщаться\n")
    with open(copy / "facts" / "words.txt", "a", encoding="utf-8") as file:
        file.write("honorific  магистр\n")
    done = subprocess.run([sys.executable, "-c", CHANGED_COPY, str(copy)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["True", "True"]
    assert "пообщаться" not in meeting.TRIGGER_VERBS


def test_lookups_are_built_once_per_morph():
    morph = shared()
    lex = words.lookups(morph)
    assert words.lookups(morph) is lex and lex.morph is morph
    assert not hasattr(words, "set_morph") and not hasattr(words, "_MORPH")
    assert lex.lemma(Token(0, 9, "министром"), "NOUN") == "министр"
    assert lex.position_head(Token(0, 10, "президента", "NOUN")) == ("президент", "state")
    assert lex.inflect_nominative("генерального", "ADJF", "masc") == "генеральный"


def _literals_module():
    spec = importlib.util.spec_from_file_location("cyrillic_literals", ROOT / "scripts" / "cyrillic_literals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_word_lists_stay_out_of_code():
    literals = _literals_module().literals
    found = {path.name: literals(path) for path in sorted(FACTS.rglob("*.py"))}
    total = sum(len(f) for f in found.values())
    assert total <= MAX_LITERALS, {name: f for name, f in found.items() if f}


def test_generic_organisation_nouns_come_from_the_shared_table():
    """"глава компании": the facts stage's generic org nouns are org_nouns.tsv rows, the table NER
    and entity subtypes read too, so an organisation noun is listed once."""
    shared = {row[0] for row in data.rows("entities/org_nouns.tsv") if row[5] == "org"}
    assert shared and {w for w, kind in words.GENERIC_WHERE.items() if kind == "org"} == shared
    assert {"компания", "банк", "партия"} <= shared
    places = {row[0] for row in data.rows("facts/generic_places.txt")}
    assert "регион" in places and not places & shared
