"""When an experiment's variants can be told apart (model/experiments.py), at the
edges of its rule: the posts each variant needs, and the gap against its margin."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.diagnostics import Location
from generator.load.results.result_rows import ResultRow
from generator.model import entities as m
from generator.model.experiments import (
    MIN_POSTS,
    Z_95,
    VariantResult,
    variant_results,
    verdict_of,
)
from generator.model.results import ExperimentArm, MatchedResult, PlanResults


def variant(name: str, measured: int, reach: float, engagements: float) -> VariantResult:
    totals = {"reach": reach, "engagements": engagements}
    return VariantResult(name, measured, measured, totals)


def margin(p1: float, n1: float, p2: float, n2: float) -> float:
    return Z_95 * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)


def test_a_clear_gap_with_enough_posts_names_the_variant_ahead() -> None:
    verdict = verdict_of([variant("a", 3, 10_000, 800), variant("b", 3, 10_000, 400)])
    assert (verdict.outcome, verdict.leader) == ("ahead", "a")


def test_the_leader_is_the_best_rate_not_the_most_engagements() -> None:
    verdict = verdict_of([variant("a", 4, 20_000, 900), variant("b", 4, 5_000, 600)])
    assert verdict.leader == "b"


@pytest.mark.parametrize("fewest", [0, 1, MIN_POSTS - 1])
def test_a_variant_under_the_minimum_of_posts_is_too_small_to_tell(fewest: int) -> None:
    verdict = verdict_of([variant("a", fewest, 10_000, 800), variant("b", 5, 10_000, 100)])
    assert (verdict.outcome, verdict.reason) == ("too_small", "posts")


def test_exactly_the_minimum_of_posts_is_enough() -> None:
    verdict = verdict_of(
        [variant("a", MIN_POSTS, 10_000, 800), variant("b", MIN_POSTS, 10_000, 100)]
    )
    assert verdict.outcome == "ahead"


def test_one_variant_alone_is_too_small_to_tell() -> None:
    assert verdict_of([variant("a", 10, 10_000, 800)]).outcome == "too_small"


def test_a_variant_without_reach_is_too_small_to_tell() -> None:
    no_reach = VariantResult("b", 5, 5, {"engagements": 40.0})
    assert verdict_of([variant("a", 5, 10_000, 800), no_reach]).outcome == "too_small"


def test_a_gap_inside_its_margin_of_error_is_too_small_to_tell() -> None:
    # 6 % against 5 % on 500 people each: the 95 % interval of the gap spans 0.
    assert margin(0.06, 500, 0.05, 500) > 0.01
    verdict = verdict_of([variant("a", 5, 500, 30), variant("b", 5, 500, 25)])
    assert (verdict.outcome, verdict.reason) == ("too_small", "gap")


def test_the_same_gap_on_a_large_reach_is_clear() -> None:
    assert margin(0.06, 50_000, 0.05, 50_000) < 0.01
    verdict = verdict_of([variant("a", 5, 50_000, 3_000), variant("b", 5, 50_000, 2_500)])
    assert verdict.outcome == "ahead"


@pytest.mark.parametrize(
    ("reach", "leading", "clear"),
    [(1_000, 0.07, False), (1_000, 0.08, True)],
)
def test_the_verdict_turns_where_the_gap_crosses_its_margin(
    reach: int, leading: float, clear: bool
) -> None:
    # 5 % against 7 % on 1,000 people each: margin ~ 2.08 points, so not clear;
    # against 8 %, a gap of 3 points > ~2.2, clear.
    assert (leading - 0.05 > margin(leading, reach, 0.05, reach)) is clear
    verdict = verdict_of(
        [variant("a", 5, reach, leading * reach), variant("b", 5, reach, 0.05 * reach)]
    )
    assert (verdict.outcome == "ahead") is clear


def test_equal_rates_are_too_small_to_tell_even_at_zero_and_one() -> None:
    assert verdict_of([variant("a", 5, 100, 0), variant("b", 5, 100, 0)]).outcome == "too_small"
    assert verdict_of([variant("a", 5, 100, 100), variant("b", 5, 100, 100)]).outcome == "too_small"


def test_three_variants_compare_the_two_best() -> None:
    verdict = verdict_of(
        [
            variant("a", 5, 10_000, 500),
            variant("b", 5, 10_000, 510),
            variant("c", 5, 10_000, 100),
        ]
    )
    assert (verdict.outcome, verdict.reason) == ("too_small", "gap")


def test_each_occurrence_of_a_repeated_post_is_one_try_within_the_experiments_dates() -> None:
    weekly = m.Post(
        id="reel",
        date=date(2027, 1, 4),
        channels=("instagram",),
        title="Reel",
        source=Location(Path("q1.yml")),
        timezone=ZoneInfo("Europe/Paris"),
        experiment=ExperimentArm("test", "reel"),
        repeat=m.Repeat(every="week", count=6),
    )
    row = ResultRow(line=2, day=None, metrics={"reach": 100.0, "engagements": 10.0})
    days = [date(2027, 1, 4) + timedelta(weeks=n) for n in range(6)]
    results = PlanResults(
        matched=tuple(
            MatchedResult(row, Path("a.csv"), "reel", "instagram", day, "utm_content")
            for day in days
        )
    )
    # The experiment runs from the second week to the fifth: four tries, four results.
    (found,) = variant_results([weekly], results, days[1], days[4])
    assert (found.variant, found.posts, found.measured) == ("reel", 4, 4)
    assert found.totals == {"reach": 400.0, "engagements": 40.0}
