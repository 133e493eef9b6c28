"""Where a goal's computed values come from, in words for its page: the metric,
the campaigns and channels counted, how each period's rows become one point
and what a point means against the target (model/goal_sources.py)."""

from __future__ import annotations

from generator.i18n import Translator
from generator.model import entities as m


def goal_source_text(goal: m.Goal, plan: m.Plan, t: Translator) -> str:
    """ "Computed values: sessions from the results files (campaigns Spring and
    Summer; every channel), summed per month. ..."; "" for a goal without a source."""
    metric = goal.metric
    source = metric.source if metric else None
    if metric is None or source is None:
        return ""
    campaigns = [plan.campaign(campaign).name for campaign in source.campaigns]
    sentence = t(
        "goal_source",
        metric=source.metric,
        campaigns=_named(t, "goal_source_campaigns", campaigns),
        channels=_named(t, "goal_source_channels", list(source.channels)),
        how=t(f"goal_source_{source.aggregate}_{source.every}"),
    )
    meaning = _meaning(metric, source.aggregate, source.every, t)
    return " ".join([sentence, meaning, t("goal_source_dates")])


def _named(t: Translator, key: str, names: list[str]) -> str:
    """ "campaigns A and B", or "every campaign" when the source names none."""
    if not names:
        return t(f"{key}_all")
    return t(key, names=t.joined(names), count=len(names))


def _meaning(metric: m.Metric, aggregate: str, every: str, t: Translator) -> str:
    """What a point is held against: a per-period metric's points add up from the
    baseline; a total metric summed per period is a value per period."""
    if metric.values == "per_period":
        return t("goal_source_per_period")
    if aggregate == "sum":
        return t(f"goal_source_total_sum_{every}")
    return t("goal_source_total")
