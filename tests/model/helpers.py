"""Small documents for the model's unit tests: YAML text in, what the builders take out."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.diagnostics import Report
from generator.load.marked_yaml import DataPath, SourceDoc, parse_yaml
from generator.load.plan_documents import PlanDocuments
from generator.model.references import References

ROOT = Path("plan")


def document(text: str, name: str = "calendar/q1.yml") -> SourceDoc:
    return parse_yaml(textwrap.dedent(text), ROOT / name)


def documents_of(
    *docs: SourceDoc, broken: dict[Path, list[DataPath]] | None = None
) -> PlanDocuments:
    """The documents of a plan holding `docs` (calendar files unless named otherwise),
    with schema problems at `broken`."""
    documents = PlanDocuments(root=ROOT, broken=broken or {})
    for doc in docs:
        kind = doc.path.parent.name
        if kind == "calendar":
            documents.calendars.append(doc)
        elif kind in ("goals", "personas", "channels"):
            documents.entities.setdefault(kind[:-1], []).append(doc)
        else:
            documents.singles[doc.path.stem] = doc
    return documents


def messages(report: Report) -> list[str]:
    return [diagnostic.format() for diagnostic in report.diagnostics]


def references(report: Report | None = None) -> References:
    return References(report if report is not None else Report())
