"""Plan checks: what a template cannot tell a team about its plan.

Each rule has a stable code (PS1xx goals, PS2xx audit, PS3xx channels,
PS4xx mix, PS5xx calendar, PS6xx measurement), a default severity that
`checks:` in site_config.yml can change or turn off, and a fix in its hint.
"""

from __future__ import annotations

from generator.checks import audit, calendar_rules, channels, goals, measurement, mix
from generator.checks.registry import CheckContext, Rule
from generator.diagnostics import Diagnostic, Severity
from generator.model import Plan, SiteConfig

RULES: tuple[Rule, ...] = (
    *goals.RULES,
    *audit.RULES,
    *channels.RULES,
    *mix.RULES,
    *calendar_rules.RULES,
    *measurement.RULES,
)
RULES_BY_CODE = {r.code: r for r in RULES}


def run_checks(
    plan: Plan, config: SiteConfig, context: CheckContext | None = None
) -> list[Diagnostic]:
    """Every finding of every rule that is on, with the severity the config gives it."""
    ctx = context or CheckContext(plan, config)
    found: list[Diagnostic] = []
    for rule in RULES:
        level = config.checks.get(rule.code, rule.severity.value)
        if level == "off":
            continue
        severity = Severity(level)
        found.extend(
            Diagnostic(f.location, severity, f.message, f.hint, rule.code) for f in rule.find(ctx)
        )
    return found


__all__ = ["RULES", "RULES_BY_CODE", "CheckContext", "run_checks"]
