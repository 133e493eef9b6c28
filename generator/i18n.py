"""Labels and locale formatting, so the site reads naturally in English or French.

Labels come from the catalogues in `locales/`; dates and numbers from Babel's
CLDR data rather than hand-made formats (French writes « 8 450 », English 8,450).

An entry that depends on a number is a mapping of CLDR plural forms
(`one: "{count} goal"`, `other: "{count} goals"`), chosen by the value named
`count` with Babel's rules for the language: English says "1 goal", French
"0 objectif" and "1,5 publication". No "goal(s)".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources

import yaml
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

# A catalogue's text: one string, or one string per CLDR plural form.
Text = str | dict[str, str]


@cache
def catalogue(language: str) -> dict[str, Text]:
    text = (resources.files("generator") / "locales" / f"{language}.yml").read_text("utf-8")
    labels: dict[str, Text] = yaml.safe_load(text)
    return labels


@cache
def checks_catalogue(language: str) -> dict[str, dict[str, Text]]:
    path = resources.files("generator") / "locales" / f"checks.{language}.yml"
    entries: dict[str, dict[str, Text]] = yaml.safe_load(path.read_text("utf-8"))
    return entries


def plural_form(language: str, count: float) -> str:
    """The CLDR plural form of `count` in `language` ("one", "other"...)."""
    return str(Locale.parse(language).plural_form(abs(count)))


class Translator:
    """Looks labels up and formats values for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.labels = catalogue(language)

    def __call__(self, key: str, **values: object) -> str:
        """The label for `key`; a missing key is a bug in plansite, so it fails loudly."""
        return self.text(self.labels[key], values.get("count")).format(**values)

    def pattern(self, key: str) -> str:
        """The label with its {placeholders} left in, for the calendar's script to fill
        in the browser (its "other" plural form where it has forms)."""
        return self.text(self.labels[key], 2)

    def finding(self, key: str, values: dict[str, object], count: object = None) -> tuple[str, str]:
        """(message, hint) of a plan check's finding, from the checks catalogue;
        `count` is the number that chooses a plural form, before it was formatted."""
        entry = checks_catalogue(self.language)[key]
        message, hint = self.text(entry["message"], count), self.text(entry["hint"], count)
        return message.format(**values), hint.format(**values)

    def text(self, entry: Text, count: object = None) -> str:
        """The catalogue's text, in the plural form `count` asks for where it has forms."""
        if isinstance(entry, str):
            return entry
        if not isinstance(count, int | float) or isinstance(count, bool):
            raise TypeError(f"a text with plural forms needs a number, not {count!r}")
        return entry.get(plural_form(self.language, count), entry["other"])

    def joined(self, items: Sequence[str]) -> str:
        """Items joined as the language writes a list: "a, b, and c", « a, b et c »."""
        return str(format_list(list(items), locale=self.language))

    def date(self, day: date, style: str = "long") -> str:
        return _format_date(day, style, self.language)

    def number(self, value: float | None) -> str:
        if value is None:
            return ""
        return str(format_decimal(value, locale=self.language))


@cache
def _format_date(day: date, style: str, language: str) -> str:
    """Babel is slow for one date and a calendar shows thousands: format each once."""
    return str(format_date(day, format=style, locale=language))
