"""Our accounts beside the competitors', network by network, as small multiples.

One chart per network: a panel for followers, one for posts a week, one for
engagement, each scaled to its own largest figure, with our accounts drawn
in the primary colour. A figure the audit does not give is written "no
figure", never drawn as 0: an account with no count is not an account with
no followers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure
from generator.pages.network_names import network_name

LABEL_WIDTH = 170
PANEL_WIDTH = 170
BAR_SPACE = 100  # the longest bar of a panel; its value is written after it
ROW_HEIGHT = 24
HEAD_HEIGHT = 48  # the legend, then the panels' titles
LABEL_CHARACTERS = 24
METRICS = ("followers", "posts_per_week", "engagement")


@dataclass(frozen=True)
class ComparedAccount:
    """One account of a network's comparison, ours or a competitor's."""

    name: str
    ours: bool
    followers: int | None
    posts_per_week: float | None
    engagement: float | None

    def figure(self, metric: str) -> float | None:
        return {
            "followers": self.followers,
            "posts_per_week": self.posts_per_week,
            "engagement": self.engagement,
        }[metric]


def compared_accounts(plan: m.Plan, network: str) -> list[ComparedAccount]:
    """Our accounts in use on the network, then each competitor's there."""
    ours = [
        ComparedAccount(a.handle, True, a.followers, a.posts_per_week, a.engagement_rate)
        for a in plan.accounts
        if a.network == network and a.in_use
    ]
    theirs = [
        ComparedAccount(c.name, False, a.followers, a.posts_per_week, a.engagement_rate)
        for c in plan.competitors
        for a in c.accounts
        if a.network == network
    ]
    return ours + theirs


def competitor_chart(plan: m.Plan, network: str, t: Translator) -> Markup:
    """The chart of one network: nothing when no account is there."""
    accounts = compared_accounts(plan, network)
    if not accounts:
        return Markup("")
    formats = _formats(t)
    width = LABEL_WIDTH + PANEL_WIDTH * len(METRICS)
    height = HEAD_HEIGHT + ROW_HEIGHT * len(accounts) + 8
    drawing = Markup("").join(
        [
            _legend(t),
            *(_names(index, account, t) for index, account in enumerate(accounts)),
            *(
                _panel(position, metric, accounts, formats[metric], t)
                for position, metric in enumerate(METRICS)
            ),
        ]
    )
    name = t("competitor_chart", network=network_name(network, t))
    frame = ChartFrame(name, width, height, "compare", t("chart_data"))
    return chart_figure(frame, drawing, _data(accounts, formats, t))


def _formats(t: Translator) -> dict[str, Callable[[float], str]]:
    return {
        "followers": t.number,
        "posts_per_week": t.number,
        # A rate as the audit's tables write it, to the hundredth the audit gives.
        "engagement": lambda value: f"{t.number(value)} %",
    }


def _display_name(account: ComparedAccount, t: Translator) -> str:
    return t("ours_named", name=account.name) if account.ours else account.name


def _legend(t: Translator) -> Markup:
    return Markup(
        '<g class="ps-chart__legend">'
        f'<rect x="{LABEL_WIDTH}" y="4" width="14" height="10" class="ps-chart__bar"/>'
        f'<text x="{LABEL_WIDTH + 20}" y="13" class="ps-chart__legend-text">'
        f"{escape(t('ours'))}</text>"
        f'<rect x="{LABEL_WIDTH + 120}" y="4" width="14" height="10" '
        'class="ps-chart__bar ps-chart__bar--theirs"/>'
        f'<text x="{LABEL_WIDTH + 140}" y="13" class="ps-chart__legend-text">'
        f"{escape(t('competitors'))}</text></g>"
    )


def _names(index: int, account: ComparedAccount, t: Translator) -> Markup:
    name = _display_name(account, t)
    shown = name if len(name) <= LABEL_CHARACTERS else name[: LABEL_CHARACTERS - 1] + "…"
    kind = "ps-chart__label ps-chart__label--ours" if account.ours else "ps-chart__label"
    y = HEAD_HEIGHT + index * ROW_HEIGHT + 16
    return Markup(
        f'<text x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" class="{kind}">'
        f"{escape(shown)}</text>"
    )


def _panel(
    position: int,
    metric: str,
    accounts: Sequence[ComparedAccount],
    format_value: Callable[[float], str],
    t: Translator,
) -> Markup:
    """One metric's bars, scaled to the largest figure given for it."""
    left = LABEL_WIDTH + position * PANEL_WIDTH
    given = [value for value in (a.figure(metric) for a in accounts) if value is not None]
    largest = max(given, default=0.0) or 1.0
    parts = [
        f'<text x="{left}" y="{HEAD_HEIGHT - 10}" class="ps-chart__label ps-chart__heading">'
        f"{escape(t(metric))}</text>",
        f'<line x1="{left}" x2="{left}" y1="{HEAD_HEIGHT}" '
        f'y2="{HEAD_HEIGHT + ROW_HEIGHT * len(accounts)}" class="ps-chart__axis"/>',
    ]
    for index, account in enumerate(accounts):
        y = HEAD_HEIGHT + index * ROW_HEIGHT
        value = account.figure(metric)
        if value is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + 16}" class="ps-chart__value ps-chart__value--none">'
                f"{escape(t('no_figure'))}</text>"
            )
            continue
        length = BAR_SPACE * value / largest
        bar = "ps-chart__bar" if account.ours else "ps-chart__bar ps-chart__bar--theirs"
        parts.append(
            f'<rect x="{left}" y="{y + 5}" width="{length:.1f}" height="14" class="{bar}"/>'
            f'<text x="{left + length + 4:.1f}" y="{y + 16}" class="ps-chart__value">'
            f"{escape(format_value(value))}</text>"
        )
    return Markup("".join(parts))


def _data(
    accounts: Sequence[ComparedAccount],
    formats: dict[str, Callable[[float], str]],
    t: Translator,
) -> ChartData:
    def cell(account: ComparedAccount, metric: str) -> str:
        value = account.figure(metric)
        return t("no_figure") if value is None else formats[metric](value)

    return ChartData(
        headers=(t("account"), *(t(metric) for metric in METRICS)),
        rows=[
            (_display_name(account, t), *(cell(account, metric) for metric in METRICS))
            for account in accounts
        ],
    )
