"""Which post a results row measured: the three rules in their order, the channel a
row is counted on, the occurrence of a repeated post, and the guess's two hours."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator import check
from generator.diagnostics import PlanError
from generator.load.results.result_rows import ResultFile, ResultRow
from generator.model.entities import Plan
from generator.model.result_matching import comparable_address, results_from_files
from generator.model.results import MatchedResult
from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import checked_plan, posts

PARIS = ZoneInfo("Europe/Paris")
FACEBOOK = """\
---
network: facebook
mission: Tell neighbours what the workshop makes.
goals: [followers]
---
"""
CALENDAR = """\
campaigns:
  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31, channels: [instagram],
     utm_campaign: spring-sale}
""" + posts(
    "{id: hello, date: 2027-01-05, time: '10:00', channel: instagram, type: tips, title: Hello,"
    " link: 'https://shop.example/hello'}",
    "{id: duo, date: 2027-01-12, time: '18:00', channel: [instagram, facebook], type: tips,"
    " title: Duo, published: {instagram: {url: 'https://www.instagram.com/p/AbC/', id: '111'},"
    " facebook: {url: 'https://facebook.com/shop/posts/222', id: '222'}}}",
    "{id: whole, date: 2027-01-14, time: '12:00', channel: [instagram, facebook], type: tips,"
    " title: Whole, published: {id: '333'}}",
    "{id: weekly, date: 2027-02-01, time: '09:00', channel: instagram, type: tips,"
    " title: Weekly, repeat: {every: week, count: 4}}",
    "{id: sale, date: 2027-03-02, time: '11:00', channel: instagram, type: tips,"
    " title: Sale, campaign: spring, link: 'https://shop.example/sale'}",
    "{id: near, date: 2027-01-20, time: '14:00', channel: facebook, type: tips, title: Near}",
    "{id: nearer, date: 2027-01-20, time: '15:00', channel: facebook, type: tips, title: Nearer}",
    "{id: dropped, date: 2027-01-22, time: '10:00', channel: facebook, type: tips,"
    " title: Dropped, status: cancelled}",
)
FILES = {"plan/channels/facebook.md": FACEBOOK, "plan/calendar/q1.yml": CALENDAR}


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return checked_plan(tmp_path_factory.mktemp("matching"), FILES).plan


def matched(plan: Plan, *rows: ResultRow) -> list[MatchedResult | None]:
    """Each row's match, None where it matched nothing."""
    results = results_from_files(plan, [ResultFile(Path("r.csv"), "plansite", rows)], PARIS)
    by_line = {result.row.line: result for result in results.matched}
    return [by_line.get(row.line) for row in rows]


def one(plan: Plan, **fields: object) -> MatchedResult | None:
    values: dict[str, object] = {"line": 2, "day": date(2027, 1, 20), "metrics": {}, **fields}
    return matched(plan, ResultRow(**values))[0]  # type: ignore[arg-type]


def where(result: MatchedResult | None) -> tuple[str, str, date, str] | None:
    return None if result is None else (result.post, result.channel, result.day, result.rule)


# -- 1. published ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "channel"),
    [
        ({"platform_id": "111"}, "instagram"),
        ({"platform_id": " 222 "}, "facebook"),
        ({"url": "https://instagram.com/p/AbC"}, "instagram"),
        ({"url": "http://www.instagram.com/p/AbC/?utm_source=x#top"}, "instagram"),
        ({"url": "https://WWW.Facebook.com/shop/posts/222/"}, "facebook"),
    ],
)
def test_published_id_or_address_matches_on_its_channel(
    plan: Plan, fields: dict[str, object], channel: str
) -> None:
    assert where(one(plan, **fields)) == ("duo", channel, date(2027, 1, 12), "published")


def test_an_address_path_keeps_its_case(plan: Plan) -> None:
    """Instagram's short codes tell posts apart by case."""
    assert one(plan, url="https://www.instagram.com/p/abc/") is None
    assert comparable_address("https://www.Instagram.com/p/AbC/") == "instagram.com/p/AbC"


@pytest.mark.parametrize(
    ("fields", "channel"),
    [
        ({"network": "facebook"}, "facebook"),
        ({"network": "instagram"}, "instagram"),
        ({"channel": "facebook"}, "facebook"),
        ({}, ""),  # a row naming no network: the post as a whole
    ],
)
def test_published_for_every_channel_takes_the_rows_channel(
    plan: Plan, fields: dict[str, object], channel: str
) -> None:
    result = one(plan, platform_id="333", **fields)
    assert where(result) == ("whole", channel, date(2027, 1, 14), "published")


# -- 2. utm_content ---------------------------------------------------------------


def test_post_id_matches_on_the_posts_only_channel(plan: Plan) -> None:
    assert where(one(plan, post="hello")) == ("hello", "instagram", date(2027, 1, 5), "utm_content")


def test_post_id_with_its_campaign_matches(plan: Plan) -> None:
    result = one(plan, post="sale", campaign="spring-sale", day=date(2027, 3, 3))
    assert where(result) == ("sale", "instagram", date(2027, 3, 2), "utm_content")


@pytest.mark.parametrize("campaign", ["spring", "autumn-sale", "Spring-Sale"])
def test_post_id_with_another_campaign_does_not_match(plan: Plan, campaign: str) -> None:
    assert one(plan, post="sale", campaign=campaign, day=date(2027, 3, 3)) is None


def test_a_post_without_campaign_carries_its_type_as_campaign(plan: Plan) -> None:
    assert one(plan, post="hello", campaign="tips") is not None
    assert one(plan, post="hello", campaign="spring-sale") is None


def test_a_ga4_row_of_a_post_on_several_channels_counts_on_none(plan: Plan) -> None:
    result = one(plan, post="duo", day=date(2027, 1, 13))
    assert where(result) == ("duo", "", date(2027, 1, 12), "utm_content")
    result = one(plan, post="duo", network="facebook", day=date(2027, 1, 13))
    assert where(result) == ("duo", "facebook", date(2027, 1, 12), "utm_content")


@pytest.mark.parametrize(
    "fields",
    [
        {"channel": "facebook"},
        {"network": "facebook"},
        {"channel": "tiktok"},
        {"network": "linkedin"},
    ],
)
def test_a_post_id_on_a_channel_the_post_is_not_on_does_not_match(
    plan: Plan, fields: dict[str, object]
) -> None:
    assert one(plan, post="hello", **fields) is None


def test_unknown_post_id_does_not_match(plan: Plan) -> None:
    assert one(plan, post="Hello") is None
    assert one(plan, post="nobody") is None


# -- precedence ------------------------------------------------------------------


def test_published_wins_over_the_post_id(plan: Plan) -> None:
    """The network's own id is surer than a utm_content someone typed."""
    result = one(plan, platform_id="111", post="hello")
    assert where(result) == ("duo", "instagram", date(2027, 1, 12), "published")


def test_the_post_id_wins_over_the_guess(plan: Plan) -> None:
    result = one(plan, post="hello", network="instagram", published_at=datetime(2027, 1, 20, 14, 0))
    assert where(result) == ("hello", "instagram", date(2027, 1, 5), "utm_content")


def test_a_campaign_mismatch_falls_to_the_guess(plan: Plan) -> None:
    result = one(
        plan,
        post="sale",
        campaign="other",
        network="instagram",
        published_at=datetime(2027, 3, 2, 11, 30),
        day=date(2027, 3, 2),
    )
    assert where(result) == ("sale", "instagram", date(2027, 3, 2), "time")


# -- 3. time (a guess) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "post"),
    [
        (datetime(2027, 1, 20, 12, 0), "near"),  # two hours before: the edge is in
        (datetime(2027, 1, 20, 11, 59), None),  # a minute more: out
        (datetime(2027, 1, 20, 17, 0), "nearer"),  # two hours after
        (datetime(2027, 1, 20, 17, 1), None),
        (datetime(2027, 1, 20, 14, 29), "near"),  # the nearer of two
        (datetime(2027, 1, 20, 14, 31), "nearer"),
        (datetime(2027, 1, 20, 14, 30), "near"),  # as near as each other: the earlier
    ],
)
def test_the_guess_takes_the_nearest_within_two_hours(
    plan: Plan, at: datetime, post: str | None
) -> None:
    result = one(plan, network="facebook", published_at=at)
    assert (result and result.post) == post
    if result is not None:
        assert (result.channel, result.rule) == ("facebook", "time")


def test_the_guess_needs_the_same_channel(plan: Plan) -> None:
    assert one(plan, network="instagram", published_at=datetime(2027, 1, 20, 14, 0)) is None
    assert one(plan, published_at=datetime(2027, 1, 20, 14, 0)) is None
    assert one(plan, channel="facebook", published_at=datetime(2027, 1, 20, 14, 0)) is not None


def test_the_guess_skips_cancelled_posts(plan: Plan) -> None:
    assert one(plan, network="facebook", published_at=datetime(2027, 1, 22, 10, 0)) is None


def test_the_guess_reads_the_time_in_the_plans_zone(plan: Plan) -> None:
    """Meta writes 14:00 for a post at 14:00 in Paris, 13:00 UTC."""
    result = one(plan, network="facebook", published_at=datetime(2027, 1, 20, 11, 30))
    assert result is None


# -- repeats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "occurrence"),
    [
        (date(2027, 2, 1), date(2027, 2, 1)),
        (date(2027, 2, 7), date(2027, 2, 1)),
        (date(2027, 2, 8), date(2027, 2, 8)),
        (date(2027, 3, 30), date(2027, 2, 22)),  # after the last: the last
        (date(2027, 1, 30), date(2027, 2, 1)),  # before the first: the first (PS612)
    ],
)
def test_a_dated_row_measures_the_latest_occurrence_before_it(
    plan: Plan, day: date, occurrence: date
) -> None:
    assert where(one(plan, post="weekly", day=day)) == (
        "weekly",
        "instagram",
        occurrence,
        "utm_content",
    )


def test_a_guessed_row_measures_the_occurrence_it_is_near(plan: Plan) -> None:
    result = one(
        plan, network="instagram", published_at=datetime(2027, 2, 15, 9, 45), day=date(2027, 2, 28)
    )
    assert where(result) == ("weekly", "instagram", date(2027, 2, 15), "time")


def test_a_published_row_measures_the_occurrence_it_went_live_on(plan: Plan) -> None:
    result = one(
        plan, post="weekly", published_at=datetime(2027, 2, 8, 9, 0), day=date(2027, 2, 28)
    )
    assert where(result) == ("weekly", "instagram", date(2027, 2, 8), "utm_content")


def test_rule_counts_say_which_rule_matched_how_many(plan: Plan) -> None:
    rows = [
        ResultRow(2, date(2027, 1, 12), {}, platform_id="111"),
        ResultRow(3, date(2027, 1, 5), {}, post="hello"),
        ResultRow(4, date(2027, 1, 5), {}, post="hello"),
        ResultRow(5, None, {}, network="facebook", published_at=datetime(2027, 1, 20, 14, 0)),
        ResultRow(6, None, {}, post="nobody"),
    ]
    results = results_from_files(plan, [ResultFile(Path("r.csv"), "plansite", tuple(rows))], PARIS)
    assert results.rule_counts == {"published": 1, "utm_content": 2, "time": 1}
    assert [u.row.line for u in results.unmatched] == [6]


# -- a published entry on a channel the post is not on --------------------------


@pytest.mark.parametrize(
    ("published", "wrong"),
    [
        ("{facebook: {id: '1'}}", "facebook"),
        ("{instagram: {id: '1'}, instagrm: {id: '2'}}", "instagrm"),
        ("{url: 'https://x.example/p/1', linkedin: {id: '3'}}", "linkedin"),
    ],
)
def test_a_published_channel_the_post_is_not_on_is_an_error(
    tmp_path: Path, published: str, wrong: str
) -> None:
    calendar = posts(
        "{id: hello, date: 2027-01-05, time: '10:00', channel: instagram, type: tips,"
        f" title: Hello, published: {published}}}"
    )
    with pytest.raises(PlanError) as caught:
        checked_plan_raw(tmp_path, {"plan/calendar/q1.yml": calendar})
    lines = [d.format() for d in caught.value.report.errors]
    assert len(lines) == 1, lines
    assert f"'published' names channel '{wrong}', which the post is not on" in lines[0]
    assert lines[0].startswith("plan/calendar/q1.yml:2:") or "q1.yml:2:" in lines[0]
    assert "instagram" in caught.value.report.errors[0].hint


def test_the_check_command_reports_the_published_channel(tmp_path: Path) -> None:
    calendar = posts(
        "{id: hello, date: 2027-01-05, channel: instagram, type: tips, title: Hello,"
        " published: {facebok: {id: '1'}}}"
    )
    write_plan(tmp_path, {"plan/calendar/q1.yml": calendar})
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert "which the post is not on" in result.output
    assert "Traceback" not in result.output


def checked_plan_raw(root: Path, files: dict[str, str | None]) -> Plan:
    write_plan(root, files)
    return check.check_plan(check.Inputs(root / "plan", root / "site_config.yml")).plan
