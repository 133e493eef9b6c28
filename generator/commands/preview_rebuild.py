"""What `plansite serve` rebuilds after each edit: the build's stages, reusing what
did not change since the last rebuild."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.build import (
    KeptTemplates,
    files_beside_pages,
    pages_from_checked,
    published_feed,
    report_mkdocs_warnings,
    settings_from_checked,
    site_errors_reported,
    unreadable_previous_feed,
)
from generator.check import Checked, Inputs, check_plan
from generator.diagnostics import PlanError
from generator.feeds.calendars import build_feeds, build_time
from generator.feeds.kept_events import KeptEvents
from generator.feeds.previous_publication import PreviousFeedError
from generator.load.kept_files import KeptFiles
from generator.pages.html_rows import KeptCells
from generator.pages.render import PageRenderer
from generator.pages.table_stash import TableStash
from generator.runtime.garbage_collector import collected_at_the_end
from generator.site.media_copies import media_of_plan
from generator.site.preview_site import PreviewSite
from generator.site.site_content import SiteContent


class Preview:
    """What `plansite serve` rebuilds after each edit, reusing what did not change.

    Files whose text did not change are not parsed or validated again, the
    events of unchanged posts are not built again, and only the pages whose
    Markdown changed go through MkDocs again (PreviewSite); the templates
    stay compiled and the cells of unchanged posts stay made (PageRenderer).
    The site is built beside the one served, in `folder`, and `out` names
    the new one once it is whole.
    """

    def __init__(self, inputs: Inputs, folder: Path) -> None:
        self.inputs = inputs
        templates = KeptTemplates()
        self._site = PreviewSite(folder, templates.theme)
        self._pages = PageRenderer(TableStash(folder / "fragments"), templates.pages, KeptCells())
        self._files = KeptFiles()
        self._events = KeptEvents()

    @property
    def out(self) -> Path:
        """The folder of the last site built whole: the one to serve."""
        return self._site.out

    def rebuild(self) -> Checked:
        """The plan checked and its site built; `out` is left as it was when the plan
        has errors or the build fails in any way."""
        try:
            with collected_at_the_end():
                return self._rebuild()
        except PlanError:
            raise
        except Exception:
            self._start_afresh()
            raise

    def _start_afresh(self) -> None:
        """After a failure nobody foresaw, trust nothing kept from earlier rebuilds:
        the next one reads, renders and builds everything again."""
        self._files = KeptFiles()
        self._pages = replace(self._pages, kept_cells=KeptCells())
        self._events = KeptEvents()
        self._site.start_afresh()

    def _rebuild(self) -> Checked:
        checked = check_plan(self.inputs, self._files)
        plan, config = checked.plan, checked.config
        try:
            published = published_feed(plan, config, str(self.out), given=False)
        except PreviousFeedError as exc:
            raise unreadable_previous_feed(checked.report, str(self.out), False, exc) from None
        feeds = build_feeds(plan, config, published, build_time(), self._events)
        beside = files_beside_pages(plan, config, checked.context.all_occurrences)
        files = {feed.path: feed.body for feed in feeds} | beside
        with site_errors_reported(checked, self.inputs):
            pages = pages_from_checked(checked, self._pages)
            settings = settings_from_checked(checked)
            media = media_of_plan(plan, self.inputs.plan_dir)
            content = SiteContent(pages, settings, self._pages.stash, files, media=media)
            warnings = self._site.build(content)
        report_mkdocs_warnings(checked, self.inputs, warnings)
        return checked
