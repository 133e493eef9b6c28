"""The README's quick start shows what the commands print, and sends a reader
to the preview rather than to a site opened from files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import generator
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, REPO, run_cli

README = REPO / "README.md"


def section(title: str) -> str:
    """The README's text under the heading `## title`, up to the next one."""
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def block_after(text: str, words: str) -> str:
    """The fenced block that follows the sentence ending in `words`."""
    assert words in text, f"the README no longer says {words!r}"
    after = text[text.index(words) + len(words) :]
    match = re.match(r"\s*```[a-z]*\n(.*?)\n```", after, re.S)
    assert match, f"no block right after {words!r}"
    return match.group(1)


def normalised(output: str) -> list[str]:
    """Lines as a reader compares them: no trailing spaces, no blank lines."""
    return [line.rstrip() for line in output.splitlines() if line.strip()]


def check_output(root: Path) -> str:
    result = run_cli("check", cwd=root)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_quick_start_shows_what_check_prints_for_the_example_plan() -> None:
    shown = block_after(section("Quick start"), "then where it wrote the site):")
    shown_lines = normalised(shown)
    assert normalised(check_output(REPO)) == shown_lines
    assert len(shown_lines) > 1  # the findings and the summary, not an empty block


def test_the_quick_start_shows_the_example_plan_checked_in_english(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_PLAN, tmp_path / "plan")
    french = EXAMPLE_CONFIG.read_text("utf-8")
    assert "\nlanguage: fr\n" in french
    (tmp_path / "site_config.yml").write_text(
        french.replace("\nlanguage: fr\n", "\nlanguage: en\n"), "utf-8"
    )
    shown = block_after(section("Quick start"), "the same check prints:")
    assert normalised(check_output(tmp_path)) == normalised(shown)


def test_the_quick_start_says_in_words_what_each_note_of_the_example_is() -> None:
    prose = re.sub(r"```.*?```", "", section("Quick start"), flags=re.S)
    codes = re.findall(r"\[(PS\d{3})\]$", check_output(REPO), re.M)
    assert codes  # the example plan prints its acknowledged notes
    assert [code for code in codes if f"({code})" not in prose] == []


def test_the_quick_start_sends_readers_to_the_preview_not_to_files() -> None:
    quick_start = section("Quick start")
    assert "then open site/index.html" not in quick_start
    assert re.search(r"not by opening\s+`site/index.html`", quick_start)
    assert "make serve" in quick_start and "`plansite serve`" in quick_start


def test_the_install_steps_name_a_tool_installer_and_the_current_version() -> None:
    own_plan = section("Your own plan")
    assert "pipx install path/to/plansite" in own_plan
    assert "uv tool install path/to/plansite" in own_plan
    shown = re.search(r"plansite --version\s+# (.+)", own_plan)
    assert shown and shown.group(1) == f"plansite, version {generator.__version__}"
