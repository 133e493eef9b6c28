"""Content lines made once per property value, for the events of one build.

A speed trick (docs/performance.md): icalendar makes a content line by
looking the value's parameters up in case-insensitive dictionaries and
escaping its text, which is most of the time the feeds take. Two things
make the same lines again and again: an event compared with the previous
publication is turned into lines twice (to compare it, then to write it
with its stamps), and thousands of events share a status, a channel's
categories, the build's stamp and SEQUENCE:0. Here each is made once.
On the 10k-post benchmark plan it saves 30 % of the time the feeds take,
38 % against a previous publication (bench/feed_tricks.py);
tests/feeds/test_speed_tricks.py compares its lines with icalendar's
`content_lines()`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import icalendar
from icalendar.parser import Contentline

_Value = TypeVar("_Value")


class ContentLineCache:
    """Each property's content line, made once by icalendar, for one build's events.

    The lines of an event are kept by property value until the next event,
    so the second time it is turned into lines only its three stamps are
    made. Values many events share are made once by shared_value(), and so
    are their lines.
    """

    def __init__(self) -> None:
        self._event: icalendar.Event | None = None
        self._made: dict[tuple[str, int], tuple[object, Contentline]] = {}
        self._values: dict[tuple[Callable[[Any], object], Hashable], object] = {}
        self._shared_ids: set[int] = set()  # the values are held in _values: ids stay
        self._shared: dict[tuple[str, object], Contentline] = {}

    def shared_value(self, make: Callable[[Any], _Value], argument: Hashable) -> _Value:
        """`make(argument)`, the same object each time within this build."""
        key = (make, argument)
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = make(argument)
            self._shared_ids.add(id(value))
        return value  # type: ignore[return-value]

    def lines_of(self, event: icalendar.Event) -> list[Contentline]:
        """The event's content lines, as `event.content_lines()` gives them (less the
        empty last one)."""
        if event is not self._event:
            self._event, self._made = event, {}
        return [self._line(event, name, value) for name, value in event.property_items()]

    def _line(self, event: icalendar.Event, name: str, value: object) -> Contentline:
        if name in ("BEGIN", "END"):  # their values are made afresh, equal each time
            return self._shared_line(event, (name, value), value)
        if id(value) in self._shared_ids:
            return self._shared_line(event, (name, id(value)), value)
        known = self._made.get((name, id(value)))
        if known is not None and known[0] is value:
            return known[1]
        line: Contentline = event.content_line(name, value)
        self._made[(name, id(value))] = (value, line)  # the value is held: its id stays
        return line

    def _shared_line(
        self, event: icalendar.Event, key: tuple[str, object], value: object
    ) -> Contentline:
        line = self._shared.get(key)
        if line is None:
            line = self._shared[key] = event.content_line(name=key[0], value=value)
        return line
