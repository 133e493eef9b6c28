"""The pages the long lists take (`lists` in the templates): which there are, their
titles and templates, and what the measurement and health pages link to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.i18n import Translator
from generator.model import entities as m
from generator.pages.health_lists import HealthLists
from generator.pages.health_results import ResultsHealth
from generator.pages.long_lists import ListPart
from generator.pages.page_data import PageData
from generator.pages.tagged_link_pages import TaggedLinkPages


@dataclass(frozen=True)
class ListPage:
    """A page of a long list: its docs path, title, template and what it shows."""

    path: str
    title: str
    template: str
    variables: dict[str, Any]


class LongLists:
    def __init__(self, plan: m.Plan, views: PageData, t: Translator, rows: int) -> None:
        self.tagged = TaggedLinkPages(plan, rows)
        self.health = HealthLists(views.findings_by_step, views.external_links(), rows)
        self.results = ResultsHealth(plan.results, rows)
        self._t = t

    def pages(self) -> Iterator[ListPage]:
        """Every page of every long list, in a stable order."""
        yield from self._month_pages()
        yield from self._rule_pages()
        yield from self._address_pages()
        yield from self._unmatched_pages()

    def _month_pages(self) -> Iterator[ListPage]:
        for month in self.tagged.months:
            name = self._t.date(month.first_day, "LLLL yyyy")
            for part in month.parts:
                title = _numbered(self._t("utm_links_of_month", month=name), part)
                yield ListPage(part.path, title, "measurement_month.md.j2", _shown(part, title))

    def _rule_pages(self) -> Iterator[ListPage]:
        for part in self.health.rule_parts:
            title = _numbered(self._t("findings_of_rule", code=part.items[0].code), part)
            yield ListPage(part.path, title, "health_rule.md.j2", _shown(part, title))

    def _address_pages(self) -> Iterator[ListPage]:
        for part in self.health.address_parts:
            title = _numbered(self._t("external_links"), part)
            yield ListPage(part.path, title, "health_links.md.j2", _shown(part, title))

    def _unmatched_pages(self) -> Iterator[ListPage]:
        for part in self.results.unmatched_parts:
            title = _numbered(self._t("results_unmatched_title"), part)
            yield ListPage(part.path, title, "health_unmatched.md.j2", _shown(part, title))


def _shown(part: ListPart[Any], title: str) -> dict[str, Any]:
    """What a part's template gets: the part, and its title for its heading."""
    return {"part": part, "title": title}


def _numbered(title: str, part: ListPart[Any]) -> str:
    """A part's title: the list's, and which part of how many when there are several."""
    return title if part.count == 1 else f"{title} ({part.number}/{part.count})"
