"""Reads site_config.yml: the settings of the site rather than of the plan."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from generator.checks import RULES_BY_CODE
from generator.diagnostics import Location, Report, did_you_mean
from generator.load.confined_files import real_folder
from generator.load.marked_yaml import YamlError, parse_yaml
from generator.load.mkdocs_settings import passthrough_problems
from generator.load.plan_folder import read_text
from generator.load.scalars import parse_duration
from generator.load.validation import validate_doc
from generator.model.entities import SiteConfig

FEED_SECRET_VARIABLE = "PLANSITE_FEED_SECRET"
# The secret becomes a folder name in every private feed's address. 16
# URL-safe characters are 96 bits when drawn at random: no one guesses that.
# The minimum stays what it has always been, because each subscriber's
# address holds the secret and a rule that made people change theirs would
# cut every subscription. 128 keeps the folder name well under the 255 bytes
# file systems allow.
SECRET_LENGTH = (16, 128)
_SECRET = re.compile(r"[A-Za-z0-9_-]+")


def load_config(path: Path, report: Report) -> SiteConfig | None:
    """The site configuration, or None after reporting why it cannot be used."""
    if not os.path.lexists(path):
        report.error(
            Location(path),
            "site configuration not found",
            "pass it with --config, or create site_config.yml with at least 'site_name:'",
        )
        return None
    # A link may lead to a file beside it, not out of its folder (file_reading.py).
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
    if problems:
        return None
    data: dict[str, Any] = doc.data
    calendar = data.get("calendar", {})
    checks = data.get("checks", {})
    levels = {code: level for code, level in checks.items() if code.startswith("PS")}
    unknown = [code for code in levels if code not in RULES_BY_CODE]
    for code in unknown:
        report.error(
            doc.locate(("checks", code)),
            f"unknown check '{code}'",
            did_you_mean(code, RULES_BY_CODE) or "docs/checks.md lists every rule",
        )
    refused = passthrough_problems(data)
    for where, message, hint in refused:
        report.error(doc.locate(where), message, hint)
    if unknown or refused:
        return None
    secret = os.environ.get(FEED_SECRET_VARIABLE, "")
    problem = feed_secret_problem(secret)
    if data.get("private", False) and problem:
        shortest, longest = SECRET_LENGTH
        report.error(
            doc.locate(("private",)),
            f"a private plan needs its feed secret in the {FEED_SECRET_VARIABLE} "
            f"environment variable ({shortest} to {longest} letters, digits, '-' or '_'): "
            f"{problem}",
            "set it in your shell or as a CI secret, never in a committed file; for example "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(24))'",
        )
        return None
    return SiteConfig(
        site_name=data["site_name"],
        source=doc.locate(),
        site_url=data.get("site_url", ""),
        language=data.get("language", "en"),
        timezone=data.get("timezone", "UTC"),
        theme=data.get("theme", {}),
        calendar_name=calendar.get("name", ""),
        default_duration=parse_duration(calendar.get("default_duration", "30m")),
        include_ideas=calendar.get("include_ideas", False),
        utm_medium=data.get("utm", {}).get("medium", "social"),
        mkdocs=data.get("mkdocs", {}),
        checks=levels,
        min_gap=parse_duration(checks.get("min_gap", "2h")),
        stale_after_days=int(checks.get("stale_after_days", 90)),  # 2.0 too: see whole_number()
        max_file_bytes=int(data.get("max_file_mb", 10) * 1024 * 1024),
        private=data.get("private", False),
        feed_secret=secret if data.get("private", False) else "",
    )


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
