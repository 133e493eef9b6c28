"""The theme's templates as Jinja compiled them, kept from one MkDocs build to the next.

MkDocs makes a new Jinja environment for each build, which compiled the
forty templates of the theme again after every edit in the preview. The
preview keeps one CompiledTemplates and hands it to each build's
environment (hooks.py); a one-off build needs none. Jinja reuses a
template's code only while its source has the same checksum, so a changed
template is compiled again.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode of each template, in memory, by template and source checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
