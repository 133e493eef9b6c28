"""`plansite new`: a new goal, persona, channel, post or campaign with the fields
to fill, written where the plan format expects it.

Markdown entities get a file of their own; posts and campaigns are appended to
a calendar file as text, so the comments and layout people wrote stay as they
are. Ids already in use are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.diagnostics import Report
from generator.file_reading import real_folder
from generator.ids import SLUG, post_id
from generator.plan_files import CALENDAR_FOLDER, read_text
from generator.yaml_source import YamlError, parse_yaml

ENTITY_FOLDERS = {"goal": "goals", "persona": "personas", "channel": "channels"}


class AuthoringError(Exception):
    """Why the new entity was not written; the message says what to do instead."""


@dataclass(frozen=True)
class Draft:
    kind: str
    id: str
    title: str
    network: str = "instagram"
    date: str = ""
    time: str = ""
    channel: str = ""


def _dump(fields: dict[str, object]) -> str:
    """YAML for plain values, quoted where YAML would read them otherwise."""
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)


TEMPLATES = {
    "goal": lambda d: (
        "---\n"
        + _dump({"title": d.title})
        + (
            "objective: The business objective this goal serves\n"
            "metric: {name: What is counted, kind: other, unit: '', baseline: 0, target: 100}\n"
            "# start: YYYY-MM-DD   (default: the plan's start)\n"
            "deadline: 2027-12-31\n"
            "owner: Who answers for it\n"
            "channels: []\n"
            "personas: []\n"
            "progress: []\n"
            "---\n"
            "Why this goal matters, and how it is measured.\n"
        )
    ),
    "persona": lambda d: (
        "---\n"
        + _dump({"name": d.title})
        + (
            "summary: The archetype in a sentence or two\n"
            "demographics: Age, job, place\n"
            "interests: []\n"
            "pain_points: []\n"
            "channels: []   # networks where this audience is: instagram, linkedin...\n"
            "---\n"
        )
    ),
    "channel": lambda d: (
        "---\n"
        + _dump({"network": d.network})
        + (
            "# account: the id of its account in plan/audit.yml\n"
            "mission: Say in one sentence why the brand is on this network.\n"
            "status: planned\n"
            "personas: []\n"
            "goals: []\n"
            "cadence: {posts_per_week: 1, best_times: []}\n"
            "---\n"
            f"What {d.title} is for.\n"
        )
    ),
}


def create(plan_dir: Path, draft: Draft) -> Path:
    """Write the new entity; return the file written to."""
    if not SLUG.match(draft.id):
        raise AuthoringError(
            f"'{draft.id}' is not a valid id: use lower-case letters, digits, dashes"
        )
    if draft.kind in ENTITY_FOLDERS:
        target = plan_dir / ENTITY_FOLDERS[draft.kind] / f"{draft.id}.md"
        if os.path.lexists(target):  # a link to nothing too: writing would create its target
            raise AuthoringError(f"{draft.kind} '{draft.id}' already exists ({target})")
        _refuse_outside(target, plan_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATES[draft.kind](draft), encoding="utf-8")
        return target
    return _append_to_calendar(plan_dir, draft)


def _calendar_files(plan_dir: Path) -> list[Path]:
    folder = plan_dir / CALENDAR_FOLDER
    return (
        sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yml", ".yaml"))
        if folder.is_dir()
        else []
    )


def _existing_ids(files: list[Path], key: str, plan_dir: Path) -> set[str]:
    ids: set[str] = set()
    for path in files:
        text = read_text(path, Report(), within=real_folder(plan_dir))
        if text is None:
            continue
        try:
            data = parse_yaml(text, path).data
        except YamlError as exc:
            raise AuthoringError(f"{exc.location}: {exc.message}: fix it first") from None
        for item in data.get(key, []) if isinstance(data, dict) else []:
            if isinstance(item, dict):
                given = post_id(item) if key == "posts" else item.get("id")
                ids.add(str(given))
    return ids


def _append_to_calendar(plan_dir: Path, draft: Draft) -> Path:
    files = _calendar_files(plan_dir)
    key = "posts" if draft.kind == "post" else "campaigns"
    if draft.id in _existing_ids(files, key, plan_dir):
        raise AuthoringError(
            f"{draft.kind} '{draft.id}' already exists in {plan_dir / CALENDAR_FOLDER}"
        )
    target = files[-1] if files else plan_dir / CALENDAR_FOLDER / "calendar.yml"
    _refuse_outside(target, plan_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = target.read_text("utf-8") if target.exists() else ""
    item = _post_fields(draft) if draft.kind == "post" else _campaign_fields(draft)
    target.write_text(insert_item(text, key, item), encoding="utf-8")
    return target


def _refuse_outside(target: Path, plan_dir: Path) -> None:
    """Refuse to write through a link (the file's or a folder's) leading out of the
    plan: a pull request could point one at ~/.bashrc (file_reading.py)."""
    if not Path(os.path.realpath(target)).is_relative_to(real_folder(plan_dir)):
        raise AuthoringError(
            f"{target} is a link, or is in a folder that is one, leading outside the plan "
            "folder: replace the link by the file itself"
        )


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
    """`text` with a new item at the end of its top-level `key` list, as text."""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    sequence = None
    if isinstance(root, yaml.MappingNode):
        sequence = next((v for k, v in root.value if k.value == key), None)
    if sequence is None:
        return "".join(lines) + f"{key}:\n" + _item(fields, indent=2)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
        if isinstance(sequence, yaml.SequenceNode) and not sequence.value:
            at = sequence.start_mark.line
            lines[at] = lines[at].replace("[]", "", 1).rstrip() + "\n"
            return "".join(lines[: at + 1]) + _item(fields, indent=2) + "".join(lines[at + 1 :])
        raise AuthoringError(f"'{key}' is not a block list: write one item per '- ' line first")
    # The first item's fields start two columns after its "- ".
    indent = sequence.value[0].start_mark.column - 2 if sequence.value else 2
    end = sequence.end_mark.line + (1 if sequence.end_mark.column else 0)
    return "".join(lines[:end]) + _item(fields, indent) + "".join(lines[end:])


def _item(fields: dict[str, object], indent: int) -> str:
    """One list item as block YAML, its '- ' at `indent` columns."""
    body = _dump(fields).splitlines()
    pad = " " * indent
    first, rest = body[0], body[1:]
    return "".join([f"{pad}- {first}\n", *(f"{pad}  {line}\n" for line in rest)])
