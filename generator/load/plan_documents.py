"""The documents of a plan: every file read, by kind, and where its schema problems lie.

This is what load/ gives the model. A file that could not be read is listed
as unreadable (the ids it would define are unknown, not missing); a file
that was read keeps the places of its schema problems, so that the model
leaves out just the broken item (one post, one account) and builds the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.results.result_rows import ResultFile
from generator.model.media import MediaFile

# The kind of each file decides which schema checks it.
SINGLE_FILES = {
    "plan.md": "plan",
    "audit.yml": "audit",
    "content.yml": "content",
    "inspiration.yml": "inspiration",
    "measurement.yml": "measurement",
}
REQUIRED_FILES = ("plan.md", "audit.yml")
ENTITY_FOLDERS = {"goals": "goal", "personas": "persona", "channels": "channel"}
CALENDAR_FOLDER = "calendar"
FOLDERS = (*ENTITY_FOLDERS, CALENDAR_FOLDER)


@dataclass
class PlanDocuments:
    """Every readable file of a plan, by kind; Markdown entities also keep their body."""

    root: Path
    singles: dict[str, SourceDoc] = field(default_factory=dict)
    entities: dict[str, list[SourceDoc]] = field(default_factory=dict)
    calendars: list[SourceDoc] = field(default_factory=list)
    bodies: dict[Path, str] = field(default_factory=dict)
    # Files that could not be read or parsed, by kind: their ids are unknown.
    unreadable: dict[str, list[Path]] = field(default_factory=dict)
    # Where each file's schema problems lie: () is the file as a whole.
    broken: dict[Path, list[DataPath]] = field(default_factory=dict)
    # The exports of plan/results/, read but not yet matched to posts.
    results: list[ResultFile] = field(default_factory=list)
    # The files of plan/media/, each read once (load/media_folder.py).
    media: list[MediaFile] = field(default_factory=list)

    def valid(self, doc: SourceDoc, data_path: DataPath = ()) -> bool:
        """True when no schema problem lies at or below `data_path`, nor at the file itself."""
        for bad in self.broken.get(doc.path, ()):
            if bad == () or bad[: len(data_path)] == data_path:
                return False
        return True

    def unusable(self, file_kind: str) -> bool:
        """True when a required file is missing or a file is broken as a whole."""
        if file_kind == "calendar":
            docs = self.calendars
        else:
            single = self.singles.get(file_kind)
            if single is None:
                return f"{file_kind}.yml" in REQUIRED_FILES
            docs = [single]
        return any(() in self.broken.get(doc.path, ()) for doc in docs)

    def valid_data(self, file_kind: str) -> dict[str, Any]:
        """A single file's data when it has no schema problem; an absent or broken
        file counts as empty (its problems are reported already)."""
        doc = self.singles.get(file_kind)
        if doc is None or not self.valid(doc) or not isinstance(doc.data, dict):
            return {}
        return doc.data
