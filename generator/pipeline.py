"""The stages in order: read, check, model, then write. Nothing is written before
everything is known to be valid."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import background
from generator.assemble import plan_from_sources
from generator.checks import CheckContext, run_checks
from generator.checks.mix import mix_tables
from generator.config import load_config
from generator.diagnostics import Diagnostic, Location, PlanError, Report
from generator.feeds import build_time, feed_paths, remembering, write_feeds
from generator.feeds import remember_between_builds as remember_events
from generator.mkdocs_site import (
    LateFiles,
    SiteBuildError,
    build_site,
    mkdocs_config,
    scratch_folder,
)
from generator.model import Plan, SiteConfig
from generator.pages import navigation, render_pages
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


def remember_between_builds(on: bool) -> None:
    """Let the next build reuse what this one read and built (unchanged files,
    events of unchanged posts): for the preview, which rebuilds after every edit."""
    remember_files(on)
    remember_events(on)


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
    feed_path = feed_paths(checked.plan, checked.config)["all"]
    try:
        published = read_previous_feed(previous or str(out), feed_path)
    except PreviousFeedError as exc:
        checked.report.error(Location(Path(previous or out)), str(exc), exc.hint)
        raise PlanError(checked.report) from None
    try:
        warnings = _write_site(checked, out.resolve(), strict, published, parallel)
    except SiteBuildError as exc:
        report = checked.report
        report.error(Location(inputs.config_file), f"the site could not be built: {exc}")
        raise PlanError(report) from None
    for message in warnings:
        checked.report.warning(Location(inputs.plan_dir), f"MkDocs: {message}")
    return checked


def _write_site(
    checked: Checked, out: Path, strict: bool, published: bytes | None, parallel: bool
) -> list[str]:
    """Feeds on one side, pages and MkDocs on the other; MkDocs' warnings.

    The preview keeps events between builds in this process, so it makes the
    feeds here, before the pages, instead of in a forked process.
    """
    plan, config, context = checked.plan, checked.config, checked.context
    files = {"robots.txt": ROBOTS_DISALLOW_ALL} if config.private else {}
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(out.parent) as folder:
        now = build_time()
        feeds = background.start(
            lambda: write_feeds(plan, config, published, now, folder),
            beside=parallel and not remembering(),
        )
        try:
            pages = render_pages(
                plan,
                config,
                checked.findings,
                mix_tables(context),
                context.today,
                context.all_occurrences,
            )
            settings = mkdocs_config(config, navigation(plan, config))
            late = LateFiles(list(feed_paths(plan, config).values()), folder, feeds.result)
            return build_site(pages, settings, out, strict, files, late)
        finally:
            feeds.cancel()
