"""Small charts as inline SVG, drawn at build time: no JavaScript, no CDN, and
they print. Every text in them goes through markupsafe."""

from __future__ import annotations

from collections.abc import Sequence

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
