"""Finds the files of a plan folder, reads each into a SourceDoc and validates it.

Reading is separate from the plan checks: every file is read even when an
earlier one is broken, so that one run reports every problem. Each file is
validated against its schema as it is read, which lets a large calendar be
read on both cores.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, Location, Report, did_you_mean
from generator.load import control_characters
from generator.load.confined_files import (
    DEFAULT_MAX_FILE_BYTES,
    Refused,
    read_file,
    real_folder,
    real_path_within,
)
from generator.load.kept_files import KeptFiles, ReadFile
from generator.load.marked_yaml import SourceDoc, YamlError, parse_yaml
from generator.load.media_folder import MEDIA_FOLDER, read_media_folder
from generator.load.plan_documents import (
    CALENDAR_FOLDER,
    ENTITY_FOLDERS,
    FOLDERS,
    REQUIRED_FILES,
    SINGLE_FILES,
    PlanDocuments,
)
from generator.load.results.results_folder import RESULTS_FOLDER, read_results_folder
from generator.load.validation import validate_doc
from generator.runtime import forked

# From this size of calendar files on, they are read on two cores (below it,
# forking costs more than it saves).
PARALLEL_FROM_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What a plan file may be: inside the plan folder (its real path), and how large."""

    within: Path
    max_bytes: int = DEFAULT_MAX_FILE_BYTES


def read_plan_folder(
    root: Path,
    report: Report,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    parallel: bool = False,
    kept: KeptFiles | None = None,
) -> PlanDocuments:
    """Read and validate every plan file under `root`; problems go to `report`,
    unreadable files are left out.

    Only what is inside the plan folder is read (confined_files.py): a link
    leading out of it, or to a FIFO, a socket or a device, is an error that
    names the link. Calendar files are read on both cores if `parallel` and
    they are large (_read_calendars()). The preview passes what it `kept` of
    the last read, which reuses the files whose text did not change.
    """
    documents = PlanDocuments(root=root)
    within = _plan_folder(root, report)
    if within is None:
        return documents
    limits = ReadLimits(within, max_bytes)
    for name in REQUIRED_FILES:
        if not os.path.lexists(root / name):
            report.error(
                Location(root / name),
                "required file is missing",
                "every plan has one; `plansite init` writes an example to copy from",
            )
    for name, kind in SINGLE_FILES.items():
        path = root / name
        if os.path.lexists(path):
            doc = _record(documents, kind, path, _read(path, kind, limits, kept, report), report)
            if doc is not None:
                documents.singles[kind] = doc
    folders = {name: _plan_subfolder(root / name, within, report) for name in FOLDERS}
    for folder, kind in ENTITY_FOLDERS.items():
        documents.entities[kind] = []
        for path in _files(folders[folder], ".md"):
            doc = _record(documents, kind, path, _read(path, kind, limits, kept, report), report)
            if doc is not None:
                documents.entities[kind].append(doc)
    _report_strays(root, report, [folder for folder in folders.values() if folder is not None])
    calendars = _files(folders[CALENDAR_FOLDER], ".yml", ".yaml")
    _read_calendars(calendars, report, limits, documents, parallel, kept)
    results = _plan_subfolder(root / RESULTS_FOLDER, within, report)
    if results is not None:
        documents.results = read_results_folder(results, within, max_bytes)
    media = _plan_subfolder(root / MEDIA_FOLDER, within, report)
    if media is not None:
        documents.media = read_media_folder(media, root, within)
    if kept is not None:
        kept.keep_only(doc.path for doc in _every_doc(documents))
    return documents


def _plan_folder(root: Path, report: Report) -> Path | None:
    """The plan folder's real path, or None after reporting why it cannot be read.

    The plan folder may itself be a link, to a folder beside it (`plan ->
    marketing/plan`) but not out of the folder that holds it: a pull request
    could otherwise point `plan` anywhere on the machine that builds it.
    """
    if os.path.islink(root):
        try:
            real_path_within(root, real_folder(root.parent))
        except Refused as exc:
            report.error(Location(root), exc.message, exc.hint)
            return None
    if not root.is_dir():
        report.error(
            Location(root),
            "plan folder not found",
            "pass the folder with --plan, or run plansite init",
        )
        return None
    return real_folder(root)


def _plan_subfolder(folder: Path, within: Path, report: Report) -> Path | None:
    """`folder` when it is one to read (a folder, inside the plan); None when it is
    absent, or after reporting why not."""
    if not os.path.lexists(folder):
        return None
    try:
        real_path_within(folder, within)
    except Refused as exc:
        report.error(Location(folder), exc.message, exc.hint)
        return None
    if not folder.is_dir():
        report.error(
            Location(folder),
            f"'{folder.name}' is not a folder",
            f"a plan keeps its {folder.name} in a folder {folder.name}/, one file each",
        )
        return None
    return folder


def _read_calendars(
    paths: list[Path],
    report: Report,
    limits: ReadLimits,
    documents: PlanDocuments,
    parallel: bool,
    kept: KeptFiles | None,
) -> None:
    """Parse and validate the calendar files, on both cores when they are large.

    A year of posts is megabytes of YAML, and parsing and validating it was
    most of checking a large plan. A forked process takes every other file;
    the documents come back pickled, with their schema problems, and
    everything is reported in file order as if read here. If that process
    dies, its files are read here after all.

    The preview (`kept`) reads in one process: it reuses the files it parsed
    before, which a forked process would parse into its own memory, and
    `plansite serve` runs threads, which a fork does not copy.
    """
    if kept is not None or not (parallel and _worth_forking(paths)):
        read = _parsed_and_validated(paths, limits, kept)
    else:
        here, there = paths[0::2], paths[1::2]
        work = functools.partial(_parsed_and_validated, there, limits)
        with forked.started(work, beside=True) as job:
            done_here = _parsed_and_validated(here, limits)
            try:
                done_there = job.result()
            except forked.JobDied:
                done_there = _parsed_and_validated(there, limits)
        read = [*done_here, *done_there]
        read[0::2], read[1::2] = done_here, done_there  # back in file order
    for path, (file, problems) in zip(paths, read, strict=True):
        report.extend(problems)
        doc = _record(documents, "calendar", path, file, report)
        if doc is not None:
            documents.calendars.append(doc)


def _worth_forking(paths: list[Path]) -> bool:
    if len(paths) < 2:
        return False
    return sum(_size(path) for path in paths) >= PARALLEL_FROM_BYTES


def _size(path: Path) -> int:
    """The file's size, 0 for what cannot be read (reading it says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _parsed_and_validated(
    paths: list[Path], limits: ReadLimits, kept: KeptFiles | None = None
) -> list[tuple[ReadFile | None, list[Diagnostic]]]:
    """Each calendar file as read (None if unreadable), validated, and what went
    wrong reading it."""
    read = []
    for path in paths:
        report = Report()
        file = _read(path, "calendar", limits, kept, report)
        read.append((file, report.diagnostics))
    return read


def _report_strays(root: Path, report: Report, folders: list[Path]) -> None:
    """Files and folders plansite would skip: a misspelled name must not make
    part of the plan silently vanish. `folders` are the plan's folders to look into."""
    known = [*SINGLE_FILES, *FOLDERS, RESULTS_FOLDER, MEDIA_FOLDER]
    for entry in sorted(root.iterdir()):
        if _ignored(entry) or entry.name in known:
            continue
        if _report_bad_name(entry, report):
            continue
        kind = "folder" if entry.is_dir() else "file"
        hint = did_you_mean(entry.name, known) or f"a plan holds {', '.join(known)}"
        report.error(Location(entry), f"unknown {kind} '{entry.name}'", hint)
    for folder in folders:
        wanted = (".md",) if folder.name in ENTITY_FOLDERS else (".yml", ".yaml")
        for entry in sorted(folder.iterdir()):
            if _ignored(entry) or _report_bad_name(entry, report):
                continue
            if entry.is_dir() or entry.suffix not in wanted:
                report.error(
                    Location(entry),
                    f"'{entry.name}' is not read: {folder.name}/ holds {' or '.join(wanted)} files",
                    f"rename it to {entry.stem}{wanted[0]}" if entry.is_file() else "move it out",
                )


def _report_bad_name(entry: Path, report: Report) -> bool:
    """Report a file or folder name with a control character, or bytes that are not
    UTF-8: messages print names, and a name must not rewrite the terminal."""
    character = control_characters.first_in_file_name(entry.name)
    if character is None:
        return False
    kind = "folder" if entry.is_dir() else "file"
    if "\ud800" <= character <= "\udfff":  # how Python keeps bytes that are not UTF-8
        problem = f"{kind} name is not valid UTF-8"
    else:
        problem = f"{kind} name holds control character {control_characters.code(character)}"
    report.error(Location(entry), problem, f"rename the {kind}")
    return True


def _ignored(entry: Path) -> bool:
    """Dotfiles (.gitkeep, .DS_Store) and a README explaining the folder."""
    return entry.name.startswith(".") or entry.stem.upper() == "README"


def _files(folder: Path | None, *suffixes: str) -> list[Path]:
    """The entries to read as files, in name order (never the file system's order).

    Links, FIFOs and the like are listed too: reading them says what they
    are, where skipping them would make part of the plan silently vanish.
    """
    if folder is None:
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in suffixes
        and not _ignored(p)
        and not p.is_dir()
        and control_characters.first_in_file_name(p.name) is None  # _report_strays() says why
    )


def _read(
    path: Path, kind: str, limits: ReadLimits, kept: KeptFiles | None, report: Report
) -> ReadFile | None:
    """The file parsed and validated as a `kind` (None if unusable, said in `report`),
    or as `kept` from the last read when its text is the same."""
    text = read_text(path, report, limits.max_bytes, limits.within)
    if text is None:
        return None
    unchanged = kept.unchanged(path, text) if kept is not None else None
    if unchanged is not None:
        return unchanged
    body = None
    try:
        if path.suffix == ".md":
            front, offset, body = split_front_matter(text, path)
            doc = parse_yaml(front, path, line_offset=offset, every_mark=False)
        else:
            doc = parse_yaml(text, path, every_mark=False)
    except YamlError as exc:
        report.error(exc.location, exc.message, exc.hint)
        return None
    file = ReadFile(text, doc, body, validate_doc(kind, doc))
    if kept is not None:
        kept.keep(path, file)
    return file


def _record(
    documents: PlanDocuments, kind: str, path: Path, file: ReadFile | None, report: Report
) -> SourceDoc | None:
    """Record a file read (its body and schema problems, which are reported) or
    unreadable; its document, if it has one."""
    if file is None:
        documents.unreadable.setdefault(kind, []).append(path)
        return None
    report.extend(diagnostic for _, diagnostic in file.problems)
    documents.broken[path] = [data_path for data_path, _ in file.problems]
    if file.body is not None:
        documents.bodies[path] = file.body
    return file.doc


def _every_doc(documents: PlanDocuments) -> list[SourceDoc]:
    entities = [doc for docs in documents.entities.values() for doc in docs]
    return [*documents.singles.values(), *entities, *documents.calendars]


def read_text(
    path: Path, report: Report, max_bytes: int = DEFAULT_MAX_FILE_BYTES, within: Path | None = None
) -> str | None:
    """The file's text, or None after reporting why it cannot be used.

    With `within` (a real folder path), a file whose real path is elsewhere
    is refused (confined_files.py).
    """
    try:
        raw = read_file(path, max_bytes, within)
    except Refused as exc:
        report.error(Location(path), exc.message, exc.hint)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        report.error(
            Location(path, 1, 1),
            "file starts with a byte-order mark (BOM)",
            "save it as UTF-8 without BOM",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            Location(path, line, column),
            "file is not valid UTF-8",
            "save it with the UTF-8 encoding",
        )
        return None
    return None if _report_control_character(path, text, report) else text


def _report_control_character(path: Path, text: str, report: Report) -> bool:
    """Report the first control character of a file's text, if it holds one.

    Searched once over the whole text, YAML and Markdown body alike: libyaml
    refuses most control characters but not all (a bare CR, U+0085), and a
    body is never parsed as YAML.
    """
    position = control_characters.first_in_text(text)
    if position is None:
        return False
    character = text[position]
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    report.error(
        Location(path, line, column),
        f"control character {control_characters.code(character)} is not allowed",
        control_characters.hint_for(character),
    )
    return True


def split_front_matter(text: str, path: Path) -> tuple[str, int, str]:
    """(front matter YAML, lines before it, Markdown body) of a Markdown entity."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise YamlError(
            Location(path, 1, 1),
            "missing front matter",
            "a Markdown entity starts with a line '---', its YAML fields, then another '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:index]), 1, "".join(lines[index + 1 :])
    raise YamlError(
        Location(path, 1, 1),
        "front matter is not closed",
        "add a line '---' after the YAML fields",
    )
