"""Log pipelines and sample extractors: pkg/logql/log of grafana/loki v3.6.0.

    new_pipeline(selector)           the stages of a log query; .for_stream(labels).process(...)
    new_extractor(range_agg, group)  what a range aggregation takes from each entry

builder.py is the labels builder (categories, `__error__`), hints.py the parser hints,
stages.py builds stages from the AST (and the `stage '...' : ...` errors).
"""

from __future__ import annotations

from sim.loki.engine.pipeline.extractor import SampleExtractor, extractor_for, new_extractor
from sim.loki.engine.pipeline.pipeline import Pipeline, new_pipeline

__all__ = ["Pipeline", "SampleExtractor", "extractor_for", "new_extractor", "new_pipeline"]
