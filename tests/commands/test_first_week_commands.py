"""A team's first week with the commands: publishing that warnings do not stop,
a first publication with no live feed yet, a diff a person reads, `new` that
writes only what `check` accepts, and a preview that follows the plan."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.commands.preview_reload import GENERATION_PATH, SCRIPT_PATH
from generator.commands.preview_server import PreviewServer
from generator.diagnostics import Diagnostic, Location, Severity
from tests.commands.test_workflow import feed_server  # noqa: F401  (a fixture, reused)
from tests.conftest import PlanFactory, run_cli

# -- 1. publishing stops on errors only ------------------------------------------


def starter_workflow(tmp_path: Path) -> dict[str, Any]:
    assert run_cli("init", "repo", cwd=tmp_path).exit_code == 0
    text = (tmp_path / "repo" / ".github" / "workflows" / "plan.yml").read_text()
    # BaseLoader: the YAML 1.1 loader would turn the key `on` into True.
    data: dict[str, Any] = yaml.load(text, Loader=yaml.BaseLoader)
    return data


def plansite_runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "plansite" in step.get("run", "")]


def test_the_starter_workflow_publishes_and_checks_without_strict(tmp_path: Path) -> None:
    jobs = starter_workflow(tmp_path)["jobs"]
    (check,) = plansite_runs(jobs["check"])
    (build,) = plansite_runs(jobs["publish"])
    assert check == "plansite check --format github"
    assert build.startswith("plansite build --previous ")
    assert build.endswith('/calendar.ics"')
    for command in (check, build):
        assert "--strict" not in command


# Two warnings (a goal behind pace, no owner on an account), no error.
WARNED = {
    "plan/goals/followers.md": """\
        ---
        title: Grow the Instagram audience
        metric: {name: Followers, kind: followers, baseline: 100, target: 200}
        start: 2027-01-01
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        progress:
          - {date: 2027-05-01, value: 101}
        ---
        """,
}


@pytest.mark.parametrize("strict", [False, True])
def test_the_pull_request_check_fails_on_errors_only(make_plan: PlanFactory, strict: bool) -> None:
    root = make_plan(WARNED)
    result = run_cli("check", "--format", "github", *(["--strict"] if strict else []), cwd=root)
    assert "::warning " in result.stdout
    assert "::error " not in result.stdout
    assert result.exit_code == (1 if strict else 0), result.output
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("channel: instagram", "channel: instagarm"))
    broken = run_cli("check", "--format", "github", cwd=root)
    assert broken.exit_code == 1
    assert "::error file=plan/calendar/q1.yml,line=" in broken.stdout


def test_a_build_with_warnings_publishes(make_plan: PlanFactory) -> None:
    root = make_plan(WARNED)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr
    assert (root / "site" / "index.html").is_file()


# -- 1. the first publication -------------------------------------------------------


def sequence_of(feed: Path) -> int:
    (event,) = icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT")
    return int(event["SEQUENCE"])


@pytest.mark.parametrize("site", ["", "plan-site/", "team/plan-site/"])
def test_the_first_publication_builds_when_nothing_answers(
    make_plan: PlanFactory,
    feed_server: tuple[Path, str],  # noqa: F811
    site: str,
) -> None:
    """Before the first publication the feed and the site's address both answer 404."""
    folder, base = feed_server
    (folder / "index.html").unlink(missing_ok=True)
    if not site:  # the server's own root lists its folder: serve the site one level down
        site = "never/"
    result = run_cli("build", "--previous", f"{base}{site}calendar.ics", cwd=make_plan())
    assert result.exit_code == 0, result.output
    assert sequence_of(make_plan() / "site" / "calendar.ics") == 0


@pytest.mark.parametrize("site", ["plan-site/", "team/plan-site/"])
def test_a_live_site_without_its_feed_stops_the_build(
    make_plan: PlanFactory,
    feed_server: tuple[Path, str],  # noqa: F811
    site: str,
) -> None:
    """A 404 from a site that is published means a wrong address, not a first publication:
    building anyway would start every SEQUENCE over."""
    folder, base = feed_server
    (folder / site).mkdir(parents=True)
    (folder / site / "index.html").write_text("<p>the plan</p>")
    root = make_plan()
    url = f"{base}{site}calendar.ics"
    result = run_cli("build", "--previous", url, cwd=root)
    assert result.exit_code == 1, result.output
    assert (
        f"--previous: error: the previous feed at {url} was not found, but a site is "
        f"published at {base}{site}"
    ) in result.stderr
    assert "build once without --previous" in result.stderr
    assert not (root / "site").exists()


def test_the_live_feed_of_a_published_site_is_compared_with(
    make_plan: PlanFactory,
    feed_server: tuple[Path, str],  # noqa: F811
) -> None:
    folder, base = feed_server
    root = make_plan()
    assert run_cli("build", "--out", "first", cwd=root).exit_code == 0
    (folder / "plan-site").mkdir()
    (folder / "plan-site" / "index.html").write_text("<p>the plan</p>")
    (folder / "plan-site" / "calendar.ics").write_bytes(
        (root / "first" / "calendar.ics").read_bytes()
    )
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("time: 10:00", "time: 11:00"))
    result = run_cli("build", "--previous", f"{base}plan-site/calendar.ics", cwd=root)
    assert result.exit_code == 0, result.output
    assert sequence_of(root / "site" / "calendar.ics") == 1


def test_a_private_feed_missing_from_its_live_site_hides_the_secret(
    make_plan: PlanFactory,
    feed_server: tuple[Path, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = "s3cret-feed-folder-0123"
    monkeypatch.setenv("PLANSITE_FEED_SECRET", secret)
    folder, base = feed_server
    (folder / "plan-site").mkdir()
    (folder / "plan-site" / "index.html").write_text("<p>the plan</p>")
    root = make_plan()
    config = root / "site_config.yml"
    config.write_text(config.read_text() + "private: true\n")
    url = f"{base}plan-site/{secret}/calendar.ics"
    result = run_cli("build", "--previous", url, cwd=root)
    assert result.exit_code == 1, result.output
    (error,) = [line for line in result.stderr.splitlines() if "error:" in line]
    assert secret not in error
    assert f"{base}plan-site/<secret>/calendar.ics was not found" in error
    assert f"but a site is published at {base}plan-site/" in error


# -- 2. plansite diff reads like the plan ------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "plan")
    return root


def replace_in(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


def change_every_kind_of_field(root: Path) -> None:
    """Dates, times, a duration, a time zone, numbers, flags, lists, nested records,
    a record added and a list of records, in a goal, a mission, an account and a post."""
    plan = root / "plan"
    replace_in(
        plan / "goals" / "followers.md",
        ("target: 200}", "target: 250}"),
        ("deadline: 2027-06-30", "deadline: 2027-11-15"),
        ("{date: 2027-02-01, value: 130}", "{date: 2027-02-01, value: 146, note: Reels}"),
    )
    replace_in(plan / "channels" / "instagram.md", ("love lamps", "love light"))
    replace_in(
        plan / "audit.yml",
        ("owner: Sam", "owner: Sam\n    followers: 1200\n    engagement_rate: 2.5\n"
         "    last_post: 2027-01-02"),
        ("avatar: true", "avatar: false"),
        ("keywords: [lamps]", "keywords: [lamps, light]"),
    )  # fmt: skip
    replace_in(
        plan / "calendar" / "q1.yml",
        ("date: 2027-01-05", "date: 2027-01-06"),
        ("time: 10:00", 'time: "08:00"\n    duration: 1h30m\n    timezone: America/New_York\n'
         "    repeat: {every: week, on: [wed], count: 3, except: [2027-01-13]}"),
        ("channel: instagram", "channel: [instagram]"),
    )  # fmt: skip


def diff_output(root: Path, language: str) -> str:
    replace_in(root / "site_config.yml", ("language: en", f"language: {language}"))
    committed(root)
    change_every_kind_of_field(root)
    result = run_cli("diff", "HEAD", cwd=root)
    assert result.exit_code == 0, result.output
    return result.stdout


PYTHON_REPR = re.compile(
    r"datetime\.|timedelta|ZoneInfo|zoneinfo|\b[A-Z]\w*\(|\(\w+=|\d\d:\d\d:\d\d"
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_diff_shows_no_python_repr(make_plan: PlanFactory, language: str) -> None:
    shown = diff_output(make_plan(), language)
    assert not PYTHON_REPR.search(shown), shown
    assert "  ~ goal followers changed" in shown
    assert "  ~ post hello changed" in shown
    assert "  ~ account insta changed" in shown


def test_diff_words_every_value_in_english(make_plan: PlanFactory) -> None:
    lines = diff_output(make_plan(), "en").splitlines()
    for expected in (
        "      metric.target: 200 -> 250",
        "      deadline: 30 Jun 2027 -> 15 Nov 2027",
        "      progress: 1 Feb 2027: 130 -> 1 Feb 2027: 146 — Reels",
        "      followers: none -> 1,200",
        "      engagement_rate: none -> 2.5",
        "      last_post: none -> 2 Jan 2027",
        "      profile.avatar: yes -> no",
        "      profile.keywords: lamps -> lamps, light",
        "      date: 5 Jan 2027 -> 6 Jan 2027",
        "      time: 10:00 -> 08:00",
        "      duration: none -> 1 h 30",
        "      timezone: Europe/Paris -> America/New_York",
        "      repeat.every: none -> week",
        "      repeat.on: none -> wed",
        "      repeat.exceptions: none -> 13 Jan 2027",
    ):
        assert expected in lines, (expected, lines)


def test_diff_words_every_value_in_french(make_plan: PlanFactory) -> None:
    lines = diff_output(make_plan(), "fr").splitlines()
    for expected in (
        "      deadline: 30 juin 2027 -> 15 nov. 2027",
        "      progress: 1 févr. 2027 : 130 -> 1 févr. 2027 : 146 — Reels",
        "      followers: aucun -> 1\u202f200",
        "      engagement_rate: aucun -> 2,5",
        "      profile.avatar: oui -> non",
        "      time: 10:00 -> 08:00",
    ):
        assert expected in lines, (expected, lines)


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("no-such-branch", "unknown revision 'no-such-branch'"),
        ("HEAD~3", "unknown revision 'HEAD~3'"),
        ("HEAD:plan", "'HEAD:plan' names a folder (a git tree), not a commit"),
    ],
)
def test_diff_with_a_bad_revision_is_a_wrong_command_line(
    make_plan: PlanFactory, revision: str, message: str
) -> None:
    root = committed(make_plan())
    result = run_cli("diff", revision, cwd=root)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for REVISION: {message}" in result.stderr
    assert "`git log --oneline` lists commits" in result.stderr  # the hint
    assert "Traceback" not in result.output


def test_diff_outside_git_is_a_wrong_command_line_even_with_plan_errors(
    make_plan: PlanFactory,
) -> None:
    root = make_plan()
    if subprocess.run(["git", "rev-parse"], cwd=root, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    replace_in(root / "plan" / "calendar" / "q1.yml", ("channel: instagram", "channel: instagarm"))
    result = run_cli("diff", "HEAD", cwd=root)
    assert result.exit_code == 2, result.output
    assert "is not in a git repository" in result.stderr
    assert "commit the plan to git first" in result.stderr


# -- 3. plansite new writes only what check accepts ---------------------------------


def plan_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_refused_as_check_would(result: Any, root: Path, before: dict[str, bytes]) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.rstrip().endswith("; nothing was written."), result.stderr
    assert "Traceback" not in result.output
    assert plan_files(root) == before  # nothing written, no temporary file left


@pytest.mark.parametrize("crlf", [False, True])
def test_new_post_on_an_unknown_channel_writes_nothing(make_plan: PlanFactory, crlf: bool) -> None:
    root = make_plan()
    calendar = root / "plan" / "calendar" / "q1.yml"
    if crlf:
        calendar.write_bytes(calendar.read_bytes().replace(b"\n", b"\r\n"))
    before = plan_files(root)
    lines = len(calendar.read_bytes().splitlines())
    result = run_cli(
        "new", "post", "--date", "2027-04-12", "--channel", "instagarm", "--title", "Open day",
        cwd=root,
    )  # fmt: skip
    assert_refused_as_check_would(result, root, before)
    found = re.search(
        r"^plan/calendar/q1\.yml:(\d+):(\d+): error: unknown channel 'instagarm' "
        r"\(did you mean 'instagram'\? or create plan/channels/instagarm\.md\)$",
        result.stderr,
        re.MULTILINE,
    )
    assert found, result.stderr
    assert int(found[1]) > lines  # the line the new post would have had
    assert result.stderr.splitlines()[-1] == "1 error, 0 warnings; nothing was written."


# Each kind `new` makes, with a plan in which it would not check: a rule the
# team made an error, or an error the plan already has.
GRADED = "checks: {PS106: error, PS204: error}\n"
UNKNOWN_GOAL_CHANNEL = {
    "plan/goals/reach.md": """\
        ---
        title: Reach more people
        metric: {name: Monthly reach, kind: reach, baseline: 1000, target: 3000}
        deadline: 2027-06-30
        owner: Sam
        channels: [tiktok]
        ---
        """,
}


@pytest.mark.parametrize(
    ("args", "files", "config", "expected"),
    [
        (["goal", "--title", "Double signups"], {}, GRADED,
         r"^plan/goals/double-signups\.md:2:1: error: no channel serves goal 'double-signups' "
         r"\(.+\) \[PS106\]$"),
        (["channel", "--id", "linkedin", "--network", "linkedin"], {}, GRADED,
         r"^plan/channels/linkedin\.md:2:1: error: channel 'linkedin' names no audit account "
         r"\(.+plan/audit\.yml\) \[PS204\]$"),
        (["persona", "--id", "buyer", "--title", "Paula"], UNKNOWN_GOAL_CHANNEL, "",
         r"^plan/goals/reach\.md:\d+:\d+: error: .*'tiktok'"),
        (["campaign", "--id", "open", "--title", "Open", "--date", "2027-04-01"],
         UNKNOWN_GOAL_CHANNEL, "", r"^plan/goals/reach\.md:\d+:\d+: error: .*'tiktok'"),
        (["post", "--title", "Open day", "--date", "2027-04-10", "--channel", "instagram"],
         UNKNOWN_GOAL_CHANNEL, "", r"^plan/goals/reach\.md:\d+:\d+: error: .*'tiktok'"),
    ],
)  # fmt: skip
def test_new_writes_nothing_when_the_plan_with_it_would_not_check(
    make_plan: PlanFactory, args: list[str], files: dict[str, str], config: str, expected: str
) -> None:
    root = make_plan(files)
    (root / "site_config.yml").write_text((root / "site_config.yml").read_text() + config)
    before = plan_files(root)
    result = run_cli("new", *args, cwd=root)
    assert_refused_as_check_would(result, root, before)
    assert re.search(expected, result.stderr, re.MULTILINE), result.stderr
    check = run_cli("check", cwd=root)
    if not config:  # the same problems `check` prints of the plan as it is
        assert check.stderr == result.stderr


def test_new_checks_with_the_config_it_is_given(make_plan: PlanFactory) -> None:
    root = make_plan()
    graded = root / "graded.yml"
    graded.write_text((root / "site_config.yml").read_text() + GRADED)
    refused = run_cli("new", "goal", "--title", "Double", "--config", "graded.yml", cwd=root)
    assert refused.exit_code == 1, refused.output
    written = run_cli("new", "goal", "--title", "Double", cwd=root)
    assert written.exit_code == 0, written.output
    assert (root / "plan" / "goals" / "double.md").is_file()


# -- 4. the preview reloads its pages and shows the plan's errors -------------------


@pytest.fixture
def preview_server(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    site = tmp_path / "site"
    (site / "calendar").mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "calendar" / "index.html").write_bytes(PAGE)
    (site / "calendar.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n</body>")
    server = PreviewServer("127.0.0.1", 0, lambda: site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, site
    server.shutdown()
    server.server_close()


PAGE = b"<!doctype html><html><body><p>The plan</p></body></html>"


def fetch(server: PreviewServer, path: str, host: str = "") -> tuple[int, str, bytes]:
    """Status, content type and body of `path`, asked with the Host header `host`."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.port}")
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.getheader("Content-Type") or "", answer.read()
    finally:
        connection.close()


def test_the_preview_says_which_rebuild_it_is_at(
    preview_server: tuple[PreviewServer, Path],
) -> None:
    server, _ = preview_server
    assert fetch(server, GENERATION_PATH)[2] == b"0"
    server.status.rebuilt()
    server.status.rebuilt()
    status, kind, body = fetch(server, GENERATION_PATH + "?again")
    assert (status, kind, body) == (200, "text/plain; charset=utf-8", b"2")


def test_the_reload_script_comes_from_the_preview_and_asks_only_it(
    preview_server: tuple[PreviewServer, Path],
) -> None:
    server, _ = preview_server
    status, kind, body = fetch(server, SCRIPT_PATH)
    assert (status, kind) == (200, "text/javascript; charset=utf-8")
    script = body.decode()
    assert GENERATION_PATH in script
    assert "location.reload()" in script
    assert not re.search(r"https?:|//[a-z]", script)  # no other host, no framework


@pytest.mark.parametrize("path", [GENERATION_PATH, SCRIPT_PATH, "/", "/calendar/"])
@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "localhost:1"])
def test_the_preview_s_own_paths_answer_this_machine_only(
    preview_server: tuple[PreviewServer, Path], path: str, host: str
) -> None:
    server, _ = preview_server
    status, _, body = fetch(server, path, host.format(port=server.port))
    assert status == 421
    assert b"plansite preview:" in body


@pytest.mark.parametrize("path", ["/.plansite-preview/", "/.plansite-preview", "/calendar"])
def test_the_preview_s_own_folder_is_not_listed(
    preview_server: tuple[PreviewServer, Path], path: str
) -> None:
    server, _ = preview_server
    status, _, body = fetch(server, path)
    assert status in (301, 404), (path, status)
    assert b"generation" not in body
    assert b"Directory listing" not in body


def test_pages_are_served_with_the_script_and_other_files_as_they_are(
    preview_server: tuple[PreviewServer, Path],
) -> None:
    server, site = preview_server
    server.status.rebuilt()
    for path in ("/", "/index.html", "/calendar/", "/calendar/index.html"):
        status, kind, body = fetch(server, path)
        assert (status, kind) == (200, "text/html; charset=utf-8"), path
        assert body == PAGE.replace(
            b"</body>", f'<script src="{SCRIPT_PATH}" data-generation="1"></script></body>'.encode()
        )
    assert fetch(server, "/calendar.ics")[2] == (site / "calendar.ics").read_bytes()
    assert (site / "index.html").read_bytes() == PAGE  # the site on disk is left as built


HOSTILE = "<img src=x onerror=alert(1)>"


def test_the_errors_show_in_every_page_escaped_until_a_good_rebuild(
    preview_server: tuple[PreviewServer, Path],
) -> None:
    server, _ = preview_server
    where = Location(Path("plan") / "calendar" / f"{HOSTILE}.yml", 14, 5)
    problems = [
        Diagnostic(where, Severity.ERROR, f"unknown channel '{HOSTILE}'", "did you mean 'x'?"),
        Diagnostic(Location(Path("plan/plan.md"), 2), Severity.ERROR, "a & b", ""),
    ]
    server.status.rebuilt(problems)
    for path in ("/", "/calendar/"):
        page = BeautifulSoup(fetch(server, path)[2], "html.parser")
        banner = page.find(id="plansite-preview-errors")
        assert banner is not None
        assert [item.get_text() for item in banner.find_all("li")] == [
            f"plan/calendar/{HOSTILE}.yml:14:5: unknown channel '{HOSTILE}' (did you mean 'x'?)",
            "plan/plan.md:2:1: a & b",
        ]
        assert page.find("img") is None  # shown as text, never markup
        assert "2 errors" in banner.get_text()
    server.status.rebuilt()
    assert b"plansite-preview-errors" not in fetch(server, "/")[2]


def test_a_build_carries_no_reload_script(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert run_cli("build", cwd=root).exit_code == 0
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text("utf-8")
        assert "plansite-preview" not in text, page
    assert not (root / "site" / ".plansite-preview").exists()


def test_a_new_persona_names_its_networks_where_the_format_expects_them(
    make_plan: PlanFactory,
) -> None:
    """The stub `new` writes follows the persona format: networks under `networks:`,
    channel ids under `channels:`; filled in as its comments say, it checks clean."""
    root = make_plan()
    result = run_cli("new", "persona", "--title", "Weekend Crafter", cwd=root)
    assert result.exit_code == 0, result.output
    persona = root / "plan" / "personas" / "weekend-crafter.md"
    text = persona.read_text("utf-8")
    assert "networks: []" in text
    persona.write_text(
        text.replace("networks: []", "networks: [instagram]").replace(
            "channels: []", "channels: [instagram]"
        ),
        "utf-8",
    )
    checked = run_cli("check", "--format", "json", cwd=root)
    messages = [d["message"] for d in json.loads(checked.stdout)["diagnostics"]]
    assert not [m for m in messages if "weekend-crafter" in m and "network" in m], messages
