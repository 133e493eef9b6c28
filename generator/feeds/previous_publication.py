"""The feeds of the last publication, which the new ones are compared with.

Subscribers already hold those events: comparing with them keeps unchanged
events byte-identical and raises the SEQUENCE of moved ones. CI starts from an
empty folder, so the live feed's URL is accepted as well as a folder or file.

What is read there was not written by this build, and may not be a feed at
all: a server that never finishes, a gigabyte, an HTML page. Each of those is
an error that says what happened, never what was read; so is a file given
with --previous that is not there, since building as if nothing had been
published would start every event's SEQUENCE over, and calendar apps would
keep their old copies. For the same reason a 404 from the live feed's URL is
the first publication only when nothing is published at the site's address
either: a feed missing from a live site (a wrong path, a new secret) stops
the build.
"""

from __future__ import annotations

import codecs
import http.client
import os
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import IO, TypeVar

from generator.load.confined_files import Refused, read_file

# Seconds for each network operation (connecting, each read).
SOCKET_TIMEOUT = 30
# Seconds for the whole download. The largest feed allowed (below) takes
# about a minute at 2 MB/s; a build that waits longer is stuck, and CI's own
# limit (six hours on GitHub) would hold the job that long.
DEADLINE = 120
# The combined feed of the 50,000-post benchmark plan is 45 MB: this leaves
# room for twice that, while an endless answer stops here instead of filling
# the memory (1 GiB took 7 GB to read back).
MAX_FEED_BYTES = 100 * 1024 * 1024
_CHUNK = 64 * 1024
_RETRY = "without it, calendar apps would not see which events moved; retry later"
_Result = TypeVar("_Result")


class PreviousFeedError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint)  # both in args: it travels from the feeds process
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def read_previous_feed(
    place: str, feed_path: str = "calendar.ics", given: bool = True, secret: str = ""
) -> bytes | None:
    """The combined feed of the last publication: a site folder, an .ics file or the
    live feed's URL (what CI, starting from an empty folder, has). None when there
    was no publication yet: a 404 from the URL and from the site's address it
    belongs to, or, when the place was not `given` with --previous (it is then
    the output folder), no feed there.

    A private plan's `secret` is in its feeds' addresses; the messages show
    `<secret>` in its place, since CI logs are often public.
    """
    shown = _hidden(place, secret)
    if place.startswith(("http://", "https://")):
        body = _download(place, shown)
        if body is None:
            home = site_address(place, feed_path)
            _refuse_when_published(home, shown, _hidden(home, secret))
        shown = f"at {shown}"
    elif Path(place).is_dir():
        shown = f"in {shown}"
        body = _read_local(Path(place) / feed_path, given, shown)
    else:
        body = _read_local(Path(place), given, shown)
    if body is not None and not _is_a_feed(body):
        raise PreviousFeedError(
            f"the previous feed {shown} is not an iCalendar feed "
            "(it must be UTF-8 text from BEGIN:VCALENDAR to END:VCALENDAR)",
            "give --previous the address or path of the published calendar.ics",
        )
    return body


def _hidden(address: str, secret: str) -> str:
    return address.replace(secret, "<secret>") if secret else address


def _read_local(feed: Path, given: bool, shown: str) -> bytes | None:
    """The feed at `feed`, shown as `shown` (in the folder holding it, or the file itself)."""
    if not os.path.lexists(feed):
        if not given:
            return None  # the first build into this output folder
        raise PreviousFeedError(
            f"the previous feed {shown} was not found",
            "check the path given with --previous; without the last publication every "
            "event's SEQUENCE would start over and calendar apps would keep old copies",
        )
    try:
        return read_file(feed, MAX_FEED_BYTES)
    except Refused as exc:
        raise PreviousFeedError(
            f"the previous feed {shown} cannot be used: {exc.message}",
            "give --previous the last published site folder or its calendar.ics",
        ) from None


_BEGIN = re.compile(rb"BEGIN:VCALENDAR\r?\n", re.IGNORECASE)
_END = re.compile(rb"\nEND:VCALENDAR\Z", re.IGNORECASE)


def _is_a_feed(body: bytes) -> bool:
    """True for UTF-8 text from BEGIN:VCALENDAR to END:VCALENDAR, as plansite writes.

    An HTML page (a portal, a host's error page served with 200), an empty
    answer, random bytes or a feed cut short would otherwise count as a
    publication without events, and every event's SEQUENCE would start over.
    Checked in pieces: a feed can be a hundred megabytes.
    """
    if not (_BEGIN.match(body[:64].lstrip()) and _END.search(body[-64:].rstrip())):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(body), _CHUNK):
            decoder.decode(body[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def site_address(feed_url: str, feed_path: str) -> str:
    """The address of the site that publishes the feed at `feed_url`: the URL
    without the feed's path in the site (`<secret>/calendar.ics` for a private
    plan), or the folder holding the feed when the URL ends otherwise."""
    if feed_url.endswith("/" + feed_path):
        return feed_url[: -len(feed_path)]
    return feed_url.rsplit("/", 1)[0] + "/"


def _refuse_when_published(home: str, shown_feed: str, shown_home: str) -> None:
    """Stop the build when a site answers at `home` although its feed was not found.

    Only then is the 404 the first publication: a live site without the feed
    at that address means a wrong address, and building as if nothing had been
    published would start every event's SEQUENCE over.
    """
    late = f"the site at {shown_home} did not answer within {DEADLINE} seconds"
    status = _within_deadline(partial(_status, home, shown_home), late)
    if status == HTTPStatus.NOT_FOUND:
        return
    if not HTTPStatus.OK <= status < HTTPStatus.MULTIPLE_CHOICES:
        raise PreviousFeedError(
            f"the previous feed at {shown_feed} was not found, and the site at {shown_home} "
            f"answered {status}: a first publication cannot be told from a missing feed",
            _RETRY,
        )
    raise PreviousFeedError(
        f"the previous feed at {shown_feed} was not found, but a site is published at {shown_home}",
        "check the feed's address, with a private plan's secret folder in it; if the "
        "feeds moved on purpose, build once without --previous: every event's SEQUENCE "
        "then starts over, and subscribers subscribe again",
    )


def _download(url: str, shown: str) -> bytes | None:
    """The body at `url`, or None for a 404, within DEADLINE seconds and MAX_FEED_BYTES."""
    late = f"the previous feed at {shown} did not arrive within {DEADLINE} seconds"
    return _within_deadline(partial(_fetched, url, shown), late)


def _within_deadline(work: Callable[[threading.Event], _Result], late: str) -> _Result:
    """What `work` returns, within DEADLINE seconds (else the error `late`).

    urlopen's timeout bounds each socket operation, not the download: a
    server sending a byte every few seconds would hold the build forever.
    The work runs in a thread that this one waits for until the deadline;
    past it, the thread is told (by the event it receives) to stop at its
    next read, and the build goes on without waiting for it.
    """
    stop = threading.Event()
    outcome: list[_Result | BaseException] = []

    def run() -> None:
        try:
            outcome.append(work(stop))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)

    worker = threading.Thread(target=run, name="previous-feed", daemon=True)
    worker.start()
    worker.join(DEADLINE)
    if not outcome:
        stop.set()
        raise PreviousFeedError(late, _RETRY)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _status(url: str, shown: str, stop: threading.Event) -> int:
    """The HTTP status `url` answers (after redirects); its body is never read."""
    del stop  # nothing is read but the status line and headers
    try:
        with _OPENER.open(url, timeout=SOCKET_TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise PreviousFeedError(
            f"the site at {shown} could not be reached to tell a first publication "
            f"from a missing feed ({reason})",
            _RETRY,
        ) from None


def _fetched(url: str, shown: str, stop: threading.Event) -> bytes | None:
    try:
        with _OPENER.open(url, timeout=SOCKET_TIMEOUT) as response:
            return _body(response, shown, stop)
    except urllib.error.HTTPError as exc:
        if exc.code == HTTPStatus.NOT_FOUND:
            return None  # the first publication
        problem = f"the previous feed at {shown} answered {exc.code}"
    except http.client.IncompleteRead as exc:
        problem = f"the previous feed at {shown} could not be read ({exc!r})"  # byte counts
    except http.client.HTTPException as exc:
        # Its message may quote what the server sent: only its kind is shown.
        problem = f"the previous feed at {shown} could not be read ({type(exc).__name__})"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc) or type(exc).__name__  # a cut download says little
        problem = f"the previous feed at {shown} could not be read ({reason})"
    raise PreviousFeedError(problem, _RETRY)


def _body(response: http.client.HTTPResponse, shown: str, stop: threading.Event) -> bytes:
    """The answer's body, refused as soon as it is larger than MAX_FEED_BYTES.

    It is read in pieces as they come (read1), so that a stop is noticed
    between two pieces even when the server trickles.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_FEED_BYTES:
        raise _too_large(shown)
    body = bytearray()
    while not stop.is_set():
        piece = response.read1(_CHUNK)
        if not piece:
            break
        body += piece
        if len(body) > MAX_FEED_BYTES:
            raise _too_large(shown)
    if declared.isdigit() and len(body) < int(declared):
        # read1() ends quietly where read() raises: a feed cut short is not the feed.
        raise http.client.IncompleteRead(bytes(body), int(declared) - len(body))
    return bytes(body)


def _too_large(shown: str) -> PreviousFeedError:
    return PreviousFeedError(
        f"the previous feed at {shown} is larger than {MAX_FEED_BYTES // (1024 * 1024)} MiB",
        "check the address: it must be the published calendar.ics",
    )


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s): urllib would also follow one to ftp://."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.URLError("redirected elsewhere than http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebRedirects)
