"""The pipeline: read -> check (check.py) -> write pages, feeds and site.

Nothing is published before everything is known to be valid: a build writes
into a scratch folder (the feeds start there while the checks still run) and
swaps it in at the end. The preview (commands/preview_rebuild.py) runs the
same stages, reusing what did not change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.check import (
    Checked,
    Inputs,
    Read,
    check_model,
    check_plan,
    read_plan,
)
from generator.diagnostics import Location, PlanError, Report
from generator.feeds.calendars import build_time, feed_paths, write_feeds
from generator.feeds.previous_publication import PreviousFeedError, read_previous_feed
from generator.model.channel_colours import channel_colours
from generator.model.entities import Plan
from generator.model.occurrences import Occurrence
from generator.model.settings import SiteConfig
from generator.pages.calendar_data_scripts import calendar_data_scripts
from generator.pages.channel_stylesheet import CHANNEL_STYLESHEET, channel_stylesheet
from generator.pages.page_context import PageContext
from generator.pages.page_templates import PageTemplates
from generator.pages.render import Page, PageRenderer, render_pages
from generator.pages.site_map import SiteAddresses, navigation_from_plan
from generator.pages.table_stash import TableStash
from generator.runtime import forked
from generator.runtime.garbage_collector import model_frozen
from generator.site.compiled_templates import CompiledTemplates
from generator.site.media_copies import media_of_plan
from generator.site.mkdocs_run import SiteBuildError
from generator.site.output_folder import OutputRefused, check_output_folder
from generator.site.scratch_build import build_site, scratch_folder
from generator.site.site_content import LateFiles, SiteContent
from generator.site.site_footer import FOOTER_EXTRA, footer_from_plan
from generator.site.site_settings import settings_from_config

__all__ = ["Checked", "Inputs", "KeptTemplates", "build", "check_plan"]

# A confidential plan asks every crawler to stay out (and each page says noindex).
ROBOTS_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class KeptTemplates:
    """The templates a build compiles: ours for the pages, the theme's for MkDocs.

    Compiling them is a large part of a small plan's build. A build that is
    given none compiles its own; whoever builds again in the same process
    (the preview after every edit, the benchmark after its warm-up) keeps
    one and hands it to each build.
    """

    pages: PageTemplates = field(default_factory=PageTemplates)
    theme: CompiledTemplates = field(default_factory=CompiledTemplates)


def build(
    inputs: Inputs,
    out: Path,
    strict: bool = False,
    previous: str | None = None,
    parallel: bool = True,
    templates: KeptTemplates | None = None,
    offline: bool = False,
) -> Checked:
    """Check the plan, then write the site and feeds to `out` (replaced only on success).

    The feeds already published (in `out`, or `previous`: a folder, an .ics
    file or a URL) decide which events changed, so their SEQUENCE and
    DTSTAMP move only when the plan does. With `parallel`, large calendars
    are read on both cores, and the feeds are made in a forked process from
    the moment the model is built, while this one runs the plan checks,
    renders the pages and runs MkDocs; a failed check stops them, and they
    are written only into the scratch folder. Without it, everything runs
    here, one stage after the other (the benchmark times stages that way).
    `templates` are those an earlier build of this process compiled.
    `offline` builds a copy that opens from a folder or a zip, without a server.

    `out` must be a folder a build may replace (output_folder.py): that is
    checked before anything else, and again just before the swap.
    """
    with _refused_output_reported(out):
        real_out = check_output_folder(out, inputs.plan_dir, inputs.config_file)
    read = read_plan(inputs, parallel)
    where = previous or str(out)
    out = real_out
    out.parent.mkdir(parents=True, exist_ok=True)
    with model_frozen(), scratch_folder(out.parent) as folder:
        work = functools.partial(
            _write_feeds, read, where, previous is not None, build_time(), folder
        )
        try:
            with forked.started(work, beside=parallel) as feeds:
                checked = check_model(read)
                if strict and checked.report.warnings:
                    raise PlanError(checked.report)
                with site_errors_reported(checked, inputs), _refused_output_reported(out, read):
                    kept = templates or KeptTemplates()
                    warnings = _write_site(
                        checked, out, strict, folder, feeds.result, kept, offline, inputs.plan_dir
                    )
        except PreviousFeedError as exc:
            raise unreadable_previous_feed(read.report, where, previous is not None, exc) from None
        except forked.JobDied as exc:
            read.report.error(
                Location(inputs.plan_dir),
                f"the process making the feeds stopped (exit code {exc.exit_code}); "
                "nothing was written",
                "build again; if the machine ran out of memory, free some or build on a larger one",
            )
            raise PlanError(read.report) from None
    report_mkdocs_warnings(checked, inputs, warnings)
    return checked


@contextmanager
def _refused_output_reported(out: Path, read: Read | None = None) -> Iterator[None]:
    """An output folder a build may not replace, as an error of the build."""
    try:
        yield
    except OutputRefused as exc:
        report = read.report if read else Report()
        report.error(Location(out), exc.message, exc.hint)
        raise PlanError(report) from None


def _write_feeds(read: Read, where: str, given: bool, now: datetime, folder: Path) -> None:
    """Every feed into `folder`, against what is published in `where` (`given` with
    --previous, or the output folder)."""
    published = published_feed(read.plan, read.config, where, given)
    write_feeds(read.plan, read.config, published, now, folder)


def published_feed(plan: Plan, config: SiteConfig, where: str, given: bool) -> bytes | None:
    """The combined feed as published in `where` (folder, file or URL), if any; a
    place `given` with --previous must hold one."""
    return read_previous_feed(where, feed_paths(plan, config)["all"], given, config.feed_secret)


def unreadable_previous_feed(
    report: Report, where: str, given: bool, exc: PreviousFeedError
) -> PlanError:
    # What --previous names may be a URL (no path) or hold a private plan's
    # secret (the message shows it without): the option stands for it.
    report.error(Location(Path("--previous") if given else Path(where)), str(exc), exc.hint)
    return PlanError(report)


@contextmanager
def site_errors_reported(checked: Checked, inputs: Inputs) -> Iterator[None]:
    try:
        yield
    except SiteBuildError as exc:
        report = checked.report
        report.error(Location(inputs.config_file), f"the site could not be built: {exc}")
        raise PlanError(report) from None


def report_mkdocs_warnings(checked: Checked, inputs: Inputs, warnings: list[str]) -> None:
    for message in warnings:
        checked.report.warning(Location(inputs.plan_dir), f"MkDocs: {message}")


def pages_from_checked(
    checked: Checked, renderer: PageRenderer, offline: bool = False
) -> list[Page]:
    """The site's pages, rendered from the checked plan and what its checks found."""
    return render_pages(page_context_from_checked(checked, offline), renderer)


def page_context_from_checked(checked: Checked, offline: bool = False) -> PageContext:
    """What the pages show, from the plan and what the checks made of it; `offline`
    for a copy opened from files, whose pages are files rather than folders."""
    plan, config, context = checked.plan, checked.config, checked.context
    return PageContext(
        plan,
        config,
        checked.findings,
        context.mix_tables,
        checked.plan.today,
        context.all_occurrences,
        feed_paths(plan, config),
        directory_urls=not offline,
    )


def settings_from_checked(checked: Checked, offline: bool = False) -> dict[str, Any]:
    """MkDocs' settings for the plan's site, with the words of its footer."""
    plan, config = checked.plan, checked.config
    settings = settings_from_config(config, navigation_from_plan(plan, config), offline)
    settings.setdefault("extra", {})[FOOTER_EXTRA] = footer_from_plan(plan, config)
    return settings


def files_beside_pages(
    plan: Plan, config: SiteConfig, occurrences: Sequence[Occurrence], offline: bool = False
) -> dict[str, bytes]:
    """The files MkDocs copies as they are: the channels' colours, the calendar's
    months as scripts (for what the browser lists from the reader's clock), and
    robots.txt for a confidential plan. `offline`: the scripts link to pages
    that are files, as the rest of such a copy does."""
    files = {CHANNEL_STYLESHEET: channel_stylesheet(plan, channel_colours(plan.channels))}
    files |= calendar_data_scripts(plan, occurrences, SiteAddresses(directory_urls=not offline))
    if config.private:
        files["robots.txt"] = ROBOTS_DISALLOW_ALL
    return files


def _write_site(
    checked: Checked,
    out: Path,
    strict: bool,
    folder: Path,
    feeds_ready: Callable[[], object],
    templates: KeptTemplates,
    offline: bool,
    plan_dir: Path,
) -> list[str]:
    """The pages and MkDocs into `folder`, then the feeds once ready, and the posts'
    media (site/media_copies.py); MkDocs' warnings."""
    plan, config = checked.plan, checked.config
    late = LateFiles(list(feed_paths(plan, config).values()), folder, feeds_ready)
    stash = TableStash(folder / ".fragments")  # beside the feeds, which have no such path
    pages = pages_from_checked(checked, PageRenderer(stash, templates.pages), offline)
    files = files_beside_pages(plan, config, checked.context.all_occurrences, offline)
    settings = settings_from_checked(checked, offline)
    media = media_of_plan(plan, plan_dir)
    content = SiteContent(pages, settings, stash, files, late, media)
    return build_site(content, out, strict, templates.theme)
