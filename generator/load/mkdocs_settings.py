"""What site_config.yml may pass on to MkDocs (`mkdocs:`) and to Material (`theme:`).

The site is built in CI with a token that can publish, from files anyone's
pull request may change, and MkDocs settings reach far: `hooks` and
`plugins` load Python, `theme.custom_dir` loads Jinja templates (which can
run code), `INHERIT` and Markdown extensions such as pymdownx.snippets read
files, `site_dir` writes elsewhere, `extra_javascript` adds script, and
Material prints `copyright` as HTML and `extra.social[].link` as an href.
So only the settings listed here pass, each checked by a small validator;
every other is refused at its place in site_config.yml, with why and with
what is allowed. Values Material prints are escaped or sanitized later, by
the MkDocs hooks (site/hooks.py).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from generator.load.marked_yaml import DataPath
from generator.load.scalars import ValueProblem, check_link

# A problem: where under `mkdocs:` or `theme:`, what is wrong, a hint.
Problem = tuple[DataPath, str, str]
Validator = Callable[[Any, DataPath], Iterator[Problem]]

# Why the settings people reach for are refused; any other unknown setting
# gets the list of the allowed ones.
_REFUSED_MKDOCS = {
    "hooks": "it loads Python code by path",
    "plugins": "it loads Python code",
    "markdown_extensions": "it replaces the Markdown pipeline (and some extensions read files)",
    "mdx_configs": "it replaces the Markdown pipeline (and some extensions read files)",
    "extra_javascript": "it adds script to every page",
    "extra_css": "it loads stylesheets by path",
    "extra_templates": "it renders templates by path",
    "INHERIT": "it reads another file",
    "theme": "it replaces Material and its templates; use the top-level 'theme:' setting",
    "site_dir": "it writes the site elsewhere; use 'plansite build --out'",
    "docs_dir": "plansite writes the docs itself",
    "nav": "plansite makes the navigation from the plan",
    "hooks_dir": "it loads Python code by path",
    "site_name": "set it at the top level of site_config.yml",
    "site_url": "set it at the top level of site_config.yml",
}
_REFUSED_THEME = {
    "name": "plansite builds with Material",
    "custom_dir": "it loads templates by path, and Jinja templates can run code",
    "static_templates": "it renders templates by path",
    "language": "set 'language' at the top level of site_config.yml",
    "locale": "set 'language' at the top level of site_config.yml",
    "font": "it loads fonts from Google's servers; the site works offline",
    "logo": "the site carries no files from plan/; use 'icon: {logo: ...}' with one of "
    "Material's icons",
    "favicon": "the site carries no files from plan/",
}

_ICON = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)+$")
_COLOR = re.compile(r"^[a-z][a-z -]*$")
_MEDIA = re.compile(r"^[a-z0-9():, -]+$")
_FEATURE = re.compile(r"^[a-z]+(\.[a-z]+)*$")


def passthrough_problems(data: dict[str, Any]) -> list[Problem]:
    """What is wrong with the `mkdocs:` and `theme:` of site_config.yml (`data`);
    nothing when they may pass."""
    return list(_settings_of(data, ()))


def _mapping(fields: dict[str, Validator], refused: dict[str, str] | None = None) -> Validator:
    """A mapping whose keys are `fields`, each checked by its validator; any other
    key is refused, with the reason `refused` gives for it."""

    def check(value: Any, where: DataPath) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield where, f"{_name(where)} must be a mapping of fields", ""
            return
        hint = f"{_name(where)} may set {', '.join(sorted(fields))}; see docs/publishing.md"
        for key, item in value.items():
            inside = (*where, key)
            if key in fields:
                yield from fields[key](item, inside)
            elif refused and key in refused:
                yield inside, f"{_name(inside)} is not allowed: {refused[key]}", hint
            else:
                yield inside, f"{_name(inside)} is not a setting plansite passes on", hint

    return check


def _name(where: DataPath) -> str:
    """'mkdocs.extra.social[0].link' for ("mkdocs", "extra", "social", 0, "link")."""
    shown = ""
    for part in where:
        shown += f"[{part}]" if isinstance(part, int) else f".{part}" if shown else str(part)
    return f"'{shown}'"


def _text(value: Any, where: DataPath) -> Iterator[Problem]:
    if not isinstance(value, str) or not value.strip():
        yield where, f"{_name(where)} must be text", ""


def _boolean(value: Any, where: DataPath) -> Iterator[Problem]:
    if not isinstance(value, bool):
        yield where, f"{_name(where)} must be true or false", ""


def _link(value: Any, where: DataPath) -> Iterator[Problem]:
    try:
        if not isinstance(value, str):
            raise ValueProblem("is not an address", "links start with https://, http:// or mailto:")
        check_link(value)
    except ValueProblem as problem:
        yield where, f"{_name(where)}: {problem}", problem.hint


def _pattern(pattern: re.Pattern[str], what: str) -> Validator:
    def check(value: Any, where: DataPath) -> Iterator[Problem]:
        if not isinstance(value, str) or not pattern.match(value):
            yield where, f"{_name(where)}: '{value}' is not {what}", ""

    return check


def _icon(value: Any, where: DataPath) -> Iterator[Problem]:
    if not isinstance(value, str) or not _ICON.match(value) or not _is_material_icon(value):
        yield (
            where,
            f"{_name(where)}: '{value}' is not one of Material's icons",
            "name one as Material's documentation does, e.g. material/weather-night",
        )


@cache
def _is_material_icon(name: str) -> bool:
    """True when Material ships the icon (its templates include it by this name)."""
    spec = importlib.util.find_spec("material")
    folders = (spec.submodule_search_locations if spec else None) or []
    return any(
        (Path(folder) / "templates" / ".icons" / f"{name}.svg").is_file() for folder in folders
    )


def _list_of(item: Validator) -> Validator:
    def check(value: Any, where: DataPath) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield where, f"{_name(where)} must be a list", ""
            return
        for index, element in enumerate(value):
            yield from item(element, (*where, index))

    return check


def _one_or_list_of(item: Validator) -> Validator:
    def check(value: Any, where: DataPath) -> Iterator[Problem]:
        yield from (_list_of(item) if isinstance(value, list) else item)(value, where)

    return check


def _icons(value: Any, where: DataPath) -> Iterator[Problem]:
    """Material's `icon`: names of icons, or of groups of them (`admonition`, `tag`)."""
    if not isinstance(value, dict):
        yield from _icon(value, where)
        return
    for key, element in value.items():
        yield from _icons(element, (*where, key))


_SOCIAL = _mapping({"icon": _icon, "link": _link, "name": _text})
_MKDOCS: dict[str, Validator] = {
    "copyright": _text,  # sanitized by the hooks: Material prints it as HTML
    "site_description": _text,
    "site_author": _text,
    "extra": _mapping({"social": _list_of(_SOCIAL), "generator": _boolean}),
}
_PALETTE = _mapping(
    {
        "media": _pattern(_MEDIA, "a media query such as (prefers-color-scheme: dark)"),
        "scheme": _pattern(_COLOR, "a colour scheme such as default or slate"),
        "primary": _pattern(_COLOR, "a colour name such as indigo"),
        "accent": _pattern(_COLOR, "a colour name such as indigo"),
        "toggle": _mapping({"icon": _icon, "name": _text}),
    }
)
_THEME: dict[str, Validator] = {
    "palette": _one_or_list_of(_PALETTE),
    "features": _list_of(_pattern(_FEATURE, "a feature of Material such as navigation.tabs")),
    "icon": _icons,
}


def _settings_of(data: Any, where: DataPath) -> Iterator[Problem]:
    """The two pass-through settings of site_config.yml; the schema checks the others."""
    for key, fields, refused in (
        ("mkdocs", _MKDOCS, _REFUSED_MKDOCS),
        ("theme", _THEME, _REFUSED_THEME),
    ):
        if key in data:
            yield from _mapping(fields, refused)(data[key], (*where, key))
