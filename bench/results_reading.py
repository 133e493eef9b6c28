"""How fast plansite reads a results export, against the csv module alone, and in
how much memory.

    .venv/bin/python bench/results_reading.py [--rows 100000] [--repeat 3]

It writes a GA4-like CSV (a `#` block, a Grand total row, thousands
separators, a row a day per post) and a Meta Facebook-like one (a byte order
mark, 25 columns, quoted captions with hashtags) of `--rows` rows each, then
times `read_results_bytes` on each (best CPU time of `--repeat`) beside a loop of
`csv.reader` over the same text, which is the floor: plansite decodes, finds
the header, parses every figure and date and builds a row object on top.
The peak memory is the highest RSS of a fresh process that reads the file,
interpreter, imports and the file's bytes included, against the 300 MB the
project allows.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from generator.load.results.results_folder import read_results_bytes

DEFAULT_ROWS = 100_000
MEMORY_LIMIT_MB = 300
Writer = Callable[[Path, int], None]
META_HEADER = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,"
    "Permalink,Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,"
    'Data comment,Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,'
    "Seconds viewed,Average Seconds viewed"
)


@dataclass(frozen=True)
class Reading:
    kind: str
    rows: int
    megabytes: float
    plansite_seconds: float
    csv_seconds: float
    peak_mb: float

    @property
    def ratio(self) -> float:
        return self.plansite_seconds / self.csv_seconds


def write_ga4(path: Path, rows: int) -> None:
    """A GA4 exploration: Date x campaign x ad content, the way GA4 writes it."""
    first = date(2027, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("# ----------------------------------------\n# Exploration\n")
        out.write(f"# Start date: {first:%Y%m%d}\n# End date: {first + timedelta(364):%Y%m%d}\n")
        out.write("Date,Session campaign,Session manual ad content,Sessions,Engaged sessions,")
        out.write('Key events,Total revenue\nGrand total,,,"1,000,000","600,000",900,0\n')
        for n in range(rows):
            day = first + timedelta(n % 365)
            sessions = 500 + n % 9500
            out.write(
                f'{day:%Y%m%d},campaign-{n % 40},post-{n % 2000},"{sessions:,}",'
                f"{sessions // 2},{n % 7},{n % 13}.50\n"
            )


def write_meta(path: Path, rows: int) -> None:
    """A Meta Business Suite Facebook export: BOM, 25 columns, captions with hashtags."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(META_HEADER + "\r\n")
        writer = csv.writer(out)
        first = date(2027, 1, 1)
        for n in range(rows):
            day = first + timedelta(n % 365)
            writer.writerow(
                [f"1234_{n}", "1234", "Atelier", "", f"Post {n}, le jour J #lancement #{n % 50}",
                 "0", f"{day:%m/%d/%Y} {n % 24:02d}:{n % 60:02d}", "",
                 f"https://www.facebook.com/1234/posts/{n}", "No", "No", "Photos", "", "", "",
                 "", "Lifetime", str(1000 + n % 5000), str(800 + n % 4000), str(n % 300),
                 str(n % 200), str(n % 60), str(n % 40), "0", "0"]
            )  # fmt: skip


def time_reading(path: Path, repeat: int) -> tuple[float, float, int]:
    """Best CPU seconds of plansite's reader and of the csv module alone, and rows
    read. CPU time, not wall time: on a shared machine the ratio stays the ratio."""
    data = path.read_bytes()
    plansite, floor, rows = [], [], 0
    for _ in range(repeat):
        started = time.process_time()
        result = read_results_bytes(path, data)
        plansite.append(time.process_time() - started)
        rows = len(result.rows)
        if result.problems:
            raise RuntimeError(f"the synthetic export does not read: {result.problems[:3]}")
        started = time.process_time()
        for _cells in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            pass
        floor.append(time.process_time() - started)
    return min(plansite), min(floor), rows


def peak_memory_mb(path: Path) -> float:
    """The peak RSS of a fresh process that reads `path` as plansite does.

    Linux's VmHWM, which starts again at exec: ru_maxrss would also count the
    benchmark's own memory, which the child had for an instant after fork."""
    code = (
        "import json, resource, sys; from pathlib import Path\n"
        "from generator.load.results.results_folder import read_results_bytes\n"
        "path = Path(sys.argv[1]); result = read_results_bytes(path, path.read_bytes())\n"
        "status = Path('/proc/self/status')\n"
        "peak = [int(line.split()[1]) for line in status.read_text().splitlines()\n"
        "        if line.startswith('VmHWM:')] if status.exists() else []\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps(peak[0] if peak else usage))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=root, capture_output=True, check=True
    )
    return float(json.loads(done.stdout)) / 1024


def measure(rows: int, repeat: int, folder: Path) -> list[Reading]:
    readings = []
    for kind, write in (("GA4", write_ga4), ("Meta Facebook", write_meta)):
        path = folder / f"{kind.split()[0].lower()}.csv"
        write(path, rows)
        plansite, floor, read = time_reading(path, repeat)
        megabytes = path.stat().st_size / 1024 / 1024
        readings.append(Reading(kind, read, megabytes, plansite, floor, peak_memory_mb(path)))
    return readings


def report(readings: list[Reading]) -> str:
    lines = [
        "## Reading results exports",
        "",
        "| export | rows | MB | plansite CPU s | csv module CPU s | ratio | peak RSS MB | memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in readings:
        verdict = "PASS" if r.peak_mb < MEMORY_LIMIT_MB else "FAIL"
        lines.append(
            f"| {r.kind} | {r.rows} | {r.megabytes:.1f} | {r.plansite_seconds:.3f} | "
            f"{r.csv_seconds:.3f} | {r.ratio:.1f}x | {r.peak_mb:.0f} | "
            f"{verdict} (< {MEMORY_LIMIT_MB}) |"
        )
    return "\n".join(lines) + "\n"


def results_report(rows: int = DEFAULT_ROWS, repeat: int = 3) -> str:
    with tempfile.TemporaryDirectory(prefix="plansite-bench-results-") as folder:
        return report(measure(rows, repeat, Path(folder)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of each export")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is kept")
    args = parser.parse_args(argv)
    print(results_report(args.rows, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
