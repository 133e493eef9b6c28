"""The stages in order: read, check, model, then write. Nothing is written before
everything is known to be valid."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.assemble import plan_from_sources
from generator.config import load_config
from generator.diagnostics import Location, PlanError, Report
from generator.mkdocs_site import SiteBuildError, build_site, mkdocs_config
from generator.model import Plan, SiteConfig
from generator.pages import navigation, render_pages
from generator.plan_files import read_plan


@dataclass(frozen=True)
class Inputs:
    plan_dir: Path = Path("plan")
    config_file: Path = Path("site_config.yml")


@dataclass
class Checked:
    """A plan that passed validation, with the warnings found on the way."""

    plan: Plan
    config: SiteConfig
    report: Report = field(default_factory=Report)


def check_plan(inputs: Inputs) -> Checked:
    """Read and validate everything; raise PlanError with every problem found."""
    report = Report()
    config = load_config(inputs.config_file, report)
    sources = read_plan(inputs.plan_dir, report)
    plan = plan_from_sources(sources, config, report) if config is not None else None
    if report.errors or plan is None or config is None:
        raise PlanError(report)
    return Checked(plan, config, report)


def build(inputs: Inputs, out: Path, strict: bool = False) -> Checked:
    """Check the plan, then write the site to `out` (replaced only on success)."""
    checked = check_plan(inputs)
    if strict and checked.report.warnings:
        raise PlanError(checked.report)
    pages = render_pages(checked.plan, checked.config)
    settings = mkdocs_config(checked.config, navigation(checked.plan, checked.config))
    try:
        warnings = build_site(pages, settings, out, strict)
    except SiteBuildError as exc:
        checked.report.error(Location(inputs.config_file), f"the site could not be built: {exc}")
        raise PlanError(checked.report) from None
    for message in warnings:
        checked.report.warning(Location(inputs.plan_dir), f"MkDocs: {message}")
    return checked
