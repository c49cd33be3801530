"""One scrape config's pipeline, fed by its tailers (stages.Pipeline.Wrap in Promtail).

Every file target of a job shares the job's pipeline, as in Promtail (one pipeline per
scrape config). A tailer hands over lines with the target's labels plus `filename`; each
becomes an entry stamped with the time it was read, runs through the stages, then through
the global readline limiter (when enabled) to the clients. `tick` lets time-driven stages
(multiline's max_wait_time) release entries; `flush` empties the stages at stop.

Speed, same result: leading stages that only read labels (regex/template on a label,
labels, labeldrop, labelallow: what derives namespace/pod/app from `filename`) give the
same labels and extracted values for every line of a file, so they run once per label
set and each line starts from their result.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sim.agent.stages import Entry, Pipeline, build_pipeline

from . import messages
from .config_model import LimitsConfig, ScrapeConfig
from .ratelimit import TokenBucket

Sink = Callable[[list[Entry]], Awaitable[None]]


def new_pipeline(config: ScrapeConfig, path: str, seed: int = 0) -> Pipeline:
    """The job's stages, built as Promtail builds them (errors name the stage's field)."""
    return build_pipeline(
        config.pipeline_stages,
        path=path,
        field=f"{config.field}.pipeline_stages",
        job_name=config.job_name,
        seed=seed,
    )


_BY_LABELS = frozenset({"labels", "labeldrop", "labelallow"})
_FIELD_ACTION = re.compile(r"\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}")


def _reads_labels_only(item: Any) -> bool:
    """A stage whose output depends on the entry's labels and extracted values alone."""
    if not isinstance(item, dict) or len(item) != 1:
        return False
    ((name, config),) = item.items()
    if name in _BY_LABELS:
        return True
    if not isinstance(config, dict):
        return False
    if name == "regex":
        return isinstance(config.get("source"), str) and config["source"] != ""
    if name == "template":
        text = config.get("template")
        if not isinstance(text, str):
            return False
        rest = _FIELD_ACTION.sub(lambda m: "{{" if m.group(1) == "Entry" else "", text)
        return "{{" not in rest and "}}" not in rest
    return False


def split_pipeline(
    config: ScrapeConfig, path: str, seed: int = 0
) -> tuple[Pipeline | None, Pipeline]:
    """(stages run once per label set or None, the rest); the whole list is checked first."""
    new_pipeline(config, path, seed)  # Promtail's errors, with the stages' real positions
    stages = config.pipeline_stages or []
    count = 0
    while count < len(stages) and _reads_labels_only(stages[count]):
        count += 1
    if count == 0:
        return None, new_pipeline(config, path, seed)
    field = f"{config.field}.pipeline_stages"
    head = build_pipeline(stages[:count], path=path, field=field, job_name=config.job_name)
    body = build_pipeline(
        stages[count:], path=path, field=field, job_name=config.job_name, seed=seed
    )
    return head, body


def new_limiter(limits: LimitsConfig) -> TokenBucket | None:
    """stages.SetReadLineRateLimiter, when limits_config.readline_rate_enabled."""
    if not limits.readline_rate_enabled:
        return None
    return TokenBucket(limits.readline_rate, limits.readline_burst)


class ScrapePipeline:
    def __init__(
        self,
        config: ScrapeConfig,
        pipeline: Pipeline,
        sink: Sink,
        limiter: TokenBucket | None = None,
        drop_when_limited: bool = True,
        head: Pipeline | None = None,
    ) -> None:
        self.config = config
        self.pipeline = pipeline  # with a head: the stages after it
        self.head = head
        self._sink = sink
        self._limiter = limiter
        self._drop_when_limited = drop_when_limited
        self._starts: dict[tuple[tuple[str, str], ...], tuple[dict[str, str], dict[str, Any]]] = {}

    def _start(self, labels: dict[str, str], now: float) -> tuple[dict[str, str], dict[str, Any]]:
        """What the head makes of an entry with these labels (computed once per label set)."""
        key = tuple(labels.items())
        known = self._starts.get(key)
        if known is None:
            assert self.head is not None
            if len(self._starts) >= 10_000:  # files come and go with pods: stay bounded
                self._starts.clear()
            (probe,) = self.head.process(Entry(dict(labels), {}, 0, ""), now)
            known = self._starts[key] = (probe.labels, probe.extracted)
        return known

    async def handle(self, labels: dict[str, str], lines: list[str], read_ns: int) -> None:
        """Lines read from one file: into the stages, then on to the clients."""
        now = time.time()
        if self.head is None:
            out = self.pipeline.process_lines(lines, labels, {}, read_ns, now)
        else:
            # The rest of the stages, minus Pipeline.Run's first step (copying labels into
            # extracted), which the head already did.
            start_labels, start_extracted = self._start(labels, now)
            out = self.pipeline.process_lines(
                lines, start_labels, start_extracted, read_ns, now, first_step=False
            )
        if out:
            await self._emit(out)

    async def tick(self, now: float) -> None:
        out = self.pipeline.tick(now)
        if out:
            await self._emit(out)

    async def flush(self) -> None:
        out = self.pipeline.flush()
        if out:
            await self._emit(out)

    async def _emit(self, entries: list[Entry]) -> None:
        limiter = self._limiter
        if limiter is not None:
            passed: list[Entry] = []
            for entry in entries:
                if self._drop_when_limited:
                    if not limiter.allow():
                        self.pipeline.dropped[messages.RATE_LIMITER_DROP_REASON] += 1
                        continue
                else:
                    await limiter.wait()
                passed.append(entry)
            entries = passed
        if entries:
            await self._sink(entries)
