"""`plansite new`: a new goal, persona, channel, post or campaign with the fields
to fill, written where the plan format expects it.

Markdown entities get a file of their own; posts and campaigns are appended to
a calendar file as text, so the comments, layout and line endings people
wrote stay as they are. Ids already in use are refused.

Nothing is written that `plansite check` would refuse: the new entity is read
back the way the loader reads it, validated against its schema and compared
with what was asked for, then the whole plan with it is checked
(new_entry_check.py), before the file is replaced, in one rename, so an
interrupted `new` never leaves half a calendar.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.checks.placeholders import (
    NEW_CHANNEL_BODY,
    NEW_CHANNEL_MISSION,
    NEW_GOAL_BODY,
    NEW_GOAL_METRIC,
    NEW_GOAL_OBJECTIVE,
    NEW_GOAL_OWNER,
    NEW_PERSONA_DEMOGRAPHICS,
    NEW_PERSONA_SUMMARY,
)
from generator.commands.new_entry_check import check_with_entry
from generator.diagnostics import Report
from generator.load.confined_files import real_folder
from generator.load.marked_yaml import SourceDoc, YamlError, parse_yaml, resolve_scalar
from generator.load.plan_documents import CALENDAR_FOLDER
from generator.load.plan_folder import read_text, split_front_matter
from generator.load.validation import validate_doc
from generator.model.ids import SLUG, post_id

ENTITY_FOLDERS = {"goal": "goals", "persona": "personas", "channel": "channels"}
# The command's option that gives each field, to name it in an error.
OPTION_OF_FIELD = {
    "id": "--id",
    "title": "--title",
    "name": "--title",
    "network": "--network",
    "date": "--date",
    "start": "--date",
    "end": "--date",
    "time": "--time",
    "channel": "--channel",
}
_LINE_END = re.compile(r"\r\n|\r|\n")


class AuthoringError(Exception):
    """Why the new entity was not written; the message says what to do instead."""


class DraftValueError(AuthoringError):
    """A value given on the command line that the plan format refuses."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class Draft:
    kind: str
    id: str
    title: str
    network: str = "instagram"
    date: str = ""
    time: str = ""
    channel: str = ""


class _PlanDumper(yaml.SafeDumper):
    """PyYAML's dumper quotes text that YAML 1.1 reads otherwise (`no`, `10:00`);
    plansite reads YAML 1.2, where `1e3` is a number: quote that too."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    read_plain = resolve_scalar(yaml.ScalarNode("", text))
    style = None if isinstance(read_plain, str) else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_PlanDumper.add_representer(str, _represent_text)


def _dump(fields: dict[str, object]) -> str:
    """YAML for plain values, quoted where plansite would read them otherwise."""
    return yaml.dump(
        fields,
        Dumper=_PlanDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one line per value, however long the title
    )


TEMPLATES = {
    "goal": lambda d: (
        "---\n"
        + _dump({"title": d.title})
        + (
            f"objective: {NEW_GOAL_OBJECTIVE}\n"
            f"metric: {{name: {NEW_GOAL_METRIC}, kind: other, unit: '', "
            "baseline: 0, target: 100}\n"
            "# start: YYYY-MM-DD   (default: the plan's start)\n"
            "deadline: 2027-12-31\n"
            f"owner: {NEW_GOAL_OWNER}\n"
            "channels: []\n"
            "personas: []\n"
            "progress: []\n"
            "---\n"
            f"{NEW_GOAL_BODY}\n"
        )
    ),
    "persona": lambda d: (
        "---\n"
        + _dump({"name": d.title})
        + (
            f"summary: {NEW_PERSONA_SUMMARY}\n"
            f"demographics: {NEW_PERSONA_DEMOGRAPHICS}\n"
            "interests: []\n"
            "pain_points: []\n"
            "networks: []   # where this audience is: instagram, linkedin...\n"
            "channels: []   # the plan's channels that reach it (ids of plan/channels/)\n"
            "---\n"
        )
    ),
    "channel": lambda d: (
        "---\n"
        + _dump({"network": d.network})
        + (
            "# account: the id of its account in plan/audit.yml\n"
            f"mission: {NEW_CHANNEL_MISSION}\n"
            "status: planned\n"
            "personas: []\n"
            "goals: []\n"
            "cadence: {posts_per_week: 1, best_times: []}\n"
            "---\n"
        )
        + NEW_CHANNEL_BODY.format(title=d.title)
        + "\n"
    ),
}


def create(plan_dir: Path, draft: Draft, config_file: Path = Path("site_config.yml")) -> Path:
    """Write the new entity; return the file written to. Raise EntryWouldNotCheck,
    writing nothing, when the plan with it would not pass `plansite check`."""
    if not plan_dir.is_dir():
        raise DraftValueError(
            f"plan folder {plan_dir} not found (pass the folder with --plan, or run plansite init)",
            "--plan",
        )
    _refuse_line_breaks(draft)
    if not SLUG.match(draft.id):
        raise DraftValueError(
            f"'{draft.id}' is not a valid id: use lower-case letters, digits, dashes", "--id"
        )
    if draft.kind in ENTITY_FOLDERS:
        target, text = _entity_file(plan_dir, draft)
    else:
        target, text = _calendar_with_entry(plan_dir, draft)
    check_with_entry(plan_dir, config_file, target, text)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, text)
    return target


def _refuse_line_breaks(draft: Draft) -> None:
    """Every value `new` takes is one line: a line break or a control character
    in one is a paste gone wrong, and would not read back the same."""
    for name in ("id", "title", "network", "date", "time", "channel"):
        value = getattr(draft, name)
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
            raise DraftValueError(
                f"{value!r} holds a line break or a control character: give it on one line",
                OPTION_OF_FIELD[name],
            )


def _entity_file(plan_dir: Path, draft: Draft) -> tuple[Path, str]:
    """The new entity's file and its text."""
    target = plan_dir / ENTITY_FOLDERS[draft.kind] / f"{draft.id}.md"
    if os.path.lexists(target):  # a link to nothing too: writing would create its target
        raise AuthoringError(f"{draft.kind} '{draft.id}' already exists ({target})")
    _refuse_links(plan_dir, target)
    text = TEMPLATES[draft.kind](draft)
    front, offset, _ = split_front_matter(text, target)
    doc = parse_yaml(front, target, line_offset=offset)
    _refuse_invalid(draft.kind, doc, ())
    asked = {"goal": ("title", draft.title), "persona": ("name", draft.title)}
    name, value = asked.get(draft.kind, ("network", draft.network))
    _same_or_fail(doc.data.get(name), value, target)
    return target, text


def _calendar_files(plan_dir: Path) -> list[Path]:
    folder = plan_dir / CALENDAR_FOLDER
    return (
        sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yml", ".yaml"))
        if folder.is_dir()
        else []
    )


def _read(path: Path, plan_dir: Path) -> str:
    """A calendar file's text as it is on disk (line endings kept), read only from
    inside the plan (file_reading.py)."""
    report = Report()
    text = read_text(path, report, within=real_folder(plan_dir))
    if text is None:
        problem = report.diagnostics[0]
        raise AuthoringError(f"{problem.format()}: fix it first")
    return text


def _parsed(text: str, path: Path) -> SourceDoc:
    try:
        return parse_yaml(text, path)
    except YamlError as exc:
        raise AuthoringError(f"{exc.location}: {exc.message}: fix it first") from None


def _existing_ids(files: list[Path], key: str, plan_dir: Path) -> set[str]:
    ids: set[str] = set()
    for path in files:
        data = _parsed(_read(path, plan_dir), path).data
        for item in (data.get(key) or []) if isinstance(data, dict) else []:
            if isinstance(item, dict):
                given = post_id(item) if key == "posts" else item.get("id")
                ids.add(str(given))
    return ids


def _calendar_with_entry(plan_dir: Path, draft: Draft) -> tuple[Path, str]:
    """The calendar file the new post or campaign goes to, and its text with it."""
    key = "posts" if draft.kind == "post" else "campaigns"
    item = _post_fields(draft) if draft.kind == "post" else _campaign_fields(draft)
    files = _calendar_files(plan_dir)
    target = files[-1] if files else plan_dir / CALENDAR_FOLDER / "calendar.yml"
    # The values alone first: an error names the option, not a line of a file.
    _refuse_invalid("calendar", SourceDoc(path=target, data={key: [item]}), (key, 0))
    _refuse_links(plan_dir, target)
    if draft.id in _existing_ids(files, key, plan_dir):
        raise AuthoringError(
            f"{draft.kind} '{draft.id}' already exists in {plan_dir / CALENDAR_FOLDER}"
        )
    text = _read(target, plan_dir) if target.exists() else ""
    before = _parsed(text, target).data
    if before is not None and not isinstance(before, dict):
        raise AuthoringError(f"{target}: the file is not a mapping of fields: fix it first")
    try:
        written = insert_item(text, key, item)
    except yaml.YAMLError as exc:  # PyYAML's own parser refusing what libyaml read
        raise AuthoringError(f"{target}: {exc}: fix it first") from None
    after = _parsed(written, target)
    listed = [*((before or {}).get(key) or []), item]
    _same_or_fail(after.data, {**(before or {}), key: listed}, target)
    _refuse_invalid("calendar", after, (key, len(listed) - 1))
    return target, written


def _refuse_invalid(kind: str, doc: SourceDoc, item_path: tuple[str | int, ...]) -> None:
    """Raise for the first schema problem of the new entity, naming its option."""
    for data_path, problem in validate_doc(kind, doc):
        if data_path[: len(item_path)] != item_path:
            continue  # a problem of the file that was there before
        field = data_path[len(item_path)] if len(data_path) > len(item_path) else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        raise DraftValueError(f"{problem.message}{hint}", OPTION_OF_FIELD.get(str(field), kind))


def _same_or_fail(found: Any, expected: Any, target: Path) -> None:
    """The guard behind every write: what the loader reads back is what was asked for."""
    if found != expected:
        raise AuthoringError(
            f"{target}: the new entry would not read back as written "
            "(an unusual layout of the file?): add it by hand"
        )


def _refuse_links(plan_dir: Path, target: Path) -> None:
    """`new` writes regular files inside the plan only: replacing a symbolic link
    would change the repository's layout, following one could write elsewhere."""
    inside = Path(os.path.realpath(target)).is_relative_to(real_folder(plan_dir))
    if target.is_symlink() or not inside:
        raise AuthoringError(
            f"{target} is a symbolic link or lies outside {plan_dir}: "
            "plansite new writes only regular files of the plan"
        )


def replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` so that the file holds either all its old text or
    all the new one, whatever happens: a temporary file in the same folder, then
    one rename. The temporary name starts with a dot, which the loader skips."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The file's permissions when it exists, else those a new file gets (umask)."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _post_fields(draft: Draft) -> dict[str, object]:
    fields: dict[str, object] = {"id": draft.id, "date": draft.date}
    if draft.time:
        fields["time"] = draft.time
    fields.update({"channel": draft.channel, "title": draft.title, "copy": "", "status": "draft"})
    return fields


def _campaign_fields(draft: Draft) -> dict[str, object]:
    return {"id": draft.id, "name": draft.title, "start": draft.date, "end": draft.date,
            "goals": [], "channels": [], "description": ""}  # fmt: skip


def insert_item(text: str, key: str, fields: dict[str, object]) -> str:
    """`text` with a new item at the end of its top-level `key` list, as text.

    New lines end like the file's own (CRLF stays CRLF).
    """
    newline = _newline_of(text)
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    lines = text.splitlines(keepends=True)

    def item(indent: int) -> str:
        return _item(fields, indent).replace("\n", newline)

    entry = None
    if isinstance(root, yaml.MappingNode):
        entry = next(((k, v) for k, v in root.value if k.value == key), None)
    if entry is None:
        return _inserted(lines, len(lines), f"{key}:{newline}" + item(2), newline)
    key_node, sequence = entry
    if _empty(sequence):  # `posts: []` or `posts:` with nothing yet
        at = key_node.start_mark.line
        lines[at] = _without(lines[at], at, sequence)
        return _inserted(lines, at + 1, item(2), newline)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
        raise AuthoringError(f"'{key}' is not a block list: write one item per '- ' line first")
    first = sequence.value[0].start_mark
    indent = lines[first.line].rfind("-", 0, first.column)  # the column of the first "- "
    end = sequence.end_mark.line + (1 if sequence.end_mark.column else 0)
    # Blank lines and comments left of the items' fields after the last item
    # introduce what follows the list: the new item goes before them.
    while end > first.line + 1 and _introduces_next(lines[end - 1], indent):
        end -= 1
    return _inserted(lines, end, item(max(indent, 0)), newline)


def _introduces_next(line: str, indent: int) -> bool:
    text = line.strip()
    return not text or (text.startswith("#") and len(line) - len(line.lstrip()) <= indent)


def _newline_of(text: str) -> str:
    """The file's line ending: that of its first line, "\\n" when it has none."""
    found = _LINE_END.search(text)
    return found.group() if found else "\n"


def _empty(node: yaml.Node) -> bool:
    """An empty flow list (`[]`) or no value at all, on the key's line."""
    if isinstance(node, yaml.SequenceNode):
        return node.flow_style is True and not node.value
    return (
        isinstance(node, yaml.ScalarNode)
        and not node.style
        and node.value in ("", "~", "null", "Null", "NULL")
    )


def _without(line: str, line_number: int, node: yaml.Node) -> str:
    """The key's line without its empty value `node` (`[]`, `~`, `null`)."""
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    start, end = node.start_mark, node.end_mark
    if (start.line, start.column) == (end.line, end.column):
        return body.rstrip() + ending  # nothing written after the key
    if start.line != line_number or end.line != line_number:
        raise AuthoringError("an empty list written over several lines: write '[]' first")
    after = body[end.column :].strip()  # a comment
    return body[: start.column].rstrip() + (f" {after}" if after else "") + ending


def _inserted(lines: list[str], at: int, new: str, newline: str) -> str:
    before = lines[:at]
    if before and before[-1] == before[-1].rstrip("\r\n"):
        before[-1] += newline  # the file's last line had no line ending
    return "".join(before) + new + "".join(lines[at:])


def _item(fields: dict[str, object], indent: int) -> str:
    """One list item as block YAML, its '- ' at `indent` columns."""
    body = _dump(fields).splitlines()
    pad = " " * indent
    first, rest = body[0], body[1:]
    return "".join([f"{pad}- {first}\n", *(f"{pad}  {line}\n" for line in rest)])
