"""The feeds of the last publication, which the new ones are compared with.

Subscribers already hold those events: comparing with them keeps unchanged
events byte-identical and raises the SEQUENCE of moved ones. CI starts from an
empty folder, so the live feed's URL is accepted as well as a folder or file.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from http import HTTPStatus
from pathlib import Path

TIMEOUT = 30  # seconds to download the live feed before giving up


class PreviousFeedError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint)  # both in args: it travels from the feeds process
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def read_previous_feed(place: str, feed_path: str = "calendar.ics") -> bytes | None:
    """The combined feed of the last publication: a site folder, an .ics file or the
    live feed's URL (what CI, starting from an empty folder, has). None when there
    was no publication yet."""
    if place.startswith(("http://", "https://")):
        return _download(place)
    path = Path(place)
    feed = path / feed_path if path.is_dir() else path
    return feed.read_bytes() if feed.is_file() else None


def _download(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        if exc.code == HTTPStatus.NOT_FOUND:
            return None  # the first publication
        problem = f"the previous feed at {url} answered {exc.code}"
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc) or type(exc).__name__  # a cut download says little
        problem = f"the previous feed at {url} could not be read ({reason})"
    raise PreviousFeedError(
        problem, "without it, calendar apps would not see which events moved; retry later"
    )
