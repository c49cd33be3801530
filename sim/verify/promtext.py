"""Prometheus text exposition, parsed with prometheus_client's parser, summed by label.

Samples are indexed by their own name (`loki_discarded_samples_total`,
`promtail_request_duration_seconds_count`), not by family: that is how the series read.
Several texts (one per collector process) add up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from prometheus_client.parser import text_string_to_metric_families

Labels = Mapping[str, str]


class MetricsParseError(ValueError):
    """The text is not Prometheus text exposition."""


class MetricSet:
    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._samples: dict[str, list[tuple[dict[str, str], float]]] = defaultdict(list)
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        try:
            for family in text_string_to_metric_families(text):
                for sample in family.samples:
                    self._samples[sample.name].append((dict(sample.labels), float(sample.value)))
        except (ValueError, TypeError, IndexError) as err:
            raise MetricsParseError(f"not Prometheus text exposition: {err}") from None

    def has(self, name: str) -> bool:
        return name in self._samples

    def names(self) -> list[str]:
        return sorted(self._samples)

    def total(self, name: str, **match: str) -> float:
        """The sum of every sample of `name` whose labels include `match`."""
        return sum(value for labels, value in self._matching(name, match))

    def by_label(self, name: str, label: str, **match: str) -> dict[str, float]:
        """Sums of `name` per value of `label` (samples without it count under "")."""
        out: dict[str, float] = defaultdict(float)
        for labels, value in self._matching(name, match):
            out[labels.get(label, "")] += value
        return dict(out)

    def _matching(
        self, name: str, match: Mapping[str, str]
    ) -> Iterable[tuple[dict[str, str], float]]:
        for labels, value in self._samples.get(name, ()):
            if all(labels.get(k) == v for k, v in match.items()):
                yield labels, value


def parse_metrics(*texts: str) -> MetricSet:
    return MetricSet(texts)
