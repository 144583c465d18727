"""Shared fixtures: models load once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = SHARED_DATA / "samples" / "000_bd1d954d026d96b9.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from letopis.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def sample_article():
    from letopis.readers import read
    return next(iter(read(SAMPLE)))


@pytest.fixture(scope="session")
def sample_doc(pipeline, sample_article):
    return pipeline.doc(sample_article)


@pytest.fixture(scope="session")
def sample_card(pipeline, sample_article):
    return pipeline(sample_article)
