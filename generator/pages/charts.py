"""Small charts as inline SVG, drawn at build time: no JavaScript, no CDN, and
they print. Every text in them goes through markupsafe."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup, escape


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
