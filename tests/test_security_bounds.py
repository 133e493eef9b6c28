"""What `check` accepts, `build` builds: values have bounds, ids end where they
end, and plan text holds no control characters.

A plan is edited by many hands; a value far out of range used to pass the
check and crash the build (a date near the year 9999, a number of 5,000
digits, 1e999, a repeat interval beyond RFC 5545's range, an id ending in a
newline). Each is now an ordinary plan error, and a value at its bound builds.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
import recurring_ical_events
from click.testing import Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.check import Inputs
from generator.commands import preview_rebuild
from generator.diagnostics import PlanError
from generator.load import validation
from generator.load.control_characters import shown_in_terminal
from generator.load.marked_yaml import parse_yaml
from generator.load.plan_folder import split_front_matter
from generator.load.validation import schema_texts
from generator.model import sentences
from tests.broken_cases import AUDIT, CALENDAR, CHANNEL, CONFIG, GOAL, PLAN, Files, edit, minimal
from tests.conftest import run_cli, write_plan

CONTENT = "plan/content.yml"
MEASUREMENT = "plan/measurement.yml"
LONG_NUMBER = "9" * 5000  # Python refuses to convert ints of more than 4,300 digits


def check(root: Path, files: Files) -> Result:
    write_plan(root, {path: text for path, text in files.items() if not isinstance(text, bytes)})
    return run_cli("check", cwd=root)


def only_error(result: Result) -> str:
    """The one error line of a check that failed cleanly."""
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1] == "1 error, 0 warnings; nothing was written.", lines
    assert len(lines) == 2, lines
    return lines[0]


def with_repeat(repeat: str) -> Files:
    return edit(CALENDAR, add=f"    repeat: {repeat}\n")


# -- dates: from 2000-01-01 to 2099-12-31, wherever a date is written -------------

DATES_OUT_OF_RANGE = {
    "post near year 1": (edit(CALENDAR, "2027-01-05", "0001-01-01"), CALENDAR, "'date'"),
    "post near year 9999": (edit(CALENDAR, "2027-01-05", "9999-12-31"), CALENDAR, "'date'"),
    "post a day before": (edit(CALENDAR, "2027-01-05", "1999-12-31"), CALENDAR, "'date'"),
    "post a day after": (edit(CALENDAR, "2027-01-05", "2100-01-01"), CALENDAR, "'date'"),
    "repeat until": (with_repeat("{every: month, until: 9999-12-31}"), CALENDAR, "'until'"),
    "repeat except": (with_repeat("{every: week, except: [0001-01-01]}"), CALENDAR, "'except'"),
    "plan period end": (edit(PLAN, "end: 2027-06-30", "end: 9999-12-31"), PLAN, "'end'"),
    "plan period start": (edit(PLAN, "start: 2027-01-01", "start: 0001-01-01"), PLAN, "'start'"),
    "review": (
        edit(PLAN, "period:", "review: {cadence: quarterly, last: 9999-12-31}\nperiod:"),
        PLAN,
        "'last'",
    ),
    "progress": (edit(GOAL, "{date: 2027-02-01,", "{date: 0001-01-01,"), GOAL, "'date'"),
    "deadline": (edit(GOAL, "deadline: 2027-06-30", "deadline: 9999-12-31"), GOAL, "'deadline'"),
    "last post": (edit(AUDIT, add="    last_post: 0001-01-01\n"), AUDIT, "'last_post'"),
    "campaign": (
        edit(
            CALENDAR, add="campaigns:\n  - {id: c, name: C, start: 2027-01-01, end: 9999-12-31}\n"
        ),
        CALENDAR,
        "'end'",
    ),
    "experiment": (
        {MEASUREMENT: minimal(MEASUREMENT) + "experiments:\n  - {name: E, start: 0999-01-01}\n"},
        MEASUREMENT,
        "'start'",
    ),
}


@pytest.mark.parametrize("files, path, field", DATES_OUT_OF_RANGE.values(), ids=DATES_OUT_OF_RANGE)
def test_a_date_out_of_range_is_a_plan_error(
    tmp_path: Path, files: Files, path: str, field: str
) -> None:
    line = only_error(check(tmp_path, files))
    assert re.match(rf"{re.escape(path)}:\d+:\d+: error: {field}: '\d{{4}}-\d\d-\d\d' ", line)
    assert line.endswith("is out of range (plan dates go from 2000-01-01 to 2099-12-31)")


def test_dates_at_the_bounds_build(tmp_path: Path) -> None:
    """The first and last days, with repeats running to the end and timed events in a zone:
    an all-day event's end, UNTIL in UTC and the feeds' VTIMEZONE years all stay in range."""
    files = {
        **edit(
            PLAN, "{start: 2027-01-01, end: 2027-06-30}", "{start: 2000-01-01, end: 2099-12-31}"
        ),
        CALENDAR: "posts:\n"
        "  - {id: first, date: 2000-01-01, channel: instagram, title: First,"
        " repeat: {every: month, interval: 99, count: 730}}\n"
        "  - {id: last, date: 2099-12-31, time: '23:30', timezone: Pacific/Kiritimati,"
        " duration: 744h, channel: instagram, title: Last,"
        " repeat: {every: day, until: 2099-12-31}}\n"
        "  - {id: late, date: 2099-12-01, channel: instagram, title: Late,"
        " repeat: {every: week, count: 730, except: [2099-12-08]}}\n",
        AUDIT: minimal(AUDIT) + "    last_post: 2000-01-01\n",
        GOAL: minimal(GOAL).replace("deadline: 2027-06-30", "deadline: 2099-12-31"),
    }
    assert check(tmp_path, files).exit_code == 0
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    feed = (tmp_path / "site" / "calendar.ics").read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:20000101" in feed
    assert "RRULE:FREQ=MONTHLY;COUNT=730;INTERVAL=99\r\n" in feed
    assert "RRULE:FREQ=DAILY;UNTIL=20991231T093000Z\r\n" in feed  # 23:30 at UTC+14
    # A calendar app expanding the longest series in full stays inside the years it reads.
    calendar = icalendar.Calendar.from_ical(feed)
    series = sorted(
        event["DTSTART"].dt
        for event in recurring_ical_events.of(calendar).between((2000, 1, 1), (9999, 12, 31))
        if str(event["UID"]).startswith("first.")
    )
    assert len(series) == 730
    assert series[-1] == date(8014, 4, 1)  # 729 times 99 months after 2000-01-01


def test_an_export_to_the_year_9999_stops_at_the_last_date_a_plan_holds(tmp_path: Path) -> None:
    """A weekly post without an end, exported to 9999-12-31: December 2099 is its last month."""
    write_plan(tmp_path, with_repeat("{every: week}"))
    result = run_cli("export", "json", "--from", "2099-12-01", "--to", "9999-12-31", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    days = [row["date"] for row in json.loads(result.stdout)]
    assert days == ["2099-12-01", "2099-12-08", "2099-12-15", "2099-12-22", "2099-12-29"]


# -- numbers: bounded in the schemas, infinity and endless digits refused ----------

NUMBERS_OUT_OF_RANGE = {
    "followers 10^15 + 1": (edit(AUDIT, add="    followers: 1000000000000001\n"), "'followers'"),
    "followers negative": (edit(AUDIT, add="    followers: -1\n"), "'followers'"),
    "target 1e30": (edit(GOAL, "target: 200", "target: 1e30"), "'target'"),
    "target 1e999": (edit(GOAL, "target: 200", "target: 1e999"), "'target'"),
    "baseline -1e999": (edit(GOAL, "baseline: 100", "baseline: -1e999"), "'baseline'"),
    "progress 1e308": (edit(GOAL, "value: 130}", "value: 1e308}"), "'value'"),
    "posts a week 1e308": (
        edit(CHANNEL, "goals:", "cadence: {posts_per_week: 1e308}\ngoals:"),
        "'posts_per_week'",
    ),
    "competitor posts a week": (
        edit(
            AUDIT,
            add="competitors:\n  - {name: C, accounts: [{network: x, posts_per_week: 1e5}]}\n",
        ),
        "'posts_per_week'",
    ),
    "engagement 1e999": (edit(AUDIT, add="    engagement_rate: 1e999\n"), "'engagement_rate'"),
    "share -1e999": (
        {CONTENT: "types:\n  - {id: tips, name: Tips, share: -1e999, purpose: educate}\n"},
        "'share'",
    ),
    "tolerance 1e999": (
        {CONTENT: minimal(CONTENT) + "mix: {tolerance: 1e999}\n"},
        "'tolerance'",
    ),
    "max_file_mb 1e999": (edit(CONFIG, add="max_file_mb: 1e999\n"), "'max_file_mb'"),
    "max_file_mb 0": (edit(CONFIG, add="max_file_mb: 0\n"), "'max_file_mb'"),
    "stale after 10^20 days": (
        edit(CONFIG, add="checks: {stale_after_days: 100000000000000000000}\n"),
        "'stale_after_days'",
    ),
    "interval 100": (with_repeat("{every: day, interval: 100}"), "'interval'"),
    "interval 2^31": (with_repeat("{every: day, interval: 2147483648}"), "'interval'"),
    "count 731": (with_repeat("{every: day, count: 731}"), "'count'"),
    "count 10^11": (with_repeat("{every: week, count: 100000000000}"), "'count'"),
}


@pytest.mark.parametrize("files, field", NUMBERS_OUT_OF_RANGE.values(), ids=NUMBERS_OUT_OF_RANGE)
def test_a_number_out_of_range_is_a_plan_error(tmp_path: Path, files: Files, field: str) -> None:
    line = only_error(check(tmp_path, files))
    assert re.match(rf"[\w/.]+:\d+:\d+: error: {field} must be (at least|at most|above) ", line)
    assert line.endswith(")"), "a hint says the range"


def test_infinity_and_huge_numbers_are_named_not_printed(tmp_path: Path) -> None:
    line = only_error(check(tmp_path, edit(GOAL, "target: 200", "target: 1e999")))
    assert line == (
        "plan/goals/followers.md:3:59: error: 'target' must be at most 1000000000000000, "
        "not infinity (numbers go from -10^15 to 10^15, beyond any figure a plan measures)"
    )
    line = only_error(check(tmp_path, edit(AUDIT, add="    followers: " + "9" * 40 + "\n")))
    assert "not a 40-digit number" in line


@pytest.mark.parametrize(
    "files",
    [
        edit(AUDIT, add=f"    followers: {LONG_NUMBER}\n"),
        edit(GOAL, "target: 200", f"target: {LONG_NUMBER}"),
        edit(GOAL, "value: 130}", f"value: -{LONG_NUMBER}}}"),
        with_repeat(f"{{every: day, count: {LONG_NUMBER}}}"),
        edit(CONFIG, add=f"checks: {{stale_after_days: {LONG_NUMBER}}}\n"),
    ],
    ids=["followers", "target", "progress", "count", "config"],
)
def test_a_number_of_thousands_of_digits_is_a_plan_error(tmp_path: Path, files: Files) -> None:
    line = only_error(check(tmp_path, files))
    assert re.match(r"[\w/.]+:\d+:\d+: error: number too long \(500\d characters\) ", line)


def test_numbers_at_their_bounds_build(tmp_path: Path) -> None:
    """Babel formats them, the charts scale them, the checks compute with them."""
    files = {
        **edit(AUDIT, add="    followers: 1000000000000000\n    posts_per_week: 10000\n"),
        **edit(
            GOAL,
            "{name: Followers, kind: followers, baseline: 100, target: 200}",
            "{name: Followers, kind: followers, baseline: -1e15, target: 1e15}",
        ),
        **edit(CONFIG, add="max_file_mb: 1024\nchecks: {stale_after_days: 3650}\n"),
        CONTENT: "mix: {tolerance: 100}\ntypes:\n  - {id: tips, name: Tips, share: 100, "
        "purpose: educate}\n",
    }
    files[GOAL] = str(files[GOAL]).replace("value: 130}", "value: 5e-324}")
    assert check(tmp_path, files).exit_code == 0
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "audit" / "index.html").read_text("utf-8")
    assert "1,000,000,000,000,000" in page


def test_a_whole_number_written_with_a_decimal_point_builds(tmp_path: Path) -> None:
    """JSON Schema counts 2.0 as an integer: the model makes it one before it reaches a
    repeat's expansion and the feed's RRULE."""
    files = {
        **with_repeat("{every: week, interval: 2.0, count: 3.0}"),
        **edit(AUDIT, add="    followers: 8450.0\n"),
    }
    assert check(tmp_path, files).exit_code == 0
    assert run_cli("build", cwd=tmp_path).exit_code == 0
    feed = (tmp_path / "site" / "calendar.ics").read_bytes().decode("utf-8")
    assert "RRULE:FREQ=WEEKLY;COUNT=3;INTERVAL=2\r\n" in feed


# -- durations and time zones ----------------------------------------------------

DURATIONS = {
    "post, 745h": (edit(CALENDAR, add="    duration: 745h\n"), "'duration': '745h' is too long"),
    "post, 44641m": (
        edit(CALENDAR, add="    duration: 44641m\n"),
        "'duration': '44641m' is too long",
    ),
    "post, 10^11 hours": (
        edit(CALENDAR, add="    duration: 99999999999h\n"),
        "'duration': '99999999999h' is too long",
    ),
    "config, thousands of digits": (
        edit(CONFIG, add=f"calendar: {{default_duration: {LONG_NUMBER}m}}\n"),
        "'default_duration': '" + "9" * 60 + "...' (5001 characters) is too long",
    ),
    "min_gap, 10^20 hours": (
        edit(CONFIG, add="checks: {min_gap: 99999999999999999999h}\n"),
        "'min_gap': '99999999999999999999h' is too long",
    ),
}


@pytest.mark.parametrize("files, words", DURATIONS.values(), ids=DURATIONS)
def test_a_duration_too_long_is_a_plan_error(tmp_path: Path, files: Files, words: str) -> None:
    line = only_error(check(tmp_path, files))
    assert words in line
    assert line.endswith("(durations go up to 744h, 31 days)")


@pytest.mark.parametrize("zone", ["Europe", "America/Argentina", "a" * 300, "Europe/Paris/x"])
def test_a_time_zone_that_is_not_one_is_a_plan_error(tmp_path: Path, zone: str) -> None:
    """A folder of zones (Europe) and a name too long for a file made zoneinfo raise OSError."""
    line = only_error(check(tmp_path, edit(CALENDAR, add=f"    timezone: {zone}\n")))
    assert line.startswith("plan/calendar/q1.yml:9:5: error: 'timezone': unknown time zone '")


# -- ids and other patterns: `$` must not let a final newline through ----------------

TRAILING_NEWLINES = {
    "post id": (edit(CALENDAR, "id: hello", 'id: "hello\\n"'), "'id' must be an id"),
    "content type of a post": (edit(CALENDAR, "type: tips", 'type: "tips\\n"'), "'type' must be"),
    "content type": (
        {CONTENT: minimal(CONTENT) + '  - {id: "more\\n", name: More}\n'},
        "'id' must be an id",
    ),
    "campaign": (
        edit(
            CALENDAR,
            add='campaigns:\n  - {id: "c\\n", name: C, start: 2027-01-01, end: 2027-02-01}\n',
        ),
        "'id' must be an id",
    ),
    "best time": (
        edit(CHANNEL, "goals:", 'cadence: {best_times: ["tue 12:30\\n"]}\ngoals:'),
        "'best_times': 'tue 12:30\\n' is not a day and a time",
    ),
    "check code": (edit(CONFIG, add='checks: {"PS101\\n": "off"}\n'), "unknown field 'PS101\\n'"),
    "e-mail": (
        edit(PLAN, "period:", 'team: [{name: A, email: "a@b.example\\n"}]\nperiod:'),
        "'email': 'a@b.example\\n' is not an e-mail address",
    ),
    "date": (edit(CALENDAR, "date: 2027-01-05", 'date: "2027-01-05\\n"'), "is not a date"),
    "time": (edit(CALENDAR, "time: 10:00", 'time: "10:00\\n"'), "is not a time"),
    "duration": (edit(CALENDAR, add='    duration: "1h\\n"\n'), "is not a duration"),
    "site address": (
        edit(
            CONFIG,
            "site_url: https://plan.example.com/",
            'site_url: "https://plan.example.com/\\n"',
        ),
        "is cut by a tab or a line break",
    ),
    "link": (
        edit(CALENDAR, "link: https://shop.example/hello", 'link: "https://shop.exa\\tmple/"'),
        "is cut by a tab or a line break",
    ),
}


@pytest.mark.parametrize("files, words", TRAILING_NEWLINES.values(), ids=TRAILING_NEWLINES)
def test_a_value_with_a_line_break_where_none_belongs_is_a_plan_error(
    tmp_path: Path, files: Files, words: str
) -> None:
    """An id ending in a newline passed the check (Python's `$` matches before a final
    newline) and crashed the feeds, where it became part of a URL."""
    assert words in only_error(check(tmp_path, files))


def test_other_scripts_digits_are_not_digits(tmp_path: Path) -> None:
    """`\\d` matches Arabic-Indic or full-width digits, which other tools misread."""
    arabic_ten = "\u0661\u0660:\u0660\u0660"  # 10:00 in Arabic-Indic digits
    line = only_error(check(tmp_path, edit(CALENDAR, "time: 10:00", f"time: '{arabic_ten}'")))
    assert line.startswith(f"plan/calendar/q1.yml:4:5: error: 'time': '{arabic_ten}' is not a time")
    full_width = "\uff12\uff10\uff12\uff17-01-05"  # 2027 in full-width digits
    line = only_error(check(tmp_path, edit(CALENDAR, "date: 2027-01-05", f"date: '{full_width}'")))
    assert "is not a date" in line


# -- the schemas state every bound, and the two validators read them alike -------------


def _walk(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


SCHEMAS = {name: json.loads(text) for name, text in schema_texts().items()}
FREE_FORM = ("theme", "mkdocs")  # handed to MkDocs, which checks them itself


def test_every_number_in_the_schemas_has_both_bounds() -> None:
    """A new numeric field without bounds would let 1e999 or 10**5000 through again."""
    for name, schema in SCHEMAS.items():
        for node in _walk(schema):
            if node.get("type") in ("number", "integer"):
                assert "minimum" in node or "exclusiveMinimum" in node, (name, node)
                assert "maximum" in node or "exclusiveMaximum" in node, (name, node)
                assert node.get("x-hint"), (name, node)


# A value each pattern accepts; a new pattern must add one here.
PATTERN_SAMPLES = {
    "^[a-z0-9][a-z0-9-]*$(?!\\n)": "spring-sale",
    "^20[0-9]{2}-[0-9]{2}-[0-9]{2}$(?!\\n)": "2027-01-05",
    "^\\S+ +[0-9]{1,2}:[0-9]{2}$(?!\\n)": "tue 12:30",
    "^PS[0-9]{3}$(?!\\n)": "PS105",
    "^#[0-9a-fA-F]{6}$(?!\\n)": "#1e88e5",
    "^(?!.*\\.\\.)[A-Za-z0-9_~-][A-Za-z0-9._~@+=/-]*/$(?!\\n)": "-/edit/main/",
}


def test_no_pattern_accepts_a_final_newline() -> None:
    """Python's re (jsonschema) lets `$` match before a final newline, fastjsonschema
    rewrites `$` to `\\Z`, editors follow JavaScript: every pattern must mean one thing."""
    patterns = {
        pattern
        for schema in SCHEMAS.values()
        for node in _walk(schema)
        for pattern in [node.get("pattern"), *node.get("patternProperties", {})]
        if isinstance(pattern, str)
    }
    assert patterns == set(PATTERN_SAMPLES)
    for pattern, sample in PATTERN_SAMPLES.items():
        assert re.search(pattern, sample)
        assert not re.search(pattern, sample + "\n"), pattern


KIND_OF = {CALENDAR: "calendar", AUDIT: "audit", GOAL: "goal", PLAN: "plan", CHANNEL: "channel",
           CONFIG: "site_config", CONTENT: "content", MEASUREMENT: "measurement"}  # fmt: skip
EDGE_CASES = {**DATES_OUT_OF_RANGE, **NUMBERS_OUT_OF_RANGE, **TRAILING_NEWLINES}


@pytest.mark.parametrize("case", EDGE_CASES.values(), ids=EDGE_CASES)
def test_the_compiled_validator_agrees_with_jsonschema_at_the_bounds(
    case: tuple[Files, ...],
) -> None:
    """The compiled validator alone says 'valid': it must never say so where jsonschema
    has an error (an id ending in a newline was one such value)."""
    for name, text in case[0].items():
        assert isinstance(text, str)
        path = Path(name)
        front = split_front_matter(text, path)[0] if path.suffix == ".md" else text
        data = parse_yaml(front, path).data
        kind = KIND_OF[name]
        slow = not list(validation._validators()[kind].iter_errors(data))
        assert validation._fast_validators()[kind](data) == slow, name


# -- control characters: refused wherever plan text comes from --------------------------

ESCAPE_HINT = "(a backslash escape in this quoted text makes it: remove the escape)"
# YAML escapes in double quotes that make a control character, and its code.
ESCAPES = {
    "\\e": "001b", "\\x1b": "001b", "\\u001b": "001b", "\\U0000001b": "001b", "\\0": "0000",
    "\\a": "0007", "\\b": "0008", "\\v": "000b", "\\f": "000c", "\\r": "000d",
    "\\x7f": "007f", "\\x85": "0085", "\\N": "0085", "\\u009b": "009b", "\\x9f": "009f",
}  # fmt: skip


@pytest.mark.parametrize("escape, code", ESCAPES.items(), ids=list(ESCAPES))
def test_an_escape_making_a_control_character_is_a_plan_error(
    tmp_path: Path, escape: str, code: str
) -> None:
    line = only_error(check(tmp_path, edit(CALENDAR, "title: Hello", f'title: "Hel{escape}lo"')))
    assert line == (
        f"plan/calendar/q1.yml:7:12: error: control character #x{code} is not allowed {ESCAPE_HINT}"
    )


# Every kind of place a double-quoted scalar sits: the line and column of its quote.
ESCAPED_PLACES = {
    "key": (edit(CALENDAR, add='    "\\e[31mcopy": Hi\n'), "plan/calendar/q1.yml:9:5"),
    "list item": (
        edit(AUDIT, "keywords: [lamps]", 'keywords: [lamps, "\\e[8m"]'),
        "plan/audit.yml:11:25",
    ),
    "nested value": (edit(AUDIT, "bio: Lamps made in Lyon.", 'bio: "\\x1b]0;x\\x07"'), AUDIT),
    "front matter": (edit(GOAL, "owner: Sam", 'owner: "S\\x9bam"'), "plan/goals/followers.md:6:8"),
    "front matter key": (edit(CHANNEL, "goals:", '"\\0goals": x\ngoals:'), CHANNEL),
    "site_config.yml": (edit(CONFIG, "site_name: Test plan", 'site_name: "T\\rest"'), CONFIG),
    "free-form theme": (edit(CONFIG, add='theme: {palette: {primary: "\\e[31m"}}\n'), CONFIG),
    "multi-line quoted": (edit(CALENDAR, add='    copy: "one\n      two \\e[2J"\n'), CALENDAR),
}


@pytest.mark.parametrize("files, where", ESCAPED_PLACES.values(), ids=ESCAPED_PLACES)
def test_escapes_are_refused_in_every_place_a_quoted_text_sits(
    tmp_path: Path, files: Files, where: str
) -> None:
    line = only_error(check(tmp_path, files))
    assert line.startswith(f"{where}:") or line.startswith(f"{where} ")
    assert re.search(r"error: control character #x00[0-9a-f]{2} is not allowed", line)
    assert line.endswith(ESCAPE_HINT)


RAW_HINT = "(delete it: most editors do not show it)"
# Raw characters in a file's text, where they are and what the hint says.
RAW = {
    "BEL in a value": (
        edit(AUDIT, "owner: Sam", "owner: Sa\x07m"),
        "plan/audit.yml:5:14",
        RAW_HINT,
    ),
    "NUL in a comment": (edit(AUDIT, add="# \x00\n"), "plan/audit.yml:13:3", RAW_HINT),
    "ESC in a key": (
        edit(CALENDAR, add="    \x1b[31mcopy: Hi\n"),
        "plan/calendar/q1.yml:9:5",
        RAW_HINT,
    ),
    "DEL": (
        edit(CALENDAR, "title: Hello", "title: Hel\x7flo"),
        "plan/calendar/q1.yml:7:15",
        RAW_HINT,
    ),
    "NEL, which libyaml reads as a line break": (
        edit(CALENDAR, "title: Hello", "title: Hel\x85lo"),
        "plan/calendar/q1.yml:7:15",
        RAW_HINT,
    ),
    "CSI in site_config.yml": (
        edit(CONFIG, "site_name: Test plan", "site_name: Test\x9b2J"),
        "site_config.yml:1:16",
        RAW_HINT,
    ),
    "ESC in a Markdown body": (
        edit(GOAL, "Why this goal", "Why \x1b[2Jthis goal"),
        "plan/goals/followers.md:11:5",
        RAW_HINT,
    ),
    "BEL in plan.md's summary": (
        edit(PLAN, "A small plan", "A\x07 small plan"),
        "plan/plan.md:6:2",
        RAW_HINT,
    ),
    "bare CR in a value": (
        edit(AUDIT, "owner: Sam", "owner: Sa\rm"),
        "plan/audit.yml:5:14",
        "(a carriage return without a line feed: save the file with LF or CRLF line ends)",
    ),
    "bare CR in a body": (
        edit(CHANNEL, add="Our channel.\rOverwritten\n"),
        "plan/channels/instagram.md:7:13",
        "(a carriage return without a line feed: save the file with LF or CRLF line ends)",
    ),
}


@pytest.mark.parametrize("files, where, hint", RAW.values(), ids=RAW)
def test_a_raw_control_character_is_a_plan_error_in_any_file(
    tmp_path: Path, files: Files, where: str, hint: str
) -> None:
    line = only_error(check(tmp_path, files))
    assert re.fullmatch(
        rf"{re.escape(where)}: error: control character #x00[0-9a-f]{{2}} is not allowed "
        + re.escape(hint),
        line,
    )


def test_tabs_line_breaks_and_crlf_line_ends_are_plan_text(tmp_path: Path) -> None:
    files = {
        **edit(
            CALENDAR, "title: Hello", 'title: "Hello\\tthere"', add='    copy: "a\\nb\\r\\nc"\n'
        ),
        GOAL: minimal(GOAL).replace("\n", "\r\n"),
        CONFIG: minimal(CONFIG).replace("\n", "\r\n"),
    }
    assert check(tmp_path, files).exit_code == 0
    assert run_cli("build", cwd=tmp_path).exit_code == 0


# (file to write, its text, the kind of name reported, the character)
NAMES = {
    "calendar file": ("plan/calendar/q2\x1b[2J.yml", "posts: []\n", "file", "#x001b"),
    "goal file": ("plan/goals/grow\x07.md", "---\ntitle: Grow\n---\n", "file", "#x0007"),
    "file with a C1 control": ("plan/calendar/q\x9b2.yml", "posts: []\n", "file", "#x009b"),
    "folder": ("plan/calendar/old\x1b/q3.yml", "posts: []\n", "folder", "#x001b"),
    "stray at the top": ("plan/notes\x1b.txt", "notes\n", "file", "#x001b"),
}


@pytest.mark.parametrize("name, text, kind, code", NAMES.values(), ids=NAMES)
def test_a_control_character_in_a_file_name_is_a_plan_error(
    tmp_path: Path, name: str, text: str, kind: str, code: str
) -> None:
    line = only_error(check(tmp_path, {name: text}))
    reported = name if kind == "file" else str(Path(name).parent)
    assert line == (
        f"{shown_in_terminal(reported)}: error: {kind} name holds control character {code} "
        f"(rename the {kind})"
    )


def test_a_file_name_that_is_not_utf_8_is_a_plan_error(tmp_path: Path) -> None:
    write_plan(tmp_path, {})
    with open(os.fsencode(tmp_path / "plan" / "calendar") + b"/q2\xff.yml", "w") as file:
        file.write("posts: []\n")
    line = only_error(run_cli("check", cwd=tmp_path))
    assert line == (
        "plan/calendar/q2\\udcff.yml: error: file name is not valid UTF-8 (rename the file)"
    )


def test_a_rebuild_refuses_a_control_character_added_to_a_file_it_had_read(
    tmp_path: Path,
) -> None:
    """The preview keeps parsed files between rebuilds: the text is searched each time."""
    root = write_plan(tmp_path, {})
    inputs = Inputs(root / "plan", root / "site_config.yml")
    preview = preview_rebuild.Preview(inputs, tmp_path / "preview")
    preview.rebuild()
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("title: Hello", 'title: "\\e[2J"'))
    with pytest.raises(PlanError) as refused:
        preview.rebuild()
    assert [d.message for d in refused.value.report.errors] == [
        "control character #x001b is not allowed"
    ]


# -- whatever `check` accepts, `build` builds -------------------------------------------

SITE_CONFIG = """\
site_name: {site_name}
site_url: https://plan.example.com/
language: {language}
timezone: {site_timezone}
max_file_mb: {max_file_mb}
calendar: {{default_duration: {default_duration}}}
checks: {{min_gap: {min_gap}, stale_after_days: {stale_after_days}}}
"""
PLAN_MD = """\
---
title: {plan_title}
organization: Example Ltd
period: {{start: {period_start}, end: {period_end}}}
review: {{cadence: monthly, last: {review_last}}}
---
{summary}
"""
AUDIT_YML = """\
accounts:
  - id: insta
    network: instagram
    handle: "@example"
    owner: Sam
    followers: {followers}
    posts_per_week: {posts_per_week}
    engagement_rate: {engagement_rate}
    last_post: {last_post}
    profile: {{bio: {bio}, avatar: true, cover: true, link: "https://shop.example/",
               keywords: [lamps], cross_promotion: true}}
competitors:
  - {{name: Rival, accounts: [{{network: instagram, followers: {rival_followers}}}]}}
"""
CHANNEL_MD = """\
---
network: instagram
account: insta
mission: Show the workshop to people who love lamps.
goals: [followers]
cadence: {{posts_per_week: {planned_per_week}}}
---
"""
GOAL_MD = """\
---
title: Grow the Instagram audience
metric: {{name: Followers, kind: followers, baseline: {baseline}, target: {target}}}
start: {goal_start}
deadline: {deadline}
owner: Sam
channels: [instagram]
progress:
  - {{date: {progress_date}, value: {progress_value}}}
---
"""
CONTENT_YML = """\
mix: {{tolerance: {tolerance}}}
types:
  - {{id: {type_id}, name: Tips, share: {share}, purpose: educate}}
"""
CALENDAR_YML = """\
posts:
  - id: {post_id}
    date: {post_date}
{post_time}    timezone: {post_timezone}
    duration: {duration}
    channel: instagram
    type: {type_id}
    title: {title}
    copy: {copy}
    link: https://shop.example/hello
{repeat}campaigns:
  - {{id: {campaign_id}, name: Spring, start: {campaign_start}, end: {campaign_end}}}
"""
TEMPLATES = {CONFIG: SITE_CONFIG, PLAN: PLAN_MD, AUDIT: AUDIT_YML, CHANNEL: CHANNEL_MD,
             GOAL: GOAL_MD, CONTENT: CONTENT_YML, CALENDAR: CALENDAR_YML}  # fmt: skip

# What each field holds when the example leaves it alone: the minimal plan's values.
ORDINARY = {
    "site_name": "Test plan", "language": "en", "site_timezone": "Europe/Paris",
    "max_file_mb": "10", "default_duration": "30m", "min_gap": "2h", "stale_after_days": "90",
    "plan_title": "Test plan", "period_start": "2027-01-01", "period_end": "2027-06-30",
    "review_last": "2027-01-04", "summary": "A small plan for tests.", "followers": "8450",
    "posts_per_week": "4", "engagement_rate": "3.2", "last_post": "2027-01-02",
    "bio": "Lamps made in Lyon.", "rival_followers": "12000", "planned_per_week": "1",
    "baseline": "100", "target": "200", "goal_start": "2027-01-01", "deadline": "2027-06-30",
    "progress_date": "2027-02-01", "progress_value": "130", "tolerance": "10",
    "type_id": "tips", "share": "100", "post_id": "hello", "post_date": "2027-01-05",
    "post_time": "    time: '10:00'\n", "post_timezone": "Europe/Paris", "duration": "45m",
    "title": "Hello", "copy": "Our new lamp.", "repeat": "", "campaign_id": "spring",
    "campaign_start": "2027-03-01", "campaign_end": "2027-03-31",
}  # fmt: skip

EDGE_DATES = ["2000-01-01", "2000-01-02", "2099-12-30", "2099-12-31", "1999-12-31",
              "2100-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "2027-03-28"]  # fmt: skip


def days_between(first: date, last: date) -> st.SearchStrategy[str]:
    """Days drawn by ordinal: st.dates() rejects and draws again, which slows every plan."""
    return st.integers(first.toordinal(), last.toordinal()).map(
        lambda ordinal: date.fromordinal(ordinal).isoformat()
    )


dates = st.one_of(
    st.sampled_from(EDGE_DATES),
    days_between(date(1, 1, 1), date(9999, 12, 31)),
    days_between(date(2000, 1, 1), date(2099, 12, 31)),
)
EDGE_NUMBERS = ["0", "-0.0", "1e15", "-1e15", "1000000000000000", "1000000000000001", "1e16",
                "1e30", "1e308", "1e999", "-1e999", "5e-324", "1e-320", ".5", "-.5", "2.0",
                "100", "100.0000001", "10000", "1024", LONG_NUMBER, "-" + "9" * 4300,
                "9" * 4300, "123456789012345.67"]  # fmt: skip
numbers = st.one_of(
    st.sampled_from(EDGE_NUMBERS),
    st.integers(-(10**20), 10**20).map(str),
    st.integers(-1000, 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-1e15, 1e15).map(repr),
    st.builds("{}e{}".format, st.integers(-999, 999), st.integers(-400, 400)),
)
whole_numbers = st.one_of(
    st.sampled_from(["0", "1", "2.0", "99", "100", "730", "731", "3650", "2147483648"]),
    st.integers(-10, 10**12).map(str),
)
texts = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
    st.sampled_from(["x" * 100_000, "\x1b[2J", "a\x85b", "a\rb", "<script>", "é" * 3000]),
).map(lambda text: json.dumps(text, ensure_ascii=False))
ids = st.one_of(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=70),
    st.sampled_from(['"hello\\n"', '"Hello"', '"a b"', '"../x"', '"é"', '"x\\t"', '"-x"']),
    st.text(max_size=8).map(lambda text: json.dumps(text, ensure_ascii=False)),
)
durations = st.one_of(
    st.builds("{}h".format, st.integers(0, 10**6)),
    st.builds("{}m".format, st.integers(0, 10**7)),
    st.builds("{}h{}m".format, st.integers(0, 999), st.integers(0, 999)),
    st.sampled_from(["744h", "745h", "44640m", "0m", "1m", LONG_NUMBER + "m"]),
)
zones = st.sampled_from(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu",
                         "America/St_Johns", "Etc/GMT+12", "Factory", "Europe", "a" * 300,
                         "Europe/Paris"])  # fmt: skip


@st.composite
def repeats(draw: st.DrawFn) -> str:
    rule = {"every": draw(st.sampled_from(["day", "week", "month"]))}
    if draw(st.booleans()):
        rule["interval"] = draw(whole_numbers)
    ending = draw(st.sampled_from(["count", "until", "none"]))
    if ending == "count":
        rule["count"] = draw(whole_numbers)
    elif ending == "until":
        rule["until"] = draw(dates)
    if draw(st.booleans()):
        rule["except"] = "[" + ", ".join(draw(st.lists(dates, max_size=3))) + "]"
    return "    repeat: {" + ", ".join(f"{key}: {value}" for key, value in rule.items()) + "}\n"


WILD = {
    "site_name": texts, "site_timezone": zones, "max_file_mb": numbers,
    "default_duration": durations, "min_gap": durations, "stale_after_days": whole_numbers,
    "plan_title": texts, "period_start": dates, "period_end": dates, "review_last": dates,
    "summary": st.text(max_size=200), "followers": numbers, "posts_per_week": numbers,
    "engagement_rate": numbers, "last_post": dates, "bio": texts, "rival_followers": numbers,
    "planned_per_week": numbers, "baseline": numbers, "target": numbers, "goal_start": dates,
    "deadline": dates, "progress_date": dates, "progress_value": numbers, "tolerance": numbers,
    "type_id": ids, "share": numbers, "post_id": ids, "post_date": dates,
    "post_time": st.sampled_from(["", "    time: '00:00'\n", "    time: '23:59'\n"]),
    "post_timezone": zones, "duration": durations, "title": texts, "copy": texts,
    "repeat": repeats(), "campaign_id": ids, "campaign_start": dates, "campaign_end": dates,
}  # fmt: skip


@st.composite
def wild_plans(draw: st.DrawFn) -> dict[str, str]:
    """The minimal plan with a few fields drawn from wide ranges; the rest as usual, so
    that a good share of the plans passes the check and gets built."""
    chosen = set(draw(st.lists(st.sampled_from(sorted(WILD)), min_size=1, max_size=3)))
    values = {name: draw(WILD[name]) if name in chosen else ORDINARY[name] for name in ORDINARY}
    return {path: template.format(**values) for path, template in TEMPLATES.items()}


def test_the_plan_the_property_starts_from_builds(tmp_path: Path) -> None:
    files = {path: template.format(**ORDINARY) for path, template in TEMPLATES.items()}
    assert check(tmp_path, files).exit_code == 0
    assert run_cli("build", cwd=tmp_path).exit_code == 0


# Each line of a check's report: an ordinary plan error, warning or note.
PLAN_ERROR = re.compile(r"\S[^\n]*: (error|warning|info): [^\n]+")


@settings(
    max_examples=40,  # a third of them builds, about a second each
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=wild_plans())
def test_whatever_check_accepts_build_builds(tmp_path: Path, files: dict[str, str]) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    checked = check(root, dict(files))
    assert checked.exit_code in (0, 1), checked.output
    *findings, summary = checked.stderr.splitlines()
    assert summary.endswith(("; the plan is valid.", "; nothing was written."))
    for line in findings:
        assert PLAN_ERROR.fullmatch(line), line
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", checked.stderr)
    event("built" if checked.exit_code == 0 else "refused by the check")
    if checked.exit_code == 0:
        built = run_cli("build", cwd=root)
        assert built.exit_code == 0, built.output
        assert (root / "site" / "index.html").is_file()
        assert (root / "site" / "calendar.ics").is_file()


# -- long texts ---------------------------------------------------------------------------


def test_a_mission_of_100000_dots_is_checked_like_any_other(tmp_path: Path) -> None:
    """Counting its sentences tried the pattern from every dot of the run, each attempt
    reading to its end: minutes for this mission. The rule now reads it once (the "!"
    ends the run as a sentence end)."""
    mission = "Show the workshop" + "." * 100_000 + "! To people who love lamps."
    files = edit(
        CHANNEL, "mission: Show the workshop to people who love lamps.", f"mission: {mission}"
    )
    result = check(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert "holds 2 sentences" in result.stderr
    assert "[PS303]" in result.stderr


# Closing marks, then opening ones (« may be followed by a space).
PLAIN_SENTENCE_END = re.compile(
    r"[.!?…]+"
    r"[\"'»”\u2019)\]]*\s+(?:[«\"“\u2018(\[¡¿]\s*)*"
)


@given(st.text('.!?…"»”)«( \u2018\u2019\n\taB', max_size=40))
def test_sentences_end_where_the_plain_pattern_ends_them(mission: str) -> None:
    """The linear pattern finds exactly what the plain, quadratic one finds."""
    linear = [m.span() for m in sentences.SENTENCE_END.finditer(mission)]
    assert linear == [m.span() for m in PLAIN_SENTENCE_END.finditer(mission)]


# -- the terminal: whatever reaches a message is shown escaped, never raw -------------

ESCAPED = {
    "\x1b[2J": "\\x1b[2J",  # clears the screen
    "\x9b2J": "\\x9b2J",  # the same as a C1 control
    "a\x00b\x7fc": "a\\x00b\\x7fc",
    "one\ntwo\r\tthree": "one\\ntwo\\r\\tthree",
    "\u202eevil": "\\u202eevil",  # right-to-left override
    "a\u2028b": "a\\u2028b",  # a line separator
    "name\udcff.yml": "name\\udcff.yml",  # a file name's byte that is not UTF-8
}


@pytest.mark.parametrize("raw, shown", ESCAPED.items(), ids=[repr(r) for r in ESCAPED])
def test_characters_unsafe_in_a_terminal_are_shown_escaped(raw: str, shown: str) -> None:
    assert shown_in_terminal(raw) == shown


def test_ordinary_text_reaches_the_terminal_as_it_is() -> None:
    # French numbers (narrow no-break space), accents, emoji joined by ZWJ, Arabic, CJK.
    text = "8\u202f450 abonnés · café · \U0001f469\u200d\U0001f4bb · مرحبا · 東京"
    assert shown_in_terminal(text) == text


def test_a_value_echoed_in_a_message_cannot_break_its_line(tmp_path: Path) -> None:
    """Tabs and line breaks are fine in plan text, so messages still echo them."""
    result = check(tmp_path, edit(CALENDAR, add='    status: "sched\\nuled\\t\\u202e"\n'))
    assert only_error(result) == (
        "plan/calendar/q1.yml:9:5: error: 'status' cannot be 'sched\\nuled\\t\\u202e': "
        "expected one of idea, draft, scheduled, published, cancelled (did you mean 'scheduled'?)"
    )


ESCAPE_IN_A_FILE_NAME = "plan/calendar/q2\x1b[2J\x1b[31m.yml"


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_file_name_reaches_no_output_raw(tmp_path: Path, output_format: str) -> None:
    files = {ESCAPE_IN_A_FILE_NAME: "posts:\n  - {date: 2027-02-01, channel: nope, title: B}\n"}
    result = run_cli("check", "--format", output_format, cwd=write_plan(tmp_path, files))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for output in (result.stdout, result.stderr):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output)
    printed = result.stdout if output_format == "json" else result.output
    if output_format == "json":
        printed = json.loads(printed)["diagnostics"][0]["file"]
    assert "q2\\x1b[2J\\x1b[31m.yml" in printed
