"""Builds content.yml: the content types and the rule of the content mix."""

from __future__ import annotations

from typing import Any

from generator.load.document_fields import given
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.model.entities import ContentMix, ContentType
from generator.model.references import References, defined_items


def content_types_from_doc(
    doc: SourceDoc, documents: PlanDocuments, references: References
) -> tuple[ContentType, ...]:
    types = []
    for where, item in defined_items("content type", doc, "types", documents, references):
        types.append(content_type_from_item(item, doc, where))
    return tuple(types)


def content_type_from_item(item: dict[str, Any], doc: SourceDoc, where: DataPath) -> ContentType:
    return ContentType(
        id=item["id"],
        name=item["name"],
        source=doc.locate(where),
        **given(item, "share", "purpose", "audience", "frequency", "creator", "promotion"),
    )


def content_mix_from_data(data: dict[str, Any]) -> ContentMix:
    """The mix's rule and tolerance; `data` is content.yml's, empty when it is broken."""
    return ContentMix(**given(data.get("mix", {}), "rule", "tolerance"))
