"""The preview rebuilds in place, page by page, and must end up with a fresh build's site."""

from __future__ import annotations

import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import check
from generator.commands import preview_rebuild
from generator.diagnostics import PlanError, display_path
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, PlanFactory

EPOCH = "1798761600"


@pytest.fixture
def plan_root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copy(EXAMPLE_CONFIG, root / "site_config.yml")
    return root


@pytest.fixture
def preview(plan_root: Path, tmp_path: Path) -> Iterator[preview_rebuild.Preview]:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    inputs = check.Inputs(plan_root / "plan", plan_root / "site_config.yml")
    try:
        preview = preview_rebuild.Preview(inputs, tmp_path / "preview")
        preview.rebuild()
        yield preview
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def fresh_build(plan_root: Path, out: Path) -> dict[str, bytes]:
    """A build in a process of its own: in this one, the preview's caches would
    serve it what the preview kept."""
    plan, config = plan_root / "plan", plan_root / "site_config.yml"
    command = [sys.executable, "-m", "generator", "build", "--plan", str(plan)]
    subprocess.run([*command, "--config", str(config), "--out", str(out)], check=True)
    return files_of(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def a_post_title(plan_root: Path) -> tuple[Path, str]:
    calendar = sorted((plan_root / "plan" / "calendar").glob("*.yml"))[0]
    line = next(x for x in calendar.read_text("utf-8").splitlines() if "title:" in x)
    return calendar, line.split("title:", 1)[1].strip()


def test_after_an_edit_the_preview_is_what_a_fresh_build_writes(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    calendar, title = a_post_title(plan_root)
    edit(calendar, title, "Edited in the preview")
    preview.rebuild()
    rebuilt = files_of(preview.out)
    fresh = fresh_build(plan_root, tmp_path / "fresh")
    assert rebuilt.keys() == fresh.keys()
    differing = [name for name in fresh if rebuilt[name] != fresh[name]]
    assert differing == []
    month_pages = [body for name, body in rebuilt.items() if name.startswith("calendar/20")]
    assert any(b"Edited in the preview" in body for body in month_pages)
    assert b"Edited in the preview" in rebuilt["search/search_index.json"]


def test_only_the_pages_that_changed_are_written_again(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    def stamps() -> dict[str, int]:
        return {str(p.relative_to(preview.out)): p.stat().st_mtime_ns
                for p in preview.out.rglob("index.html")}  # fmt: skip

    before = stamps()
    calendar, title = a_post_title(plan_root)
    edit(calendar, title, "Edited in the preview")
    preview.rebuild()
    after = stamps()
    rewritten = {page for page in after if after[page] != before[page]}
    assert any(page.startswith("calendar/20") for page in rewritten)  # a month page
    assert "personas/index.html" not in rewritten
    assert len(rewritten) < len(after) / 2


def test_posts_of_unchanged_files_are_kept_as_they_are(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    """An unchanged file gives the same post objects, which the rows of the pages
    reuse (table_rows.KeptCells); the edited file's posts are made again."""
    before = {post.id: post for post in preview.rebuild().plan.posts}
    edit(plan_root / "plan" / "calendar" / "campagne-printemps.yml", "Une palette", "Une gamme")
    after = preview.rebuild().plan.posts
    edited = {p.id for p in after if p.source.path.name == "campagne-printemps.yml"}
    assert edited and all(p is not before.get(p.id) for p in after if p.id in edited)
    assert all(p is before[p.id] for p in after if p.id not in edited)


def test_a_renamed_content_type_reaches_the_rows_of_unchanged_posts(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    edit(plan_root / "plan" / "content.yml", "name: Inspiration et", "name: Idées déco et")
    preview.rebuild()
    assert files_of(preview.out) == fresh_build(plan_root, tmp_path / "fresh")


def test_a_renamed_campaign_reaches_the_rows_of_posts_in_other_files(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    calendar = plan_root / "plan" / "calendar"
    post_of_one_campaign = "\n    campaign: soldes-hiver-2027"
    edit(calendar / "2027-q1.yml", post_of_one_campaign, "\n    campaign: printemps-2027")
    preview.rebuild()
    edit(calendar / "campagne-printemps.yml", "name: Collection Printemps", "name: Saison")
    preview.rebuild()
    assert files_of(preview.out) == fresh_build(plan_root, tmp_path / "fresh")


def test_a_new_time_zone_reaches_posts_of_unchanged_files(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    """Posts without a zone of their own take the site's: kept posts must not keep
    the old one. (The feeds differ from a fresh build's: every event moved, so
    its SEQUENCE rose.)"""
    edit(plan_root / "site_config.yml", "timezone: Europe/Paris", "timezone: America/Montreal")
    preview.rebuild()
    fresh = fresh_build(plan_root, tmp_path / "fresh")
    pages = [name for name in fresh if name.endswith(".html")]
    assert [name for name in pages if files_of(preview.out)[name] != fresh[name]] == []


def test_an_edited_file_s_old_document_is_freed_at_once(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    """Not at some later full collection, which a preview never runs: a document
    must not keep what points back to it (posts.MadePost)."""
    calendar = plan_root / "plan" / "calendar" / "2027-q1.yml"
    old = weakref.ref(preview._files.document(calendar))
    edit(calendar, "title:", "title: Edited,")
    preview.rebuild()
    assert old() is None


def test_a_new_language_reaches_the_rows_of_unchanged_posts(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    edit(plan_root / "site_config.yml", "language: fr", "language: en")
    preview.rebuild()
    fresh = fresh_build(plan_root, tmp_path / "fresh")
    rebuilt = files_of(preview.out)
    assert [
        name for name in fresh if not name.endswith(".ics") and rebuilt[name] != fresh[name]
    ] == []


def test_references_of_kept_posts_are_checked_again(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    """Posts of unchanged files name a content type whose id changed elsewhere:
    each is reported, as by a fresh check."""
    edit(plan_root / "plan" / "content.yml", "  - id: inspiration", "  - id: inspirations")
    with pytest.raises(PlanError) as raised:
        preview.rebuild()
    plan, config = plan_root / "plan", plan_root / "site_config.yml"
    command = [sys.executable, "-m", "generator", "check", "--format", "json"]
    fresh = subprocess.run(
        [*command, "--plan", str(plan), "--config", str(config)], capture_output=True, text=True
    )
    assert fresh.returncode == 1
    expected = [
        (d["file"], d["line"], d["message"])
        for d in json.loads(fresh.stdout)["diagnostics"]
        if d["severity"] == "error"
    ]
    report = raised.value.report
    found = [(display_path(d.location.path), d.location.line, d.message) for d in report.errors]
    assert sorted(found) == sorted(expected)
    assert sum(m == "unknown content type 'inspiration'" for _, _, m in found) > 10


def test_a_refused_post_is_refused_again_after_another_edit(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    calendar = plan_root / "plan" / "calendar"
    edit(calendar / "2027-q1.yml", "      on: [tue]", "      on: [wed]")
    with pytest.raises(PlanError) as first:
        preview.rebuild()
    edit(calendar / "campagne-printemps.yml", "Une palette", "Une gamme")
    with pytest.raises(PlanError) as again:
        preview.rebuild()
    errors = [d.format() for d in first.value.report.errors]
    assert errors and [d.format() for d in again.value.report.errors] == errors


def test_a_settings_change_rebuilds_every_page(
    preview: preview_rebuild.Preview, plan_root: Path, tmp_path: Path
) -> None:
    config = plan_root / "site_config.yml"
    name = next(x for x in config.read_text("utf-8").splitlines() if x.startswith("site_name:"))
    edit(config, name, "site_name: Renamed plan")
    preview.rebuild()
    rebuilt = files_of(preview.out)
    assert rebuilt == fresh_build(plan_root, tmp_path / "fresh")
    assert all(b"Renamed plan" in body for name, body in rebuilt.items() if name.endswith(".html"))


def test_a_clean_rebuild_compiles_no_template_again(
    preview: preview_rebuild.Preview, plan_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs makes a new Jinja environment for each build; the theme's compiled
    templates are reused (site/compiled_templates.py, kept by the preview). Only the search
    plugin's own environment, which looks its labels up, compiles its three."""
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    edit(plan_root / "site_config.yml", "site_name:", "site_name: Renamed,")  # a clean build
    preview.rebuild()
    assert set(compiled) <= {"partials/language.html"} | {
        f"partials/languages/{language}.html" for language in ("en", "fr")
    }
    assert b"Renamed," in (preview.out / "index.html").read_bytes()


@pytest.mark.parametrize("collector_on", [True, False], ids=["collector-on", "collector-off"])
def test_a_rebuild_pauses_the_collector_and_leaves_no_garbage(
    preview: preview_rebuild.Preview, monkeypatch: pytest.MonkeyPatch, collector_on: bool
) -> None:
    """The collector is off during a rebuild (runtime.garbage_collector.collected_at_the_end); the
    cycles the rebuild made are collected by its end, and the collector is as it was."""

    class Cycle:
        itself: object

    made: list[weakref.ref[Cycle]] = []
    paused: list[bool] = []
    check_plan = preview_rebuild.check_plan

    def checked_with_a_cycle(inputs: check.Inputs, *args: Any) -> check.Checked:
        paused.append(not gc.isenabled())
        cycle = Cycle()
        cycle.itself = cycle
        made.append(weakref.ref(cycle))
        return check_plan(inputs, *args)

    monkeypatch.setattr(preview_rebuild, "check_plan", checked_with_a_cycle)
    if not collector_on:
        gc.disable()
    try:
        preview.rebuild()
        assert gc.isenabled() is collector_on
        assert paused == [True]
        assert len(made) == 1 and made[0]() is None
    finally:
        gc.enable()


def test_a_removed_page_leaves_the_preview(
    preview: preview_rebuild.Preview, plan_root: Path
) -> None:
    personas = plan_root / "plan" / "personas"
    model = sorted(personas.glob("*.md"))[0]
    added = personas / "new-persona.md"
    shutil.copy(model, added)
    edit(added, "name:", "name: Newcomer,")
    preview.rebuild()
    page = Path("personas", "new-persona", "index.html")
    assert (preview.out / page).is_file()
    added.unlink()
    preview.rebuild()
    assert not (preview.out / page).exists()
    assert b"new-persona" not in (preview.out / "search" / "search_index.json").read_bytes()


def test_serve_shows_an_edit_after_rebuilding(make_plan: PlanFactory) -> None:
    root = make_plan()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True)
    calendar_page = f"http://127.0.0.1:{port}/calendar/2027-01/"
    try:
        assert "Hello" in wait_for(calendar_page, "Hello")
        calendar = root / "plan" / "calendar" / "q1.yml"
        edit(calendar, "title: Hello", "title: Edited while serving")
        assert "Edited while serving" in wait_for(calendar_page, "Edited while serving")
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert "rebuilt (0 errors" in stderr
    assert "Traceback" not in stderr


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    """The page at `url` once it holds `text` (or as it last was)."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
        except OSError:
            body = ""
        if text in body:
            break
        time.sleep(0.3)
    return body
