"""An item with several problems reports every one in one run: its schema problems,
and the references of its fields that have none of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.model.references import references_of_item
from tests.broken_cases import CALENDAR, CHANNEL, GOAL, edit, minimal
from tests.conftest import run_cli, write_plan
from tests.model.helpers import document, documents_of

CONTENT = "plan/content.yml"
MEASUREMENT = "plan/measurement.yml"
PERSONA = "plan/personas/claire.md"
CAMPAIGN = (
    "campaigns:\n  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31, "
    "goals: [followers]}\n"
)


def errors(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    result = run_cli("check", cwd=write_plan(tmp_path, files))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if ": error:" in line]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            edit(
                CALENDAR,
                "date: 2027-01-05",
                "date: 2027-02-30",
            )[CALENDAR].replace("channel: instagram", "channel: instagramm"),
            [
                "plan/calendar/q1.yml:3:5: error: 'date': '2027-02-30'",
                "plan/calendar/q1.yml:5:5: error: unknown channel 'instagramm'",
            ],
            id="post: a bad date and an unknown channel",
        ),
        pytest.param(
            minimal(CALENDAR).replace("time: 10:00", "time: 25:00") + "    campaign: autumn\n",
            [
                "plan/calendar/q1.yml:4:5: error: 'time': '25:00' is not a real time",
                "plan/calendar/q1.yml:9:5: error: unknown campaign 'autumn'",
            ],
            id="post: a bad time and an unknown campaign",
        ),
        pytest.param(
            minimal(CALENDAR).replace("    title: Hello\n", "").replace("type: tips", "type: tip"),
            [
                "plan/calendar/q1.yml:2:5: error: missing required field 'title'",
                "plan/calendar/q1.yml:6:5: error: unknown content type 'tip'",
            ],
            id="post: a missing title and an unknown type",
        ),
        pytest.param(
            minimal(CALENDAR).replace("channel: instagram", "channel: [instagram, facebok]")
            + "    status: sheduled\n",
            [
                "plan/calendar/q1.yml:5:26: error: unknown channel 'facebok'",
                "plan/calendar/q1.yml:9:5: error: 'status' cannot be 'sheduled'",
            ],
            id="post: an unknown status and one unknown channel of two",
        ),
        pytest.param(
            minimal(CALENDAR) + "    repeat: {every: fortnight}\n    campaign: spring\n",
            [
                "plan/calendar/q1.yml:9:14: error: 'every' cannot be 'fortnight'",
                "plan/calendar/q1.yml:10:5: error: unknown campaign 'spring'",
            ],
            id="post: a bad repeat and an unknown campaign",
        ),
    ],
)
def test_a_post_with_several_problems_reports_each(
    tmp_path: Path, files: str, expected: list[str]
) -> None:
    lines = errors(tmp_path, {CALENDAR: files})
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            edit(GOAL, "deadline: 2027-06-30", "deadline: 2027-06-31")[GOAL].replace(
                "channels: [instagram]", "channels: [instagramm]"
            ),
            [
                "plan/goals/followers.md:5:1: error: 'deadline': '2027-06-31'",
                "plan/goals/followers.md:7:12: error: unknown channel 'instagramm'",
            ],
            id="goal: a bad deadline and an unknown channel",
        ),
        pytest.param(
            minimal(GOAL)
            .replace("owner: Sam", "owner: [Sam]")
            .replace("channels:", "personas: [claire]\nchannels:"),
            [
                "plan/goals/followers.md:6:1: error: 'owner' must be text, not a list",
                "plan/goals/followers.md:7:12: error: unknown persona 'claire'",
            ],
            id="goal: an owner that is a list and an unknown persona",
        ),
    ],
)
def test_a_goal_with_several_problems_reports_each(
    tmp_path: Path, files: str, expected: list[str]
) -> None:
    lines = errors(tmp_path, {GOAL: files})
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                CHANNEL: minimal(CHANNEL)
                .replace("network: instagram", "network: twitter")
                .replace("goals: [followers]", "goals: [folowers]")
            },
            [
                "plan/channels/instagram.md:2:1: error: 'network' cannot be 'twitter'",
                "plan/channels/instagram.md:5:9: error: unknown goal 'folowers'",
            ],
            id="channel: an unknown network and an unknown goal",
        ),
        pytest.param(
            {
                CHANNEL: minimal(CHANNEL)
                .replace("account: insta", "account: instagram")
                .replace("goals:", "status: live\ngoals:")
            },
            [
                "plan/channels/instagram.md:3:1: error: unknown account 'instagram'",
                "plan/channels/instagram.md:5:1: error: 'status' cannot be 'live'",
            ],
            id="channel: an unknown status and an unknown account",
        ),
        pytest.param(
            {PERSONA: "---\nname: Claire\ninterests: lamps\nchannels: [instagramm]\n---\n"},
            [
                "plan/personas/claire.md:3:1: error: 'interests' must be a list",
                "plan/personas/claire.md:4:12: error: unknown channel 'instagramm'",
            ],
            id="persona: a text for a list and an unknown channel",
        ),
        pytest.param(
            {
                CALENDAR: minimal(CALENDAR)
                + CAMPAIGN.replace("2027-03-31", "2027-03-32").replace("[followers]", "[folowers]")
            },
            [
                "plan/calendar/q1.yml:10:51: error: 'end': '2027-03-32'",
                "plan/calendar/q1.yml:10:76: error: unknown goal 'folowers'",
            ],
            id="campaign: a bad end and an unknown goal",
        ),
        pytest.param(
            {CONTENT: "types:\n  - {id: tips, name: Tips, share: 200, audience: [makers]}\n"},
            [
                "plan/content.yml:2:28: error: 'share' must be at most 100",
                "plan/content.yml:2:51: error: unknown persona 'makers'",
            ],
            id="content type: a share beyond 100 and an unknown persona",
        ),
        pytest.param(
            {MEASUREMENT: "experiments:\n  - {name: Reels, start: 2027-13-01, channel: tiktok}\n"},
            [
                "plan/measurement.yml:2:19: error: 'start': '2027-13-01'",
                "plan/measurement.yml:2:38: error: unknown channel 'tiktok'",
            ],
            id="experiment: a bad start and an unknown channel",
        ),
    ],
)
def test_other_items_with_several_problems_report_each(
    tmp_path: Path, files: dict[str, str | None], expected: list[str]
) -> None:
    lines = errors(tmp_path, files)
    assert len(lines) == len(expected), lines
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)


def test_a_field_with_a_problem_of_its_own_makes_no_reference() -> None:
    """A broken item's references come from its fields without schema problems:
    `channel: 42` is reported once, by its schema, never as an unknown channel."""
    doc = document(
        "posts:\n  - {date: 2027-13-01, channel: [a, 42, b], type: T T, campaign: c, title: A}\n"
    )
    broken = {doc.path: [("posts", 0, "date"), ("posts", 0, "channel", 1), ("posts", 0, "type")]}
    item = doc.data["posts"][0]
    found = references_of_item(documents_of(doc, broken=broken), doc, "post", item, ("posts", 0))
    assert list(found) == [
        ("channel", "a", ("posts", 0, "channel", 0)),
        ("channel", "b", ("posts", 0, "channel", 2)),
        ("campaign", "c", ("posts", 0, "campaign")),
    ]


def test_a_file_broken_as_a_whole_makes_no_reference() -> None:
    doc = document("posts:\n  - {date: 2027-01-05, channel: a, title: A}\n")
    documents = documents_of(doc, broken={doc.path: [()]})
    item = doc.data["posts"][0]
    assert list(references_of_item(documents, doc, "post", item, ("posts", 0))) == []
    assert Report().diagnostics == []
