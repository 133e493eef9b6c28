"""Ids across the plan's files, and the references to them, resolved once all are known.

Each id is defined where its entity is written (a goal's file name, an
account's `id`, a post's own or derived id); a second definition is an
error that names the first. References are collected while the entities are
built and resolved at the end, with a did-you-mean hint for a typo. A broken
item's id still counts, so one typo does not cascade into a page of
"unknown id" errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from generator.diagnostics import Location, Report, did_you_mean
from generator.load.document_fields import list_at
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments

KINDS = ("goal", "persona", "channel", "account", "content type", "campaign", "post")
# Kinds whose ids are defined in a file of another kind, and the Markdown ones
# whose files are named for their ids.
_DEFINED_IN = {"account": "audit", "content type": "content", "campaign": "calendar"}
_NAMED_FILES = ("goal", "persona", "channel")

# A reference as an item makes it: (kind, id, where in its document).
Reference = tuple[str, str, DataPath]


class Place(NamedTuple):
    """Where a value is written, found only when a message needs it: finding
    where a scalar sits can mean reading its file's marks again. (A tuple: a
    10k-post plan makes some 40,000 of them.)"""

    doc: SourceDoc | None
    data_path: DataPath = ()
    path: Path = Path(".")

    def location(self) -> Location:
        return self.doc.locate(self.data_path) if self.doc else Location(self.path)


def references_to(kind: str, ids: str | Iterable[str], data_path: DataPath) -> list[Reference]:
    """The references a field makes: one id (at the field) or a list (at each item)."""
    if isinstance(ids, str):
        return [(kind, ids, data_path)]
    return [(kind, entity_id, (*data_path, position)) for position, entity_id in enumerate(ids)]


class References:
    """The ids defined so far, by kind, and the references still to resolve."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.defined: dict[str, dict[str, Place]] = {kind: {} for kind in KINDS}
        self.pending: list[tuple[str, str, Place]] = []

    def define(self, kind: str, entity_id: str, place: Place) -> None:
        """Record an id where it is written; report it if it is already taken."""
        known = self.defined[kind]
        if entity_id in known:
            self.report.error(
                place.location(),
                f"duplicate {kind} id '{entity_id}'",
                f"already used at {known[entity_id].location()}; give one of them another id",
            )
            return
        known[entity_id] = place

    def refer(
        self, kind: str, ids: str | Iterable[str], doc: SourceDoc, data_path: DataPath
    ) -> None:
        self.add(doc, references_to(kind, ids, data_path))

    def add(self, doc: SourceDoc, references: Iterable[Reference]) -> None:
        self.pending.extend((kind, entity_id, Place(doc, at)) for kind, entity_id, at in references)

    def resolve(self, documents: PlanDocuments) -> None:
        """Report every reference to an unknown id.

        Ids defined in a file that is missing, unreadable or broken as a whole
        are unknown: stay quiet about them rather than bury the real error
        under follow-on ones.
        """
        uncertain = {
            kind
            for kind, file_kind in _DEFINED_IN.items()
            if documents.unreadable.get(file_kind) or documents.unusable(file_kind)
        }
        for kind in _NAMED_FILES:
            for path in documents.unreadable.get(kind, []):
                self.defined[kind].setdefault(path.stem, Place(None, path=path))
        for kind, entity_id, place in self.pending:
            known = self.defined[kind]
            if entity_id not in known and kind not in uncertain:
                hint = did_you_mean(entity_id, known) or (
                    f"known: {', '.join(sorted(known))}" if known else f"no {kind} is defined"
                )
                self.report.error(place.location(), f"unknown {kind} '{entity_id}'", hint)


def defined_items(
    kind: str, doc: SourceDoc, key: str, documents: PlanDocuments, references: References
) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """The valid items of the list `key` of a YAML file, with where each is.

    Every item's `id` is defined, a broken item's too: references to it must
    not add errors to its own.
    """
    for position, item in enumerate(list_at(doc.data, key)):
        where = (key, position)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            references.define(kind, item["id"], Place(doc, (*where, "id")))
        if documents.valid(doc, where):
            yield where, item
