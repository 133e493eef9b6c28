"""What MkDocs turns into the site: the pages, their settings, the files beside them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.pages.render import Page
from generator.pages.table_stash import TableStash
from generator.site.media_copies import SiteMedia


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


@dataclass(frozen=True)
class SiteContent:
    """Everything a site is built from.

    `extra_files` (robots.txt, the preview's feeds) go into the docs folder:
    MkDocs copies them as they are and checks every link that points to
    them; `late` ones too, once they are ready.
    """

    pages: Sequence[Page]
    settings: dict[str, Any]  # MkDocs' (site_settings.py)
    stash: TableStash  # where the pages' long tables were kept out of them
    extra_files: Mapping[str, bytes] = field(default_factory=dict)
    late: LateFiles | None = None
    media: SiteMedia | None = None  # put in after MkDocs, kept from the site it replaces

    def docs_files(self) -> dict[str, bytes]:
        """Every file of the docs folder, by its path there."""
        stand_ins = dict.fromkeys(self.late.paths, b"") if self.late else {}
        pages = {page.path: page.text.encode() for page in self.pages}
        return pages | stand_ins | dict(self.extra_files)


def write_file(target: Path, body: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
