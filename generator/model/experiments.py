"""When an experiment's variants can be told apart, and when they cannot.

An experiment of measurement.yml (`id`) compares posts that carry
`experiment: {id, variant}`. Its verdict is one a marketer can read and check
by hand:

- Each variant needs at least `MIN_POSTS` publications with results; with
  fewer, a single lucky post decides, so the verdict is "too small to tell".
  A publication is one occurrence of a post: a weekly Reel that ran five
  times in the experiment's dates is five tries of its variant. Only the
  occurrences between the experiment's start and end (the plan's today when
  it gives no end) take part, and only their results count.
- The variant with the best engagement rate (engagements over reach,
  model/results.engagement_rate) is ahead of the next one only when the gap
  between their rates is larger than its 95 % margin of error: a
  two-proportion test of engagements over reach, the interval of the gap
  `1.96 * sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)` either side not spanning 0. Otherwise the
  gap may be chance: "too small to tell".

The pages say this rule in words beside the verdict (results page).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.model import entities as m
from generator.model.occurrences import occurrence_days
from generator.model.results import PlanResults, audience, engagement_rate, summed

MIN_POSTS = 3  # posts with results each variant needs before any verdict
Z_95 = 1.96  # the normal quantile of a two-sided 95 % interval


@dataclass(frozen=True)
class VariantResult:
    """One variant's posts and their results summed."""

    variant: str
    posts: int  # the publications that take part (occurrences of its posts)
    measured: int  # of which have results
    totals: dict[str, float]

    @property
    def rate(self) -> float | None:
        return engagement_rate(self.totals)

    @property
    def reach(self) -> float:
        """The rate's denominator (model/results.audience)."""
        return audience(self.totals)


@dataclass(frozen=True)
class Verdict:
    """ "ahead" (with the variant ahead) or "too_small" (why: "posts" or "gap")."""

    outcome: str
    leader: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ExperimentResult:
    experiment: m.Experiment
    variants: tuple[VariantResult, ...]
    verdict: Verdict


def experiment_results(plan: m.Plan) -> list[ExperimentResult]:
    """Each experiment that posts take part in, its variants in the order of their
    names, and its verdict; experiments no post names are left out."""
    found = []
    for experiment in plan.experiments:
        taking_part = [p for p in plan.posts if p.experiment and p.experiment.id == experiment.id]
        if experiment.id and taking_part:
            first = experiment.start or plan.period.start
            variants = variant_results(
                taking_part, plan.results, first, experiment.end or plan.today
            )
            found.append(ExperimentResult(experiment, variants, verdict_of(variants)))
    return found


def variant_results(
    posts: Iterable[m.Post], results: PlanResults, first: date, last: date
) -> tuple[VariantResult, ...]:
    """Each variant's publications from `first` to `last` and their results."""
    by_variant: dict[str, list[m.Post]] = {}
    for post in posts:
        assert post.experiment is not None
        by_variant.setdefault(post.experiment.variant, []).append(post)
    variants = []
    for variant, members in sorted(by_variant.items()):
        days = [day for post in members for day in occurrence_days(post, last) if day >= first]
        counted = [
            result
            for post in members
            for result in results.of_post(post.id)
            if first <= result.day <= last
        ]
        measured = len({(result.post, result.day) for result in counted})
        totals = summed(result.row for result in counted)
        variants.append(VariantResult(variant, len(days), measured, totals))
    return tuple(variants)


def verdict_of(variants: Sequence[VariantResult]) -> Verdict:
    """The rule of the module's docstring."""
    if len(variants) < 2 or any(v.measured < MIN_POSTS for v in variants):
        return Verdict("too_small", reason="posts")
    rated = [v for v in variants if v.rate is not None and v.reach > 0]
    if len(rated) < len(variants):
        return Verdict("too_small", reason="posts")
    best, second = sorted(rated, key=lambda v: (-(v.rate or 0.0), v.variant))[:2]
    if rate_gap_is_clear(best, second):
        return Verdict("ahead", leader=best.variant)
    return Verdict("too_small", reason="gap")


def rate_gap_is_clear(first: VariantResult, second: VariantResult) -> bool:
    """True when the 95 % interval of the gap between two engagement rates leaves
    out 0. A rate over 1 (more engagements than people reached, which networks
    allow) is held at 1 for the margin."""
    p1, p2 = min(first.rate or 0.0, 1.0), min(second.rate or 0.0, 1.0)
    margin = Z_95 * math.sqrt(p1 * (1 - p1) / first.reach + p2 * (1 - p2) / second.reach)
    return abs(p1 - p2) > margin
