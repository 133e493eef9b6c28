"""What site_config.yml says, as every stage reads it: the site's settings, apart
from the plan they publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from generator.diagnostics import Location
from generator.load.confined_files import DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    source: Location
    site_url: str = ""
    # The plan's repository, and where it edits a file (MkDocs' edit_uri, from the
    # folder of site_config.yml): each page's footer links to its plan file.
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    language: str = "en"
    timezone: str = "UTC"
    theme: dict[str, object] = field(default_factory=dict)
    calendar_name: str = ""
    default_duration: timedelta = timedelta(minutes=30)
    include_ideas: bool = False
    utm_medium: str = "social"
    mkdocs: dict[str, object] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)  # rule code -> off, warning, error
    min_gap: timedelta = timedelta(hours=2)
    stale_after_days: int = 90
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    private: bool = False
    feed_secret: str = ""  # from the environment, never from a file in the repository
    holidays: str = ""  # calendar.holidays: a country, or "country-subdivision", such as CA-QC
