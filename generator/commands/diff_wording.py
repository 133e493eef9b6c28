"""How `plansite diff` shows a value: as a person reads it in the plan's language.

A field's value is a date, a time, a duration, a time zone, a number, a flag,
a list or a nested record (a goal's metric, an account's profile, a post's
repeat). Records are opened into their fields (`metric.target`), so a change
shows only the part that moved; everything else is worded here, never
printed as Python shows it (`datetime.date(2026, 11, 15)`).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from generator.i18n import Translator
from generator.model.entities import ProgressPoint

# Fields that say where an entity was written, not what it says.
IGNORED = {"source"}
SHOWN_LENGTH = 70
# "15 Nov 2026", "15 nov. 2026": the day first, the month short, in both languages.
DATE_PATTERN = "d MMM y"
_SPACES = re.compile(r"[ \t\r\n]+")


def fields_from_record(record: Any, prefix: str = "") -> dict[str, Any]:
    """Every field of `record` by its dotted name, nested records opened."""
    if not _is_record(record):
        return {prefix: record}
    leaves: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        if field.name not in IGNORED:
            name = f"{prefix}.{field.name}" if prefix else field.name
            leaves.update(fields_from_record(getattr(record, field.name), name))
    return leaves


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The dotted names whose value differs, in the order the entity declares them.

    A record on one side only (a repeat added) has its fields on that side
    alone: each shows as changed from or to nothing.
    """
    names = list(before) + [name for name in after if name not in before]
    return [name for name in names if before.get(name) != after.get(name)]


def _are_records(value: Any) -> bool:
    return isinstance(value, tuple) and any(_is_record(item) for item in value)


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


class ValueWording:
    """Words values for one language."""

    def __init__(self, language: str) -> None:
        self.translate = Translator(language)

    def change(self, before: Any, after: Any) -> str:
        """`before -> after`; of two lists of records (progress points), only the
        items that differ, since the whole lists would be cut short."""
        if _are_records(before) and _are_records(after):
            before, after = (
                tuple(item for item in before if item not in after),
                tuple(item for item in after if item not in before),
            )
        return f"{self.shown(before)} -> {self.shown(after)}"

    def shown(self, value: Any) -> str:
        """The value as one line of at most SHOWN_LENGTH characters."""
        # Line breaks and runs of spaces only: French numbers hold a narrow no-break space.
        text = _SPACES.sub(" ", self.worded(value)).strip()
        return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"

    def worded(self, value: Any) -> str:
        if value is None or value == "" or value == ():
            return self.translate("none")
        if isinstance(value, bool):
            return self.translate("flag_yes" if value else "flag_no")
        if isinstance(value, (int, float)):
            return self.translate.number(value)
        if isinstance(value, (date, datetime, time, timedelta, ZoneInfo)):
            return self._moment(value)
        if isinstance(value, ProgressPoint):
            return self._progress_point(value)
        if isinstance(value, tuple):
            return self._listed(value)
        if _is_record(value):
            return ", ".join(
                self.translate("label_value", label=name, value=self.worded(item))
                for name, item in fields_from_record(value).items()
                if item not in (None, "", ())
            )
        return str(value)

    def _moment(self, value: date | time | timedelta | ZoneInfo) -> str:
        if isinstance(value, datetime):
            return f"{self.translate.date(value.date(), DATE_PATTERN)} {value:%H:%M}"
        if isinstance(value, date):
            return self.translate.date(value, DATE_PATTERN)
        if isinstance(value, time):
            return f"{value:%H:%M}"
        if isinstance(value, timedelta):
            return _duration(value)
        return value.key

    def _progress_point(self, point: ProgressPoint) -> str:
        measured = self.translate(
            "label_value",
            label=self.translate.date(point.date, DATE_PATTERN),
            value=self.translate.number(point.value),
        )
        return f"{measured} — {point.note}" if point.note else measured

    def _listed(self, items: tuple[Any, ...]) -> str:
        """Items joined by commas; pairs (a mix: type and share) as `type share`;
        records, which hold commas themselves, by semicolons."""
        if all(isinstance(item, tuple) for item in items):
            return ", ".join(" ".join(self.worded(part) for part in item) for item in items)
        separator = "; " if any(_is_record(item) for item in items) else ", "
        return separator.join(self.worded(item) for item in items)


def _duration(length: timedelta) -> str:
    minutes = int(length.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"
