"""MkDocs' settings for a plan site (site/site_settings.py) and what a site is built
from (site/site_content.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.settings import SiteConfig
from generator.pages.channel_stylesheet import CHANNEL_STYLESHEET
from generator.pages.render import Page
from generator.pages.table_stash import TableStash
from generator.site.site_content import LateFiles, SiteContent
from generator.site.site_settings import (
    CALENDAR_SCRIPT,
    CALENDAR_STYLESHEET,
    SCRIPT,
    STYLESHEET,
    search_settings,
    settings_from_config,
)
from generator.site.theme import theme_dir
from tests.pages.small_plans import checked_plan

NAV = [{"Overview": "index.md"}]


def config_of(tmp_path: Path, extra: str = "") -> SiteConfig:
    site_config = (
        "site_name: Test plan\nlanguage: fr\ntimezone: Europe/Paris\n"
        "site_url: https://plan.example.com/\n" + extra
    )
    return checked_plan(tmp_path, {"site_config.yml": site_config}).config


def test_a_plan_site_is_material_offline_with_the_plan_s_navigation(tmp_path: Path) -> None:
    config = checked_plan(tmp_path, {}).config
    settings = settings_from_config(config, NAV)
    theme = settings["theme"]
    assert theme["name"] == "material" and theme["custom_dir"] == str(theme_dir())
    assert theme["font"] is False and theme["language"] == "en"
    assert settings["nav"] == NAV
    assert settings["not_in_nav"].splitlines() == [
        "/goals/**/*.md",
        "/personas/**/*.md",
        "/channels/**/*.md",
        "/campaigns/**/*.md",
        "/calendar/**/*.md",
        "/measurement/**/*.md",  # the pages of long lists (pages/long_lists.py)
        "/health/**/*.md",
    ]
    assert settings["extra_css"] == [STYLESHEET, CHANNEL_STYLESHEET, CALENDAR_STYLESHEET]
    assert settings["extra_javascript"] == [SCRIPT, CALENDAR_SCRIPT]
    assert settings["plugins"] == [{"search": search_settings("en")}]
    assert "use_directory_urls" not in settings  # MkDocs' default: pages as folders
    assert settings["site_url"] == "https://plan.example.com/"
    assert "hooks" not in settings  # each build hands MkDocs its hooks itself
    assert "extra" not in settings


def test_a_private_plan_site_says_so_to_the_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANSITE_FEED_SECRET", "abcdefghijklmnop0123")
    settings = settings_from_config(config_of(tmp_path, "private: true\n"), NAV)
    assert settings["extra"] == {"plansite_private": True}


def test_site_config_s_theme_and_mkdocs_settings_are_laid_over_the_defaults(
    tmp_path: Path,
) -> None:
    extra = (
        "theme:\n  features: [navigation.tabs]\n  palette: {scheme: slate}\n"
        "mkdocs:\n  copyright: (c) Us\n  extra: {social: [{icon: fontawesome/brands/github}]}\n"
    )
    settings = settings_from_config(config_of(tmp_path, extra), NAV)
    assert settings["theme"]["features"] == ["navigation.tabs"]
    assert settings["theme"]["palette"] == {"scheme": "slate"}
    assert settings["theme"]["name"] == "material"  # mappings merge key by key
    assert settings["copyright"] == "(c) Us"
    assert settings["extra"] == {"social": [{"icon": "fontawesome/brands/github"}]}


def test_the_docs_folder_holds_pages_stand_ins_for_late_files_and_extra_files(
    tmp_path: Path,
) -> None:
    content = SiteContent(
        [Page("index.md", "# Hi"), Page("calendar.md", "Cal")],
        {},
        TableStash(tmp_path),
        {"robots.txt": b"User-agent: *\n"},
        LateFiles(["calendar.ics", "calendar/x.ics"], tmp_path, lambda: None),
    )
    assert content.docs_files() == {
        "index.md": b"# Hi",
        "calendar.md": b"Cal",
        "calendar.ics": b"",
        "calendar/x.ics": b"",
        "robots.txt": b"User-agent: *\n",
    }
    assert SiteContent([Page("index.md", "é")], {}, TableStash(tmp_path)).docs_files() == {
        "index.md": "é".encode()
    }
