"""The events gold set: F1 per field must stay above the floors pinned in
tests/quality/floors.json (the quality gate, as trafilatura's eval_gate)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_bench_script, quality_floors

ROOT = Path(__file__).resolve().parents[2]
FLOORS = quality_floors("events")


def load_bench():
    """bench/events.py as a module."""
    return load_bench_script("events")


@pytest.fixture(scope="module")
def figures(pipeline):
    bench = load_bench()
    return bench.summary(bench.evaluate(bench.load_gold(bench.GOLD), pipeline=pipeline))


def test_gold_has_enough_texts():
    bench = load_bench()
    items = bench.load_gold(bench.GOLD)
    assert len(items) >= 40
    assert any(not item["events"] for item in items)
    assert any(len(item["events"]) > 1 for item in items)


@pytest.mark.parametrize("field", sorted(k for k in FLOORS if not k.startswith("_")))
def test_f1_floor(figures, field):
    assert figures[field]["f1"] >= FLOORS[field], f"{field}: {figures[field]} below floor {FLOORS[field]}"


ACTION_FLOORS = quality_floors("events_actions")


@pytest.fixture(scope="module")
def action_figures(pipeline):
    bench = load_bench()
    return bench.summary(bench.evaluate(bench.load_gold(ROOT / "bench" / "data" / "events_gold_actions.jsonl"),
                                        pipeline=pipeline))


@pytest.mark.parametrize("field", sorted(k for k in ACTION_FLOORS if not k.startswith("_")))
def test_action_gold_f1_floor(action_figures, field):
    """The whole taxonomy (arrests, verdicts, sanctions…) on real corpus leads, modality included."""
    assert action_figures[field]["f1"] >= ACTION_FLOORS[field], f"{field}: {action_figures[field]}"


def test_matching_is_lenient_only_on_endings():
    bench = load_bench()
    assert bench.name_match("Сергей Меликов", "Меликов")
    assert bench.name_match("Дербенте", "Дербент")
    assert not bench.name_match("Махачкала", "Дербент")
    assert bench.target_match("жилой дом", "пятиэтажный жилой дом")
    assert not bench.target_match("жилой дом", "торговый центр")
