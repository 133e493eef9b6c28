"""A channel's posts a week against its planned cadence: a bar a week over the
plan period, the cadence as a line (model/cadence.py counts both), drawn by the
build as inline SVG in the frame every chart uses (chart_figure.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.cadence import PostCount
from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure
from generator.pages.goal_chart import legend, value_axis

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 52, 46
LABEL_GAP = 56  # the least room between two dates under the bars


def cadence_chart(channel: m.Channel, weeks: Sequence[PostCount], t: Translator) -> Markup:
    """Nothing for a plan period without a week (it cannot happen: a period has a day)."""
    if not weeks:
        return Markup("")
    planned = [week.planned for week in weeks if week.planned is not None]
    highest = max([*(week.posts for week in weeks), *planned, 1])
    _, high, step = value_axis(0, highest)
    band = (WIDTH - LEFT - RIGHT) / len(weeks)
    drawing = "".join(
        [
            *_value_axis(high, step, t),
            *_bars(weeks, band, high, t),
            _cadence_line(weeks, band, high),
            *_legend(channel, t),
        ]
    )
    frame = ChartFrame(_name(channel, weeks, t), WIDTH, HEIGHT, "cadence", t("chart_data"))
    return chart_figure(frame, Markup(drawing), _data(weeks, t))


def _y(value: float, high: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / high


def _value_axis(high: float, step: float, t: Translator) -> Iterator[str]:
    for index in range(round(high / step) + 1):
        value = index * step
        y = _y(value, high)
        yield (
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="ps-chart__{"axis" if index == 0 else "grid"}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="ps-chart__label">'
            f"{escape(t.number(value))}</text>"
        )
    yield f'<text x="0" y="14" class="ps-chart__axis-name">{escape(t("cadence_axis_posts"))}</text>'
    yield (
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 4}" text-anchor="middle" '
        f'class="ps-chart__axis-name">{escape(t("cadence_axis_weeks"))}</text>'
    )


def _bars(weeks: Sequence[PostCount], band: float, high: float, t: Translator) -> Iterator[str]:
    """A bar a week with its count over it, and the week's date under it where there is room."""
    labelled_until = float("-inf")
    bottom = HEIGHT - BOTTOM
    for index, week in enumerate(weeks):
        x = LEFT + index * band
        top = _y(week.posts, high)
        label = t("label_value", label=_week_text(week, t), value=t.number(week.posts))
        yield (
            f'<rect x="{x + band * 0.15:.1f}" y="{top:.1f}" width="{band * 0.7:.1f}" '
            f'height="{bottom - top:.1f}" class="ps-chart__bar">'
            f"<title>{escape(label)}</title></rect>"
        )
        if week.posts:
            yield (
                f'<text x="{x + band / 2:.1f}" y="{top - 3:.1f}" text-anchor="middle" '
                f'class="ps-chart__value">{escape(t.number(week.posts))}</text>'
            )
        if x - labelled_until >= LABEL_GAP and x + LABEL_GAP / 2 <= WIDTH:
            labelled_until = x
            yield (
                f'<text x="{x + 1:.1f}" y="{bottom + 16}" class="ps-chart__label">'
                f"{escape(t.date(week.first, 'd MMM'))}</text>"
            )


def _cadence_line(weeks: Sequence[PostCount], band: float, high: float) -> str:
    """The cadence's ask, week by week (a cut week at either end asks less): a step line."""
    steps = []
    for index, week in enumerate(weeks):
        if week.planned is None:
            return ""
        x, y = LEFT + index * band, _y(week.planned, high)
        steps.append(f"{'M' if index == 0 else 'L'}{x:.1f} {y:.1f} H{x + band:.1f}")
    return f'<path d="{" ".join(steps)}" class="ps-chart__cadence"/>'


def _legend(channel: m.Channel, t: Translator) -> Iterator[str]:
    entries = [
        (
            '<rect x="{x}" y="{top}" width="14" height="10" class="ps-chart__bar"/>',
            t("cadence_posts"),
        )
    ]
    per_week = channel.cadence.posts_per_week
    if per_week is not None:
        entries.append(
            (
                '<line x1="{x}" x2="{x2}" y1="{y}" y2="{y}" class="ps-chart__cadence"/>',
                t("cadence_line", count=t.number(per_week)),
            )
        )
    return legend(entries, LEFT)


def _name(channel: m.Channel, weeks: Sequence[PostCount], t: Translator) -> str:
    dates = t("from_to", start=t.date(weeks[0].first), end=t.date(weeks[-1].last))
    per_week = channel.cadence.posts_per_week
    if per_week is None:
        return t("cadence_chart_no_cadence", channel=channel.id, dates=dates)
    return t("cadence_chart", channel=channel.id, dates=dates, count=t.number(per_week))


def _week_text(week: PostCount, t: Translator) -> str:
    return t("from_to", start=t.date(week.first, "d MMM"), end=t.date(week.last, "d MMM yyyy"))


def _data(weeks: Sequence[PostCount], t: Translator) -> ChartData:
    headers = (t("cadence_week"), t("cadence_posts"), t("cadence_planned"))
    rows = [
        (
            _week_text(week, t),
            t.number(week.posts),
            "" if week.planned is None else t.number(round(week.planned, 1)),
        )
        for week in weeks
    ]
    return ChartData(headers, rows)
