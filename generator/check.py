"""The first half of the pipeline: read -> model -> check. All `plansite check` needs.

Kept apart from the half that writes (build.py), so that checking a plan
imports neither MkDocs nor icalendar: for a plan of a few hundred posts,
importing them took longer than the check itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import RULES_BY_CODE, CheckContext, findings_from_plan
from generator.diagnostics import Diagnostic, PlanError, Report
from generator.load.kept_files import KeptFiles
from generator.load.plan_folder import read_plan_folder
from generator.load.site_config import read_config
from generator.model.assemble import plan_from_documents
from generator.model.entities import Plan
from generator.model.settings import SiteConfig
from generator.runtime.garbage_collector import collector_paused


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


def check_plan(inputs: Inputs, kept: KeptFiles | None = None) -> Checked:
    """Read and validate everything; raise PlanError with every problem found.

    The preview passes what it `kept` of the last read (read_plan()).
    """
    return check_model(read_plan(inputs, kept=kept))


@dataclass
class Read:
    """A plan read and validated, its model built, not yet checked."""

    plan: Plan
    config: SiteConfig
    report: Report


def read_plan(inputs: Inputs, parallel: bool = True, kept: KeptFiles | None = None) -> Read:
    """Read and validate every file and build the model; raise PlanError on errors.

    With `parallel`, large calendars are read on both cores (load/plan_folder.py).
    The preview passes what it `kept` of the last read, which reuses the files
    that did not change and the posts made of them.
    """
    with collector_paused():
        report = Report()
        config = read_config(inputs.config_file, report, RULES_BY_CODE)
        if config is None:
            read_plan_folder(inputs.plan_dir, report)  # still report the plan's own problems
            raise PlanError(report)
        documents = read_plan_folder(inputs.plan_dir, report, config.max_file_bytes, parallel, kept)
        plan = plan_from_documents(documents, config, report, kept)
        if report.errors or plan is None:
            raise PlanError(report)
        return Read(plan, config, report)


def check_model(read: Read) -> Checked:
    """Run the plan checks on a model; raise PlanError if one finds an error."""
    with collector_paused():
        context = CheckContext(read.plan, read.config)
        findings = findings_from_plan(read.plan, read.config, context)
        read.report.extend(findings)
        if read.report.errors:
            raise PlanError(read.report)
        return Checked(read.plan, read.config, context, findings, read.report)
