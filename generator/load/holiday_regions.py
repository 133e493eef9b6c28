"""The regions whose public holidays plansite knows: `calendar.holidays` in
site_config.yml names one, an ISO 3166-1 country (FR) or a country and its
ISO 3166-2 subdivision (CA-QC), as the holidays package lists them."""

from __future__ import annotations

import re
from functools import cache

import holidays

from generator.diagnostics import did_you_mean

# The package also lists school zones and cities (FR "Zone A", IT "Andria"):
# they are no ISO 3166-2 subdivision, so `calendar.holidays` does not name them.
_SUBDIVISION = re.compile(r"[A-Z0-9]{1,3}")
_ALPHA_2 = re.compile(r"[A-Z]{2}")


@cache
def supported_regions() -> dict[str, tuple[str, ...]]:
    """Every country the holidays package knows, by its ISO 3166-1 alpha-2
    code, with the ISO 3166-2 codes of its subdivisions."""
    return {
        country: tuple(code for code in subdivisions if _SUBDIVISION.fullmatch(code))
        for country, subdivisions in holidays.list_supported_countries(
            include_aliases=False
        ).items()
        if _ALPHA_2.fullmatch(country)
    }


def split_region(region: str) -> tuple[str, str | None]:
    """(country, subdivision or None) of a region such as CA-QC, in capitals."""
    country, _, subdivision = region.upper().partition("-")
    return country, subdivision or None


def region_problem(region: str) -> tuple[str, str]:
    """(message, hint) saying what is wrong with a region; ("", "") when the
    holidays package knows it."""
    regions = supported_regions()
    country, subdivision = split_region(region)
    if country not in regions:
        return f"no public holidays are known for '{region}'", _country_hint(country, subdivision)
    known = regions[country]
    if subdivision is None or subdivision in known:
        return "", ""
    if not known:
        return f"{country} has no subdivision with holidays of its own", f"write '{country}'"
    codes = [f"{country}-{code}" for code in known]
    hint = did_you_mean(f"{country}-{subdivision}", codes) or f"known: {', '.join(codes)}"
    return f"no public holidays are known for the subdivision '{region}'", hint


def _country_hint(country: str, subdivision: str | None) -> str:
    """The ISO code of a country written another way (CAN, UK), else the closest code."""
    if country in holidays.list_supported_countries(include_aliases=True):
        code = holidays.country_holidays(country).country
        return f"did you mean '{code}-{subdivision}'?" if subdivision else f"did you mean '{code}'?"
    return did_you_mean(country, supported_regions()) or (
        "write a country's ISO 3166-1 code (FR, CA, US...), "
        "or add its ISO 3166-2 subdivision after a dash (CA-QC)"
    )
