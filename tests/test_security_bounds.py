"""Messages show what a terminal would act on escaped (\\x1b), never raw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result

from generator.control_characters import shown_in_terminal
from tests.broken_cases import CALENDAR, Files, edit
from tests.conftest import run_cli, write_plan


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
