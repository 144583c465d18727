"""Quality floor of occupation and meeting facts on FactRuEval dev (the shared scorer)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED_DATA, load_bench_script, quality_floors

GOLD = SHARED_DATA / "factrueval" / "devset.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "eval_facts.py"
FLOOR = quality_floors("facts")


def bench_module():
    """bench/facts.py as a module."""
    return load_bench_script("facts")


@pytest.mark.skipif(not GOLD.exists() or not SCORER.exists(), reason="FactRuEval dev or scorer not present")
def test_factrueval_dev_floor(pipeline, tmp_path):
    from letopis.article import Article
    bench = bench_module()
    docs = bench.read_jsonl(GOLD, None)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        for doc in docs:
            card = pipeline(Article(title="", text=doc["text"]))
            handle.write(json.dumps({"id": doc["id"], "facts": bench.scorer_facts(card)}, ensure_ascii=False) + "\n")
    scores = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json", str(scores)],
                   check=True, capture_output=True)
    result = json.loads(scores.read_text())
    for kind in ("occupation_strict", "occupation_lenient", "meeting"):
        assert result[kind]["f1"] >= FLOOR[kind], (kind, result[kind])
