"""The preview's site, kept between rebuilds and rebuilt page by page."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from generator.site.compiled_templates import CompiledTemplates
from generator.site.hooks import PlansiteHooks
from generator.site.media_copies import publish_media
from generator.site.mkdocs_run import run_mkdocs, write_mkdocs_config
from generator.site.output_folder import mark
from generator.site.search_index import SearchIndexMerge
from generator.site.site_content import SiteContent, write_file
from generator.site.theme import theme_dir

# What MkDocs logs as a warning on every dirty build: the preview knows.
_DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"


class PreviewSite:
    """The preview's site, kept between rebuilds and rebuilt page by page.

    After one edit most pages come out of the templates as they were. Only
    the changed ones are written again, with their old HTML removed, and
    MkDocs' dirty build renders just those; search_index.py keeps the search
    index whole. A change that a dirty build would get wrong (settings, the
    theme, pages added or removed) gets a clean build instead. The theme's
    templates stay compiled from one build to the next (`compiled`).

    The preview serves `out`, which a rebuild never touches: it builds into
    the other of two folders (a dirty build into a copy of `out`), and `out`
    names the new site only once MkDocs has finished. A build that fails
    halfway leaves the last good site served, whole.
    """

    def __init__(self, folder: Path, compiled: CompiledTemplates) -> None:
        self._sites = (folder / "site-a", folder / "site-b")
        self.out = self._sites[0]
        self.compiled = compiled
        self._folder = folder
        self._written: dict[str, bytes] = {}  # a digest of each docs file as last written
        self._layout: object = None  # what the last build was laid out from

    def build(self, content: SiteContent) -> list[str]:
        """Build `content` beside the site served, then serve it; MkDocs' warnings."""
        files = content.docs_files()
        layout = (
            json.dumps(content.settings, sort_keys=True, default=str),
            sorted(files),
            _theme_stamp(),
        )
        clean = layout != self._layout
        self.start_afresh()  # until this build succeeds
        if clean:
            shutil.rmtree(self._folder / "docs", ignore_errors=True)  # MkDocs empties the site
            self._written.clear()
        site = self._next_site(copied=not clean)
        self._write_changed_docs(content, files, site)
        hooks = PlansiteHooks(content.stash, SearchIndexMerge(merging=not clean), self.compiled)
        config_file = write_mkdocs_config(self._folder, content.settings, site)
        warnings = run_mkdocs(config_file, hooks, dirty=not clean)
        if content.media is not None:
            publish_media(content.media, site, self.out)
        self.out = site  # the next request is answered from the new site
        self._layout = layout
        mark(self.out)  # the same tree as a build's (MkDocs leaves hidden files be)
        return [w for w in warnings if not w.startswith(_DIRTY_BUILD_NOTICE)]

    def start_afresh(self) -> None:
        """Make the next build a clean one, every docs file written again."""
        self._layout = None

    def _write_changed_docs(
        self, content: SiteContent, files: dict[str, bytes], site: Path
    ) -> None:
        """Write the docs files that changed since they were last written (a page's
        kept-out tables count), and remove their HTML so that MkDocs makes it again."""
        kept_out = {page.path: page.fragments for page in content.pages}
        for relative, body in files.items():
            digest = hashlib.sha256(
                body + json.dumps(kept_out.get(relative), sort_keys=True).encode()
            ).digest()
            if self._written.get(relative) != digest:
                write_file(self._folder / "docs" / relative, body)
                _output_of(site, relative).unlink(missing_ok=True)  # makes MkDocs redo it
                self._written[relative] = digest

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
