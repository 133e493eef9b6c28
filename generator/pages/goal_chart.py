"""A goal's measurements drawn: the goal page's progress chart and the
overview card's sparkline.

The chart shows each measured value against the straight line from the
baseline (at the goal's start) to the target (at its deadline), the line
a goal on pace stays on (model/pace.py), with the target itself as a
labelled level. Both are inline SVG drawn by the build; every plan text goes
through markupsafe, dates through t.date and numbers through t.number, in the
site's language.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.pace import expected_value, goal_start, measured_progress
from generator.pages.campaign_timeline import month_starts
from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 58, 46  # room for the axes' labels and the legend
LEGEND_Y = 32  # the legend's line, under the value axis's name
CHARACTER_WIDTH = 6.5  # about, at 12px: where the legend's next entry starts
MONTH_LABEL_GAP = 64  # the least room between two month names on the date axis
END_LABEL_ROOM = 130  # kept free for the deadline's date at the axis's right end
Y_TICKS = 5  # about as many values on the value axis
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 140, 40, 4


@dataclass(frozen=True)
class Scale:
    """Days and values to x and y inside a box."""

    first: date
    last: date
    low: float
    high: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, day: date) -> float:
        days = max((self.last - self.first).days, 1)
        elapsed = min(max((day - self.first).days, 0), days)
        return self.left + (self.right - self.left) * elapsed / days

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.bottom - (self.bottom - self.top) * (value - self.low) / span


def unit_text(t: Translator, value: float, metric: m.Metric) -> str:
    """A value with the metric's unit, as the site's language writes numbers."""
    return f"{t.number(value)} {metric.unit}".strip()


# -- the goal page's chart -----------------------------------------------------


def progress_chart(goal: m.Goal, plan: m.Plan, t: Translator) -> Markup:
    """The chart in its frame (chart_figure.py), or nothing for a goal without a
    baseline, a target and a deadline: there is no line to draw then."""
    metric = goal.metric
    if metric is None or metric.baseline is None or metric.target is None:
        return Markup("")
    if goal.deadline is None:
        return Markup("")
    start = goal_start(goal, plan)
    series = chart_series(goal)
    values = [metric.baseline, metric.target, *(p.value for s in series for p in s.points)]
    low, high, step = value_axis(min(values), max(values))
    scale = Scale(start, goal.deadline, low, high, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM)
    drawing = "".join(
        [
            *_value_axis(scale, step, metric, t),
            *_date_axis(scale, t),
            *_legend(series, t),
            _target_level(scale, metric, t),
            _path_to_target(scale, metric),
            *(part for one in series for part in _measured(scale, one, metric, t)),
        ]
    )
    frame = ChartFrame(_chart_name(goal, start, t), WIDTH, HEIGHT, "progress", t("chart_data"))
    return chart_figure(frame, Markup(drawing), _chart_data(goal, plan, series, t))


@dataclass(frozen=True)
class Series:
    """One line of measurements: its points (the metric's value at each), the
    legend's words for it, and the shape of its points, which tells it apart
    from the other line without colour."""

    points: tuple[m.ProgressPoint, ...]
    label_key: str  # the site words naming the line
    shape: str  # "circle" or "square"


def chart_series(goal: m.Goal) -> list[Series]:
    """The lines to draw: the progress typed by hand and the one computed from the
    results, each when it has points. Alone, the hand-typed line is "measured"."""
    hand = measured_progress(goal.progress, goal.metric)
    computed = measured_progress(goal.computed, goal.metric)
    series = []
    if hand:
        series.append(Series(hand, "chart_by_hand" if computed else "chart_measured", "circle"))
    if computed:
        series.append(Series(computed, "chart_from_results", "square"))
    return series


def value_axis(low: float, high: float) -> tuple[float, float, float]:
    """The axis's ends and the step between its labels: round numbers around the values."""
    if high == low:
        low, high = low - 1, high + 1
    raw = (high - low) / (Y_TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    # Rounded first: 1.2 / 0.2 is 5.999... in floating point, and 1.2 a whole step.
    first, last = math.floor(round(low / step, 9)), math.ceil(round(high / step, 9))
    return round(first * step, 9), round(last * step, 9), step


def _chart_name(goal: m.Goal, start: date, t: Translator) -> str:
    metric = goal.metric
    assert metric is not None and metric.baseline is not None and metric.target is not None
    assert goal.deadline is not None
    baseline = t(
        "goal_chart_baseline", value=unit_text(t, metric.baseline, metric), date=t.date(start)
    )
    latest = goal.latest
    measured = (
        t("goal_chart_latest", value=unit_text(t, latest.value, metric), date=t.date(latest.date))
        if latest
        else t("goal_chart_no_measure")
    )
    target = t(
        "goal_chart_target", value=unit_text(t, metric.target, metric), date=t.date(goal.deadline)
    )
    return t(
        "goal_chart_name", metric=metric.name, baseline=baseline, latest=measured, target=target
    )


def _value_axis(scale: Scale, step: float, metric: m.Metric, t: Translator) -> Iterator[str]:
    """A light line and a label at each step, and the axis named by the metric."""
    count = round((scale.high - scale.low) / step)
    for index in range(count + 1):
        value = scale.low + index * step
        y = scale.y(value)
        yield (
            f'<line x1="{scale.left}" x2="{scale.right}" y1="{y:.1f}" y2="{y:.1f}" '
            'class="ps-chart__grid"/>'
            f'<text x="{scale.left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'class="ps-chart__label">{escape(t.number(value))}</text>'
        )
    name = f"{metric.name} ({metric.unit})" if metric.unit else metric.name
    yield f'<text x="0" y="14" class="ps-chart__axis-name">{escape(name)}</text>'


def _date_axis(scale: Scale, t: Translator) -> Iterator[str]:
    """The axis line, a tick and a name at each month's start where there is room,
    and the deadline's date at the right end."""
    yield (
        f'<line x1="{scale.left}" x2="{scale.right}" y1="{scale.bottom}" y2="{scale.bottom}" '
        'class="ps-chart__axis"/>'
    )
    labelled_until = -math.inf
    for start in month_starts(scale.first, scale.last):
        x = scale.x(start)
        yield (
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{scale.bottom}" y2="{scale.bottom + 5}" '
            'class="ps-chart__axis"/>'
        )
        if x - labelled_until >= MONTH_LABEL_GAP and x + END_LABEL_ROOM <= scale.right:
            labelled_until = x
            yield (
                f'<text x="{x:.1f}" y="{scale.bottom + 18}" class="ps-chart__label">'
                f"{escape(t.date(start, 'd MMM'))}</text>"
            )
    yield (
        f'<text x="{scale.right:.1f}" y="{scale.bottom + 18}" text-anchor="end" '
        f'class="ps-chart__label">{escape(t.date(scale.last, "d MMM yyyy"))}</text>'
        f'<text x="{(scale.left + scale.right) / 2:.1f}" y="{HEIGHT - 4}" text-anchor="middle" '
        f'class="ps-chart__axis-name">{escape(t("date"))}</text>'
    )


LEGEND_SAMPLES = {
    "circle": '<line x1="{x}" x2="{x2}" y1="{y}" y2="{y}" class="ps-chart__measured"/>'
    '<circle cx="{mid}" cy="{y}" r="3.5" class="ps-chart__point"/>',
    "square": '<line x1="{x}" x2="{x2}" y1="{y}" y2="{y}" class="ps-chart__computed"/>'
    '<rect x="{square_x}" y="{square_y}" width="8" height="8" class="ps-chart__point--computed"/>',
}


def _legend(series: Sequence[Series], t: Translator) -> Iterator[str]:
    """Which line is which, under the value axis's name."""
    return legend(
        [
            *((LEGEND_SAMPLES[one.shape], t(one.label_key)) for one in series),
            (
                '<line x1="{x}" x2="{x2}" y1="{y}" y2="{y}" class="ps-chart__plan"/>',
                t("chart_path_to_target"),
            ),
        ]
    )


def legend(entries: Sequence[tuple[str, str]], left: float = LEFT) -> Iterator[str]:
    """Each entry's sample (SVG with {x} {x2} {mid} {y} to fill in, written by
    plansite) and its label, side by side on the legend's line."""
    x = left
    for sample, label in entries:
        yield sample.format(
            x=x, x2=x + 24, mid=x + 12, y=LEGEND_Y - 4, top=LEGEND_Y - 9,
            square_x=x + 8, square_y=LEGEND_Y - 8,
        )  # fmt: skip
        yield (f'<text x="{x + 30}" y="{LEGEND_Y}" class="ps-chart__label">{escape(label)}</text>')
        x += 30 + len(label) * CHARACTER_WIDTH + 18


def _target_level(scale: Scale, metric: m.Metric, t: Translator) -> str:
    assert metric.target is not None
    y = scale.y(metric.target)
    label = t("chart_target", value=unit_text(t, metric.target, metric))
    return (
        f'<line x1="{scale.left}" x2="{scale.right}" y1="{y:.1f}" y2="{y:.1f}" '
        'class="ps-chart__target"/>'
        f'<text x="{scale.left + 6}" y="{y - 6:.1f}" class="ps-chart__target-label">'
        f"{escape(label)}</text>"
    )


def _path_to_target(scale: Scale, metric: m.Metric) -> str:
    assert metric.baseline is not None and metric.target is not None
    return (
        f'<line x1="{scale.x(scale.first):.1f}" y1="{scale.y(metric.baseline):.1f}" '
        f'x2="{scale.x(scale.last):.1f}" y2="{scale.y(metric.target):.1f}" class="ps-chart__plan"/>'
    )


def _measured(scale: Scale, series: Series, metric: m.Metric, t: Translator) -> Iterator[str]:
    """A series' values joined by a line, each point in the series' shape with its
    value written over it (under it for the computed series, so that two points
    close together stay readable)."""
    points = series.points
    line_class = "ps-chart__measured" if series.shape == "circle" else "ps-chart__computed"
    path = " ".join(f"{scale.x(p.date):.1f},{scale.y(p.value):.1f}" for p in points)
    yield f'<polyline points="{path}" class="{line_class}"/>'
    for point in points:
        x, y = scale.x(point.date), scale.y(point.value)
        day = t.date(point.date)  # a line alone needs no name; of two, each point says which
        named = day if series.label_key == "chart_measured" else f"{t(series.label_key)}, {day}"
        label = t("label_value", label=named, value=unit_text(t, point.value, metric))
        title = f"<title>{escape(label)}</title>"
        if series.shape == "circle":
            marker = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="ps-chart__point">{title}</circle>'
            )
            value_y = y - 9
        else:
            marker = (
                f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
                f'class="ps-chart__point--computed">{title}</rect>'
            )
            value_y = y + 18
        yield (
            f'{marker}<text x="{x:.1f}" y="{value_y:.1f}" text-anchor="middle" '
            f'class="ps-chart__value">{escape(t.number(point.value))}</text>'
        )


def _chart_data(goal: m.Goal, plan: m.Plan, series: Sequence[Series], t: Translator) -> ChartData:
    """Each day measured, with each series' value that day (a column a series),
    beside where the path to target was, then the target."""
    metric = goal.metric
    assert metric is not None and metric.target is not None and goal.deadline is not None
    headers = (t("date"), *(t(one.label_key) for one in series), t("chart_path_to_target"))
    by_day = [{point.date: point.value for point in one.points} for one in series]
    days = sorted({day for values in by_day for day in values})
    rows = [
        (
            t.date(day),
            *(unit_text(t, values[day], metric) if day in values else "" for values in by_day),
            _expected_text(goal, plan, day, t),
        )
        for day in days
    ]
    rows.append((t.date(goal.deadline), *("" for _ in series), unit_text(t, metric.target, metric)))
    return ChartData(headers, rows)


def _expected_text(goal: m.Goal, plan: m.Plan, day: date, t: Translator) -> str:
    expected = expected_value(goal, plan, day)
    if expected is None or goal.metric is None:
        return ""
    return unit_text(t, round(expected, 1), goal.metric)


# -- the overview card's sparkline ---------------------------------------------


def sparkline(goal: m.Goal, plan: m.Plan, t: Translator) -> Markup:
    """The measured values from the baseline, small, with the path to target dashed
    where there is one; nothing before a first measurement. Named for assistive
    technology ("Leads: 12 → 40, Jan 2, 2027 to Jun 30, 2027"); the card says the numbers."""
    metric, points = goal.metric, goal.measured
    if metric is None or not points:
        return Markup("")
    start = goal_start(goal, plan)
    last = max([points[-1].date, *([goal.deadline] if goal.deadline else [])])
    line = [(start, metric.baseline)] if metric.baseline is not None else []
    line += [(p.date, p.value) for p in points]
    values = [v for _, v in line] + ([metric.target] if metric.target is not None else [])
    scale = Scale(
        min(start, points[0].date), last, min(values), max(values),
        SPARK_PAD, SPARK_WIDTH - SPARK_PAD, SPARK_PAD, SPARK_HEIGHT - SPARK_PAD,
    )  # fmt: skip
    parts = []
    if metric.baseline is not None and metric.target is not None and goal.deadline:
        parts.append(
            f'<line x1="{scale.x(start):.1f}" y1="{scale.y(metric.baseline):.1f}" '
            f'x2="{scale.x(goal.deadline):.1f}" y2="{scale.y(metric.target):.1f}" '
            'class="ps-chart__plan"/>'
        )
    path = " ".join(f"{scale.x(day):.1f},{scale.y(value):.1f}" for day, value in line)
    parts.append(f'<polyline points="{path}" class="ps-chart__measured"/>')
    x, y = scale.x(points[-1].date), scale.y(points[-1].value)
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="ps-chart__point"/>')
    name = t(
        "sparkline_name",
        metric=metric.name,
        first=t.number(line[0][1]),
        latest=unit_text(t, points[-1].value, metric),
        start=t.date(line[0][0], "medium"),
        end=t.date(points[-1].date, "medium"),
    )
    return Markup(
        f'<svg class="ps-spark" role="img" aria-label="{escape(name)}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(name)}</title>{''.join(parts)}</svg>"
    )
