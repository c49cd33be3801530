"""The inline charts: empty states, escaping, bars scaled to the largest value."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from sim.verify import svg


def test_no_data_says_so() -> None:
    chart = svg.line_chart([], "Ingest", "s", "bytes/s")
    assert "no samples" in chart
    ElementTree.fromstring(chart)


def test_labels_are_escaped_and_bars_scale() -> None:
    chart = svg.bar_chart([('{app="<x>"}', [2.0]), ("b", [1.0])], "Q & A")
    ElementTree.fromstring(chart)
    assert "&lt;x&gt;" in chart and "Q &amp; A" in chart
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', chart)]
    assert widths[0] == 2 * widths[1]


def test_the_limit_line_is_drawn_at_its_value() -> None:
    chart = svg.line_chart([(0.0, 5.0), (10.0, 10.0)], "Ingest", "s", "bytes/s", limit=10.0)
    assert 'class="limit"' in chart and "limit 10" in chart
