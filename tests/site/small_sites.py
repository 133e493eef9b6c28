"""What the site's unit tests build: the pages of a small plan, as a build makes them."""

from __future__ import annotations

from pathlib import Path

from generator.build import pages_from_checked, settings_from_checked
from generator.feeds.calendars import feed_paths
from generator.pages.render import PageRenderer
from generator.pages.table_stash import TableStash
from generator.site.site_content import SiteContent
from tests.pages.small_plans import checked_plan


def site_content(
    tmp_path: Path, files: dict[str, str | None] | None = None, stash: str = "stash"
) -> SiteContent:
    """The SiteContent of the minimal plan with `files` replaced, its tables in `stash`,
    and empty files where its feeds go (which the pages link to)."""
    checked = checked_plan(tmp_path / "plan-root", files or {})
    renderer = PageRenderer(TableStash(tmp_path / stash))
    pages = pages_from_checked(checked, renderer)
    feeds = dict.fromkeys(feed_paths(checked.plan, checked.config).values(), b"")
    return SiteContent(pages, settings_from_checked(checked), renderer.stash, feeds)


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
