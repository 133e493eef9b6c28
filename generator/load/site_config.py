"""Reads site_config.yml: the settings of the site rather than of the plan."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from generator.diagnostics import Location, Report, did_you_mean
from generator.load.confined_files import real_folder
from generator.load.document_fields import given, given_as
from generator.load.holiday_regions import region_problem, split_region
from generator.load.marked_yaml import DataPath, SourceDoc, YamlError, parse_yaml
from generator.load.mkdocs_settings import passthrough_problems
from generator.load.plan_folder import read_text
from generator.load.scalars import parse_duration
from generator.load.validation import validate_doc
from generator.model.settings import SiteConfig

FEED_SECRET_VARIABLE = "PLANSITE_FEED_SECRET"
# The secret becomes a folder name in every private feed's address. 16
# URL-safe characters are 96 bits when drawn at random: no one guesses that.
# The minimum stays what it has always been, because each subscriber's
# address holds the secret and a rule that made people change theirs would
# cut every subscription. 128 keeps the folder name well under the 255 bytes
# file systems allow.
SECRET_LENGTH = (16, 128)
_SECRET = re.compile(r"[A-Za-z0-9_-]+")


def read_config(path: Path, report: Report, rule_codes: Collection[str]) -> SiteConfig | None:
    """The site configuration, or None after reporting why it cannot be used.

    `rule_codes` are the plan checks' codes, which `checks:` may turn off or re-grade.
    """
    doc = _valid_document(path, report)
    if doc is None:
        return None
    data: dict[str, Any] = doc.data
    levels = {
        code: level for code, level in data.get("checks", {}).items() if code.startswith("PS")
    }
    unknown = [code for code in levels if code not in rule_codes]
    for code in unknown:
        report.error(
            doc.locate(("checks", code)),
            f"unknown check '{code}'",
            did_you_mean(code, rule_codes) or "docs/checks.md lists every rule",
        )
    refused = passthrough_problems(data)
    refused += _holidays_problems(data)
    for where, message, hint in refused:
        report.error(doc.locate(where), message, hint)
    if unknown or refused:
        return None
    secret = os.environ.get(FEED_SECRET_VARIABLE, "") if data.get("private") else ""
    if data.get("private") and _secret_refused(secret, doc, report):
        return None
    return SiteConfig(
        site_name=data["site_name"],
        source=doc.locate(),
        checks=levels,
        feed_secret=secret,
        **_settings(data),
    )


def _valid_document(path: Path, report: Report) -> SourceDoc | None:
    """The file's document when it is there, readable and valid; None after reporting why not."""
    if not os.path.lexists(path):
        report.error(
            Location(path),
            "site configuration not found",
            "pass it with --config, or create site_config.yml with at least 'site_name:'",
        )
        return None
    # A link may lead to a file beside it, not out of its folder (confined_files.py).
    text = read_text(path, report, within=real_folder(path.parent))
    if text is None:
        return None
    try:
        doc = parse_yaml(text, path)
    except YamlError as exc:
        report.error(exc.location, exc.message, exc.hint)
        return None
    problems = validate_doc("site_config", doc)
    report.extend(diagnostic for _, diagnostic in problems)
    return None if problems else doc


def _holidays_problems(data: dict[str, Any]) -> list[tuple[DataPath, str, str]]:
    """The problem of a `calendar.holidays` region the holidays package does not know."""
    region = data.get("calendar", {}).get("holidays")
    if region is None:
        return []
    message, hint = region_problem(region)
    return [(("calendar", "holidays"), message, hint)] if message else []


def _secret_refused(secret: str, doc: SourceDoc, report: Report) -> bool:
    """Report a private plan's feed secret that is missing or unfit; True if it was."""
    problem = feed_secret_problem(secret)
    if not problem:
        return False
    shortest, longest = SECRET_LENGTH
    report.error(
        doc.locate(("private",)),
        f"a private plan needs its feed secret in the {FEED_SECRET_VARIABLE} "
        f"environment variable ({shortest} to {longest} letters, digits, '-' or '_'): "
        f"{problem}",
        "set it in your shell or as a CI secret, never in a committed file; for example "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(24))'",
    )
    return True


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    """The settings the file gives, by SiteConfig field: SiteConfig holds the defaults."""
    calendar, checks = data.get("calendar", {}), data.get("checks", {})
    settings = given(data, "site_url", "language", "timezone", "theme", "mkdocs", "private")
    settings |= given(data, "repo_url", "edit_uri")
    settings |= given(calendar, "include_ideas") | given_as(
        calendar, parse_duration, "default_duration"
    )
    settings |= given_as(checks, parse_duration, "min_gap")
    settings |= given_as(checks, int, "stale_after_days")  # 2.0 too: see whole_number()
    if "name" in calendar:
        settings["calendar_name"] = calendar["name"]
    if "holidays" in calendar:
        settings["holidays"] = "-".join(filter(None, split_region(calendar["holidays"])))
    if "medium" in data.get("utm", {}):
        settings["utm_medium"] = data["utm"]["medium"]
    if "max_file_mb" in data:
        settings["max_file_bytes"] = int(data["max_file_mb"] * 1024 * 1024)
    return settings


def feed_secret_problem(secret: str) -> str:
    """What is wrong with a feed secret, empty when nothing is.

    The whole value must match, so that a line break left at its end (a
    secret pasted with its newline) is refused rather than made into a
    folder name. The secret itself is never shown.
    """
    shortest, longest = SECRET_LENGTH
    if not secret:
        return "it is not set"
    if not _SECRET.fullmatch(secret):
        if secret.strip() != secret:
            return "it starts or ends with a space or a line break"
        return "it holds other characters (a space, '/', '.', a non-ASCII letter...)"
    if not shortest <= len(secret) <= longest:
        return f"it is {len(secret)} characters long"
    return ""
