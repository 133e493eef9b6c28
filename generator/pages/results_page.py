"""The results page (/results/): what worked, from the results files matched to the plan.

model/result_summaries.py and model/experiments.py decide what counts; this
module words it in the site's language (every number through t.number, every
share as the content mix writes it, every date through t.date) for
templates/results.md.j2, and draws the charts (results_charts.py). Each list
is bounded (ten posts a ranking, a chart per channel): the page stays small
whatever the plan's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.content_mix import mix_targets
from generator.model.experiments import MIN_POSTS, ExperimentResult, experiment_results
from generator.model.result_summaries import (
    CAMPAIGN_METRICS,
    REACH_FLOOR,
    CampaignResult,
    PostResult,
    campaign_results,
    post_results,
    rate_floor,
    top_by_metric,
    top_by_rate,
    type_shares,
    weekly_metric,
    weeks_by_channel,
)
from generator.pages.calendar_data_scripts import details_address
from generator.pages.mix_chart import share_text
from generator.pages.results_charts import type_chart, week_chart
from generator.pages.site_map import SiteAddresses


@dataclass(frozen=True)
class GoalLine:
    goal: m.Goal
    latest: str
    target: str


def rate_text(t: Translator, rate: float | None) -> str:
    """An engagement rate (0 to 1) as a share the way every page writes one."""
    return "" if rate is None else share_text(t, 100 * rate)


class ResultsPage:
    """What the results page shows, worded in the site's language."""

    def __init__(self, plan: m.Plan, t: Translator, addresses: SiteAddresses) -> None:
        self._plan = plan
        self._t = t
        self._addresses = addresses

    @cached_property
    def posts(self) -> list[PostResult]:
        return post_results(self._plan)

    @property
    def has_files(self) -> bool:
        return bool(self._plan.results.files)

    # -- top posts ---------------------------------------------------------

    def top_by_rate(self, root: str) -> Markup:
        found = top_by_rate(self.posts)
        return self._ranking([(p, rate_text(self._t, p.rate)) for p in found], root)

    def top_by_sessions(self, root: str) -> Markup:
        found = top_by_metric(self.posts, "sessions")
        return self._ranking([(p, self._t.number(p.totals["sessions"])) for p in found], root)

    def floor_note(self) -> str:
        """The rate ranking's rule, with this plan's numbers."""
        t = self._t
        floor = round(rate_floor(self.posts))
        return t("rate_floor_note", share=share_text(t, 100 * REACH_FLOOR), floor=t.number(floor))

    def _ranking(self, ranked: list[tuple[PostResult, str]], root: str) -> Markup:
        """A ranking as an ordered list, which a phone shows as well as a laptop:
        each post linked to its details (in HTML: MkDocs does not see the anchors
        of the details, which stand outside the Markdown, table_stash.py), its
        number, then its channels and first date."""
        if not ranked:
            return Markup("")
        items = "".join(self._ranked(result, value, root) for result, value in ranked)
        return Markup(f'<ol class="ps-ranking">{items}</ol>')

    def _ranked(self, result: PostResult, value: str, root: str) -> str:
        post = result.post
        details = escape(root + details_address(post, self._addresses))
        channels = ", ".join(
            f'<a href="{escape(root + self._addresses.address(f"channels/{c}.md"))}">'
            f"{escape(c)}</a>"
            for c in result.channels
        )
        return (
            f'<li><span class="ps-ranking__line"><a href="{details}">{escape(post.title)}</a> '
            f'<span class="ps-ranking__value">{escape(value)}</span></span> '
            f'<span class="ps-ranking__where">{channels} · '
            f"{escape(self._t.date(result.first_day))}</span></li>"
        )

    # -- content types ---------------------------------------------------------

    def type_chart(self) -> Markup:
        """Each type's share of posts, engagements and sessions against its target;
        nothing when no measured post has a type."""
        targets = dict(mix_targets(self._plan)) if self._plan.mix.rule == "custom" else {}
        shares = type_shares(self._plan, self.posts, targets)
        if not any(share.posts for share in shares):
            return Markup("")
        name = self._t("type_chart_name")
        return type_chart(shares, name, lambda i: self._plan.content_type(i).name, self._t)

    # -- channels, week by week --------------------------------------------------

    @cached_property
    def weekly_metric(self) -> str:
        return weekly_metric(self._plan.results.matched)

    def week_charts(self) -> list[Markup]:
        metric = self.weekly_metric
        if not metric:
            return []
        t = self._t
        metric_name = t("metric_" + metric)
        return [
            week_chart(
                weeks,
                t("week_chart_name", metric=metric_name, channel=weeks.channel),
                metric_name,
                t,
            )
            for weeks in weeks_by_channel(self._plan, metric)
        ]

    # -- campaigns ---------------------------------------------------------------

    @cached_property
    def campaigns(self) -> list[CampaignResult]:
        return campaign_results(self._plan, self.posts)

    @property
    def campaign_metrics(self) -> list[str]:
        """The metrics some campaign has, in CAMPAIGN_METRICS' order."""
        return [k for k in CAMPAIGN_METRICS if any(k in c.totals for c in self.campaigns)]

    def rate(self, rate: float | None) -> str:
        return rate_text(self._t, rate)

    def total(self, totals: dict[str, float], metric: str) -> str:
        return self._t.number(round(totals[metric])) if metric in totals else ""

    def goal_lines(self, campaign: m.Campaign) -> list[GoalLine]:
        """Each goal of the campaign: its latest value and its target, in its unit."""
        lines = []
        for goal_id in campaign.goals:
            goal = self._plan.goal(goal_id)
            latest, metric = goal.latest, goal.metric
            unit = f" {metric.unit}" if metric and metric.unit else ""
            shown = self._t.number(latest.value) + unit if latest else ""
            target = metric.target if metric else None
            lines.append(GoalLine(goal, shown, self._t.number(target) + unit if target else ""))
        return lines

    # -- experiments ---------------------------------------------------------------

    @cached_property
    def experiments(self) -> list[ExperimentResult]:
        return experiment_results(self._plan)

    def verdict(self, result: ExperimentResult) -> str:
        verdict = result.verdict
        if verdict.outcome == "ahead":
            return self._t("verdict_ahead", variant=verdict.leader)
        return self._t("verdict_too_small_" + verdict.reason)

    def verdict_rule(self) -> str:
        return self._t("verdict_rule", posts=self._t.number(MIN_POSTS))
