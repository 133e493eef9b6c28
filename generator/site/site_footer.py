"""The footer of every page, the plan's own in place of Material's "Made with":
the organisation, the plan's period, its date and a link that edits the page's
plan file (pages/page_sources.py), each word in the site's language.

The date keeps two builds of the same plan the same bytes: the build's date
when SOURCE_DATE_EPOCH gives it (as reproducible builds do: CI sets it to the
commit's time), else the plan's own date (`Plan.today`: its latest
measurement or review), never the wall clock.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.settings import SiteConfig

# Where MkDocs' settings carry the footer's words: config.extra.plansite_footer.
FOOTER_EXTRA = "plansite_footer"


def footer_from_plan(plan: m.Plan, config: SiteConfig) -> dict[str, str]:
    """The footer's words, as text: theme/partials/copyright.html escapes each as it prints it."""
    t = Translator(config.language)
    built = build_date(config)
    dated = (
        t("footer_built", date=t.date(built))
        if built
        else t("footer_as_of", date=t.date(plan.today))
    )
    return {
        "organisation": plan.organization,
        "period": t("footer_period", start=t.date(plan.period.start), end=t.date(plan.period.end)),
        "date": dated,
        "edit": t("footer_edit"),
    }


def build_date(config: SiteConfig) -> date | None:
    """The day SOURCE_DATE_EPOCH names, in the site's time zone; None when it is not
    set to a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), ZoneInfo(config.timezone)).date()
