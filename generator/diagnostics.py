"""Problems found in a plan, reported the way compilers do: file, line, column, fix."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.load.control_characters import shown_in_terminal


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # A finding the team has acknowledged: shown on the health page and by
    # `check`, but it fails neither a build nor --strict.
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a plan file; line and column start at 1, 0 means unknown."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        shown = display_path(self.path)
        if self.line:
            return f"{shown}:{self.line}:{self.column or 1}"
        return shown


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    message: str
    hint: str = ""
    code: str = ""  # a plan check's stable code, e.g. PS105; empty for format errors
    # The step of the plan (1 to 6) a plan check's finding belongs to, for the
    # health page; 0 for the rest. Carried, not read from the code: PS206 is
    # step 3 and PS508 step 6, and renumbering would break every `checks:`.
    step: int = 0

    def format(self) -> str:
        """The one line people read, with nothing in it a terminal would act on."""
        text = f"{self.location}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return shown_in_terminal(f"{text} [{self.code}]" if self.code else text)


@dataclass
class Report:
    """Collects every problem of a run so that all of them are shown at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(location, Severity.ERROR, message, hint))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(location, Severity.WARNING, message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """Problems in file and line order, the order people fix them in."""
        return sorted(self.diagnostics, key=lambda d: (d.location, d.message))

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.INFO]

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        text = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        return f"{text}, {plural(len(self.notes), 'note')}" if self.notes else text


class PlanError(Exception):
    """Raised when a plan cannot be built; carries every problem found."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest valid value, or an empty string when none is close."""
    matches = difflib.get_close_matches(wrong, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def display_path(path: Path) -> str:
    """The path relative to the working directory when it is below it: shorter and clickable."""
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return str(absolute.relative_to(here)) if absolute.is_relative_to(here) else str(path)
