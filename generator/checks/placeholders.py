"""Text left from the starter (`plansite init`) or from `plansite new`: a
warning until the team writes its own words in its place (PS701).

The list of placeholder texts is taken from where they are written, so it
cannot drift from them: the stubs `plansite new` writes are the constants
below, which commands/new.py writes; the starter's are every page body it
ships and every text on a line of its YAML that ends with the comment
`# placeholder`. Every text field of the plan is compared with them, apart
from the fields that hold codes (ids, networks, statuses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import yaml

from generator.checks.registry import CheckContext, Finding, Names, rule
from generator.diagnostics import Location, Severity
from generator.model.entities import Plan

# What `plansite new` writes for the team to replace; `{title}` stands for the
# title given on the command line.
NEW_GOAL_OBJECTIVE = "The business objective this goal serves"
NEW_GOAL_METRIC = "What is counted"
NEW_GOAL_OWNER = "Who answers for it"
NEW_GOAL_BODY = "Why this goal matters, and how it is measured."
NEW_PERSONA_SUMMARY = "The archetype in a sentence or two"
NEW_PERSONA_DEMOGRAPHICS = "Age, job, place"
NEW_CHANNEL_MISSION = "Say in one sentence why the brand is on this network."
NEW_CHANNEL_BODY = "What {title} is for."
NEW_STUBS = (
    NEW_GOAL_OBJECTIVE, NEW_GOAL_METRIC, NEW_GOAL_OWNER, NEW_GOAL_BODY,
    NEW_PERSONA_SUMMARY, NEW_PERSONA_DEMOGRAPHICS, NEW_CHANNEL_MISSION, NEW_CHANNEL_BODY,
)  # fmt: skip

MARK = "# placeholder"
# Fields that hold codes, not words: a starter's `network: instagram` is no
# placeholder, and neither is the same network in a plan.
CODE_FIELDS = frozenset(
    ("id", "network", "status", "kind", "direction", "area", "purpose", "rule", "type",
     "every", "on", "channel", "channels", "campaign", "account", "goals", "personas",
     "audience", "values", "utm_campaign", "timezone")
)  # fmt: skip
# The step of the plan each part belongs to, for the health page.
STEP_OF_PART = {"goals": 1, "personas": 1, "accounts": 2, "competitors": 2, "channels": 2,
                "inspiration": 4, "listening": 4, "content_types": 5, "campaigns": 5,
                "posts": 5, "tools": 6, "experiments": 6, "surveys": 6}  # fmt: skip
# Where the parts that keep no line of their own are written.
FILE_OF_PART = {"competitors": "audit.yml", "inspiration": "inspiration.yml",
                "listening": "inspiration.yml", "tools": "measurement.yml",
                "experiments": "measurement.yml", "surveys": "measurement.yml"}  # fmt: skip


@dataclass(frozen=True)
class Placeholders:
    """The placeholder texts, matched whitespace and case aside; `{title}` in one
    matches any text."""

    exact: frozenset[str]
    with_title: re.Pattern[str] | None

    def match(self, text: str) -> bool:
        normal = _normal(text)
        if normal in self.exact:
            return True
        return bool(self.with_title and self.with_title.fullmatch(normal))


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def placeholder_texts() -> Placeholders:
    """Every placeholder text: `new`'s stubs and the starter's."""
    starter = resources.files("generator") / "commands" / "starter" / "plan"
    texts = {_normal(text) for text in (*NEW_STUBS, *_starter_texts(starter)) if text.strip()}
    titled = sorted(text for text in texts if "{title}" in text)
    pattern = "|".join(".+".join(map(re.escape, text.split("{title}"))) for text in titled)
    return Placeholders(frozenset(texts) - set(titled), re.compile(pattern) if titled else None)


def _starter_texts(folder: Traversable) -> Iterator[str]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _starter_texts(entry)
        elif entry.name.endswith(".yml"):
            yield from _marked_values(entry.read_text("utf-8"))
        elif entry.name.endswith(".md"):
            _, front, body = entry.read_text("utf-8").split("---\n", 2)
            yield from _marked_values(front)
            if body.strip():
                yield body.strip()


def _marked_values(text: str) -> Iterator[str]:
    """The text values on the lines that end with the placeholder mark."""
    marked = {n for n, line in enumerate(text.splitlines()) if line.rstrip().endswith(MARK)}
    if marked:
        yield from _values_on(yaml.compose(text, Loader=yaml.SafeLoader), marked, "")


def _values_on(node: yaml.Node | None, lines: set[int], key: str) -> Iterator[str]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            yield from _values_on(value, lines, str(key_node.value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _values_on(item, lines, key)
    elif (
        isinstance(node, yaml.ScalarNode)
        and node.start_mark.line in lines
        and key not in CODE_FIELDS
        and node.tag == "tag:yaml.org,2002:str"
    ):
        yield str(node.value)


def add_placeholder_paths(value: object, path: str, found_in: list[str]) -> None:
    """Add to `found_in` the path of each text of `value` that is a placeholder,
    nested parts included. Called once a post: it walks without generators."""
    if isinstance(value, str):
        if path not in found_in and placeholder_texts().match(value):
            found_in.append(path)
    elif isinstance(value, tuple):
        for item in value:
            add_placeholder_paths(item, path, found_in)
    elif is_dataclass(value) and not isinstance(value, type):
        for name in _text_fields(type(value)):
            inner = getattr(value, name)
            if inner:
                add_placeholder_paths(inner, f"{path}.{name}" if path else name, found_in)


@cache
def _text_fields(kind: type) -> tuple[str, ...]:
    """The fields of a part that may hold words: read once a kind, not once a post."""
    return tuple(f.name for f in fields(kind) if f.name not in CODE_FIELDS | {"source"})


def _parts(plan: Plan) -> Iterator[tuple[int, Location, str, object]]:
    """(step, location, name, part) of every part of the plan that holds text."""
    header = {"title": plan.title, "organization": plan.organization, "summary": plan.summary,
              "team": plan.team, "voice": plan.voice}  # fmt: skip
    yield 1, plan.source, plan.title, _Fields(header, plan.title)
    folder = plan.source.path.parent
    for part, step in STEP_OF_PART.items():
        items = getattr(plan, part)
        if part == "listening":  # a list of words, named for its file
            items = (_Fields({"listening": items}, FILE_OF_PART[part]),) if items else ()
        for item in items:
            where = getattr(item, "source", None) or Location(folder / FILE_OF_PART[part])
            yield step, where, _name_of(item), item


@dataclass(frozen=True)
class _Fields:
    """Named texts of a part that is no entity of its own (plan.md's header, listening)."""

    texts: dict[str, object]
    name: str


def _name_of(item: object) -> str:
    for attribute in ("id", "name", "title"):
        name = getattr(item, attribute, "")
        if name:
            return str(name)
    return ""


def _placeholder_fields(part: object) -> list[str]:
    """The fields of a part whose text is a placeholder, each once, in order."""
    found_in: list[str] = []
    texts = part.texts.items() if isinstance(part, _Fields) else [("", part)]
    for prefix, value in texts:
        add_placeholder_paths(value, prefix, found_in)
    return found_in


@rule("PS701", 1, Severity.WARNING, "placeholder text left from plansite init or new")
def placeholders_left(ctx: CheckContext) -> Iterator[Finding]:
    for step, where, name, part in _parts(ctx.plan):
        names = _placeholder_fields(part)
        if names:
            values = {"entity": name, "fields": Names(tuple(names)), "count": len(names)}
            yield Finding(where, "PS701", values, step=step)


RULES = (placeholders_left,)
