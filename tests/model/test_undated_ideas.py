"""An idea may wait without a date: it is kept in the plan's backlog, and only
there. Every other post needs a date, and says so at its place."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator.check import Inputs, check_plan
from generator.model.backlog import Idea
from tests.conftest import PlanFactory, run_cli

CALENDAR = "plan/calendar/q1.yml"
DATED = textwrap.dedent("""\
    posts:
      - id: hello
        date: 2027-01-05
        time: 10:00
        channel: instagram
        type: tips
        title: Hello
        link: https://shop.example/hello
      - date: 2027-01-12
        channel: instagram
        title: Dated idea
        status: idea
""")


def with_items(items: str) -> dict[str, str | None]:
    return {CALENDAR: DATED + items}


UNDATED = """\
  - channel: [instagram]
    title: Behind the bench
    status: idea
    type: tips
    owner: Sam
"""


def only_error(root: Path) -> str:
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("1 error,"), lines
    return lines[0]


def test_an_idea_without_a_date_is_kept_in_the_backlog_only(make_plan: PlanFactory) -> None:
    root = make_plan(with_items(UNDATED))
    plan = check_plan(Inputs(root / "plan", root / "site_config.yml")).plan
    assert plan.backlog == (
        Idea(
            id="idea-behind-the-bench",
            title="Behind the bench",
            channels=("instagram",),
            source=plan.backlog[0].source,
            type="tips",
            owner="Sam",
        ),
    )
    assert plan.backlog[0].source.line == 13
    assert "Behind the bench" not in {post.title for post in plan.posts}
    assert all(post.date for post in plan.posts)


@pytest.mark.parametrize("status", ["draft", "scheduled", "published", "cancelled", None])
def test_a_post_that_is_not_an_idea_needs_a_date(
    make_plan: PlanFactory, status: str | None
) -> None:
    item = "  - channel: instagram\n    title: Spring menu\n"
    if status:
        item += f"    status: {status}\n"
    root = make_plan(with_items(item))
    assert only_error(root) == (
        "plan/calendar/q1.yml:13:5: error: missing required field 'date' "
        "(add 'date:', or make it an idea ('status: idea'): only an idea may wait without a date)"
    )


@pytest.mark.parametrize(
    "extra", ["time: 10:00", "duration: 45m", "timezone: Europe/Paris", "repeat: {every: week}"]
)
def test_what_belongs_to_a_date_is_refused_on_an_undated_idea(
    make_plan: PlanFactory, extra: str
) -> None:
    root = make_plan(with_items(UNDATED + f"    {extra}\n"))
    assert only_error(root) == (
        "plan/calendar/q1.yml:13:5: error: missing required field 'date' (a time, a duration, "
        "a time zone or a repeat belongs to a date: add 'date:', or remove them until the idea "
        "has one)"
    )


def test_an_undated_idea_refers_to_known_channels_and_campaigns(make_plan: PlanFactory) -> None:
    root = make_plan(with_items(UNDATED.replace("[instagram]", "[instagrm]")))
    assert only_error(root) == (
        "plan/calendar/q1.yml:13:15: error: unknown channel 'instagrm' "
        "(did you mean 'instagram'? or create plan/channels/instagrm.md)"
    )
    root = make_plan(with_items(UNDATED + "    campaign: sprnig\n"))
    assert "unknown campaign 'sprnig'" in only_error(root)


def test_two_undated_ideas_of_one_title_need_an_id(make_plan: PlanFactory) -> None:
    root = make_plan(with_items(UNDATED + UNDATED))
    assert only_error(root).startswith(
        "plan/calendar/q1.yml:18:5: error: duplicate post id 'idea-behind-the-bench'"
    )
    root = make_plan(with_items(UNDATED + UNDATED.replace("- channel", "- id: other\n    channel")))
    plan = check_plan(Inputs(root / "plan", root / "site_config.yml")).plan
    assert [idea.id for idea in plan.backlog] == ["idea-behind-the-bench", "other"]


def test_undated_ideas_stay_out_of_the_feeds_even_with_ideas_included(
    make_plan: PlanFactory,
) -> None:
    config = (
        "site_name: Test plan\nsite_url: https://plan.example.com/\nlanguage: en\n"
        "timezone: Europe/Paris\ncalendar: {include_ideas: true}\n"
    )
    root = make_plan({**with_items(UNDATED), "site_config.yml": config})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    feeds = sorted((root / "site").rglob("*.ics"))
    assert feeds
    combined = "".join(feed.read_text("utf-8") for feed in feeds)
    assert "Dated idea" in combined  # the feeds hold ideas, as the site asks
    assert "Behind the bench" not in combined


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_undated_ideas_stay_out_of_the_exports(make_plan: PlanFactory, kind: str) -> None:
    root = make_plan(with_items(UNDATED))
    result = run_cli("export", kind, cwd=root)
    assert result.exit_code == 0, result.output
    assert "Hello" in result.stdout
    assert "Behind the bench" not in result.stdout
    if kind == "json":
        assert all(row["date"] for row in json.loads(result.stdout))


def test_undated_ideas_stay_out_of_the_hootsuite_files(make_plan: PlanFactory) -> None:
    root = make_plan(with_items(UNDATED.replace("status: idea", "status: idea\n    copy: Soon")))
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=root)
    assert result.exit_code == 0, result.output
    written = "".join(path.read_text("utf-8") for path in (root / "hs").rglob("*.csv"))
    assert "Hello" in written
    assert "Behind the bench" not in written
