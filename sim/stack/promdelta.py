"""What a run added to a shared Loki's counters: a /metrics text minus an earlier one.

A Loki the run did not start has counted pushes, rejections and requests since it started;
the verdicts read absolute counters, so a URL target hands them the increase over the run.
Counters, histograms and summaries are differenced per series (a series that went down
was reset, so its increase is its new value, as Prometheus's increase() reads a reset);
gauges are kept as they are. The text written is Prometheus text exposition.
"""

from __future__ import annotations

import math

from prometheus_client.parser import text_string_to_metric_families

_CUMULATIVE = ("counter", "histogram", "summary", "gaugehistogram")
_CUMULATIVE_SUFFIXES = ("_total", "_count", "_sum", "_bucket")

Key = tuple[str, tuple[tuple[str, str], ...]]


def _samples(text: str) -> list[tuple[str, Key, float]]:
    out = []
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith("_created"):
                continue  # a timestamp, not an amount
            key = (sample.name, tuple(sorted(sample.labels.items())))
            cumulative = family.type in _CUMULATIVE or (
                family.type == "unknown" and sample.name.endswith(_CUMULATIVE_SUFFIXES)
            )
            out.append(("cumulative" if cumulative else "gauge", key, float(sample.value)))
    return out


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _format(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(value)


def since(baseline: str, text: str) -> str:
    """`text` with every cumulative series reduced by its value in `baseline`."""
    before = {key: value for _, key, value in _samples(baseline)}
    lines = []
    for kind, (name, labels), value in _samples(text):
        if kind == "cumulative":
            old = before.get((name, labels), 0.0)
            value = value - old if value >= old else value
        rendered = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
        lines.append(
            f"{name}{{{rendered}}} {_format(value)}" if labels else f"{name} {_format(value)}"
        )
    return "\n".join(lines) + "\n"
