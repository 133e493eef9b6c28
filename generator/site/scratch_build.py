"""A build of the site into a scratch folder, swapped in for the output only when whole.

A failed build never leaves a half-written site behind: MkDocs writes into
a temporary folder next to the output, and the output is replaced by it
with two renames once everything succeeded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.runtime.interruptions import Mask, held, made_safely
from generator.site.compiled_templates import CompiledTemplates
from generator.site.hooks import PlansiteHooks
from generator.site.media_copies import publish_media
from generator.site.mkdocs_run import run_mkdocs, write_mkdocs_config
from generator.site.output_folder import mark, must_be_replaceable
from generator.site.search_index import SearchIndexMerge
from generator.site.site_content import LateFiles, SiteContent, write_file


def build_site(
    content: SiteContent,
    out: Path,
    strict: bool = False,
    compiled: CompiledTemplates | None = None,
) -> list[str]:
    """Build the HTML site into `out`, replacing what was there only on success.

    Returns MkDocs' warnings (a broken link in a page body, say); with
    `strict` they fail the build instead. `compiled` keeps the theme's
    templates compiled for the next build of this process, if there is one.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(out.parent) as work:
        site = work / "site"
        for relative, body in content.docs_files().items():
            write_file(work / "docs" / relative, body)
        hooks = PlansiteHooks(
            content.stash, SearchIndexMerge(merging=False), compiled or CompiledTemplates()
        )
        warnings = run_mkdocs(write_mkdocs_config(work, content.settings, site), hooks, strict)
        if content.late:
            _put_late_files(content.late, site)
        if content.media is not None:
            publish_media(content.media, site, out)
        mark(site)
        swap_into_place(site, out, work)
    return warnings


def _put_late_files(late: LateFiles, site: Path) -> None:
    """Wait for the late files, then put each in place of its stand-in."""
    late.ready()
    for relative in late.paths:
        os.replace(late.folder / relative, site / relative)


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
