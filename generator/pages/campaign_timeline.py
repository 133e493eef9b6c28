"""The campaigns over the plan period, as an inline SVG drawn at build time: a
bar a campaign from its first day to its last, the months along the top, and
a line at the plan's "today".

Like the other charts (charts.py) it needs no script, prints, and follows
light and dark mode through classes (plansite.css); every text goes through
markupsafe. Its text alternative is the table of campaigns the pages put
right under it: the SVG cuts long names, the table does not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m

WIDTH = 560
LABEL_WIDTH = 170  # the campaigns' names
RIGHT_MARGIN = 10
AXIS_HEIGHT = 34  # the months, and under the first one its year
ROW_HEIGHT = 24
FOOT_HEIGHT = 20  # the date of "today" under its line
BAR_HEIGHT = 14
NAME_CHARACTERS = 25  # beyond this a name is cut, with an ellipsis
MONTH_LABEL_GAP = 28  # the least room between two month names (févr., sept.)
MONTH_STEPS = (1, 2, 3, 4, 6, 12)  # months between two labels, as the room allows
DAYS_A_MONTH = 30.44


@dataclass(frozen=True)
class TimeScale:
    """Days of the plan period on the x axis: day d starts at x(d), and the
    period's last day ends at the right edge."""

    first: date
    last: date
    left: float
    right: float

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def x(self, day: date) -> float:
        """Where `day` starts, kept inside the period."""
        clamped = min(max(day, self.first), self.last + timedelta(days=1))
        return self.left + (self.right - self.left) * (clamped - self.first).days / self.days


def campaign_timeline(
    campaigns: Sequence[m.Campaign], period: m.Period, today: date, t: Translator
) -> Markup:
    """The SVG, in a box Markdown leaves alone; nothing for a plan without campaigns."""
    if not campaigns:
        return Markup("")
    scale = TimeScale(period.start, period.end, LABEL_WIDTH, WIDTH - RIGHT_MARGIN)
    rows_bottom = AXIS_HEIGHT + ROW_HEIGHT * len(campaigns)
    height = rows_bottom + FOOT_HEIGHT
    shows_today = period.start <= today <= period.end
    parts = [
        '<div class="ps-chart-box ps-timeline-box">',
        f'<svg class="ps-chart ps-timeline" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(_title(period, today if shows_today else None, t))}</title>",
        *_months(scale, rows_bottom, t),
        *(_row(scale, index, campaign, t) for index, campaign in enumerate(campaigns)),
    ]
    if shows_today:
        parts.append(_today(scale, today, rows_bottom, t))
    parts.append("</svg></div>")
    return Markup("".join(parts))


def _title(period: m.Period, today: date | None, t: Translator) -> str:
    dates = {"start": t.date(period.start), "end": t.date(period.end)}
    if today is None:
        return t("timeline_title", **dates)
    return t("timeline_title_today", today=t.date(today), **dates)


def _months(scale: TimeScale, rows_bottom: int, t: Translator) -> Iterator[str]:
    """A tick at each month's start, and its name over it where there is room."""
    labelled = labelled_months(scale)
    for start in month_starts(scale.first, scale.last):
        x = scale.x(start)
        yield (
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{AXIS_HEIGHT - 6}" y2="{rows_bottom}" '
            'class="ps-timeline__tick"/>'
        )
        if start not in labelled:
            continue
        yield (
            f'<text x="{x + 3:.1f}" y="14" class="ps-timeline__month">'
            f"{escape(t.date(start, 'LLL'))}</text>"
        )
        if start == scale.first or start.month == 1:
            yield (
                f'<text x="{x + 3:.1f}" y="26" class="ps-timeline__year">'
                f"{escape(t.date(start, 'yyyy'))}</text>"
            )


def labelled_months(scale: TimeScale) -> list[date]:
    """The months named over their tick: the first, then every month (or every
    second, third... as the room allows: January always among them, to carry its
    year) at least MONTH_LABEL_GAP after the previous name and before the edge."""
    month_width = (scale.right - scale.left) * DAYS_A_MONTH / scale.days
    step = next((s for s in MONTH_STEPS if s * month_width >= MONTH_LABEL_GAP), MONTH_STEPS[-1])
    labelled = [scale.first]
    for start in month_starts(scale.first, scale.last)[1:]:
        x = scale.x(start)
        room = x - scale.x(labelled[-1]) >= MONTH_LABEL_GAP and x + MONTH_LABEL_GAP <= WIDTH
        if room and (start.month - 1) % step == 0:
            labelled.append(start)
    return labelled


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month the period touches; the period's own first
    day for the month it starts in."""
    starts = [first]
    month = first.replace(day=1)
    while True:
        month = (month + timedelta(days=32)).replace(day=1)
        if month > last:
            return starts
        starts.append(month)


def _row(scale: TimeScale, index: int, campaign: m.Campaign, t: Translator) -> str:
    y = AXIS_HEIGHT + index * ROW_HEIGHT
    bar_top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
    start, end = scale.x(campaign.start), scale.x(campaign.end + timedelta(days=1))
    dates = t("from_to", start=t.date(campaign.start), end=t.date(campaign.end))
    label = t("label_value", label=campaign.name, value=dates)
    return (
        f'<text x="0" y="{y + 16}" class="ps-timeline__name">'
        f"<title>{escape(campaign.name)}</title>{escape(cut_name(campaign.name))}</text>"
        f'<rect x="{scale.left}" y="{bar_top}" width="{scale.right - scale.left:.1f}" '
        f'height="{BAR_HEIGHT}" class="ps-timeline__track"/>'
        f'<rect x="{start:.1f}" y="{bar_top}" width="{end - start:.1f}" '
        f'height="{BAR_HEIGHT}" class="ps-timeline__bar"><title>{escape(label)}</title></rect>'
    )


def cut_name(name: str) -> str:
    """The name as it fits beside the bars, with an ellipsis where it was cut."""
    if len(name) <= NAME_CHARACTERS:
        return name
    return name[: NAME_CHARACTERS - 1].rstrip() + "…"


def _today(scale: TimeScale, today: date, rows_bottom: int, t: Translator) -> str:
    x = scale.x(today)
    anchor = "start" if x < scale.left + 40 else "end" if x > scale.right - 40 else "middle"
    return (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{AXIS_HEIGHT - 6}" y2="{rows_bottom + 4}" '
        'class="ps-timeline__today"/>'
        f'<text x="{x:.1f}" y="{rows_bottom + 16}" text-anchor="{anchor}" '
        f'class="ps-timeline__today-label">{escape(t.date(today, "medium"))}</text>'
    )
