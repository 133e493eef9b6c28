"""Checks each parsed file against its JSON Schema and words the errors for people.

The schemas in `generator/schemas/` are the single statement of the plan
format: the same files drive validation here and editor completion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from generator.diagnostics import Diagnostic, Severity, did_you_mean
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.scalars import (
    ValueProblem,
    check_link,
    parse_best_time,
    parse_date,
    parse_duration,
    parse_time,
    parse_timezone,
    quoted,
)
from generator.load.schema_wording import (
    BOUNDS,
    TYPE_WORDS,
    choice_hint,
    field_name,
    list_hint,
    number_shown,
    type_hint,
    value_described,
)

FILE_KINDS = (
    "site_config",
    "plan",
    "goal",
    "persona",
    "channel",
    "audit",
    "content",
    "inspiration",
    "measurement",
    "calendar",
)


def schema_texts() -> dict[str, str]:
    """File name to JSON text of every schema shipped in the package."""
    folder = resources.files("generator.load") / "schemas"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` for editors: the same files validation uses,
    so an editor never accepts what `plansite check` refuses."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        target = folder / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if TYPE_CHECKING:
    import jsonschema


@cache
def _validators() -> dict[str, jsonschema.protocols.Validator]:
    """jsonschema's validators, which word the errors of a file the compiled
    validator refused; imported only then, as most checks never need them."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = {name: json.loads(text) for name, text in schema_texts().items()}
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    checker = jsonschema.FormatChecker(formats=())
    for name, check in _FORMATS.items():
        checker.checks(name, raises=ValueProblem)(check)
    return {
        kind: jsonschema.Draft202012Validator(
            schemas[f"{kind}.schema.json"], registry=registry, format_checker=checker
        )
        for kind in FILE_KINDS
    }


@cache
def network_names() -> tuple[str, ...]:
    """The social networks a plan may name, as the schemas list them."""
    common = json.loads(schema_texts()["common.schema.json"])
    return tuple(common["$defs"]["network"]["enum"])


def _email(text: str) -> bool:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueProblem(f"{quoted(text)} is not an e-mail address")
    return True


def _returns_true(parse: Callable[[str], Any]) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if isinstance(value, str):
            parse(value)
        return True

    return check


_PARSERS: dict[str, Callable[[str], Any]] = {
    "date": parse_date,
    "local-time": parse_time,
    "iana-timezone": parse_timezone,
    "short-duration": parse_duration,
    "link": check_link,
    "email": _email,
    "best-time": parse_best_time,
}
_FORMATS = {name: _returns_true(parse) for name, parse in _PARSERS.items()}


def _accepts(parse: Callable[[str], Any]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            parse(value)
        except ValueProblem:
            return False
        return True

    return check


@cache
def _fast_validators() -> dict[str, Callable[[object], bool]]:
    """Compiled validators (fastjsonschema) that only say valid or not.

    Most files are valid, and jsonschema's interpreter took most of the time
    of checking a large plan; it now runs only on a file the compiled
    validator refuses, to word its errors. The schemas are bundled first (the
    shared definitions copied into each) since the compiled validator does not
    fetch other files.
    """
    schemas = {name: json.loads(text) for name, text in schema_texts().items()}
    shared = schemas["common.schema.json"]["$defs"]
    formats = {name: _accepts(parse) for name, parse in _PARSERS.items()}
    compiled = {}
    for kind in FILE_KINDS:
        bundled = json.loads(
            json.dumps(schemas[f"{kind}.schema.json"]).replace(
                '"common.schema.json#/$defs/', '"#/$defs/'
            )
        )
        bundled["$defs"] = {**shared, **bundled.get("$defs", {})}
        bundled.pop("$schema", None)  # the keywords used mean the same in draft 7
        bundled.pop("$id", None)
        validate = fastjsonschema.compile(bundled, formats=formats, detailed_exceptions=False)
        compiled[kind] = _quiet(validate)
    return compiled


def _quiet(validate: Callable[[object], object]) -> Callable[[object], bool]:
    def is_valid(data: object) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def validate_doc(kind: str, doc: SourceDoc) -> list[tuple[DataPath, Diagnostic]]:
    """Every schema problem of one document with the data path it concerns.

    The path lets the caller leave out just the broken item (one post, one
    account) and keep checking the rest.
    """
    if doc.data is None:
        problem = Diagnostic(doc.locate(), Severity.ERROR, "file is empty", "fill in its fields")
        return [((), problem)]
    if not isinstance(doc.data, dict):
        problem = Diagnostic(
            doc.locate(),
            Severity.ERROR,
            f"the file must be a mapping of fields, not {value_described(doc.data)}",
            "write 'field: value' lines at the top level",
        )
        return [((), problem)]
    problems = _problems(kind, doc)
    return problems + _hashtags_read_as_comments(doc, {path for path, _ in problems})


def _problems(kind: str, doc: SourceDoc) -> list[tuple[DataPath, Diagnostic]]:
    if _fast_validators()[kind](doc.data):
        return []
    found: dict[tuple[DataPath, str], Diagnostic] = {}
    for data_path, message, hint in _worded(_validators()[kind].iter_errors(doc.data)):
        if _empty(value_at(doc.data, data_path)):
            hint = _comment_hint(doc, data_path) or hint
        diagnostic = Diagnostic(doc.locate(data_path), Severity.ERROR, message, hint)
        found.setdefault((data_path, message), diagnostic)
    return [(data_path, diagnostic) for (data_path, _), diagnostic in found.items()]


def _worded(errors: Iterable[jsonschema.ValidationError]) -> Iterator[Explained]:
    """The errors people read, each once: those that follow from another are left out."""
    errors = list(errors)
    # A value of the wrong type breaks every other rule about it: say only that.
    wrong_type = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    # A date's pattern (for editors) says less than its format check: say only the latter.
    wrong_format = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in wrong_type:
            continue
        if error.validator == "pattern" and tuple(error.absolute_path) in wrong_format:
            continue
        yield from _explain(error)


def value_at(data: object, data_path: DataPath) -> object:
    """The value at `data_path`, None where there is none."""
    for part in data_path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _empty(value: object) -> bool:
    return value is None or value == ""


def _fill_in_hint(schema: dict[str, Any], path: DataPath, value: object) -> str:
    """Why an empty text, date or link is refused (`x-filled` in the schema): each
    field that may be left empty takes its optional_ form, so this one is
    required, or an item of a list."""
    if not (schema.get("x-filled") and _empty(value)):
        return ""
    if path and isinstance(path[-1], int):
        return "write the item, or remove its line"
    return "this field is required: fill it in"


# A '#' right after a key's ': ' and followed by a word: a hashtag, which YAML
# reads as a comment, leaving the field empty.
_HASHTAG_AFTER_KEY = re.compile(r":[ \t]+#[^\s#]")


def _hashtags_read_as_comments(
    doc: SourceDoc, reported: set[DataPath]
) -> list[tuple[DataPath, Diagnostic]]:
    """Fields left empty by a hashtag that YAML read as a comment (`copy: #lamps`).

    An empty field is one not known yet, and the schemas take it; but not
    here, where the text is on the line and lost. A comment with a space
    after its '#' (`result:  # still running`) is a note, and stays one.
    """
    if not _HASHTAG_AFTER_KEY.search(doc.text):
        return []
    lines = doc.text.splitlines()
    found = []
    for data_path in _empty_fields(doc.data, ()):
        line = doc.locate(data_path).line - doc.line_offset - 1
        if data_path in reported or not 0 <= line < len(lines):
            continue
        if _HASHTAG_AFTER_KEY.search(lines[line]):
            message = f"{field_name(data_path)} is empty: YAML read the text after '#' as a comment"
            hint = "put text that starts with '#' in quotes"
            found.append(
                (data_path, Diagnostic(doc.locate(data_path), Severity.ERROR, message, hint))
            )
    return found


def _empty_fields(data: object, path: DataPath) -> Iterator[DataPath]:
    """Where `data` holds a field with no value."""
    if isinstance(data, dict):
        for key, value in data.items():
            if value is None:
                yield (*path, key)
            else:
                yield from _empty_fields(value, (*path, key))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            yield from _empty_fields(value, (*path, position))


def _comment_hint(doc: SourceDoc, data_path: DataPath) -> str:
    """Why a value someone wrote reads as empty: '#' after a space starts a comment."""
    line = doc.locate(data_path).line - doc.line_offset - 1
    lines = doc.text.splitlines()
    if 0 <= line < len(lines) and re.search(r":\s+#", lines[line]):
        return "a '#' after a space starts a YAML comment: put text that starts with '#' in quotes"
    return ""


Explained = tuple[DataPath, str, str]


def _explain(error: jsonschema.ValidationError) -> Iterator[Explained]:
    """(where, message, hint) for one schema error: the wording people read."""
    path = tuple(error.absolute_path)
    field = field_name(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("x-expected")
    value = error.instance
    validator = error.validator
    rule: Any = error.validator_value

    if validator == "required":
        for name in rule:
            if isinstance(value, dict) and name not in value:
                hint = schema.get("x-hint") or f"add '{name}:' here"
                yield path, f"missing required field '{name}'", hint
    elif validator == "additionalProperties" and isinstance(value, dict):
        known = schema.get("properties", {})
        for key in value:
            if key not in known:
                hint = did_you_mean(key, known) or f"known fields: {', '.join(known)}"
                yield (*path, key), f"unknown field '{key}'", hint
    elif validator == "enum":
        choices = [str(c) for c in rule]
        shown = f"'{value}'" if isinstance(value, str) else value_described(value)
        hint = choice_hint(value, choices, schema.get("x-aliases", {}))
        yield path, f"{field} cannot be {shown}: expected one of {', '.join(choices)}", hint
    elif validator == "anyOf":
        # The first choice is the value as written out; the others (empty, true
        # or false) are short forms whose errors would only repeat "not this".
        yield from _worded(e for e in error.context if e.relative_schema_path[0] == 0)
    elif validator == "format":
        cause = error.cause
        if isinstance(cause, ValueProblem):
            yield path, f"{field}: {cause}", cause.hint
        else:  # pragma: no cover - every format checker raises ValueProblem
            yield path, f"{field}: {error.message}", ""
    elif validator == "type":
        wanted = expected or TYPE_WORDS.get(str(rule), str(rule))
        # Quoting a number makes it text: helpful only where plain text is wanted.
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        hint = "" if numeric and (rule != "string" or expected) else type_hint(value)
        if rule == "array" and isinstance(value, str):
            hint = list_hint(path, value)
        hint = _fill_in_hint(schema, path, value) or hint
        yield path, f"{field} must be {wanted}, not {value_described(value)}", hint
    elif validator == "not" and schema.get("x-not"):
        yield path, f"{field} must be {schema['x-not']}", ""
    elif expected:
        yield path, f"{field} must be {expected}", ""
    elif validator == "minLength":
        yield path, f"{field} must not be empty", _fill_in_hint(schema, path, value)
    elif validator == "minItems":
        yield path, f"{field} must not be an empty list", ""
    elif validator in BOUNDS:
        message = (
            f"{field} must be {BOUNDS[validator]} {number_shown(rule)}, not {number_shown(value)}"
        )
        yield path, message, schema.get("x-hint", "")
    else:
        yield path, f"{field}: {error.message}", ""
