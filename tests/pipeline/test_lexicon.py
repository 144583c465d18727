"""Word lists live in letopis/data and are read through `letopis.data`;
the ner, entities and dates stages share one Morph and keep no word lists in code."""
from __future__ import annotations

import ast
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from letopis import data
from letopis.morph import Morph

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "letopis" / "pipeline"
ALL_FILES = sorted(str(p.relative_to(data.DATA)) for p in data.DATA.rglob("*") if p.suffix in (".txt", ".tsv"))
# Files whose rows are "value form form ..." (each form a key).
TABLES = {"dates/months.txt", "dates/month_abbrs.txt", "dates/weekdays.txt", "dates/shifts.txt",
          "dates/parts_of_day.txt", "dates/modifiers.txt", "dates/units.txt", "dates/count_words.txt"}
MAX_LITERALS = 8  # letters, one-word grammatical tokens and regexes may stay in a module


def literals():
    spec = importlib.util.spec_from_file_location("cyrillic_literals", ROOT / "scripts" / "cyrillic_literals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.literals


def duplicates(keys) -> list:
    return [key for key, count in Counter(keys).items() if count > 1]


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_data_file_loads(name):
    assert data.lines(name), name
    assert all(line.strip() == line and not line.startswith("#") for line in data.lines(name))


@pytest.mark.parametrize("name", [n for n in ALL_FILES if n.split("/")[0] in ("ner", "entities", "dates")])
def test_no_duplicate_keys(name):
    rows = data.rows(name)
    keys = [form for row in rows for form in row[1:]] if name in TABLES else [row[0] for row in rows]
    if name in ("entities/name_endings.txt", "entities/name_stems.txt"):
        keys = [tuple(row[:2]) for row in rows]  # (list, ending) / (kind, case)
    assert not duplicates(keys), (name, duplicates(keys))


def test_org_nouns_serve_subtypes_and_ner_rules_and_facts():
    from letopis.pipeline.entities import subtypes
    from letopis.pipeline.ner import rules
    rows = data.rows("entities/org_nouns.tsv")
    assert all(len(row) == 6 for row in rows)
    assert subtypes.ORG_WORDS == {row[0]: row[1] for row in rows if row[1] != "-"}
    assert subtypes.ORG_WORDS["газета"] == "media" and subtypes.ORG_WORDS["оао"] == "company"
    assert {"газета", "газеты", "агенство"} <= rules.DESCRIPTORS and "министерство" not in rules.DESCRIPTORS
    assert {"оао", "фгуп"} <= rules.LEGAL_FORMS and "газета" not in rules.LEGAL_FORMS
    assert rules.STRIPPED == rules.LEGAL_FORMS | {"агентство", "агенство"}


@pytest.mark.parametrize("path", sorted(p for stage in ("ner", "entities", "dates") for p in (PIPELINE / stage).glob("*.py")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_word_lists_in_code(path):
    found = literals()(path)
    assert len(found) <= MAX_LITERALS, [text for _, text in found]


def test_lemmas_module_is_gone():
    assert not (PIPELINE / "lemmas.py").exists()
    for path in ROOT.joinpath("letopis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and "pipeline" in path.parts:
                names = [node.module or ""] + [alias.name for alias in node.names]
                assert "lemmas" not in names and not names[0].endswith(".lemmas"), path
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("pipeline.lemmas"):
                pytest.fail(f"{path} imports pipeline.lemmas")


def _module_level_analyzer(tree: ast.Module) -> bool:
    """A module-level statement that calls MorphAnalyzer (or Morph) or keeps a _MORPH global."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and getattr(sub.func, "attr", getattr(sub.func, "id", "")) in ("MorphAnalyzer", "Morph"):
                return True
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store) and sub.id in ("_MORPH", "MORPH"):
                return True
    return False


def _offenders(paths) -> list[str]:
    return [str(p.relative_to(PIPELINE)) for p in paths if _module_level_analyzer(ast.parse(p.read_text(encoding="utf-8")))]


def test_no_module_level_analyzer_in_pipeline():
    assert not _offenders(PIPELINE.rglob("*.py"))


def test_gazetteer_is_built_with_the_morph_it_is_given():
    from letopis.pipeline import gazetteer
    from letopis.morph import shared
    morph = shared()
    assert gazetteer.of(morph) is gazetteer.of(morph)
    other = Morph(morph.analyzer)
    assert gazetteer.of(other) is not gazetteer.of(morph) and gazetteer.of(other).morph is other
    assert gazetteer.of(other).nominative(["Европейского", "союза"]) == gazetteer.of(morph).nominative(["Европейского", "союза"])
    assert other.parse.cache_info().currsize > 0
