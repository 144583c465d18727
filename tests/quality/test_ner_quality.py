"""Quality floors on real gold data (FactRuEval dev, BSNLP ru_dev), scored
by the shared scorer; floors live in tests/quality/floors.json."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_bench_script, quality_floors

ROOT = Path(__file__).resolve().parents[2]
FLOORS = quality_floors("ner")
FACTRU = ROOT.parent / "shared" / "data" / "factrueval" / "devset.jsonl"
BSNLP = ROOT.parent / "shared" / "data" / "bsnlp" / "ru_dev.jsonl"

bench = load_bench_script("ner")


@pytest.fixture(scope="module")
def letopis_system(pipeline):
    return bench.Letopis(pipeline.models)


@pytest.fixture(scope="module")
def factru(letopis_system):
    if not FACTRU.exists():
        pytest.skip("FactRuEval dev not available")
    docs = bench.read_gold(FACTRU, None)
    return docs, {d["id"]: letopis_system(d["text"]) for d in docs}


def test_factrueval_dev_f1_floors(factru):
    docs, pred = factru
    _, scores = bench.naeval_scores(bench.load_scorer(), docs, pred)
    for type_, floor in FLOORS["factrueval_dev"].items():
        assert scores[type_]["f1"] >= floor, (type_, scores[type_]["f1"])
        assert scores[type_]["f1"] > FLOORS["natasha_factrueval_dev"][type_]


def test_factrueval_coreference_floor(factru):
    docs, pred = factru
    _, _, f1, found, total = bench.b_cubed(docs, pred)
    assert f1 >= FLOORS["factrueval_coref_b3_f1"]
    assert found > 0.9 * total


def test_bsnlp_normal_form_accuracy(letopis_system):
    if not BSNLP.exists():
        pytest.skip("BSNLP ru_dev not available")
    docs = bench.read_gold(BSNLP, 100)
    pred = {d["id"]: letopis_system(d["text"]) for d in docs}
    acc = bench.normal_accuracy(docs, pred)
    matched = [v for v in acc.values() if v[0] is not None]
    right = sum(normal in wanted for normal, wanted in matched)
    assert len(matched) > 1000
    assert right / len(matched) >= FLOORS["bsnlp_normal_accuracy_first_100"]
