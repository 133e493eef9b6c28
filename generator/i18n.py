"""Labels and locale formatting, so the site reads naturally in English or French.

Labels come from the catalogues in `locales/`; dates and numbers from Babel's
CLDR data rather than hand-made formats (French writes « 8 450 », English 8,450).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal


@cache
def catalogue(language: str) -> dict[str, str]:
    text = (resources.files("generator") / "locales" / f"{language}.yml").read_text("utf-8")
    labels: dict[str, str] = yaml.safe_load(text)
    return labels


@cache
def checks_catalogue(language: str) -> dict[str, dict[str, str]]:
    path = resources.files("generator") / "locales" / f"checks.{language}.yml"
    entries: dict[str, dict[str, str]] = yaml.safe_load(path.read_text("utf-8"))
    return entries


class Translator:
    """Looks labels up and formats values for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.labels = catalogue(language)

    def __call__(self, key: str, **values: object) -> str:
        """The label for `key`; a missing key is a bug in plansite, so it fails loudly."""
        return self.labels[key].format(**values)

    def finding(self, key: str, values: dict[str, object]) -> tuple[str, str]:
        """(message, hint) of a plan check's finding, from the checks catalogue."""
        entry = checks_catalogue(self.language)[key]
        return entry["message"].format(**values), entry["hint"].format(**values)

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
