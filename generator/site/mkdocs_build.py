"""Turns the generated Markdown pages into the HTML site with MkDocs and Material.

This is the only module that imports MkDocs. It builds into a temporary
folder next to the output and swaps it into place only when the whole build
succeeded, so a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.model.entities import SiteConfig
from generator.pages import table_stash
from generator.pages.render import SECTION_INDEXES, Page
from generator.runtime.interruptions import Mask, held, made_safely
from generator.site import search_index
from generator.site.output_folder import mark, must_be_replaceable
from generator.site.theme import theme_dir

STYLESHEET = "assets/stylesheets/plansite.css"
SCRIPT = "assets/javascripts/plansite.js"
# What MkDocs logs as a warning on every dirty build: the preview knows.
_DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"


class SiteBuildError(Exception):
    """MkDocs refused the generated site; the message says why."""


@dataclass(frozen=True)
class LateFiles:
    """Files still being made while MkDocs builds (the feeds, made beside it).

    Pages link to them, so MkDocs gets an empty stand-in at each path to check
    those links against; once `ready()` returns, the real files in `folder`
    replace the stand-ins in the finished site, before it is swapped in.
    """

    paths: list[str]
    folder: Path
    ready: Callable[[], object]


def mkdocs_config(config: SiteConfig, nav: list[Any]) -> dict[str, Any]:
    """The MkDocs settings for a plan site: Material, offline, pruned navigation."""
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
        # Escaped once by the MkDocs hooks (mkdocs_hooks.py), for Material.
        "site_name": config.site_name,
        "theme": _merge(theme, config.theme),
        "nav": nav,
        # The entities' pages, listed by their section's index (pages.navigation).
        "not_in_nav": "\n".join(f"/{folder}*.md" for folder in SECTION_INDEXES),
        "extra_css": [STYLESHEET],
        "extra_javascript": [SCRIPT],
        "plugins": [{"search": {"lang": config.language}}],
        "hooks": [str(Path(__file__).with_name("hooks.py"))],
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
    return _merge(settings, config.mkdocs)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with `extra` laid over it, mappings merged key by key."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def build_site(
    pages: list[Page],
    settings: dict[str, Any],
    out: Path,
    strict: bool,
    extra_files: dict[str, bytes],
    late: LateFiles | None,
    fragments_folder: Path,
) -> list[str]:
    """Build the HTML site into `out`, replacing what was there only on success.

    `extra_files` (robots.txt) go into the docs folder: MkDocs copies them as
    they are and checks every link that points to them; `late` ones too, once
    they are ready. Returns MkDocs' warnings (a broken link in a page body,
    say); with `strict` they fail the build instead.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(out.parent) as work:
        docs = work / "docs"
        stand_ins = dict.fromkeys(late.paths, b"") if late else {}
        files = {page.path: page.text.encode() for page in pages} | stand_ins | extra_files
        for relative, body in files.items():
            _write(docs / relative, body)
        table_stash.use(fragments_folder)
        config_file = _write_config(work, settings, docs, work / "site")
        warnings = _run_mkdocs(config_file, strict)
        if late:
            late.ready()
            for relative in late.paths:
                os.replace(late.folder / relative, work / "site" / relative)
        mark(work / "site")
        swap_into_place(work / "site", out, work)
    return warnings


class PreviewSite:
    """The preview's site, kept between rebuilds and rebuilt page by page.

    After one edit most pages come out of the templates as they were. Only
    the changed ones are written again, with their old HTML removed, and
    MkDocs' dirty build renders just those; search_index.py keeps the search
    index whole. A change that a dirty build would get wrong (settings, the
    theme, pages added or removed) gets a clean build instead.

    The preview serves `out`, which a rebuild never touches: it builds into
    the other of two folders (a dirty build into a copy of `out`), and `out`
    names the new site only once MkDocs has finished. A build that fails
    halfway leaves the last good site served, whole.
    """

    def __init__(self, folder: Path) -> None:
        self._sites = (folder / "site-a", folder / "site-b")
        self.out = self._sites[0]
        self.fragments = folder / "fragments"  # where render_pages() puts them
        self._docs = folder / "docs"
        self._folder = folder
        self._written: dict[str, bytes] = {}  # a digest of each docs file as last written
        self._layout: object = None  # what the last build was laid out from

    def build(
        self, pages: list[Page], settings: dict[str, Any], extra_files: dict[str, bytes]
    ) -> list[str]:
        files = {page.path: page.text.encode() for page in pages} | extra_files
        kept_out = {page.path: page.fragments for page in pages}
        layout = (json.dumps(settings, sort_keys=True, default=str), sorted(files), _theme_stamp())
        clean = layout != self._layout
        self.start_afresh()  # until this build succeeds
        if clean:
            shutil.rmtree(self._docs, ignore_errors=True)  # MkDocs empties the site itself
            self._written.clear()
        site = self._next_site(copied=not clean)
        for relative, body in files.items():
            digest = hashlib.sha256(
                body + json.dumps(kept_out.get(relative), sort_keys=True).encode()
            ).digest()
            if self._written.get(relative) != digest:
                _write(self._docs / relative, body)
                _output_of(site, relative).unlink(missing_ok=True)  # makes MkDocs redo it
                self._written[relative] = digest
        table_stash.use(self.fragments)
        config_file = _write_config(self._folder, settings, self._docs, site)
        search_index.merge_into_next_build(not clean)
        try:
            warnings = _run_mkdocs(config_file, strict=False, dirty=not clean)
        finally:
            search_index.merge_into_next_build(False)
        self.out = site  # the next request is answered from the new site
        self._layout = layout
        mark(self.out)  # the same tree as a build's (MkDocs leaves hidden files be)
        return [w for w in warnings if not w.startswith(_DIRTY_BUILD_NOTICE)]

    def start_afresh(self) -> None:
        """Make the next build a clean one, every docs file written again."""
        self._layout = None

    def _next_site(self, copied: bool) -> Path:
        """The folder that is not served, emptied, or holding a copy of the served
        site for a dirty build (copy2 keeps each file's time, which MkDocs compares
        with its source's to choose what to render again)."""
        site = self._sites[1] if self.out == self._sites[0] else self._sites[0]
        shutil.rmtree(site, ignore_errors=True)
        if copied and self.out.is_dir():
            shutil.copytree(self.out, site, symlinks=True)
        return site


def _output_of(site: Path, relative: str) -> Path:
    """Where MkDocs writes a docs file (directory URLs: goals/g1.md is goals/g1/index.html)."""
    source = Path(relative)
    if source.suffix != ".md":
        return site / source
    if source.stem == "index":
        return site / source.parent / "index.html"
    return site / source.parent / source.stem / "index.html"


def _theme_stamp() -> tuple[tuple[str, int], ...]:
    files = sorted(p for p in theme_dir().rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


def _write(target: Path, body: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)


def _write_config(folder: Path, settings: dict[str, Any], docs: Path, site: Path) -> Path:
    config_file = folder / "mkdocs.yml"
    full = {**settings, "docs_dir": str(docs), "site_dir": str(site)}
    config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=True), "utf-8")
    return config_file


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as Jinja compiled them, for every MkDocs build of this
    process (the MkDocs hooks hand it to each build's Jinja environment).

    MkDocs makes a new environment for each build, which compiled the forty
    templates of the theme again after every edit in the preview. Jinja
    reuses a template's code only while its source has the same checksum.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def _run_mkdocs(config_file: Path, strict: bool, dirty: bool = False) -> list[str]:
    warnings = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        mkdocs_build(config, dirty=dirty)
        return warnings.messages
    except MkDocsException as exc:
        detail = "; ".join(warnings.messages) or str(exc)
        raise SiteBuildError(detail) from None
    finally:
        logger.removeHandler(warnings)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def scratch_folder(parent: Path) -> Iterator[Path]:
    """A temporary folder on the output's file system (so renames are atomic), always
    removed: Ctrl+C or SIGTERM are held back until it is made and will be removed."""

    def make(_: Mask) -> Path:
        return Path(tempfile.mkdtemp(prefix=".plansite-build-", dir=parent))

    with made_safely(make, lambda work: shutil.rmtree(work, ignore_errors=True)) as work:
        yield work


def swap_into_place(new: Path, out: Path, work: Path) -> None:
    """Replace `out` by `new` with two renames; the old tree goes to `work` to be deleted.

    Only a folder an earlier build wrote, or an empty one, is replaced
    (output_folder.py); the build checked that at its start, and it is
    checked again here, where the deleting is done. Ctrl+C or a SIGTERM
    between the two renames would leave no site at all, so both signals
    wait until the swap is done.
    """
    must_be_replaceable(out)
    with held():
        if out.exists():
            os.replace(out, work / "previous")
        os.replace(new, out)
