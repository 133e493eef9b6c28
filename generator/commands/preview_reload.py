"""What the preview adds to the pages it serves: a reload after each rebuild, and
the plan's errors while the last good site is served.

Only pages served by `plansite serve` get it, never a built site: the server
adds a small script, served by itself under PREFIX, that asks every second
which rebuild the preview is at and reloads the page when that changed. While
the last rebuild failed, each page also shows its errors (file:line:col,
message, hint), escaped by markupsafe like every plan text on the site.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.diagnostics import Diagnostic

# Paths the server answers itself; a site never has a folder starting with a dot.
PREFIX = "/.plansite-preview/"
GENERATION_PATH = PREFIX + "generation"
SCRIPT_PATH = PREFIX + "reload.js"
POLL_MILLISECONDS = 1000

# No address of another host, no framework: it works offline, and asks only
# the server that served the page.
RELOAD_SCRIPT = f"""\
(function () {{
  "use strict";
  var seen = document.currentScript.getAttribute("data-generation");
  function ask() {{
    fetch("{GENERATION_PATH}", {{cache: "no-store"}})
      .then(function (answer) {{ return answer.text(); }})
      .then(function (now) {{
        if (now.trim() !== seen) {{ window.location.reload(); }}
        else {{ window.setTimeout(ask, {POLL_MILLISECONDS}); }}
      }})
      .catch(function () {{ window.setTimeout(ask, {2 * POLL_MILLISECONDS}); }});
  }}
  window.setTimeout(ask, {POLL_MILLISECONDS});
}})();
"""

_BANNER = Markup(
    '<div id="plansite-preview-errors" role="alert" style="position:fixed;left:0;right:0;'
    "bottom:0;z-index:1000;max-height:40vh;overflow:auto;margin:0;padding:0.8em 1.2em;"
    'background:#fff0f0;color:#5c0000;border-top:3px solid #b00020;font:14px/1.5 sans-serif">'
    '<p style="margin:0 0 0.4em"><strong>{summary}</strong>: this page shows the last good '
    'site until the plan is fixed.</p><ul style="margin:0;padding-left:1.2em">{items}</ul>'
    "</div>"
)
_ITEM = Markup("<li><code>{location}</code>: {message}{hint}</li>")
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass
class PreviewStatus:
    """Which rebuild the preview is at, and the errors of the last one when it failed.

    Written by the rebuilding thread, read by the server's threads.
    """

    generation: int = 0
    problems: tuple[Diagnostic, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def rebuilt(self, problems: Iterable[Diagnostic] = ()) -> None:
        """A rebuild ended: well (no problems) or with the errors to show."""
        with self._lock:
            self.generation += 1
            self.problems = tuple(problems)

    def now(self) -> tuple[int, tuple[Diagnostic, ...]]:
        with self._lock:
            return self.generation, self.problems


def page_with_reload(page: bytes, status: PreviewStatus) -> bytes:
    """The page with the reload script, and the errors while the plan has some,
    at the end of its body."""
    generation, problems = status.now()
    added = Markup('<script src="{src}" data-generation="{generation}"></script>').format(
        src=SCRIPT_PATH, generation=generation
    )
    if problems:
        added = banner_from_problems(problems) + added
    ends = list(_BODY_END.finditer(page))
    at = ends[-1].start() if ends else len(page)
    return page[:at] + str(added).encode("utf-8") + page[at:]


def banner_from_problems(problems: tuple[Diagnostic, ...]) -> Markup:
    """The errors as a list a person reads, each value escaped."""
    items = Markup("").join(
        _ITEM.format(
            location=str(problem.location),
            message=problem.message,
            hint=f" ({problem.hint})" if problem.hint else "",
        )
        for problem in problems
    )
    count = len(problems)
    summary = f"{count} error" if count == 1 else f"{count} errors"
    return _BANNER.format(summary=summary, items=items)
