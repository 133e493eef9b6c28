"""How fast the calendar's filters apply, and how large its pages are, on a built site.

    .venv/bin/python bench/calendar_filter.py [--posts 10000] [--site FOLDER]

On the busiest month page (the most publications on its grid) it ticks the
first channel of the filters in headless Chromium and times what the reader
waits for: the script's pass over every publication and the styles and
layout that follow it (a read of the layout forces them). The median of
five ticks, each on a freshly loaded page once it has settled, is the
figure; issue 17 asks under 100 ms at 10k posts. On a shared machine the
figure follows its load: compare runs made side by side. Beside it: the
largest page under calendar/ (issue 17: under 1 MB of HTML). Without
--site it writes the synthetic plan of `--posts` posts (bench/synthetic.py)
and builds it first; bench/run.py calls `calendar_figures` on the site it
built at 10k.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TICKS = 5
SETTLE_MS = 1_000  # after loading: fonts, Material's search index and first frames done
PUBLICATION = re.compile(rb'<a class="ps-occ[ "]')  # a publication of a grid
# Tick the first channel, then read the layout: what the reader waits for.
TIME_ONE_TICK = """() => {
  const box = document.querySelector('fieldset[data-filter="channel"] input[type=checkbox]');
  const start = performance.now();
  box.click();
  document.body.getBoundingClientRect();
  document.querySelector('table.ps-grid').offsetHeight;
  return [performance.now() - start, document.querySelectorAll('table.ps-grid [data-date]').length];
}"""


@dataclass(frozen=True)
class CalendarFigures:
    busiest_page: str  # relative to the site
    publications: int  # on its grid
    filter_ms: float | None  # median of TICKS; None without Chromium
    largest_page: str
    largest_page_mb: float
    note: str = ""


def calendar_figures(site: Path) -> CalendarFigures:
    pages = sorted(site.glob("calendar/**/index.html"))
    sizes = {page: page.stat().st_size for page in pages}
    largest = max(pages, key=lambda page: sizes[page])
    counts = {page: len(PUBLICATION.findall(page.read_bytes())) for page in pages}
    busiest = max(pages, key=lambda page: counts[page])
    address = str(busiest.parent.relative_to(site)) + "/"
    filter_ms, note = None, ""
    if CHROMIUM.exists():
        filter_ms = statistics.median(_filter_times(site, address))
    else:
        note = f"SKIP: {CHROMIUM} is not installed"
    return CalendarFigures(
        address,
        counts[busiest],
        filter_ms,
        str(largest.parent.relative_to(site)) + "/",
        sizes[largest] / 2**20,
        note,
    )


def _filter_times(site: Path, address: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with _served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(TICKS):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + address, wait_until="networkidle")
            page.wait_for_selector(".ps-calendar.ps-js")
            page.wait_for_timeout(SETTLE_MS)  # a reader looks before ticking
            milliseconds, publications = page.evaluate(TIME_ONE_TICK)
            assert publications > 0, "no publication on the busiest month's grid"
            times.append(float(milliseconds))
            page.close()
        browser.close()
    return times


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The benchmark prints figures, not access logs."""


@contextmanager
def _served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def report(figures: CalendarFigures, posts: int | None = None) -> str:
    size = f" ({posts:,} posts)" if posts else ""
    applied = f"{figures.filter_ms:.0f}" if figures.filter_ms is not None else figures.note
    rows = [
        ("busiest month page", f"{figures.busiest_page} ({figures.publications:,} publications)"),
        (f"channel filter applied, median of {TICKS} (ms)", applied),
        ("largest calendar page", figures.largest_page),
        ("largest calendar page (MB of HTML)", f"{figures.largest_page_mb:.2f}"),
    ]
    lines = [f"## Calendar{size}", "", "| figure | value |", "| --- | ---: |"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="size of the synthetic plan")
    parser.add_argument("--site", help="a built site to measure, instead of building one")
    args = parser.parse_args(argv)
    if args.site:
        print(report(calendar_figures(Path(args.site))))
        return 0
    from bench.measure import time_build
    from bench.synthetic import write_plan

    with tempfile.TemporaryDirectory(prefix="plansite-calendar-") as work:
        plan = write_plan(Path(work), args.posts)
        site = Path(work) / "site"
        time_build(Path(plan.plan_dir), Path(plan.config_file), site)
        print(report(calendar_figures(site), args.posts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
