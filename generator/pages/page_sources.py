"""Which plan file each page is made from, and its "Edit this page" address.

A page shows one plan file when it is a goal's, a persona's, a channel's,
a campaign's, the overview (plan.md) or a step kept in a file of its own
(audit.yml, content.yml...): its footer then links to that file in the
plan's repository, the way MkDocs' `edit_uri` does for a documentation
page: `repo_url`, then `edit_uri`, then the file's path from the folder of
site_config.yml (the repository's root in a plan's repository). Pages
made of many files (the calendar, the health page, the sections' indexes)
have no such link.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from generator.load.plan_documents import SINGLE_FILES
from generator.model import entities as m
from generator.model.settings import SiteConfig

# The pages that show one file of the plan folder, by the file's kind.
_PAGES_OF_KINDS = {
    "audit": "audit.md",
    "content": "content.md",
    "inspiration": "inspiration.md",
    "measurement": "measurement.md",
}


def source_files(plan: m.Plan) -> dict[str, Path]:
    """The plan file of each page made from one, by the page's docs path."""
    folder = plan.source.path.parent
    files = {"index.md": plan.source.path}
    files |= {
        _PAGES_OF_KINDS[kind]: folder / name
        for name, kind in SINGLE_FILES.items()
        if kind in _PAGES_OF_KINDS and (folder / name).is_file()
    }
    files |= {f"goals/{g.id}.md": g.source.path for g in plan.goals}
    files |= {f"personas/{p.id}.md": p.source.path for p in plan.personas}
    files |= {f"channels/{c.id}.md": c.source.path for c in plan.channels}
    files |= {f"campaigns/{c.id}.md": c.source.path for c in plan.campaigns}
    return files


def edit_address(config: SiteConfig, source: Path) -> str:
    """Where the repository edits `source`; empty without `repo_url`, or for a file
    outside the folder of site_config.yml (no path in the repository to give)."""
    if not config.repo_url:
        return ""
    root = os.path.abspath(config.source.path.parent)
    relative = os.path.relpath(os.path.abspath(source), root)
    if relative.startswith(os.pardir):
        return ""
    path = quote(Path(relative).as_posix())
    return f"{config.repo_url.rstrip('/')}/{config.edit_uri}{path}"
