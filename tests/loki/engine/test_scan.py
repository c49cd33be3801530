"""sim/loki/engine/scan.py: the bulk line scan keeps exactly the lines the predicate keeps."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.linefilter import line_filter
from sim.loki.engine.scan import kept
from sim.loki.logql import parse_expr

LINES = [b"alpha needle", b"", b"needle", b"no", b"x\nneedle y", b"needlE", b"needle needle"]


@pytest.mark.parametrize(
    "query",
    [
        '{a="b"} |= "needle"',
        '{a="b"} |= "needle" != "y"',
        '{a="b"} |~ "(?i)needle"',
        '{a="b"} |= "needle" |~ "^need"',
        '{a="b"} |= "\\n"',
        '{a="b"} |= ""',
    ],
)
def test_bulk_scan_matches_line_by_line(query):
    predicate = line_filter(parse_expr(query).stages[0])
    assert kept(LINES, predicate) == [i for i, line in enumerate(LINES) if predicate(line)]
