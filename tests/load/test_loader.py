"""The YAML loader: values as plan authors mean them, and the line of each one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.check import Inputs, check_plan
from generator.diagnostics import PlanError
from generator.load import plan_folder
from generator.load.marked_yaml import MAX_NODES, YamlError, parse_yaml
from generator.load.plan_folder import split_front_matter
from generator.runtime import forked
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN

HERE = Path("plan/calendar/q1.yml")


def test_yaml_1_1_traps_keep_their_written_meaning() -> None:
    doc = parse_yaml(
        "time: 10:00\nanswer: no\nswitch: off\nday: 2027-01-05\nquoted: '2027-01-05'\n"
        "on: [mon]\ncount: 3\nshare: 2.5\nflag: true\nempty:\n",
        HERE,
    )
    assert doc.data == {
        "time": "10:00",
        "answer": "no",
        "switch": "off",
        "day": "2027-01-05",
        "quoted": "2027-01-05",
        "on": ["mon"],
        "count": 3,
        "share": 2.5,
        "flag": True,
        "empty": None,
    }


def test_numbers_follow_yaml_1_2() -> None:
    doc = parse_yaml("a: 1e3\nb: -.5\nc: +12\nd: 1_000\ne: 0x1F\nf: .inf\n", HERE)
    assert doc.data == {"a": 1000.0, "b": -0.5, "c": 12, "d": "1_000", "e": "0x1F", "f": ".inf"}


def test_quoted_numbers_stay_text() -> None:
    assert parse_yaml("a: '10'\nb: \"true\"\n", HERE).data == {"a": "10", "b": "true"}


def test_every_value_knows_its_line_and_column() -> None:
    doc = parse_yaml("posts:\n  - id: a\n    title: A\n  - id: b\n    title: B\n", HERE)
    assert doc.locate(("posts", 1, "title")).line == 5
    assert doc.locate(("posts", 1, "title")).column == 5
    assert doc.locate(("posts", 0)).line == 2
    # An unknown path falls back to its closest known parent.
    assert doc.locate(("posts", 1, "nope")).line == 4


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    text = "---\ntitle: T\nowner: Sam\n---\nBody **text**\n"
    front, offset, body = split_front_matter(text, Path("plan/goals/g.md"))
    assert body == "Body **text**\n"
    doc = parse_yaml(front, Path("plan/goals/g.md"), line_offset=offset)
    assert doc.locate(("owner",)).line == 3


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    with pytest.raises(YamlError, match="duplicate key 'title'") as caught:
        parse_yaml("title: A\nowner: Sam\ntitle: B\n", HERE)
    assert caught.value.location.line == 3
    assert caught.value.hint == "it was already set on line 1; keep one of them"


def test_syntax_errors_point_at_the_line() -> None:
    with pytest.raises(YamlError, match="invalid YAML") as caught:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", HERE)
    assert caught.value.location.line >= 2


def test_tabs_get_a_hint() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("a:\n\tb: 1\n", HERE)
    assert caught.value.location.line == 2
    assert "tabs" in caught.value.hint


def test_custom_tags_are_refused() -> None:
    with pytest.raises(YamlError, match="unsupported YAML tag"):
        parse_yaml("a: !!python/object:os.system x\n", HERE)


def test_alias_bombs_are_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    with pytest.raises(YamlError, match=f"more than {MAX_NODES} values"):
        parse_yaml(bomb, HERE)


def test_marks_found_later_are_the_marks_recorded_up_front() -> None:
    """A plan file records only where its mappings and lists start; every other
    place is found again on demand and must be the same."""
    files = sorted(EXAMPLE_PLAN.rglob("*.yml"))
    assert files
    for path in files:
        text = path.read_text("utf-8")
        eager = parse_yaml(text, path)
        lazy = parse_yaml(text, path, every_mark=False)
        assert not lazy.every_mark
        assert len(lazy.marks) < len(eager.marks)
        for data_path in eager.marks:
            assert lazy.locate(data_path) == eager.locate(data_path), (path, data_path)
        assert lazy.every_mark  # asking for a scalar's place completed the marks
        missing = ("posts", 10_000, "title")
        assert lazy.locate(missing) == eager.locate(missing)


def _checked(root: Path, monkeypatch: pytest.MonkeyPatch, from_bytes: int) -> object:
    """What checking the plan under `root` gives: its plan, or every message."""
    monkeypatch.setattr(plan_folder, "PARALLEL_FROM_BYTES", from_bytes)
    inputs = Inputs(root / "plan", root / "site_config.yml")
    try:
        return check_plan(inputs).plan
    except PlanError as exc:
        return [diagnostic.format() for diagnostic in exc.report.diagnostics]


def _calendars(root: Path, broken: bool) -> None:
    """Seven calendar files, read alternately by each process; if `broken`, one
    does not parse, one has a bad date, and two files the two processes read
    define the same post (the second one read is the one reported)."""
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copy(EXAMPLE_CONFIG, root / "site_config.yml")
    folder = root / "plan" / "calendar"
    for month in range(5):
        (folder / f"extra-{month}.yml").write_text(
            "posts:\n"
            f"  - {{id: extra-{month}, date: 2027-0{month + 1}-11, channel: instagram, "
            f"title: Extra {month}}}\n",
            encoding="utf-8",
        )
    if broken:
        (folder / "extra-0.yml").write_text("posts:\n  - id: [unclosed\n", encoding="utf-8")
        for twice in ("extra-1.yml", "extra-2.yml"):
            (folder / twice).write_text(
                "posts:\n  - {id: twice, date: 2027-02-01, channel: instagram, title: Twice}\n",
                encoding="utf-8",
            )
        (folder / "extra-3.yml").write_text(
            "posts:\n  - {id: late, date: 2027-13-01, channel: instagram, title: Late}\n",
            encoding="utf-8",
        )


def _files_read_here(monkeypatch: pytest.MonkeyPatch, die_when_forked: bool = False) -> list[int]:
    """How many calendar files each read of this process takes (a forked one is not counted)."""
    counts: list[int] = []
    parent = os.getpid()
    read = plan_folder._parsed_and_validated

    def counted(paths: list[Path], max_bytes: int) -> object:
        if os.getpid() != parent:
            if die_when_forked:
                os._exit(9)
        else:
            counts.append(len(paths))
        return read(paths, max_bytes)

    monkeypatch.setattr(plan_folder, "_parsed_and_validated", counted)
    return counts


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_calendars_read_on_two_cores_give_what_one_core_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    if not forked.can_fork():
        pytest.skip("needs fork")
    _calendars(tmp_path, broken)
    alone = _checked(tmp_path, monkeypatch, from_bytes=1 << 40)
    read_here = _files_read_here(monkeypatch)
    beside = _checked(tmp_path, monkeypatch, from_bytes=0)
    assert read_here == [4]  # of the 7 calendar files: the others were read beside
    assert beside == alone
    if broken:
        assert isinstance(alone, list) and len(alone) >= 3
        assert any("extra-2.yml" in message and "twice" in message for message in alone)
    else:
        assert not isinstance(alone, list) and len(alone.posts) > 4


def test_calendars_are_read_here_when_the_forked_process_dies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not forked.can_fork():
        pytest.skip("needs fork")
    _calendars(tmp_path, broken=True)
    alone = _checked(tmp_path, monkeypatch, from_bytes=1 << 40)
    read_here = _files_read_here(monkeypatch, die_when_forked=True)
    assert _checked(tmp_path, monkeypatch, from_bytes=0) == alone
    assert read_here == [4, 3]  # its own files, then those of the process that died
