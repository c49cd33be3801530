"""Small inline SVG charts for report.html: no script, no external asset, text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
_PAD_LEFT, _PAD_RIGHT, _PAD_TOP, _PAD_BOTTOM = 70, 20, 28, 36
_BAR_HEIGHT, _BAR_GAP = 16, 6
_LABEL_WIDTH = 230
SERIES_COLOURS = ("#3867d6", "#f7b731", "#eb3b5a", "#20bf6b", "#8854d0")


def _number(value: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(value) >= size:
            return f"{value / size:.1f}{unit}"
    return f"{value:.3g}"


def _frame(height: int, title: str, body: list[str]) -> str:
    head = (
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}"><title>{escape(title)}</title>'
        f'<text x="8" y="18" class="chart-title">{escape(title)}</text>'
    )
    return head + "".join(body) + "</svg>"


def empty(title: str, why: str) -> str:
    return _frame(60, title, [f'<text x="8" y="44" class="muted">{escape(why)}</text>'])


def line_chart(
    points: Sequence[tuple[float, float]],
    title: str,
    x_label: str,
    y_label: str,
    limit: float | None = None,
    limit_label: str = "limit",
) -> str:
    if not points:
        return empty(title, "no samples")
    height = 270
    top_pad = _PAD_TOP + 16  # room for the y axis label under the title
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    top = max([*ys, limit or 0.0, 1e-9]) * 1.1
    span = (x1 - x0) or 1.0
    inner_w = WIDTH - _PAD_LEFT - _PAD_RIGHT
    inner_h = height - top_pad - _PAD_BOTTOM

    def sx(x: float) -> float:
        return _PAD_LEFT + (x - x0) / span * inner_w

    def sy(y: float) -> float:
        return top_pad + inner_h - y / top * inner_h

    body = [
        f'<line x1="{_PAD_LEFT}" y1="{sy(0):.1f}" x2="{WIDTH - _PAD_RIGHT}" y2="{sy(0):.1f}" '
        'class="axis"/>',
        f'<line x1="{_PAD_LEFT}" y1="{top_pad}" x2="{_PAD_LEFT}" y2="{sy(0):.1f}" class="axis"/>',
        f'<text x="4" y="{top_pad + 10}" class="tick">{_number(top)}</text>',
        f'<text x="4" y="{sy(0):.1f}" class="tick">0</text>',
        f'<text x="{_PAD_LEFT}" y="{height - 8}" class="tick">{_number(x0)}</text>',
        f'<text x="{WIDTH - _PAD_RIGHT - 40}" y="{height - 8}" class="tick">{_number(x1)}</text>',
        f'<text x="{WIDTH / 2 - 40:.0f}" y="{height - 8}" class="tick">{escape(x_label)}</text>',
        f'<text x="4" y="{top_pad - 4}" class="tick">{escape(y_label)}</text>',
    ]
    path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
    body.append(f'<polyline points="{path}" class="series" stroke="{SERIES_COLOURS[0]}"/>')
    if limit is not None:
        y = sy(limit)
        body.append(
            f'<line x1="{_PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - _PAD_RIGHT}" y2="{y:.1f}" '
            'class="limit"/>'
            f'<text x="{WIDTH - _PAD_RIGHT - 150}" y="{y - 4:.1f}" class="tick">'
            f"{escape(limit_label)} {_number(limit)}</text>"
        )
    return _frame(height, title, body)


def bar_chart(
    rows: Sequence[tuple[str, Sequence[float]]],
    title: str,
    unit: str = "",
    series: Sequence[str] = ("",),
) -> str:
    """Horizontal bars: one group per row, one bar per series value."""
    if not rows:
        return empty(title, "nothing to show")
    per_row = len(series)
    top = max([v for _, values in rows for v in values] + [1e-9])
    row_h = per_row * _BAR_HEIGHT + _BAR_GAP
    legend_h = 18 if per_row > 1 else 0
    height = _PAD_TOP + legend_h + len(rows) * row_h + 10
    inner_w = WIDTH - _LABEL_WIDTH - 70
    body: list[str] = []
    if per_row > 1:
        for index, name in enumerate(series):
            x = _LABEL_WIDTH + index * 90
            body.append(
                f'<rect x="{x}" y="{_PAD_TOP - 2}" width="10" height="10" '
                f'fill="{SERIES_COLOURS[index % len(SERIES_COLOURS)]}"/>'
                f'<text x="{x + 14}" y="{_PAD_TOP + 8}" class="tick">{escape(name)}</text>'
            )
    for row_index, (label, values) in enumerate(rows):
        y0 = _PAD_TOP + legend_h + row_index * row_h
        shown = label if len(label) <= 36 else label[:35] + "…"
        body.append(
            f'<text x="4" y="{y0 + _BAR_HEIGHT * per_row / 2 + 4:.0f}" class="tick">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
        )
        for index, value in enumerate(values):
            width = max(value / top * inner_w, 0.5)
            y = y0 + index * _BAR_HEIGHT
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            body.append(
                f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
                f'height="{_BAR_HEIGHT - 3}" fill="{colour}"/>'
                f'<text x="{_LABEL_WIDTH + width + 4:.1f}" y="{y + _BAR_HEIGHT - 5}" '
                f'class="tick">{_number(value)}{escape(unit)}</text>'
            )
    return _frame(height, title, body)
