"""The data the pages show (pages/page_data.py), from small plans read by the loader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build import page_context_from_checked
from generator.checks import RULES_BY_CODE
from generator.diagnostics import Diagnostic, Location, Severity
from generator.i18n import Translator
from generator.model.occurrences import Occurrence
from generator.pages.calendar_months import calendar_months
from generator.pages.page_data import UPCOMING, PageData
from tests.pages.small_plans import checked_plan, posts

LINKEDIN = """\
    ---
    network: linkedin
    mission: Show our work to architects.
    goals: [leads]
    ---
    """
CAMPAIGN = (
    "campaigns:\n"
    "  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31, goals: [reach]}\n"
)


def page_data(
    tmp_path: Path, files: dict[str, str | None], language: str = "en", **changes: Any
) -> PageData:
    """The page data of a small plan, with some of what the pages get `changes`d."""
    context = page_context_from_checked(checked_plan(tmp_path, files))
    return PageData(replace(context, **changes), Translator(language))


def ids(occurrences: Sequence[Occurrence]) -> list[tuple[str, date]]:
    return [(o.post.id, o.day) for o in occurrences]


# -- posts -----------------------------------------------------------------------


def test_months_group_every_occurrence_by_month_in_order(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/calendar/q1.yml": posts(
                "{id: march, date: 2027-03-02, channel: instagram, title: M}",
                "{id: weekly, date: 2027-01-26, channel: instagram, title: W,"
                " repeat: {every: week, count: 2}}",
                "{id: idea, date: 2027-01-03, channel: instagram, title: I, status: idea}",
            )
        },
    )
    months = calendar_months(data.plan, data.occurrences)
    assert [m.first_day for m in months] == [date(2027, n, 1) for n in range(1, 7)]
    assert [ids(m.occurrences) for m in months[:4]] == [
        [("idea", date(2027, 1, 3)), ("weekly", date(2027, 1, 26))],
        [("weekly", date(2027, 2, 2))],
        [("march", date(2027, 3, 2))],
        [],  # a month without a post has its page too
    ]


def test_upcoming_starts_at_today_skips_ideas_and_cancelled_and_stops_at_ten(
    tmp_path: Path,
) -> None:
    daily = [
        f"{{id: p{day}, date: 2027-01-{day:02d}, channel: instagram, title: P{day}}}"
        for day in range(1, 29)
    ]
    hidden = [
        "{id: idea, date: 2027-02-02, channel: instagram, title: I, status: idea}",
        "{id: gone, date: 2027-02-02, channel: instagram, title: G, status: cancelled}",
        "{id: draft, date: 2027-02-03, channel: instagram, title: D, status: draft}",
    ]
    files = {"plan/calendar/q1.yml": posts(*daily, *hidden)}
    data = page_data(tmp_path, files)
    assert data.today == date(2027, 2, 1)  # the goal's latest measurement
    assert ids(data.upcoming()) == [("draft", date(2027, 2, 3))]
    found = page_data(tmp_path, files, today=date(2027, 1, 20)).upcoming()
    assert len(found) == UPCOMING
    assert [o.post.id for o in found] == [f"p{day}" for day in range(20, 29)] + ["draft"]


def test_upcoming_on_a_channel_and_for_a_goal(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/channels/linkedin.md": LINKEDIN,
            "plan/calendar/q1.yml": CAMPAIGN
            + posts(
                "{id: insta, date: 2027-02-10, channel: instagram, title: A}",
                "{id: linked, date: 2027-02-11, channel: linkedin, title: B}",
                "{id: both, date: 2027-02-12, channel: [linkedin, instagram], title: C}",
                "{id: spring, date: 2027-03-03, channel: linkedin, title: D, campaign: spring}",
            ),
        },
    )
    plan = data.plan
    # leads: its own channel (instagram), and linkedin, whose mission names it
    assert [o.post.id for o in data.for_goal(plan.goal("leads"))] == [
        "insta",
        "linked",
        "both",
        "spring",
    ]
    # reach: instagram, and the campaign that serves it (a post on linkedin)
    assert [o.post.id for o in data.for_goal(plan.goal("reach"))] == ["insta", "both", "spring"]


# -- goals -----------------------------------------------------------------------


def test_a_goal_s_channels_come_first_then_those_that_serve_it(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/channels/linkedin.md": LINKEDIN.replace("[leads]", "[leads, followers]"),
            "plan/calendar/q1.yml": CAMPAIGN,
        },
    )
    plan = data.plan
    assert data.channels_of(plan.goal("followers")) == ("instagram", "linkedin")
    assert data.channels_of(plan.goal("reach")) == ("instagram",)
    assert data.campaigns_of(plan.goal("reach")) == ("spring",)
    assert data.campaigns_of(plan.goal("leads")) == ()


def test_the_progress_chart_needs_a_baseline_a_target_and_a_deadline(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/goals/open.md": """\
                ---
                title: No deadline
                metric: {name: Sales, kind: other, baseline: 1, target: 2}
                channels: [instagram]
                ---
                """
        },
    )
    plan = data.plan
    assert str(data.progress_chart(plan.goal("open"))) == ""
    chart = BeautifulSoup(str(data.progress_chart(plan.goal("followers"))), "html.parser")
    assert chart.title is not None and chart.title.get_text().startswith("Followers: 100 at the")
    assert len(chart.select("circle > title")) == len(plan.goal("followers").progress)


# -- the plan's other parts --------------------------------------------------------


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ("{cadence: weekly, last: 2027-02-26}", date(2027, 3, 5)),
        ("{cadence: monthly, last: 2027-02-26}", date(2027, 3, 26)),
        ("{cadence: quarterly, last: 2027-01-15}", date(2027, 4, 15)),
        ("{cadence: monthly}", None),
        ("{last: 2027-02-26}", None),
    ],
)
def test_the_next_review_follows_the_cadence(
    tmp_path: Path, review: str, expected: date | None
) -> None:
    plan_md = (
        "---\ntitle: T\norganization: O\nperiod: {start: 2027-01-01, end: 2027-06-30}\n"
        f"review: {review}\n---\n"
    )
    team = page_data(tmp_path, {"plan/plan.md": plan_md}).team_cards()
    assert (team.review.next_date if team.review else None) == expected


AUDIT = """\
    accounts:
      - {id: insta, network: instagram, handle: "@us", url: "https://instagram.example/us",
         owner: Sam, profile: {link: "https://shop.example/"}}
      - {id: old, network: instagram, handle: "@old", owner: Sam, status: delete}
      - {id: fake, network: instagram, handle: "@fake", owner: Sam, official: false,
         status: report}
      - {id: pins, network: pinterest, handle: "@pins", owner: Sam}
    competitors:
      - name: Rival
        url: https://rival.example/
        accounts:
          - {network: tiktok, url: "https://tiktok.example/rival", followers: 10}
          - {network: instagram, followers: 20}
    """


def test_the_audit_compares_our_official_live_accounts_with_competitors(tmp_path: Path) -> None:
    data = page_data(tmp_path, {"plan/audit.yml": AUDIT})
    assert data.competitor_networks() == ["instagram", "tiktok"]
    assert [a.handle for a in data.ours("instagram")] == ["@us"]
    assert data.ours("tiktok") == []


def test_external_links_are_every_address_once_sorted(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/audit.yml": AUDIT,
            "plan/calendar/q1.yml": posts(
                "{id: a, date: 2027-02-02, channel: instagram, title: A,"
                " link: 'https://shop.example/'}",
            ),
        },
    )
    assert data.external_links() == [
        "https://instagram.example/us",
        "https://rival.example/",
        "https://shop.example/",
        "https://tiktok.example/rival",
    ]


def test_a_persona_s_channels_are_those_on_its_networks(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/channels/linkedin.md": LINKEDIN,
            "plan/personas/pro.md": "---\nname: Pro\nchannels: [linkedin, tiktok]\n---\n",
        },
    )
    assert data.networks_channels(data.plan.persona("pro")) == ["linkedin"]


CONTENT = """\
    types:
      - {id: tips, name: Tips, share: 60, purpose: educate}
      - {id: news, name: News, share: 40, purpose: promote}
      - {id: misc, name: Misc, purpose: connect}
    """


def test_a_channel_aims_for_its_own_mix_else_the_plan_s(tmp_path: Path) -> None:
    data = page_data(
        tmp_path,
        {
            "plan/content.yml": CONTENT,
            "plan/channels/linkedin.md": LINKEDIN.replace(
                "goals: [leads]", "goals: [leads]\n    mix: {news: 70, tips: 30}"
            ),
        },
    )
    plan = data.plan
    assert data.mix_targets(plan.channel("linkedin")) == [("News", 70), ("Tips", 30)]
    assert data.mix_targets(plan.channel("instagram")) == [("Tips", 60), ("News", 40)]


# -- health ----------------------------------------------------------------------


def finding(code: str, path: str, line: int, column: int = 0) -> Diagnostic:
    """A plan check's finding, with the step of its rule as the checks give it."""
    step = RULES_BY_CODE[code].step
    return Diagnostic(
        Location(Path(path), line, column), Severity.WARNING, "m", "", code, step=step
    )


def test_findings_are_grouped_by_the_step_of_their_rule_in_file_order(tmp_path: Path) -> None:
    findings = [
        finding("PS602", "plan/plan.md", 1, 1),
        finding("PS101", "plan/plan.md", 2, 1),
        finding("PS102", "plan/goals/b.md", 1, 1),
        finding("PS102", "plan/goals/a.md", 3, 5),
    ]
    data = page_data(tmp_path, {}, findings=findings)
    grouped = data.findings_by_step
    assert list(grouped) == [1, 2, 3, 4, 5, 6]
    assert [(str(d.location), d.code) for d in grouped[1]] == [
        ("plan/goals/a.md:3:5", "PS102"),
        ("plan/goals/b.md:1:1", "PS102"),
        ("plan/plan.md:2:1", "PS101"),
    ]
    assert [d.code for d in grouped[6]] == ["PS602"]
    assert grouped[2] == grouped[3] == grouped[4] == grouped[5] == []
    assert data.where(grouped[1][0]) == "plan/goals/a.md:3"
    assert data.where(finding("PS101", "plan/plan.md", 0)) == "plan/plan.md"


@pytest.mark.parametrize(
    ("rule", "language", "labels"),
    [
        ("custom", "en", ["Tips", "News", "Misc"]),
        ("80-20", "en", ["promote", "other"]),
        ("80-20", "fr", ["promouvoir", "autres"]),
        ("thirds", "en", ["promote", "share", "connect"]),
    ],
)
def test_mix_lines_are_named_by_their_type_or_their_group(
    tmp_path: Path, rule: str, language: str, labels: list[str]
) -> None:
    content = CONTENT + f"mix: {{rule: {rule}}}\n"
    data = page_data(tmp_path, {"plan/content.yml": content}, language)
    table = data.mix_tables[0]
    assert [data.mix_label(line.label) for line in table.lines] == labels
    chart = BeautifulSoup(str(data.mix_chart(table, "Mix & <co>")), "html.parser")
    assert chart.title is not None and chart.title.get_text() == "Mix & <co>"
    assert [t.get_text() for t in chart.select(".ps-chart__label")] == labels
