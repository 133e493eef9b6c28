"""The results page's charts: what each content type earned against its share, and
a channel's results week by week.

Both are drawn in the frame of every chart (chart_figure.py). No bar is told
apart by its colour alone: each carries its own label and value, and a
target is a tick, named in the legend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model.result_summaries import ChannelWeeks, TypeShare
from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure
from generator.pages.mix_chart import share_text

LABEL_WIDTH = 150
BAR_WIDTH = 300
VALUE_WIDTH = 70
ROW_HEIGHT = 18
HEADING_HEIGHT = 20
GAP = 8
LEGEND_HEIGHT = 26
LABEL_CHARACTERS = 48  # a longer type name is cut in the drawing; the table has it whole
# What each type's bars measure, in the order they are drawn.
SHARES = ("posts", "engagements", "sessions")

WEEK_WIDTH = 560
WEEK_HEIGHT = 150
WEEK_TOP = 14
WEEK_BOTTOM = 30
WEEK_LEFT = 50


def type_chart(
    shares: Sequence[TypeShare], name: str, label_of: Callable[[str], str], t: Translator
) -> Markup:
    """Per content type: its share of the posts, of the engagements and of the sessions
    (where known) as bars, its target share as a tick."""
    kinds = [k for k in SHARES if any(_share(s, k) is not None for s in shares)]
    group = HEADING_HEIGHT + ROW_HEIGHT * len(kinds) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = LEGEND_HEIGHT + group * len(shares)
    parts = [_type_legend(t)]
    for index, share in enumerate(shares):
        parts.append(_type_group(LEGEND_HEIGHT + index * group, share, kinds, label_of, t))
    frame = ChartFrame(name, width, height, "results-types", t("chart_data"))
    return chart_figure(frame, Markup("").join(parts), _type_data(shares, kinds, label_of, t))


def _share(share: TypeShare, kind: str) -> float | None:
    return {"posts": share.posts, "engagements": share.engagements, "sessions": share.sessions}[
        kind
    ]


def _x(percent: float) -> float:
    return LABEL_WIDTH + BAR_WIDTH * min(max(percent, 0.0), 100.0) / 100


def _type_legend(t: Translator) -> Markup:
    target = escape(t("target"))
    return Markup(
        f'<g class="ps-chart__legend"><line x1="{LABEL_WIDTH + 4}" x2="{LABEL_WIDTH + 4}" '
        f'y1="3" y2="19" class="ps-chart__target"/>'
        f'<text x="{LABEL_WIDTH + 12}" y="15" class="ps-chart__legend-text">{target}</text></g>'
    )


def _type_group(
    top: int, share: TypeShare, kinds: list[str], label_of: Callable[[str], str], t: Translator
) -> Markup:
    label = label_of(share.type_id)
    shown = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
    heading = "ps-chart__label ps-chart__heading"  # the label's colour, bold
    parts = [f'<text x="0" y="{top + 14}" class="{heading}">{escape(shown)}</text>']
    for row, kind in enumerate(kinds):
        y = top + HEADING_HEIGHT + row * ROW_HEIGHT
        value = _share(share, kind)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 12}" text-anchor="end" class="ps-chart__label">'
            f"{escape(t('share_of_' + kind))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{BAR_WIDTH}" height="12" '
            'class="ps-chart__track"/>'
        )
        if value is not None:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{_x(value) - LABEL_WIDTH:.1f}" '
                f'height="12" class="ps-chart__bar ps-chart__bar--{kind}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 12}" class="ps-chart__value">'
            f"{escape(_percent_text(t, value))}</text>"
        )
    if share.target is not None:
        x = _x(share.target)
        bottom = top + HEADING_HEIGHT + ROW_HEIGHT * len(kinds)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + HEADING_HEIGHT}" y2="{bottom}" '
            'class="ps-chart__target"/>'
        )
    return Markup("".join(parts))


def _percent_text(t: Translator, value: float | None) -> str:
    return "" if value is None else share_text(t, value)


def _type_data(
    shares: Sequence[TypeShare], kinds: list[str], label_of: Callable[[str], str], t: Translator
) -> ChartData:
    headers = [t("type"), t("target"), *(t("share_of_" + kind) for kind in kinds)]
    rows = [
        [
            label_of(share.type_id),
            _percent_text(t, share.target),
            *(_percent_text(t, _share(share, kind)) for kind in kinds),
        ]
        for share in shares
    ]
    return ChartData(headers, rows)


def week_chart(weeks: ChannelWeeks, name: str, metric_name: str, t: Translator) -> Markup:
    """One channel's metric per week as bars, the highest week's value on the scale,
    the first and last weeks under it."""
    values = [value for _, value in weeks.weeks]
    peak = max(values, default=0.0) or 1.0
    plot = WEEK_WIDTH - WEEK_LEFT
    base = WEEK_HEIGHT - WEEK_BOTTOM
    slot = plot / max(len(values), 1)
    bars = []
    for index, value in enumerate(values):
        height = (base - WEEK_TOP) * value / peak
        bars.append(
            f'<rect x="{WEEK_LEFT + index * slot + slot * 0.15:.1f}" y="{base - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}" class="ps-chart__bar"/>'
        )
    first, last = weeks.weeks[0][0], weeks.weeks[-1][0]
    axis = (
        f'<line x1="{WEEK_LEFT}" x2="{WEEK_WIDTH}" y1="{base}" y2="{base}" class="ps-chart__axis"/>'
        f'<line x1="{WEEK_LEFT}" x2="{WEEK_WIDTH}" y1="{WEEK_TOP}" y2="{WEEK_TOP}" '
        'class="ps-chart__grid"/>'
        f'<text x="{WEEK_LEFT - 6}" y="{WEEK_TOP + 4}" text-anchor="end" class="ps-chart__tick">'
        f"{escape(t.number(round(max(values, default=0.0))))}</text>"
        f'<text x="{WEEK_LEFT - 6}" y="{base + 4}" text-anchor="end" class="ps-chart__tick">'
        f"{escape(t.number(0))}</text>"
        f'<text x="{WEEK_LEFT}" y="{base + 16}" class="ps-chart__tick">'
        f"{escape(t.date(first, 'd MMM'))}</text>"
        f'<text x="{WEEK_WIDTH}" y="{base + 16}" text-anchor="end" class="ps-chart__tick">'
        f"{escape(t.date(last, 'd MMM'))}</text>"
        f'<text x="{WEEK_LEFT + plot / 2:.1f}" y="{WEEK_HEIGHT - 2}" text-anchor="middle" '
        f'class="ps-chart__axis-name">{escape(t("weeks"))}</text>'
    )
    frame = ChartFrame(name, WEEK_WIDTH, WEEK_HEIGHT, "results-weeks", t("chart_data"))
    data = ChartData(
        (t("week_of"), metric_name),
        [(t.date(monday), t.number(round(value))) for monday, value in weeks.weeks],
    )
    return chart_figure(frame, Markup(axis + "".join(bars)), data)
