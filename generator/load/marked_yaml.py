"""YAML text to plain Python values, remembering where every value came from.

PyYAML's own constructors follow YAML 1.1, which turns `10:00` into 600, `no`
into False and unquoted dates into `date` objects while quoted ones stay text.
Plan authors should not have to know any of that, so we compose the node tree
ourselves and resolve plain scalars with the small YAML 1.2 core rules: only
null, true/false, decimal integers and floats are not text. Dates and times
stay text and are checked by the schemas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Location
from generator.load import control_characters

try:  # libyaml is much faster and keeps marks too
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

# A path into a document: keys and list indexes from the root.
DataPath = tuple[str | int, ...]

MAX_NODES = 200_000  # aliases can multiply a small file into millions of values
MAX_DEPTH = 50  # no plan file nests this deep; deeper ones would exhaust the stack

_STANDARD_TAG = "tag:yaml.org,2002:"
_MERGE = _STANDARD_TAG + "merge"
_STR = _STANDARD_TAG + "str"
# What an untagged plain scalar is until resolve_scalar() reads it.
_PLAIN = "tag:plansite,2026:plain"
# Tags a plan may carry, written or implied; anything else (!!python/object...) is refused.
_ALLOWED_TAGS = {
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
} | {"!", _PLAIN}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
# The first characters of null, true, false and numbers: other plain scalars are text.
_MAY_NOT_BE_TEXT = frozenset("~nNtTfF+-.0123456789")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class _Loader(_SafeLoader):
    """libyaml's loader without PyYAML's YAML 1.1 resolution, which resolve_scalar()
    replaces: it ran its regular expressions on every scalar of the plan."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        if kind is yaml.SequenceNode:
            return _STANDARD_TAG + "seq"
        return _STANDARD_TAG + "map"


class YamlError(Exception):
    """A YAML problem at a known place; the message says what to fix."""

    def __init__(self, location: Location, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.location = location
        self.message = message
        self.hint = hint


@dataclass
class SourceDoc:
    """One parsed YAML document and the line and column of each of its values.

    Parsing records where each mapping and list starts (a post, say); where
    each scalar sits is found again from `text` the first time it is asked
    for, which is mostly to report a problem. Most of a calendar file is
    scalars: recording them all took more memory than the values themselves.
    """

    path: Path
    data: Any
    marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0  # lines before the YAML starts (front matter)
    text: str = ""  # the YAML itself, for hints that look at what was written
    every_mark: bool = True  # False while only the containers' marks are known

    def locate(self, data_path: DataPath = ()) -> Location:
        """The place of the value at `data_path`, or of its closest parent we know."""
        path = tuple(data_path)
        if path not in self.marks and not self.every_mark:
            self._mark_everything()
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return Location(self.path, mark[0], mark[1])
        return Location(self.path, self.line_offset + 1, 1)

    def _mark_everything(self) -> None:
        node = yaml.compose(self.text, Loader=_Loader)  # it parsed before: no error now
        self.marks = {}
        self.every_mark = True
        if node is not None:
            _Builder(self).build(node, ())


def parse_yaml(text: str, path: Path, line_offset: int = 0, every_mark: bool = True) -> SourceDoc:
    """Parse one YAML document; raise YamlError with the file's line on any problem.

    Without `every_mark`, only where mappings and lists start is recorded
    up front (see SourceDoc).
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, path, line_offset) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, line_offset) from None
    doc = SourceDoc(path=path, data=None, line_offset=line_offset, text=text, every_mark=every_mark)
    if node is not None:
        doc.data = _Builder(doc).build(node, ())
    return doc


# Where PyYAML points past the mistake, its context mark is where the mistake
# starts: the quote or bracket that is never closed.
_OPENED_AT_CONTEXT = {
    "while scanning a quoted scalar": "a quote is opened and never closed",
    "while parsing a flow sequence": "a '[' is opened and never closed",
    "while parsing a flow mapping": "a '{' is opened and never closed",
}


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: Path, line_offset: int) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = str(exc.context or "")
    if context in _OPENED_AT_CONTEXT and exc.context_mark is not None:
        mark = exc.context_mark
    line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (line_offset + 1, 1)
    lines = text.splitlines()
    bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    bad_char = bad_line[mark.column] if mark and mark.column < len(bad_line) else ""
    hint = ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "tab" in problem:
        hint = "indent with spaces, YAML does not allow tabs"
    elif context in _OPENED_AT_CONTEXT:
        hint = _OPENED_AT_CONTEXT[context]
    elif "found another document" in problem:
        problem = "a second YAML document starts here"
        hint = "a plan file holds one document: remove the '---' line"
    elif "cannot start any token" in problem and bad_char in "@`":
        hint = f"put text that starts with '{bad_char}' in quotes"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ', or check the indentation of this line"
    elif any(
        words in problem
        for words in ("expected <block end>", "did not find expected key", "expected '-'")
    ):
        hint = "check the indentation: items of one list or mapping line up"
    return YamlError(Location(path, line, column), f"invalid YAML: {problem}", hint)


def _reader_error(
    exc: yaml.reader.ReaderError, text: str, path: Path, line_offset: int
) -> YamlError:
    """A character YAML refuses (a control character pasted from elsewhere)."""
    before = text[: exc.position]
    line = before.count("\n") + 1 + line_offset
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return YamlError(
        Location(path, line, column),
        f"invalid YAML: control character #x{code:04x} is not allowed",
        "delete it: most editors do not show it",
    )


class _Builder:
    """Walks a composed node tree into dicts, lists and scalars, recording marks.

    A 10k-post plan is a million nodes, so the walk keeps to plain tuples and
    makes a Location only when it reports a problem.
    """

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.marks = doc.marks
        self.every_mark = doc.every_mark
        self.nodes = 0
        self.line_offset = doc.line_offset + 1  # marks count lines from 0
        # Only a double-quoted scalar's escapes can make a control character
        # that the file's raw text does not hold (read_text() refuses those):
        # without a backslash in the text, there is no scalar to search.
        self.escapes = "\\" in doc.text

    def location(self, node: yaml.Node) -> Location:
        return Location(self.doc.path, *self.mark(node))

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + self.line_offset, mark.column + 1

    def build(self, node: yaml.Node, data_path: DataPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                self.location(node),
                f"document too large: more than {MAX_NODES} values",
                "anchors and aliases (&, *) can multiply a document; write the values out",
            )
        if len(data_path) > MAX_DEPTH:
            raise YamlError(
                self.location(node), f"document nested more than {MAX_DEPTH} levels deep"
            )
        if data_path not in self.marks and (self.every_mark or type(node) is not yaml.ScalarNode):
            self.marks[data_path] = self.mark(node)
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(
                self.location(node), f"unsupported YAML tag '{node.tag}'", "remove the tag"
            )
        if type(node) is yaml.ScalarNode:  # type() is: cheaper than isinstance, a million times
            if self.escapes and node.style == '"':
                self.refuse_control_characters(node)
            try:
                return resolve_scalar(node)
            except ValueError:  # int() refuses more than 4300 digits
                raise YamlError(
                    self.location(node),
                    f"number too long ({len(node.value)} characters)",
                    "plan numbers have at most 16 digits",
                ) from None
        if type(node) is yaml.MappingNode:
            return self.mapping(node, data_path)
        assert type(node) is yaml.SequenceNode  # the three node kinds YAML has
        return [self.build(item, (*data_path, i)) for i, item in enumerate(node.value)]

    def mapping(self, node: yaml.MappingNode, data_path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise YamlError(self.location(key_node), "a key must be plain text")
            if self.escapes and key_node.style == '"':
                self.refuse_control_characters(key_node)
            if key_node.tag == _MERGE or (key_node.tag == _PLAIN and key_node.value == "<<"):
                raise YamlError(self.location(key_node), "merge keys (<<) are not supported")
            key = str(key_node.value)
            key_path = (*data_path, key)
            if key in result:
                first = next(k for k, _ in node.value if k.value == key_node.value)
                raise YamlError(
                    self.location(key_node),
                    f"duplicate key '{key}'",
                    f"it was already set on line {self.mark(first)[0]}; keep one of them",
                )
            # Point at the key: that is the line people read when a value is wrong.
            if self.every_mark or type(value_node) is not yaml.ScalarNode:
                self.marks[key_path] = self.mark(key_node)
            result[key] = self.build(value_node, key_path)
        return result

    def refuse_control_characters(self, node: yaml.ScalarNode) -> None:
        """Raise if a double-quoted scalar's escapes made a control character."""
        character = control_characters.first_in_value(node.value)
        if character is not None:
            raise YamlError(
                self.location(node),
                f"control character {control_characters.code(character)} is not allowed",
                "a backslash escape in this quoted text makes it: remove the escape",
            )


def resolve_scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core resolution for plain scalars; quoted scalars are always text."""
    text: str = node.value
    # libyaml marks plain scalars with style '', pure-Python PyYAML with None.
    if node.style or node.tag == _STR or (text and text[0] not in _MAY_NOT_BE_TEXT):
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text
