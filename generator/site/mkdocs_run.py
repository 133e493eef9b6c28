"""One run of MkDocs over a docs folder, with the build's own hooks and its warnings.

The only place MkDocs is started from; site_settings.py says what with.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.site.hooks import PlansiteHooks


class SiteBuildError(Exception):
    """MkDocs refused the generated site; the message says why."""


def write_mkdocs_config(work: Path, settings: dict[str, Any], site: Path) -> Path:
    """The settings as `work`/mkdocs.yml, building `work`/docs into `site`."""
    config_file = work / "mkdocs.yml"
    full = {**settings, "docs_dir": str(work / "docs"), "site_dir": str(site)}
    config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=True), "utf-8")
    return config_file


def run_mkdocs(
    config_file: Path, hooks: PlansiteHooks, strict: bool = False, dirty: bool = False
) -> list[str]:
    """Build as `config_file` says, with `hooks`; MkDocs' warnings.

    MkDocs takes a plugin instance once its settings are loaded
    (PluginCollection registers the instance's `on_*` methods, as it does
    for the `hooks` setting's modules); added last, it runs after the
    search plugin, as hooks do.
    """
    warnings = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        config.plugins["plansite"] = hooks
        mkdocs.commands.build.build(config, dirty=dirty)
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
