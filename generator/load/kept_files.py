"""What the preview keeps of the plan's files from one read to the next.

`plansite serve` reads the plan again after every edit, and most files did
not change: parsing and validating thousands of unchanged posts again was
most of a rebuild's reading, and making their posts again would give new
objects where the pages and feeds recognise the old ones. The preview makes
one KeptFiles and passes it to every read (read_plan_folder) and model
(plan_from_documents); a one-off build passes none and keeps nothing.

A file is reused only when its text is exactly the same. Everything made of
a file is kept in its entry and replaced with it: nothing kept points back
to a document, so an edited file's old document is freed at once, not at a
full collection (which the preview never runs).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.load.marked_yaml import DataPath, SourceDoc

# A schema problem: where it lies in the document, and what to say.
SchemaProblem = tuple[DataPath, Diagnostic]


@dataclass
class ReadFile:
    """One file as read: its text, its document and what was made of it."""

    text: str
    doc: SourceDoc
    body: str | None  # a Markdown entity's body
    problems: list[SchemaProblem]
    # What the model made of the document's items (its posts), by item: kept
    # only by the preview, with the file.
    made: dict[Hashable, object] = field(default_factory=dict)


class KeptFiles:
    """The files of the last read, by path, for the next read to reuse."""

    def __init__(self) -> None:
        self._files: dict[Path, ReadFile] = {}

    def unchanged(self, path: Path, text: str) -> ReadFile | None:
        """The file as the last read found it, if its text is still `text`."""
        kept = self._files.get(path)
        return kept if kept is not None and kept.text == text else None

    def keep(self, path: Path, kept: ReadFile) -> None:
        self._files[path] = kept

    def made_of(self, doc: SourceDoc) -> dict[Hashable, object] | None:
        """Where to keep what is made of `doc`'s items; None for a document not kept."""
        kept = self._files.get(doc.path)
        return kept.made if kept is not None and kept.doc is doc else None

    def document(self, path: Path) -> SourceDoc | None:
        kept = self._files.get(path)
        return kept.doc if kept is not None else None

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget every file but `paths` (those the last read used)."""
        wanted = set(paths)
        for path in [path for path in self._files if path not in wanted]:
            del self._files[path]
