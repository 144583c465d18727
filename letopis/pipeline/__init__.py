"""The pipeline: an `Article` in, a `Card` out, stage by stage over one `Doc`.

The stages, in order (`STAGES`); each declares what it reads and fills on
the `Doc` (see `stage.py`), and `Pipeline` checks the order once:

    segment    text                          -> sents, tokens, word_ids, shape_ids
    ner        tokens, word ids              -> spans
    normalize  spans                         -> spans' normal forms
    positions  sents, tokens, spans          -> positions (post phrases)
    entities   spans                         -> entities, span_entity
    dates      sents                         -> dates
    facts      entities, positions, dates    -> facts
    events     tokens, entities, dates       -> events
"""
from __future__ import annotations

from ..article import Article
from ..card import Card
from . import segment
from .dates import find
from .doc import Doc
from .entities import group, normalize
from .events import registry
from .facts import collect, positions
from .models import Models, default_models
from .ner import tagger
from .stage import Stage, StageOrderError, check_order, stage

STAGES: list[Stage] = [segment.run, tagger.run, normalize.run, positions.run, group.run,
                       find.run, collect.run, registry.run]
STAGE_NAMES: dict[str, Stage] = {step.name: step for step in STAGES}


class Pipeline:
    """Runs the stages with models loaded once."""

    def __init__(self, models: Models | None = None, stages: list[Stage | str] | None = None):
        """`stages`: a prefix or selection of `STAGES`, as stages or their names."""
        self.models = models or default_models()
        self.stages = [STAGE_NAMES[s] if isinstance(s, str) else s for s in (STAGES if stages is None else stages)]
        check_order(self.stages)

    def doc(self, article: Article) -> Doc:
        doc = Doc.from_article(article)
        for step in self.stages:
            step(doc, self.models)
        return doc

    def __call__(self, article: Article) -> Card:
        doc = self.doc(article)
        return Card(article, doc.entities, doc.facts, doc.events, doc.dates)


def analyze(article: Article, pipeline: Pipeline | None = None) -> Card:
    """One article -> its card, with the default pipeline."""
    return (pipeline or Pipeline())(article)


__all__ = ["Pipeline", "analyze", "STAGES", "STAGE_NAMES", "Stage", "StageOrderError", "check_order", "stage", "Doc", "Models"]
