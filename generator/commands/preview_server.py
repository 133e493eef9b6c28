"""The preview's HTTP server: the built site, to this machine's browser only.

A web page the user opens elsewhere can point a name it owns at 127.0.0.1
(DNS rebinding) and then read the preview as its own origin: the plan,
confidential or not. The browser still says which name it asked for in the
Host header, so the server answers only the names of this machine
(`accepted_host`). It serves files of the site and nothing else: no folder
listing, no path outside the site, even through a link. Besides the site it
answers the preview's own few paths (preview_reload.py), and adds to each page
it serves the script that reloads it after a rebuild.
"""

from __future__ import annotations

import http.server
import io
import ipaddress
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from generator.commands.preview_reload import (
    GENERATION_PATH,
    RELOAD_SCRIPT,
    SCRIPT_PATH,
    PreviewStatus,
    page_with_reload,
)

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")  # "every address of this machine"


@dataclass(frozen=True)
class HostRule:
    """Which Host headers the preview answers: the names of this machine, with its port.

    Bound to every address (`--host 0.0.0.0`), it also answers any IP address,
    which is how another device on the network opens it: a page that rebinds
    a name still sends that name, never an address.
    """

    bound: str
    port: int

    def accepts(self, header: str | None) -> bool:
        if header is None:
            return False
        name, port = _split_host(header.strip().lower())
        if port != self.port and not (port is None and self.port == 80):
            return False
        if name in {*LOCAL_NAMES, _as_host_name(self.bound.lower())}:
            return True
        return self.bound in WILDCARDS and _is_address(name)


def _split_host(header: str) -> tuple[str, int | None]:
    """A Host header's name (an IPv6 address keeps its brackets) and port, if any."""
    name, colon, port = header.rpartition(":")
    if not colon or (name.startswith("[") and not name.endswith("]")) or "]" in port:
        return header, None  # no port: `name`, or `[::1]`
    if not port.isascii() or not port.isdigit():
        return header, -1  # never a port we listen on
    return name, int(port)


def _as_host_name(address: str) -> str:
    """How a browser writes the address in a Host header (IPv6 in brackets)."""
    return f"[{address}]" if ":" in address else address


def _is_address(name: str) -> bool:
    """An IPv4 address in dotted form or an IPv6 one in brackets, as browsers send them."""
    bracketed = name.startswith("[") and name.endswith("]")
    bare = name[1:-1] if bracketed else name
    if bracketed != (":" in bare):  # brackets hold an IPv6 address, and only one
        return False
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        return False
    return True


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves the folder `site()` names at the time of each request: the preview
    builds the next site beside the one it serves, then points to it."""

    def __init__(
        self,
        host: str,
        port: int,
        site: Callable[[], Path],
        status: PreviewStatus | None = None,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.site = site
        self.status = status or PreviewStatus()
        super().__init__((host, port), _Handler)
        self.hosts = HostRule(host, self.port)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = self.hosts.bound if self.hosts.bound not in WILDCARDS else "127.0.0.1"
        return f"http://{_as_host_name(host)}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, not a traceback: a browser that closes a connection is no news."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"preview: a request failed: {error!r}", file=sys.stderr)


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: PreviewServer
    extensions_map = {  # noqa: RUF012 - the standard library's own pattern
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json",
    }

    def __init__(self, request: Any, client_address: Any, server: PreviewServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.site()))

    def parse_request(self) -> bool:
        """Refuse, before anything is read from disk, a request for another site."""
        if not super().parse_request():
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            self._refuse(HTTPStatus.BAD_REQUEST, "a request needs one Host header")
            return False
        if not self.server.hosts.accepts(hosts[0]):
            self._refuse(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"this preview answers only to {self.server.url} and this machine's names",
            )
            return False
        if not self.path.startswith("/"):
            self._refuse(HTTPStatus.BAD_REQUEST, "a request names a path of the site")
            return False
        return True

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        body = f"plansite preview: {why}.\n".encode()
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> io.BytesIO | Any:
        """The preview's own paths; a page with the reload script; any other file as is."""
        route = self.path.split("?", 1)[0].split("#", 1)[0]
        if route == GENERATION_PATH:
            return self._answer(str(self.server.status.now()[0]).encode(), "text/plain")
        if route == SCRIPT_PATH:
            return self._answer(RELOAD_SCRIPT.encode(), "text/javascript")
        page = self._page_file(route)
        if page is None:
            return super().send_head()
        with open(page, "rb") as file:
            body = page_with_reload(file.read(), self.server.status)
        return self._answer(body, "text/html")

    def _page_file(self, route: str) -> str | None:
        """The HTML file a request is for (a folder's index.html), or None."""
        path = self.translate_path(route)
        if os.path.isdir(path):
            if not route.endswith("/"):
                return None  # the standard redirect to the folder's own address
            path = os.path.join(path, "index.html")
        return path if path.endswith(".html") and os.path.isfile(path) else None

    def _answer(self, body: bytes, kind: str) -> io.BytesIO:
        """Headers for `body`, never cached: it changes with every rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        """The file for a URL path, or a path that does not exist when it would
        lead outside the site (a link in the site, a NUL byte)."""
        translated = super().translate_path(path)
        root = os.path.realpath(self.directory)
        if "\0" not in translated:
            real = os.path.realpath(translated)
            if real == root or real.startswith(root + os.sep):
                return translated
        return os.path.join(root, ".not-served", "")  # ends in "/": a 404

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without an index.html is not found: its files are not listed."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows rebuilds, not every request."""
