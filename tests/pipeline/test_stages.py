"""The stage protocol: declared inputs and outputs, checked when a pipeline is built."""
from __future__ import annotations

import dataclasses

import pytest

from letopis.pipeline import STAGES, Pipeline, StageOrderError, check_order, stage
from letopis.pipeline.doc import Doc


def test_default_order_is_valid_and_named():
    check_order(STAGES)
    assert [s.name for s in STAGES] == ["segment", "ner", "normalize", "positions", "entities",
                                        "dates", "facts", "events"]


def test_a_stage_before_what_it_needs_is_refused(pipeline):
    with pytest.raises(StageOrderError, match="'dates' needs sents"):
        Pipeline(pipeline.models, ["dates"])
    with pytest.raises(StageOrderError, match="'facts' needs"):
        Pipeline(pipeline.models, ["segment", "ner", "facts"])


def test_unknown_doc_field_is_refused():
    @stage("typo", requires=("text",), assigns=("sentences",))
    def run(doc, models):
        pass

    with pytest.raises(StageOrderError, match="unknown Doc fields: sentences"):
        check_order([STAGES[0], run])


def test_each_stage_fills_what_it_assigns(pipeline, sample_article):
    """On the reference article every declared output is really filled by its stage."""
    doc = Doc.from_article(sample_article)
    for step in pipeline.stages:
        before = {name: _size(getattr(doc, name)) for name in step.assigns}
        step(doc, pipeline.models)
        for name in step.assigns:
            value = getattr(doc, name)
            if name == "spans" and step.name == "normalize":
                assert all(span.normal for span in value), "normalize leaves spans without a normal form"
            else:
                assert _size(value) > before[name], f"{step.name} did not fill {name}"


def test_a_partial_pipeline_runs_only_its_stages(pipeline, sample_article):
    doc = Pipeline(pipeline.models, ["segment", "dates"]).doc(sample_article)
    assert doc.dates and doc.sents
    assert not doc.spans and not doc.entities and not doc.events


def _size(value) -> int:
    return len(value) if not dataclasses.is_dataclass(value) else 1
