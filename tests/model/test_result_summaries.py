"""The results of each post as the results page ranks them (model/result_summaries.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.diagnostics import Location
from generator.load.results.result_rows import ResultRow
from generator.model import entities as m
from generator.model.result_summaries import post_results
from generator.model.results import MatchedResult, PlanResults


def test_a_row_on_no_channel_counts_for_every_channel_of_its_post() -> None:
    post = m.Post(
        id="sale",
        date=date(2027, 1, 13),
        channels=("instagram", "facebook"),
        title="Sale",
        source=Location(Path("q1.yml")),
        timezone=ZoneInfo("Europe/Paris"),
    )
    ga4 = ResultRow(line=9, day=date(2027, 1, 13), metrics={"sessions": 258.0})
    results = PlanResults(
        matched=(MatchedResult(ga4, Path("ga4.csv"), "sale", "", post.date, "utm_content"),)
    )
    plan = m.Plan(
        title="Plan",
        organization="Org",
        period=m.Period(date(2027, 1, 1), date(2027, 6, 30)),
        source=Location(Path("plan.md")),
        channels=tuple(
            m.Channel(channel, channel, "Mission.", Location(Path(f"{channel}.md")))
            for channel in ("facebook", "instagram")
        ),
        posts=(post,),
        results=results,
    )
    (found,) = post_results(plan)
    assert found.channels == ("facebook", "instagram")  # in the plan's order, none empty
    assert found.totals == {"sessions": 258.0}
