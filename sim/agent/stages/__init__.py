"""Promtail v3.6 pipeline stages (clients/pkg/logentry/stages), run synchronously.

pipeline = build_pipeline(scrape_config["pipeline_stages"], path="promtail.yaml",
                          field="scrape_configs[0].pipeline_stages")
for out in pipeline.process(Entry(labels, {}, ts_ns, line), now):
    ...
pipeline.tick(now)      # time-driven flushes (multiline max_wait_time, limit)
pipeline.flush()        # end of input
pipeline.dropped        # Counter of logentry_dropped_lines_total reasons
"""

from __future__ import annotations

from .base import BuildContext, Entry, Stage
from .pipeline import Pipeline
from .registry import STAGES, build_pipeline

__all__ = ["STAGES", "BuildContext", "Entry", "Pipeline", "Stage", "build_pipeline"]
