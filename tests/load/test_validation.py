"""Every validation error, with its exact wording, file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PlanFactory, run_cli

POST = """\
    posts:
      - id: hello
        date: 2027-01-05
        time: "10:00"
        channel: instagram
        title: Hello
{extra}
    """


def calendar(extra: str) -> dict[str, str | None]:
    """The minimal calendar with lines added to its only post."""
    return {"plan/calendar/q1.yml": POST.format(extra="        " + extra)}


def check(root: Path) -> tuple[int, list[str]]:
    result = run_cli("check", cwd=root)
    return result.exit_code, result.stderr.splitlines()


CASES = {
    "yaml syntax": (
        {"plan/audit.yml": "accounts:\n  - id: insta\n    network: [instagram\n"},
        "plan/audit.yml:3:14: error: invalid YAML: did not find expected ',' or ']' "
        "(a '[' is opened and never closed)",
    ),
    "unknown key": (
        calendar("titel: Hi"),
        "plan/calendar/q1.yml:7:5: error: unknown field 'titel' (did you mean 'title'?)",
    ),
    "duplicate key": (
        calendar("title: Again"),
        "plan/calendar/q1.yml:7:5: error: duplicate key 'title' "
        "(it was already set on line 6; keep one of them)",
    ),
    "missing required field": (
        {"plan/goals/followers.md": "---\nmetric: {name: Followers}\nchannels: [instagram]\n---\n"},
        "plan/goals/followers.md:2:1: error: missing required field 'title' (add 'title:' here)",
    ),
    "wrong type": (
        {
            "plan/goals/followers.md": "---\ntitle: Grow\nchannels: [instagram]\n"
            "metric: {name: Followers, baseline: lots}\n---\n"
        },
        "plan/goals/followers.md:4:27: error: 'baseline' must be a number, not the text 'lots'",
    ),
    "impossible date": (
        {"plan/calendar/q1.yml": POST.format(extra="").replace("2027-01-05", "2027-02-30")},
        "plan/calendar/q1.yml:3:5: error: 'date': '2027-02-30' is not a real date: "
        "February 2027 has 28 days (check the day and month)",
    ),
    "date in another form": (
        {"plan/calendar/q1.yml": POST.format(extra="").replace("2027-01-05", "05/01/2027")},
        "plan/calendar/q1.yml:3:5: error: 'date': '05/01/2027' is not a date "
        "(write dates as YYYY-MM-DD, e.g. 2027-01-05)",
    ),
    "impossible time": (
        {"plan/calendar/q1.yml": POST.format(extra="").replace('"10:00"', "25:00")},
        "plan/calendar/q1.yml:4:5: error: 'time': '25:00' is not a real time "
        "(hours go from 00 to 23, minutes to 59)",
    ),
    "unknown time zone": (
        calendar("timezone: Europe/Pariss"),
        "plan/calendar/q1.yml:7:5: error: 'timezone': unknown time zone 'Europe/Pariss' "
        "(did you mean 'Europe/Paris'?)",
    ),
    "unknown enum value": (
        calendar("status: sheduled"),
        "plan/calendar/q1.yml:7:5: error: 'status' cannot be 'sheduled': expected one of "
        "idea, draft, scheduled, published, cancelled (did you mean 'scheduled'?)",
    ),
    "unknown channel": (
        {"plan/calendar/q1.yml": POST.format(extra="").replace("instagram", "instagarm")},
        "plan/calendar/q1.yml:5:5: error: unknown channel 'instagarm' "
        "(did you mean 'instagram'? or create plan/channels/instagarm.md)",
    ),
    "unknown persona": (
        {
            "plan/goals/followers.md": "---\ntitle: Grow\nchannels: [instagram]\n"
            "personas: [ghost]\n---\n"
        },
        "plan/goals/followers.md:4:12: error: unknown persona 'ghost' "
        "(no persona is defined: create plan/personas/ghost.md)",
    ),
    "unknown goal": (
        {
            "plan/channels/instagram.md": "---\nnetwork: instagram\naccount: insta\n"
            "mission: Show the workshop.\ngoals: [folowers]\n---\n"
        },
        "plan/channels/instagram.md:5:9: error: unknown goal 'folowers' "
        "(did you mean 'followers'? or create plan/goals/folowers.md)",
    ),
    "unknown content type": (
        calendar("type: tip"),
        "plan/calendar/q1.yml:7:5: error: unknown content type 'tip' (did you mean 'tips'?)",
    ),
    "unknown campaign": (
        calendar("campaign: spring"),
        "plan/calendar/q1.yml:7:5: error: unknown campaign 'spring' (no campaign is defined)",
    ),
    "unknown account": (
        {
            "plan/channels/instagram.md": "---\nnetwork: instagram\naccount: insto\n"
            "mission: Show the workshop.\n---\n"
        },
        "plan/channels/instagram.md:3:1: error: unknown account 'insto' (did you mean 'insta'?)",
    ),
    "duplicate id across files": (
        {
            "plan/calendar/q2.yml": "posts:\n  - id: hello\n    date: 2027-04-01\n"
            "    channel: instagram\n    title: Again\n"
        },
        "plan/calendar/q2.yml:2:5: error: duplicate post id 'hello' "
        "(already used at plan/calendar/q1.yml:2:5; give one of them another id)",
    ),
    "derived ids that collide": (
        {
            "plan/calendar/q1.yml": "posts:\n"
            "  - {date: 2027-01-05, channel: instagram, title: Soldes d'hiver}\n"
            "  - {date: 2027-01-05, channel: instagram, title: Soldes d'hiver}\n"
        },
        "plan/calendar/q1.yml:3:5: error: duplicate post id '2027-01-05-soldes-d-hiver' "
        "(already used at plan/calendar/q1.yml:2:5; give one of them another id)",
    ),
    "id that is not a slug": (
        {"plan/goals/Big Goal.md": "---\ntitle: Big\n---\n"},
        "plan/goals/Big Goal.md: error: file name 'Big Goal.md' is not a valid goal id "
        "(rename it to 'big-goal.md': lower-case letters, digits and dashes)",
    ),
    "until and count together": (
        calendar("repeat: {every: week, until: 2027-02-01, count: 3}"),
        "plan/calendar/q1.yml:7:5: error: 'repeat' must be either 'until' or 'count', not both",
    ),
    "daylight-saving gap": (
        {
            "plan/calendar/q1.yml": POST.format(extra="")
            .replace("2027-01-05", "2027-03-28")
            .replace('"10:00"', '"02:30"')
        },
        "plan/calendar/q1.yml:4:5: error: 02:30 does not exist on 2027-03-28 in Europe/Paris: "
        "clocks skip that hour (pick a time outside the daylight-saving change)",
    ),
    "missing required file": (
        {"plan/audit.yml": None},
        "plan/audit.yml: error: required file is missing "
        "(every plan has one; `plansite init` writes an example to copy from)",
    ),
    "not a mapping": (
        {"plan/content.yml": "- id: tips\n"},
        "plan/content.yml:1:1: error: the file must be a mapping of fields, not a list "
        "(write 'field: value' lines at the top level)",
    ),
    "unsafe link": (
        calendar("link: javascript:alert(1)"),
        "plan/calendar/q1.yml:7:5: error: 'link': 'javascript:alert(1)' is not an http(s) or "
        "mailto: address (links start with https://, http:// or mailto:)",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_each_error_is_reported_exactly(
    make_plan: PlanFactory, files: dict[str, str | None], expected: str
) -> None:
    exit_code, lines = check(make_plan(files))
    assert exit_code == 1
    assert expected in lines
    assert lines[-1].endswith("; nothing was written.")
    assert not any("Traceback" in line for line in lines)


def test_every_problem_is_reported_in_one_run(make_plan: PlanFactory) -> None:
    root = make_plan(
        {
            "plan/calendar/q1.yml": "posts:\n"
            "  - {id: a, date: 2027-01-05, channel: instagarm, title: A}\n"
            "  - {id: b, date: 2027-13-01, channel: instagram, title: B}\n"
            "  - {id: c, date: 2027-01-07, channel: instagram, titel: C}\n",
            "plan/audit.yml": "accounts:\n  - {id: insta, network: myspace, handle: '@x'}\n",
        }
    )
    exit_code, lines = check(root)
    assert exit_code == 1
    assert lines[:-1] == [
        "plan/audit.yml:2:17: error: 'network' cannot be 'myspace': expected one of facebook, "
        "instagram, linkedin, x, tiktok, youtube, snapchat, pinterest, threads, bluesky, "
        "mastodon, other",
        "plan/calendar/q1.yml:2:31: error: unknown channel 'instagarm' "
        "(did you mean 'instagram'? or create plan/channels/instagarm.md)",
        "plan/calendar/q1.yml:3:13: error: 'date': '2027-13-01' is not a real date: "
        "there is no month 13 (check the day and month)",
        "plan/calendar/q1.yml:4:5: error: missing required field 'title' (add 'title:' here)",
        "plan/calendar/q1.yml:4:51: error: unknown field 'titel' (did you mean 'title'?)",
    ]
    assert lines[-1] == "5 errors, 0 warnings; nothing was written."


def test_a_broken_item_does_not_hide_its_id(make_plan: PlanFactory) -> None:
    """A post with a bad date is reported once; posts in its campaign are not 'unknown'."""
    root = make_plan(
        {
            "plan/calendar/q1.yml": "campaigns:\n"
            "  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-02-30}\n"
            "posts:\n"
            "  - {id: a, date: 2027-03-05, channel: instagram, title: A, campaign: spring}\n"
        }
    )
    exit_code, lines = check(root)
    assert exit_code == 1
    assert [line for line in lines if ": error: " in line] == [
        "plan/calendar/q1.yml:2:51: error: 'end': '2027-02-30' is not a real date: "
        "February 2027 has 28 days (check the day and month)"
    ]


def test_the_example_plan_is_valid() -> None:
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("0 errors, ")
