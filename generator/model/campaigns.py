"""Builds the campaigns of the calendar files: named periods that group posts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Report
from generator.load.document_fields import given
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import parse_date
from generator.model.entities import Campaign
from generator.model.references import References, defined_items


def campaigns_from_doc(
    doc: SourceDoc, documents: PlanDocuments, references: References, report: Report
) -> Iterator[Campaign]:
    for where, item in defined_items("campaign", doc, "campaigns", documents, references):
        yield campaign_from_item(item, doc, where, report)


def campaign_from_item(
    item: dict[str, Any], doc: SourceDoc, where: DataPath, report: Report
) -> Campaign:
    """The campaign; one that ends before it starts is reported."""
    start, end = parse_date(item["start"]), parse_date(item["end"])
    if end < start:
        report.error(
            doc.locate((*where, "end")),
            f"campaign '{item['id']}' ends before it starts",
            "swap 'start' and 'end'",
        )
    return Campaign(
        id=item["id"],
        name=item["name"],
        start=start,
        end=end,
        source=doc.locate(where),
        **given(item, "goals", "channels", "utm_campaign", "description"),
    )
