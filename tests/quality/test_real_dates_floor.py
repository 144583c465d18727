"""Dates on real RT (undated) and NG (dated) tune articles stay above their floors (issue 10).

Scored as `python bench/dates.py --docs 0 --real`: a right value, or an honest
"year unknown" where the year is not in the text, counts; a wrong year does not.
"""
from __future__ import annotations

import pytest

from conftest import SHARED_DATA, load_bench_script, quality_floors

FLOORS = quality_floors("dates_real")
CORPUS = SHARED_DATA / "corpus" / "rt_ng.jsonl.gz"


@pytest.fixture(scope="module")
def verdicts():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found")
    bench = load_bench_script("dates")
    dates_eval = load_bench_script("dates_eval")
    return dates_eval.evaluate_real(dates_eval.load_real([bench.REAL / "tune.jsonl"]), CORPUS)


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_real_dates_floor(verdicts, dated):
    mine = [v for v in verdicts if bool(v[0]["published"]) == dated]
    right = sum(v[1] in ("right", "unknown") for v in mine) / len(mine)
    floor = FLOORS["dated" if dated else "undated"]
    assert len(mine) >= 200 and right >= floor, f"{right:.3f} below floor {floor}"


def test_undated_years_are_mostly_decided_not_given_up(verdicts):
    """Honest unknowns count as right, so the share of dates whose year is found must hold too."""
    undated = [v for v in verdicts if not v[0]["published"]]
    assert sum(v[1] == "right" for v in undated) / len(undated) >= FLOORS["undated_year_found"]
