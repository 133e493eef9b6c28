"""What the pages are made from: the plan checked, and what the checks found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from generator.diagnostics import Diagnostic
from generator.model import entities as m
from generator.model.content_mix import MixTable
from generator.model.occurrences import Occurrence
from generator.model.settings import SiteConfig
from generator.pages.site_map import SiteAddresses


@dataclass(frozen=True)
class PageContext:
    """Everything the pages show, made by the stages before them (build.py)."""

    plan: m.Plan
    config: SiteConfig
    findings: Sequence[Diagnostic]  # the plan checks', for the health page
    mix: Sequence[MixTable]  # the content mix of the plan, then of each channel
    today: date  # where the lists of upcoming posts start
    # Every occurrence the calendar shows, from the first post to the plan's
    # end, in time order.
    occurrences: Sequence[Occurrence]
    feed_paths: Mapping[str, str]  # each feed's path by what it holds (feeds.feed_paths)
    # MkDocs' use_directory_urls: off for a copy opened from files (build --offline).
    directory_urls: bool = True

    @property
    def addresses(self) -> SiteAddresses:
        """How the pages' own HTML writes a link to another page."""
        return SiteAddresses(self.directory_urls)
