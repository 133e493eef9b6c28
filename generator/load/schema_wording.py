"""How a schema problem is worded for a person: a value described in words, the
field it is in, and the hint that says how to write it."""

from __future__ import annotations

import math
import re
from typing import Any

from generator.diagnostics import did_you_mean
from generator.load.marked_yaml import DataPath

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
    "null": "empty",
}

BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "above",
    "exclusiveMaximum": "below",
}
_LONG_NUMBER = 16  # digits: beyond any bound of the schemas


def number_shown(value: object) -> str:
    """A number as a message shows it: 1e999 is read as infinity, and a number
    pasted with thousands of digits is not echoed in full."""
    if isinstance(value, float) and math.isinf(value):
        return "infinity" if value > 0 else "minus infinity"
    if isinstance(value, int) and not isinstance(value, bool):
        digits = len(str(abs(value)))
        if digits > _LONG_NUMBER:
            return f"a {digits}-digit number"
    return str(value)


def field_name(path: tuple[Any, ...]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return f"'{part}'"
    return "value"


def value_described(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        shown = number_shown(value)
        return shown if shown.startswith("a ") else f"the number {shown}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def choice_hint(value: object, choices: list[str], aliases: dict[str, str]) -> str:
    """The choice meant: the one another name stands for ('twitter' is 'x'), or the closest."""
    if not isinstance(value, str):
        return ""
    plain = re.sub(r"[\s._-]+", "", value.lower())
    meant = aliases.get(plain) or (plain if plain in choices else "")
    return f"did you mean '{meant}'?" if meant else did_you_mean(value, choices)


def list_hint(path: DataPath, value: str) -> str:
    """How a list is written, with what was written as its items where they are short."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "field")
    items = value if len(value) <= 40 and re.fullmatch(r"[\w ,.@-]*", value) else "..."
    first = items.split(",")[0].strip() or "..."
    return f"write a list: '{key}: [{items}]', or one item a line: '{key}:' then '  - {first}'"


def type_hint(value: object) -> str:
    if isinstance(value, dict):
        return "this value is indented as a mapping; check the indentation"
    if isinstance(value, list):
        return "remove the '-' or the brackets"
    if isinstance(value, str) and re.match(r"^-?[0-9.]+$", value):
        return "write it without quotes"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "put it in quotes to make it text"
    return ""
