"""The fields a validated document sets, as the model's dataclasses take them.

Every default lives once, in the dataclass: what builds one passes only the
fields a file gives, and the dataclass fills in the rest. The schemas have
checked each value's type already. A field left empty (`owner:` or
`owner: ""`, for what is not known yet) is one the file does not give.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def given(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The fields among `keys` that `data` sets, lists made tuples (the model is frozen)."""
    fields = {}
    for key in keys:
        value = data.get(key)
        if value is not None and value != "":
            fields[key] = tuple(value) if type(value) is list else value
    return fields


def given_as(data: Mapping[str, Any], convert: Callable[[Any], Any], *keys: str) -> dict[str, Any]:
    """The fields among `keys` that `data` sets to a value, each through `convert`
    (a date's text into a date, say)."""
    return {key: convert(data[key]) for key in keys if data.get(key) not in (None, "")}


def fields_of(item: object, main_field: str) -> dict[str, Any]:
    """An item of a list as its fields: a name alone (`tools: [Metricool]`) is the
    item with only its main field."""
    if isinstance(item, str):
        return {main_field: item}
    return item if isinstance(item, dict) else {}


def list_at(data: object, key: str) -> list[Any]:
    """The list under `key`, or none when the data or the list is not there (a
    broken file's problems are reported by its schema)."""
    value = data.get(key, []) if isinstance(data, dict) else []
    return value if isinstance(value, list) else []
