"""Fixtures: a factory writing small plans into tmp_path, and the example site built once."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Browser

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_PLAN = REPO / "plan"
EXAMPLE_CONFIG = REPO / "site_config.yml"

# A small plan with every part and no finding: each test changes what it is about.
MINIMAL_FILES = {
    "site_config.yml": """\
        site_name: Test plan
        site_url: https://plan.example.com/
        language: en
        timezone: Europe/Paris
        """,
    "plan/plan.md": """\
        ---
        title: Test plan
        organization: Example Ltd
        period: {start: 2027-01-01, end: 2027-06-30}
        ---
        A small plan for tests.
        """,
    "plan/audit.yml": """\
        accounts:
          - id: insta
            network: instagram
            handle: "@example"
            owner: Sam
            profile:
              bio: Lamps made in Lyon.
              avatar: true
              cover: true
              link: https://shop.example/
              keywords: [lamps]
              cross_promotion: true
        """,
    "plan/channels/instagram.md": """\
        ---
        network: instagram
        account: insta
        mission: Show the workshop to people who love lamps.
        goals: [followers]
        ---
        """,
    "plan/goals/followers.md": """\
        ---
        title: Grow the Instagram audience
        metric: {name: Followers, kind: followers, baseline: 100, target: 200}
        start: 2027-01-01
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        progress:
          - {date: 2027-02-01, value: 130}
        ---
        Why this goal matters.
        """,
    "plan/goals/reach.md": """\
        ---
        title: Reach more people
        metric: {name: Monthly reach, kind: reach, baseline: 1000, target: 3000}
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        ---
        """,
    "plan/goals/leads.md": """\
        ---
        title: Bring leads
        metric: {name: Quote requests, kind: leads, baseline: 2, target: 6}
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        ---
        """,
    "plan/measurement.yml": """\
        tools:
          - {name: Analytics, purpose: web referrals}
        """,
    "plan/content.yml": """\
        types:
          - {id: tips, name: Tips, share: 100, purpose: educate}
        """,
    "plan/calendar/q1.yml": """\
        posts:
          - id: hello
            date: 2027-01-05
            time: 10:00
            channel: instagram
            type: tips
            title: Hello
            link: https://shop.example/hello
        """,
}

PlanFactory = Callable[..., Path]


@pytest.fixture
def make_plan(tmp_path: Path) -> PlanFactory:
    """Write the minimal plan with some files replaced (text) or removed (None)."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        return write_plan(tmp_path, files or {})

    return make


def write_plan(root: Path, files: dict[str, str | None]) -> Path:
    """The minimal plan under `root` with `files` (relative paths) replaced or removed."""
    wanted: dict[str, str | None] = {**MINIMAL_FILES, **files}
    for name, text in wanted.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run `plansite` in-process from `cwd`, the way a user types it there."""
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), catch_exceptions=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan built once for every test that reads its HTML."""
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copy(EXAMPLE_CONFIG, root / "site_config.yml")
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


CHROMIUM = Path("/usr/bin/chromium")
# The flags this machine needs: no sandbox as root, and no background traffic
# to hosts a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, launched once for every browser test of the session (one
    Playwright a process: a second one would start inside the first one's loop)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
