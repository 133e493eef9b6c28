"""Small charts as inline SVG, drawn at build time: no JavaScript, no CDN, and
they print. Every text in them goes through markupsafe."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup, escape

BAR_WIDTH = 240
ROW_HEIGHT = 22
LABEL_WIDTH = 210


def bar_chart(rows: Sequence[tuple[str, float | None, float]], title: str) -> Markup:
    """Horizontal bars of actual percentages with a tick at each target.

    `rows` are (label, target percent or None, actual percent).
    """
    height = ROW_HEIGHT * len(rows) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 60
    # Inside a <div>, Markdown leaves the SVG alone (a block of raw HTML).
    parts = [
        '<div class="ps-chart-box">',
        f'<svg class="ps-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, target, actual) in enumerate(rows):
        y = index * ROW_HEIGHT + 2
        bar = BAR_WIDTH * min(actual, 100) / 100
        parts.append(
            f'<text x="0" y="{y + 15}" class="ps-chart__label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" height="12" '
            'class="ps-chart__track"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{bar:.1f}" height="12" '
            'class="ps-chart__bar"/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 15}" '
            f'class="ps-chart__value">{actual:.0f} %</text>'
        )
        if target is not None:
            x = LABEL_WIDTH + BAR_WIDTH * min(target, 100) / 100
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 20}" class="ps-chart__target"/>'
            )
    parts.append("</svg></div>")
    return Markup("".join(parts))


def progress_chart(
    points: Sequence[tuple[date, float]],
    start: tuple[date, float],
    end: tuple[date, float],
    title: str,
    format_value: Callable[[float], str],
) -> Markup:
    """Measured values against the straight line from baseline to target.

    `start` is (start date, baseline) and `end` (deadline, target): the line
    a goal on pace stays on.
    """
    width, height, pad = 480, 200, 36
    days = max((end[0] - start[0]).days, 1)
    values = [start[1], end[1], *(v for _, v in points)]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def x(day: date) -> float:
        return pad + (width - 2 * pad) * min(max((day - start[0]).days, 0), days) / days

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * (value - low) / span

    parts = [
        '<div class="ps-chart-box">',
        f'<svg class="ps-chart ps-progress" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'class="ps-chart__axis"/>',
        f'<line x1="{x(start[0]):.1f}" y1="{y(start[1]):.1f}" x2="{x(end[0]):.1f}" '
        f'y2="{y(end[1]):.1f}" class="ps-chart__plan"/>',
        f'<text x="{pad}" y="{height - 8}" class="ps-chart__label">{escape(str(start[0]))}</text>',
        f'<text x="{width - pad}" y="{height - 8}" text-anchor="end" '
        f'class="ps-chart__label">{escape(str(end[0]))}</text>',
        f'<text x="2" y="{y(start[1]) + 4:.1f}" class="ps-chart__label">'
        f"{escape(format_value(start[1]))}</text>",
        f'<text x="{width - 2}" y="{y(end[1]) + 4:.1f}" text-anchor="end" '
        f'class="ps-chart__label">{escape(format_value(end[1]))}</text>',
    ]
    if points:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f'<polyline points="{path}" class="ps-chart__measured"/>')
        for day, value in points:
            parts.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="4" class="ps-chart__point">'
                f"<title>{escape(str(day))}: {escape(format_value(value))}</title></circle>"
            )
    parts.append("</svg></div>")
    return Markup("".join(parts))
