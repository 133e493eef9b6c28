"""Ids across the plan's files, and the references to them, resolved once all are known.

Each id is defined where its entity is written (a goal's file name, an
account's `id`, a post's own or derived id); a second definition is an
error that names the first. References are collected from every item and
resolved at the end, with a did-you-mean hint for a typo. A broken item's
id still counts, so one typo does not cascade into a page of "unknown id"
errors; and its references are still checked, so that a post with a date
that is not a date and an unknown channel reports both in one run (each
reference from a field that has no schema problem of its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from generator.diagnostics import Location, Report, did_you_mean, display_path
from generator.load.document_fields import list_at
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import ENTITY_FOLDERS, PlanDocuments
from generator.load.validation import network_names
from generator.model.ids import SLUG

KINDS = ("goal", "persona", "channel", "account", "content type", "campaign", "post", "experiment")
# A persona's `channels` entry: a channel id, or (what the field held before
# personas had `networks`) a network name, read as such with a warning.
PERSONA_CHANNEL = "persona channel"
_FOLDER_OF = {kind: folder for folder, kind in ENTITY_FOLDERS.items()}
# Kinds whose ids are defined in a file of another kind, and the Markdown ones
# whose files are named for their ids.
_DEFINED_IN = {
    "account": "audit",
    "content type": "content",
    "campaign": "calendar",
    "experiment": "measurement",
}
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
            if kind == PERSONA_CHANNEL:
                self._resolve_persona_channel(entity_id, place, documents)
            elif entity_id not in self.defined[kind] and kind not in uncertain:
                self._report_unknown(kind, entity_id, place, documents)

    def _report_unknown(
        self, kind: str, entity_id: str, place: Place, documents: PlanDocuments
    ) -> None:
        known = self.defined[kind]
        close = did_you_mean(entity_id, known)
        listed = f"known: {', '.join(sorted(known))}" if known else f"no {kind} is defined"
        hint = close or listed
        if kind in _FOLDER_OF:  # an entity of its own file: say which file makes one
            new_file = display_path(documents.root / _FOLDER_OF[kind] / f"{entity_id}.md")
            hint += f"{' or' if close else '; or' if known else ':'} create {new_file}"
        self.report.error(place.location(), f"unknown {kind} '{entity_id}'", hint)

    def _resolve_persona_channel(
        self, entity_id: str, place: Place, documents: PlanDocuments
    ) -> None:
        """A channel id; a network name there is the old meaning of the field, kept
        working (with a warning) so that a plan written for it still builds."""
        if entity_id in self.defined["channel"]:
            return
        if entity_id in network_names():
            self.report.warning(
                place.location(),
                f"'{entity_id}' is a network, not a channel id: a persona's 'channels' "
                "lists channels, its 'networks' the networks where the audience is",
                f"move it to 'networks: [{entity_id}]'",
            )
            return
        self._report_unknown("channel", entity_id, place, documents)


def defined_items(
    kind: str, doc: SourceDoc, key: str, documents: PlanDocuments, references: References
) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """The valid items of the list `key` of a YAML file, with where each is.

    Every item's `id` is defined, and its references recorded, a broken
    item's too: references to it must not add errors to its own, and its own
    must be reported with its other problems.
    """

    for position, item in enumerate(list_at(doc.data, key)):
        where = (key, position)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            references.define(kind, item["id"], Place(doc, (*where, "id")))
        refer_item(references, documents, doc, kind, item, where)
        if documents.valid(doc, where):
            yield where, item


# For each kind of item, its fields that name other entities, and their kind.
# A field holds one id, a list of ids, or a mapping keyed by ids (a channel's mix).
REFERENCE_FIELDS: dict[str, dict[str, str]] = {
    "goal": {"channels": "channel", "personas": "persona"},
    "persona": {"channels": PERSONA_CHANNEL},
    "channel": {
        "account": "account",
        "personas": "persona",
        "goals": "goal",
        "mix": "content type",
    },
    "post": {"channel": "channel", "type": "content type", "campaign": "campaign"},
    "campaign": {"goals": "goal", "channels": "channel"},
    "content type": {"audience": "persona"},
    "experiment": {"channel": "channel"},
}


def refer_item(
    references: References,
    documents: PlanDocuments,
    doc: SourceDoc,
    item_kind: str,
    item: object,
    where: DataPath = (),
) -> None:
    """Record the references of the item at `where` in `doc` (a whole Markdown
    entity at ()), broken or not."""
    references.add(doc, references_of_item(documents, doc, item_kind, item, where))


def references_of_item(
    documents: PlanDocuments, doc: SourceDoc, item_kind: str, item: object, where: DataPath
) -> Iterator[Reference]:
    """The references an item makes, from each field the schema found no problem in."""
    if not isinstance(item, dict):
        return
    found = [
        (kind, entity_id, at)
        for field, kind in REFERENCE_FIELDS.get(item_kind, {}).items()
        for entity_id, at in _ids_in(item.get(field), (*where, field))
    ]
    if item_kind == "post":
        found += _result_references(item, where)
    if item_kind == "goal":
        found += _goal_source_references(item, where)
    yield from ((kind, entity_id, at) for kind, entity_id, at in found if documents.valid(doc, at))


def _result_references(item: dict[str, Any], where: DataPath) -> Iterator[Reference]:
    """What a post's results fields name: the experiment it takes part in. The
    channels `published` gives a place for are not references of their own: each
    must be one of the post's channels (model/posts.py says so at its line), and
    those are."""
    experiment = item.get("experiment")
    if isinstance(experiment, dict) and isinstance(experiment.get("id"), str):
        yield from _tagged("experiment", _ids_in(experiment["id"], (*where, "experiment", "id")))


def _goal_source_references(item: dict[str, Any], where: DataPath) -> Iterator[Reference]:
    """The campaigns and channels whose results a goal's metric is computed from."""
    metric = item.get("metric")
    source = metric.get("source") if isinstance(metric, dict) else None
    if not isinstance(source, dict):
        return
    at = (*where, "metric", "source")
    yield from _tagged("campaign", _ids_in(source.get("campaigns"), (*at, "campaigns")))
    yield from _tagged("channel", _ids_in(source.get("channels"), (*at, "channels")))


def _tagged(kind: str, ids: Iterable[tuple[str, DataPath]]) -> Iterator[Reference]:
    return ((kind, entity_id, at) for entity_id, at in ids)


def _ids_in(value: Any, at: DataPath) -> Iterator[tuple[str, DataPath]]:
    """The ids a field holds, each with where it is written; what is not an id has
    its schema problem already."""
    if isinstance(value, str):
        if SLUG.match(value):
            yield value, at
    elif isinstance(value, list):
        for position, entity_id in enumerate(value):
            if isinstance(entity_id, str) and SLUG.match(entity_id):
                yield entity_id, (*at, position)
    elif isinstance(value, dict):
        for entity_id in value:
            if SLUG.match(entity_id):
                yield entity_id, (*at, entity_id)
