"""Reads site_config.yml: the settings of the site rather than of the plan."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from generator.checks import RULES_BY_CODE
from generator.diagnostics import Location, Report, did_you_mean
from generator.model import SiteConfig
from generator.plan_files import read_text
from generator.schema_validation import validate_doc
from generator.values import parse_duration
from generator.yaml_source import YamlError, parse_yaml

FEED_SECRET_VARIABLE = "PLANSITE_FEED_SECRET"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,}$")


def load_config(path: Path, report: Report) -> SiteConfig | None:
    """The site configuration, or None after reporting why it cannot be used."""
    if not path.is_file():
        report.error(
            Location(path),
            "site configuration not found",
            "pass it with --config, or create site_config.yml with at least 'site_name:'",
        )
        return None
    text = read_text(path, report)
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
    if unknown:
        return None
    secret = os.environ.get(FEED_SECRET_VARIABLE, "")
    if data.get("private", False) and not _SECRET.match(secret):
        report.error(
            doc.locate(("private",)),
            f"a private plan needs its feed secret in the {FEED_SECRET_VARIABLE} "
            "environment variable (at least 16 letters, digits, '-' or '_')",
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
