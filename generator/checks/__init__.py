"""Plan -> findings: what a template cannot tell a team about its plan."""

# Each rule has a stable code (PS1xx goals, PS2xx audit, PS3xx channels,
# PS4xx mix, PS5xx calendar, PS6xx measurement), a default severity that
# `checks:` in site_config.yml can change or turn off, and a fix in its hint.
# Rules only find problems; their words come from the checks catalogue in the
# site's language.

from __future__ import annotations

from datetime import date

from generator.checks import (
    audit,
    calendar_rules,
    channels,
    goals,
    key_date_rules,
    measurement,
    media,
    mix,
    placeholders,
    results,
)
from generator.checks.registry import CheckContext, Labels, Names, Rule
from generator.diagnostics import Diagnostic, Severity
from generator.i18n import Translator
from generator.model.entities import Plan
from generator.model.settings import SiteConfig

RULES: tuple[Rule, ...] = (
    *goals.RULES,
    *audit.RULES,
    *channels.RULES,
    *mix.RULES,
    *calendar_rules.RULES,
    *key_date_rules.RULES,
    *media.RULES,
    *measurement.RULES,
    *results.RULES,
    *placeholders.RULES,
)
RULES_BY_CODE = {r.code: r for r in RULES}


def findings_from_plan(
    plan: Plan, config: SiteConfig, context: CheckContext | None = None
) -> list[Diagnostic]:
    """Every finding of every rule that is on, with the severity the config gives it,
    worded in the site's language."""
    ctx = context or CheckContext(plan, config)
    words = Translator(config.language)
    found: list[Diagnostic] = []
    for rule in RULES:
        level = config.checks.get(rule.code, rule.severity.value)
        if level == "off":
            continue
        for finding in rule.find(ctx):
            shown = _shown(words, finding.values)
            message, hint = words.finding(finding.key, shown, finding.values.get("count"))
            step = finding.step or rule.step
            found.append(
                Diagnostic(finding.location, Severity(level), message, hint, rule.code, step)
            )
    return found


def _shown(words: Translator, values: dict[str, object]) -> dict[str, object]:
    """Values in the site's words: dates and numbers formatted for its locale,
    label lists translated."""
    return {name: _word(words, value) for name, value in values.items()}


def _word(words: Translator, value: object) -> object:
    if isinstance(value, Labels):
        return words.joined([words(value.prefix + item) for item in value.items])
    if isinstance(value, Names):
        return words.joined(value.items)
    if isinstance(value, date):
        return words.date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return words.number(value)
    return value


__all__ = ["RULES", "RULES_BY_CODE", "CheckContext", "findings_from_plan"]
