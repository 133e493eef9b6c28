"""The YAML primer of docs/plan-format.md says what plansite does: every example
is read here by plansite's own YAML reader, and each mistake it shows is
refused or read otherwise, as the primer says.

The primer's YAML examples open with a comment the tests read: `# Right`
parses; `# Wrong` is refused, or read differently from the `# Right` example
before it (line by line when both say "each line"); `# Same as above` reads
exactly as the example before it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load.marked_yaml import YamlError, parse_yaml
from generator.load.plan_folder import split_front_matter
from tests.conftest import REPO, PlanFactory, run_cli

PLAN_FORMAT = REPO / "docs" / "plan-format.md"
FILE = Path("example.yml")
PRIMER_TITLE = "## YAML in five minutes"
_BLOCK = re.compile(r"^```(yaml|markdown)\n(.*?)^```$", re.S | re.M)


def primer() -> str:
    text = PLAN_FORMAT.read_text("utf-8")
    start = text.index(f"\n{PRIMER_TITLE}\n")
    return text[start : text.index("\n## ", start + 1)]


def primer_blocks(language: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(primer()) if kind == language]


def marker(block: str) -> str:
    """What the example's first line says it is: right, wrong or same."""
    first = block.splitlines()[0]
    for kind in ("Right", "Wrong", "Same as above"):
        if first.startswith(f"# {kind}"):
            return kind
    raise AssertionError(f"a primer example opens with neither Right, Wrong nor Same: {first!r}")


def read(text: str) -> Any:
    return parse_yaml(text, FILE).data


def read_or_refuse(text: str) -> Any:
    """What plansite reads, or the YamlError it refuses the text with."""
    try:
        return read(text)
    except YamlError as refused:
        return refused


def block_with(words: str) -> str:
    """The one example, not a wrong one, that holds these words."""
    (found,) = [
        block for block in primer_blocks("yaml") if words in block and marker(block) != "Wrong"
    ]
    return found


def test_the_primer_comes_before_the_reference_and_has_examples() -> None:
    text = PLAN_FORMAT.read_text("utf-8")
    assert text.index(PRIMER_TITLE) < text.index("## General rules")
    assert len(primer_blocks("yaml")) >= 10 and len(primer_blocks("markdown")) == 1


def test_every_example_says_whether_it_is_right_or_wrong() -> None:
    kinds = [marker(block) for block in primer_blocks("yaml")]
    assert "Wrong" in kinds and "Same as above" in kinds
    assert kinds[0] == "Right"  # a Wrong or a Same always has an example before it


def test_every_right_example_is_read_without_error() -> None:
    for block in primer_blocks("yaml"):
        if marker(block) != "Wrong":
            assert isinstance(read(block), dict), block


def pairs(kind: str) -> list[tuple[str, str]]:
    """(example, the example before it) for every example of this kind."""
    blocks = primer_blocks("yaml")
    return [
        (block, blocks[index - 1])
        for index, block in enumerate(blocks)
        if index and marker(block) == kind
    ]


def test_each_wrong_example_is_refused_or_read_otherwise_than_the_right_one() -> None:
    for wrong, right in pairs("Wrong"):
        assert marker(right) == "Right", wrong
        if "(each line)" in wrong.splitlines()[0]:
            assert "(each line)" in right.splitlines()[0]
            wrong_lines, right_lines = wrong.splitlines()[1:], right.splitlines()[1:]
            assert len(wrong_lines) == len(right_lines) > 1
            compared = list(zip(wrong_lines, right_lines, strict=True))
        else:
            compared = [(wrong, right)]
        for wrong_text, right_text in compared:
            meant = read(right_text)
            assert read_or_refuse(wrong_text) != meant, wrong_text


def test_each_same_example_reads_exactly_as_the_one_before() -> None:
    found = pairs("Same as above")
    assert found
    for same, before in found:
        assert read(same) == read(before)


def test_a_tab_in_the_indentation_is_refused_with_the_hint_the_primer_quotes() -> None:
    hint = re.search(r"refused \(`([^`]+)`\)", primer())
    assert hint
    team = block_with("role: Photographer")
    for tabbed in (team.replace("\n  - ", "\n\t- "), team.replace("\n    role", "\n\trole")):
        assert tabbed != team
        with pytest.raises(YamlError) as refused:
            read(tabbed)
        assert refused.value.hint == hint.group(1)


def test_text_starting_with_each_character_the_primer_lists_needs_quotes() -> None:
    listed = re.search(r"starts with one of these characters: `([^`]+)` or a\s+backquote", primer())
    assert listed
    characters = [*listed.group(1).split(), "`"]
    assert {"@", "#", "*", "&", "!", "|", ">", "%", '"', "'"} <= set(characters)
    for character in characters:
        text = f"{character}new lamps"
        assert read_or_refuse(f"title: {text}\n") != {"title": text}, character
        assert read(f"title: {yaml_quoted(text)}\n") == {"title": text}, character


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_times_and_yes_no_words_are_text_in_a_plan_but_not_in_older_yaml_tools() -> None:
    unquoted = block_with("time: 10:30")
    assert read(unquoted) == {"time": "10:30", "answer": "no"}
    # The older rules the primer warns about, as PyYAML's own loader reads them.
    assert yaml.safe_load(unquoted) == {"time": 630, "answer": False}
    for word, older in (("yes", True), ("no", False), ("on", True), ("off", False)):
        assert word in primer()
        assert read(f"answer: {word}\n") == {"answer": word}
        assert yaml.safe_load(f"answer: {word}\n") == {"answer": older}
    for boolean in ("true", "True", "FALSE"):
        assert boolean in primer() or boolean.lower() in primer()
        assert isinstance(read(f"avatar: {boolean}\n")["avatar"], bool)


def test_a_leading_zero_and_a_version_are_numbers_unless_quoted() -> None:
    assert read("label: 007\n") == {"label": 7}
    assert read("version: 1.10\n") == {"version": 1.1}
    assert "`007` is read as the\n  number 7" in primer()


def test_a_bar_keeps_line_breaks_and_a_chevron_folds_them() -> None:
    kept = read(block_with("copy: |"))["copy"]
    assert kept == "New: the Lumen lamp.\nMade in Lyon.\n#lamps #design\n"
    folded = read(block_with("description: >"))["description"]
    assert "\n" not in folded.rstrip("\n") and folded.startswith("A month of posts")


def test_a_comment_is_not_part_of_the_value() -> None:
    assert read(block_with("title: Winter sale")) == {"title": "Winter sale"}


def test_the_front_matter_example_is_a_goal_plansite_accepts(make_plan: PlanFactory) -> None:
    (goal,) = primer_blocks("markdown")
    front, offset, body = split_front_matter(goal, Path("goal.md"))
    assert offset == 1 and "**Markdown**" in body
    assert read(front)["channels"] == ["instagram"]
    assert "not even a\nblank line" in primer()
    with pytest.raises(YamlError, match="missing front matter"):
        split_front_matter("\n" + goal, Path("goal.md"))
    root = make_plan({"plan/goals/followers.md": goal})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
