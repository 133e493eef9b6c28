"""The MkDocs settings of a plan site: Material, offline, the plan's navigation.

What site_config.yml may add to them (`mkdocs:`, `theme:`) was checked as it
was read (load/mkdocs_settings.py); the hooks are not a setting but a plugin
each build hands MkDocs itself (hooks.py, mkdocs_run.py).
"""

from __future__ import annotations

from typing import Any

from generator.model.settings import SiteConfig
from generator.pages.channel_stylesheet import CHANNEL_STYLESHEET
from generator.pages.site_map import SECTION_INDEXES
from generator.site.search_index import FOLDED_FIELD, SEARCH_SEPARATOR
from generator.site.theme import theme_dir

STYLESHEET = "assets/stylesheets/plansite.css"
SCRIPT = "assets/javascripts/plansite.js"
# The calendar's grid, filters and views, and the overview's coming posts.
CALENDAR_STYLESHEET = "assets/stylesheets/calendar.css"
CALENDAR_SCRIPT = "assets/javascripts/calendar.js"
# Material's offline plugin runs search from a file through this shim, which it
# would load from a CDN: a copy that is emailed must ask no server.
IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker/shim.js"
# Material's instant loading fetches pages, which a page opened from a file may not.
_FETCHING_FEATURES = "navigation.instant"


def settings_from_config(
    config: SiteConfig, nav: list[Any], offline: bool = False
) -> dict[str, Any]:
    """The MkDocs settings for a plan site: Material, no request to another host,
    pruned navigation; `offline` for a copy opened from files (offline_settings)."""
    theme: dict[str, Any] = {
        "name": "material",
        "custom_dir": str(theme_dir()),
        "language": config.language,
        "font": False,  # no request to a font CDN: the site works offline
        "features": [
            "navigation.prune",
            "navigation.top",
            "navigation.indexes",
            "navigation.path",  # where a page sits: its section, above its title
            "search.highlight",
            "content.tooltips",
        ],
        "palette": [
            {
                "media": "(prefers-color-scheme: light)",
                "scheme": "default",
                "toggle": {"icon": "material/weather-night", "name": "Dark mode"},
            },
            {
                "media": "(prefers-color-scheme: dark)",
                "scheme": "slate",
                "toggle": {"icon": "material/weather-sunny", "name": "Light mode"},
            },
        ],
    }
    settings: dict[str, Any] = {
        # Escaped once by the MkDocs hooks (hooks.py), for Material.
        "site_name": config.site_name,
        "theme": _merge(theme, config.theme),
        "nav": nav,
        # The entities' pages, listed by their section's index (pages/site_map.py).
        "not_in_nav": "\n".join(f"/{folder}**/*.md" for folder in SECTION_INDEXES),
        "extra_css": [STYLESHEET, CHANNEL_STYLESHEET, CALENDAR_STYLESHEET],
        "extra_javascript": [SCRIPT, CALENDAR_SCRIPT],
        "plugins": [{"search": search_settings(config.language)}],
        "markdown_extensions": [
            "tables",
            "attr_list",
            "md_in_html",
            "admonition",
            "pymdownx.details",
            "pymdownx.superfences",
            {"toc": {"permalink": True}},
        ],
        "validation": {
            "links": {
                "absolute_links": "relative_to_docs",
                "anchors": "warn",
                "unrecognized_links": "warn",
                "not_found": "warn",
            },
            "nav": {"omitted_files": "warn", "not_found": "warn"},
        },
    }
    if config.site_url:
        settings["site_url"] = config.site_url
    if config.private:
        settings["extra"] = {"plansite_private": True}  # theme/main.html adds noindex
    merged = _merge(settings, config.mkdocs)
    return offline_settings(merged) if offline else merged


def offline_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """`settings` for a copy opened from a folder or a zip, without a server.

    As Material's "Building for offline usage" says: its offline plugin (search
    from an index inlined as a script), pages as `.html` files rather than
    folders (a folder opened from a file shows a listing), and no feature that
    fetches (instant loading). The plugin's shim comes with plansite's theme.
    """
    theme = dict(settings["theme"])
    theme["features"] = [
        feature
        for feature in theme.get("features", [])
        if not feature.startswith(_FETCHING_FEATURES)
    ]
    extra = dict(settings.get("extra") or {})
    extra["polyfills"] = [IFRAME_WORKER_SHIM]
    return {
        **settings,
        "theme": theme,
        "extra": extra,
        "use_directory_urls": False,
        "plugins": [*settings["plugins"], "offline"],
    }


def search_settings(language: str) -> dict[str, Any]:
    """Material's search in the site's language, splitting words where people do not
    type them (search_index.py). Its pipeline only drops stop words: Material ends
    every word typed with a wildcard, which lunr does not stem, so a stemmed index
    would miss what people type."""
    return {
        "lang": language,
        "separator": SEARCH_SEPARATOR,
        "pipeline": ["stopWordFilter"],
        "fields": {FOLDED_FIELD: {"boost": 1.0}},
    }


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with `extra` laid over it, mappings merged key by key."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
