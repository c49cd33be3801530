"""Table cells and tables of report.html, shared by its sections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int | float):
        text = f"{value:,}" if isinstance(value, int) else f"{value:.4g}"
        return f'<td class="n">{text}</td>'
    if value is None:
        return '<td class="muted">n/a</td>'
    return f"<td>{escape(str(value))}</td>"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"
