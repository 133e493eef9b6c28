"""The stages in order: read, check, model, then write. Nothing is written before
everything is known to be valid."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import background
from generator.assemble import plan_from_sources
from generator.checks import CheckContext, run_checks
from generator.checks.mix import mix_tables
from generator.config import load_config
from generator.diagnostics import Diagnostic, Location, PlanError, Report
from generator.feeds import build_feeds, build_time, feed_paths, write_feeds
from generator.feeds import remember_between_builds as remember_events
from generator.mkdocs_site import (
    LateFiles,
    PreviewSite,
    SiteBuildError,
    build_site,
    mkdocs_config,
    scratch_folder,
)
from generator.model import Plan, SiteConfig
from generator.pages import Page, navigation, render_pages
from generator.plan_files import read_plan
from generator.plan_files import remember_between_reads as remember_files
from generator.previous_feed import PreviousFeedError, read_previous_feed

# A confidential plan asks every crawler to stay out (and each page says noindex).
ROBOTS_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class Inputs:
    plan_dir: Path = Path("plan")
    config_file: Path = Path("site_config.yml")


@dataclass
class Checked:
    """A plan that passed validation, with the warnings found on the way."""

    plan: Plan
    config: SiteConfig
    context: CheckContext
    findings: list[Diagnostic]  # the plan checks' findings, for the health page
    report: Report = field(default_factory=Report)


def check_plan(inputs: Inputs) -> Checked:
    """Read and validate everything; raise PlanError with every problem found."""
    with _collector_paused():
        return _check_plan(inputs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a large plan creates millions of small objects and no cycles; the
    garbage collector's passes over them made reading time grow faster than the
    plan (a 50k-post plan read 4 times faster without them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_plan(inputs: Inputs) -> Checked:
    report = Report()
    config = load_config(inputs.config_file, report)
    if config is None:
        read_plan(inputs.plan_dir, report)  # still report the plan's own problems
        raise PlanError(report)
    sources = read_plan(inputs.plan_dir, report, config.max_file_bytes)
    plan = plan_from_sources(sources, config, report)
    if report.errors or plan is None:
        raise PlanError(report)
    context = CheckContext(plan, config)
    findings = run_checks(plan, config, context)
    report.extend(findings)
    if report.errors:
        raise PlanError(report)
    return Checked(plan, config, context, findings, report)


def build(
    inputs: Inputs,
    out: Path,
    strict: bool = False,
    previous: str | None = None,
    parallel: bool = True,
) -> Checked:
    """Check the plan, then write the site and feeds to `out` (replaced only on success).

    The feeds already published (in `out`, or `previous`: a folder or an .ics
    file) decide which events changed, so their SEQUENCE and DTSTAMP move
    only when the plan does. With `parallel`, the feeds are made in a forked
    process while this one renders the pages and runs MkDocs.
    """
    checked = check_plan(inputs)
    if strict and checked.report.warnings:
        raise PlanError(checked.report)
    published = _published_feed(checked, previous or str(out))
    with _site_errors_reported(checked, inputs):
        warnings = _write_site(checked, out.resolve(), strict, published, parallel)
    _report_mkdocs_warnings(checked, inputs, warnings)
    return checked


class Preview:
    """What `plansite serve` rebuilds after each edit, reusing what did not change.

    Files whose text did not change are not parsed or validated again, the
    events of unchanged posts are not built again, and only the pages whose
    Markdown changed go through MkDocs again (PreviewSite). The site is
    rebuilt in place in `folder`, which the preview serves.
    """

    def __init__(self, inputs: Inputs, folder: Path) -> None:
        self.inputs = inputs
        self._site = PreviewSite(folder)
        self.out = self._site.out

    def __enter__(self) -> Preview:
        remember_between_builds(True)
        return self

    def __exit__(self, *exc: object) -> None:
        remember_between_builds(False)

    def rebuild(self) -> Checked:
        checked = check_plan(self.inputs)
        plan, config = checked.plan, checked.config
        published = _published_feed(checked, str(self.out))
        feeds = build_feeds(plan, config, published, build_time())
        files = {feed.path: feed.body for feed in feeds} | _robots(config)
        with _site_errors_reported(checked, self.inputs):
            pages = _pages(checked, self._site.fragments)
            warnings = self._site.build(pages, _settings(checked), files)
        _report_mkdocs_warnings(checked, self.inputs, warnings)
        return checked


def remember_between_builds(on: bool) -> None:
    """Let the next build reuse what this one read and built (unchanged files,
    events of unchanged posts): for the preview, which rebuilds after every edit."""
    remember_files(on)
    remember_events(on)


def _published_feed(checked: Checked, where: str) -> bytes | None:
    """The combined feed as published in `where` (folder, file or URL), if any."""
    try:
        return read_previous_feed(where, feed_paths(checked.plan, checked.config)["all"])
    except PreviousFeedError as exc:
        checked.report.error(Location(Path(where)), str(exc), exc.hint)
        raise PlanError(checked.report) from None


@contextmanager
def _site_errors_reported(checked: Checked, inputs: Inputs) -> Iterator[None]:
    try:
        yield
    except SiteBuildError as exc:
        report = checked.report
        report.error(Location(inputs.config_file), f"the site could not be built: {exc}")
        raise PlanError(report) from None


def _report_mkdocs_warnings(checked: Checked, inputs: Inputs, warnings: list[str]) -> None:
    for message in warnings:
        checked.report.warning(Location(inputs.plan_dir), f"MkDocs: {message}")


def _pages(checked: Checked, fragments_folder: Path) -> list[Page]:
    context = checked.context
    return render_pages(
        checked.plan,
        checked.config,
        checked.findings,
        mix_tables(context),
        context.today,
        context.all_occurrences,
        fragments_folder=fragments_folder,
    )


def _settings(checked: Checked) -> dict[str, Any]:
    return mkdocs_config(checked.config, navigation(checked.plan, checked.config))


def _robots(config: SiteConfig) -> dict[str, bytes]:
    return {"robots.txt": ROBOTS_DISALLOW_ALL} if config.private else {}


def _write_site(
    checked: Checked, out: Path, strict: bool, published: bytes | None, parallel: bool
) -> list[str]:
    """The feeds on one side, the pages and MkDocs on the other; MkDocs' warnings."""
    plan, config = checked.plan, checked.config
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(out.parent) as folder:
        now = build_time()
        feeds = background.start(
            lambda: write_feeds(plan, config, published, now, folder), beside=parallel
        )
        try:
            late = LateFiles(list(feed_paths(plan, config).values()), folder, feeds.result)
            kept_out = folder / ".fragments"  # beside the feeds, which have no such path
            pages = _pages(checked, kept_out)
            settings = _settings(checked)
            return build_site(pages, settings, out, strict, _robots(config), late, kept_out)
        finally:
            feeds.cancel()
