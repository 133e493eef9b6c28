"""The report in the forms tools read: plain text, JSON, GitHub annotations."""

from __future__ import annotations

import json

from generator.diagnostics import Diagnostic, Report, display_path
from generator.load.control_characters import shown_in_terminal

FORMATS = ("text", "json", "github")


def as_text(report: Report) -> str:
    return "".join(d.format() + "\n" for d in report.sorted())


def as_json(report: Report) -> str:
    return (
        json.dumps(
            {
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "diagnostics": [_record(d) for d in report.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _record(diagnostic: Diagnostic) -> dict[str, object]:
    """One diagnostic for tools; its texts escaped as for a terminal, where JSON
    is often read too (json.dumps leaves DEL and the C1 controls raw)."""
    location = diagnostic.location
    return {
        "file": shown_in_terminal(display_path(location.path)),
        "line": location.line or None,
        "column": location.column or None,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code or None,
        "message": shown_in_terminal(diagnostic.message),
        "hint": shown_in_terminal(diagnostic.hint) or None,
    }


def as_github(report: Report) -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines."""
    lines = []
    for diagnostic in report.sorted():
        location = diagnostic.location
        properties = [f"file={_property(display_path(location.path))}"]
        if location.line:
            properties += [f"line={location.line}", f"col={location.column or 1}"]
        if diagnostic.code:
            properties.append(f"title={_property(diagnostic.code)}")
        message = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
        kind = "notice" if diagnostic.severity.value == "info" else diagnostic.severity.value
        lines.append(f"::{kind} {','.join(properties)}::{_data(message)}\n")
    return "".join(lines)


def _data(text: str) -> str:
    # GitHub's own escaping rules for workflow command data (actions/toolkit),
    # after the terminal's: a CI log shows escape sequences as a terminal does.
    safe = shown_in_terminal(text)
    return safe.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
