"""The pipeline: an `Article` in, a `Card` out, stage by stage over one `Doc`.

Stages, in order (each a module with `run(doc, models)`):
segment -> ner -> normalize -> positions -> entities -> dates -> facts -> events.
"""
from __future__ import annotations

from ..article import Article
from ..card import Card
from . import dates, entities, events, facts, ner, normalize, positions, segment
from .doc import Doc
from .models import Models, default_models

STAGES = [segment, ner, normalize, positions, entities, dates, facts, events]


class Pipeline:
    """Runs the stages with models loaded once."""

    def __init__(self, models: Models | None = None, stages=None):
        self.models = models or default_models()
        self.stages = stages or STAGES

    def doc(self, article: Article) -> Doc:
        doc = Doc.from_article(article)
        for stage in self.stages:
            stage.run(doc, self.models)
        return doc

    def __call__(self, article: Article) -> Card:
        doc = self.doc(article)
        return Card(article, doc.entities, doc.facts, doc.events, doc.dates)


def analyze(article: Article, pipeline: Pipeline | None = None) -> Card:
    """One article -> its card, with the default pipeline."""
    return (pipeline or Pipeline())(article)
