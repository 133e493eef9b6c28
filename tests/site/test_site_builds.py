"""A one-off build into a scratch folder (site/scratch_build.py), the preview's site
rebuilt page by page (site/preview_site.py), and the hooks each build hands MkDocs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.pages.render import Page
from generator.site.compiled_templates import CompiledTemplates
from generator.site.mkdocs_run import SiteBuildError
from generator.site.output_folder import MARKER
from generator.site.preview_site import PreviewSite
from generator.site.scratch_build import build_site
from generator.site.site_content import LateFiles, SiteContent
from tests.pages.small_plans import posts
from tests.site.small_sites import files_of, site_content


def calendar(title: str) -> dict[str, str | None]:
    return {
        "plan/calendar/q1.yml": posts(f"{{date: 2027-02-02, channel: instagram, title: {title}}}")
    }


def with_page(content: SiteContent, path: str, text: str) -> SiteContent:
    kept = [page for page in content.pages if page.path != path]
    return replace(content, pages=[*kept, Page(path, text)])


def test_a_build_writes_a_whole_marked_site_with_its_tables_put_back(tmp_path: Path) -> None:
    content = site_content(tmp_path, calendar("Lamps &lt;on&gt; sale"))
    warnings = build_site(content, tmp_path / "out")
    assert warnings == []
    site = tmp_path / "out"
    assert (site / MARKER).is_file()
    page = (site / "calendar" / "2027-02" / "index.html").read_text("utf-8")
    assert "data-plansite-fragment" not in page and '<table class="ps-grid"' in page
    assert "Lamps &amp;lt;on&amp;gt; sale" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plansite-build-")] == []


def test_a_refused_build_leaves_the_previous_site_as_it_was(tmp_path: Path) -> None:
    content = site_content(tmp_path)
    out = tmp_path / "out"
    build_site(content, out)
    before = files_of(out)
    broken = with_page(content, "audit.md", "---\ntitle: A\n---\n[gone](/nowhere.md)\n")
    with pytest.raises(SiteBuildError, match=r"nowhere\.md"):
        build_site(broken, out, strict=True)
    assert files_of(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plansite-build-")] == []
    warnings = build_site(broken, out)  # not strict: built, with MkDocs' warning
    assert any("nowhere.md" in warning for warning in warnings)
    assert files_of(out) != before


def test_late_files_replace_their_stand_ins_once_ready(tmp_path: Path) -> None:
    made = tmp_path / "feeds"
    made.mkdir()
    calls: list[bool] = []

    def ready() -> None:
        calls.append((made / "calendar.ics").is_file())

    (made / "calendar.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    content = replace(
        site_content(tmp_path), late=LateFiles(["calendar.ics"], made, ready), extra_files={}
    )
    build_site(content, tmp_path / "out")
    assert calls == [True]
    assert (tmp_path / "out" / "calendar.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_each_build_fills_its_tables_from_its_own_stash(tmp_path: Path) -> None:
    """Nothing of a build stays in a module for the next: builds may come in any order."""
    first = site_content(tmp_path / "a", calendar("First"))
    second = site_content(tmp_path / "b", calendar("Second"))
    compiled = CompiledTemplates()  # shared on purpose: it holds nothing of a plan
    for content, out in ((first, "one"), (second, "two"), (first, "three")):
        build_site(content, tmp_path / out, compiled=compiled)
    pages = {out: (tmp_path / out / "calendar" / "2027-02" / "index.html").read_text("utf-8")
             for out in ("one", "two", "three")}  # fmt: skip
    assert "First" in pages["one"] and "Second" not in pages["one"]
    assert "Second" in pages["two"] and "First" not in pages["two"]
    assert pages["three"] == pages["one"]


def test_the_preview_s_site_is_the_one_a_build_writes_after_each_change(tmp_path: Path) -> None:
    content = site_content(tmp_path / "plan-a", calendar("Before"), stash="stash")
    preview = PreviewSite(tmp_path / "preview", CompiledTemplates())
    preview.build(content)
    first_out = preview.out
    build_site(content, tmp_path / "fresh")
    assert files_of(first_out) == files_of(tmp_path / "fresh")
    stamps = {p: p.stat().st_mtime_ns for p in first_out.rglob("index.html")}

    edited = site_content(tmp_path / "plan-b", calendar("After"), stash="stash")
    assert edited.settings == content.settings
    preview.build(edited)
    assert preview.out != first_out
    build_site(edited, tmp_path / "fresh-after")
    assert files_of(preview.out) == files_of(tmp_path / "fresh-after")
    rewritten = {
        str(p.relative_to(first_out))
        for p in stamps
        if (preview.out / p.relative_to(first_out)).stat().st_mtime_ns != stamps[p]
    }
    assert "calendar/2027-02/index.html" in rewritten
    assert "personas/index.html" not in rewritten and "audit/index.html" not in rewritten


def test_a_change_of_settings_rebuilds_every_page_of_the_preview(tmp_path: Path) -> None:
    content = site_content(tmp_path)
    preview = PreviewSite(tmp_path / "preview", CompiledTemplates())
    preview.build(content)
    stamps = {p.relative_to(preview.out): p.stat().st_mtime_ns for p in preview.out.rglob("*.html")}
    renamed = replace(content, settings={**content.settings, "site_name": "Renamed"})
    preview.build(renamed)
    for page, stamp in stamps.items():
        html = preview.out / page
        assert html.stat().st_mtime_ns != stamp
        assert "Renamed" in html.read_text("utf-8")
