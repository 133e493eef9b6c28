"""The plan as it would be with a new entry, checked before the entry is written.

`plansite new` writes only what `plansite check` accepts: an unknown channel,
a campaign ending before it starts or an id clashing across kinds are found
by the whole plan's check, not by the entry's schema. So the plan is copied
into a scratch folder, the new text put in its file, and the copy checked
like any plan; its problems are reported at the real files' places, and the
real plan is not touched until the copy passes.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import tempfile
from pathlib import Path

from generator.check import Inputs, check_plan
from generator.diagnostics import Diagnostic, PlanError, Report


class EntryWouldNotCheck(Exception):
    """The plan with the new entry has errors; nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


def check_with_entry(plan_dir: Path, config_file: Path, target: Path, text: str) -> Report:
    """The report of `plansite check` on the plan with `target` holding `text`;
    raise EntryWouldNotCheck when it has errors."""
    with tempfile.TemporaryDirectory(prefix="plansite-new-") as scratch:
        copy = Path(scratch) / "plan"
        shutil.copytree(plan_dir, copy, symlinks=True, copy_function=_copy_regular)
        staged = copy / target.relative_to(plan_dir)
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.unlink(missing_ok=True)
        staged.write_bytes(text.encode("utf-8"))  # its line ends as they will be written
        try:
            report = check_plan(Inputs(copy, config_file)).report
        except PlanError as exc:
            report = exc.report
        report = Report([_moved(problem, copy, plan_dir) for problem in report.diagnostics])
    if report.errors:
        raise EntryWouldNotCheck(report)
    return report


def _copy_regular(source: str, destination: str) -> None:
    """A regular file is copied; anything else (a named pipe, a socket) would
    block or fail the copy, so it becomes a link to itself, which the check
    refuses as a file outside the plan, as it refuses the original."""
    if stat.S_ISREG(os.stat(source).st_mode):
        shutil.copy2(source, destination)
    else:
        os.symlink(os.path.abspath(source), destination)


def _moved(problem: Diagnostic, copy: Path, plan_dir: Path) -> Diagnostic:
    """The problem at its place in the real plan rather than in the copy; a path of
    the copy its words name (a file to create, say) is the real plan's too."""
    message = problem.message.replace(str(copy), str(plan_dir))
    hint = problem.hint.replace(str(copy), str(plan_dir))
    problem = dataclasses.replace(problem, message=message, hint=hint)
    path = problem.location.path
    if not path.is_relative_to(copy):
        return problem  # site_config.yml, read where it is
    location = dataclasses.replace(problem.location, path=plan_dir / path.relative_to(copy))
    return dataclasses.replace(problem, location=location)
