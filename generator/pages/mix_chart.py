"""The content mix as a chart: each type's actual share as a bar, its target as a tick.

Drawn in the frame of every chart (chart_figure.py), with an axis from 0 to
100 %, a legend, each bar's value written beside it and the numbers as a
table. A share is written the same way in the chart, its table and the pages'
tables (share_text): the health page once said 79.5 % in its table and 79 %
in its chart.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model.content_mix import MixLine, MixTable
from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure

LABEL_WIDTH = 210
BAR_WIDTH = 300
VALUE_WIDTH = 70
ROW_HEIGHT = 24
LEGEND_HEIGHT = 26
AXIS_HEIGHT = 40
LABEL_CHARACTERS = 32  # a longer name is cut in the drawing; the table has it whole
TICKS = (0, 25, 50, 75, 100)


def share_text(t: Translator, percent: float) -> str:
    """A share as every page writes it: one decimal at most, in the site's language."""
    return f"{t.number(round(percent, 1))} %"


def mix_chart(table: MixTable, name: str, label_of: Callable[[str], str], t: Translator) -> Markup:
    """The chart of one mix table (the whole plan's or a channel's)."""
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(table.lines) + AXIS_HEIGHT
    rows = [_bar(index, line, label_of(line.label), t) for index, line in enumerate(table.lines)]
    drawing = Markup("").join([_legend(t), _axis(len(table.lines), t), *rows])
    frame = ChartFrame(name, width, height, "mix", t("chart_data"))
    return chart_figure(frame, drawing, _data(table, label_of, t))


def _x(percent: float) -> float:
    return LABEL_WIDTH + BAR_WIDTH * min(max(percent, 0.0), 100.0) / 100


def _legend(t: Translator) -> Markup:
    actual, target = escape(t("actual")), escape(t("target"))
    return Markup(
        f'<g class="ps-chart__legend">'
        f'<rect x="{LABEL_WIDTH}" y="6" width="14" height="10" class="ps-chart__bar"/>'
        f'<text x="{LABEL_WIDTH + 20}" y="15" class="ps-chart__legend-text">{actual}</text>'
        f'<line x1="{LABEL_WIDTH + 127}" x2="{LABEL_WIDTH + 127}" y1="3" y2="19" '
        'class="ps-chart__target"/>'
        f'<text x="{LABEL_WIDTH + 136}" y="15" class="ps-chart__legend-text">{target}</text></g>'
    )


def _bar(index: int, line: MixLine, label: str, t: Translator) -> Markup:
    y = LEGEND_HEIGHT + index * ROW_HEIGHT
    shown = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
    parts = [
        f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" class="ps-chart__label">'
        f"{escape(shown)}</text>",
        f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{BAR_WIDTH}" height="14" '
        'class="ps-chart__track"/>',
        f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{_x(line.actual) - LABEL_WIDTH:.1f}" '
        'height="14" class="ps-chart__bar"/>',
        f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 16}" class="ps-chart__value">'
        f"{escape(share_text(t, line.actual))}</text>",
    ]
    if line.target is not None:
        x = _x(line.target)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" y2="{y + 23}" class="ps-chart__target"/>'
        )
    return Markup("".join(parts))


def _axis(row_count: int, t: Translator) -> Markup:
    """The 0-100 % scale under the bars, with its title."""
    top = LEGEND_HEIGHT
    bottom = LEGEND_HEIGHT + ROW_HEIGHT * row_count
    parts = [
        f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + BAR_WIDTH}" y1="{bottom}" y2="{bottom}" '
        'class="ps-chart__axis"/>'
    ]
    for tick in TICKS:
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom + 4}" '
            'class="ps-chart__grid"/>'
            f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" class="ps-chart__tick">'
            f"{escape(share_text(t, tick))}</text>"
        )
    parts.append(
        f'<text x="{LABEL_WIDTH + BAR_WIDTH / 2:.1f}" y="{bottom + 34}" text-anchor="middle" '
        f'class="ps-chart__axis-title">{escape(t("mix_axis"))}</text>'
    )
    return Markup("".join(parts))


def _data(table: MixTable, label_of: Callable[[str], str], t: Translator) -> ChartData:
    return ChartData(
        headers=(t("type"), t("target"), t("actual"), t("count")),
        rows=[
            (
                label_of(line.label),
                "" if line.target is None else share_text(t, line.target),
                share_text(t, line.actual),
                t.number(line.count),
            )
            for line in table.lines
        ],
    )
