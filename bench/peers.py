"""The two references plansite is compared with.

- A bare `mkdocs build` of a plain site with as many pages as plansite's
  site, each page 40 lines with a 20-row table, under the same Material
  settings plansite uses (`settings_from_config()`, without the hooks
  plugin each plansite build adds): what the HTML costs before plansite
  adds anything.
- yaml2ics, a small tool that turns a YAML list of events into one ICS
  file, converting the same events as plansite's combined feed: what a
  straightforward feed generator costs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bench.measure import Command, run_command, venv_tool
from bench.synthetic import TIMEZONE, Post, SyntheticPlan
from generator.checks import RULES_BY_CODE
from generator.diagnostics import Report
from generator.load.site_config import read_config
from generator.model.entities import WEEKDAYS
from generator.site.site_settings import settings_from_config

YAML2ICS_VENV = Path("/tmp/bench-yaml2ics")
STATUSES = {"scheduled": "CONFIRMED", "published": "CONFIRMED", "draft": "TENTATIVE",
            "cancelled": "CANCELLED"}  # fmt: skip
TABLE_ROWS = 20
SECTIONS = 6

# Runs inside yaml2ics's own environment: times the conversion alone, as the
# in-process write_feeds() figure is timed, and reports what it produced.
_YAML2ICS_TIMER = """
import json, sys, time
import yaml2ics
start = time.perf_counter()
calendar = yaml2ics.files_to_calendar([sys.argv[1]])
text = calendar.serialize()
seconds = time.perf_counter() - start
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(text)
print(json.dumps({"seconds": seconds, "events": len(calendar.events),
                  "bytes": len(text.encode("utf-8"))}))
"""


# -- bare MkDocs ---------------------------------------------------------------


def bare_mkdocs(pages: int, config_file: Path, work: Path) -> tuple[Command, int]:
    """Build a plain `pages`-page site with plansite's MkDocs settings; (run, pages written)."""
    docs = work / "docs"
    nav = _write_plain_pages(docs, pages)
    config = read_config(config_file, Report(), RULES_BY_CODE)
    assert config is not None, f"{config_file} is not a valid site configuration"
    settings = settings_from_config(config, nav)
    settings.update(docs_dir=str(docs), site_dir=str(work / "site"))
    mkdocs_yml = work / "mkdocs.yml"
    mkdocs_yml.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=True), "utf-8")
    run = run_command([venv_tool("mkdocs"), "build", "--quiet", "--config-file", mkdocs_yml])
    run.check("mkdocs build")
    return run, sum(1 for _ in (work / "site").rglob("index.html"))


def _write_plain_pages(docs: Path, pages: int) -> list[Any]:
    """A home page and sections of pages with their index, like plansite's navigation."""
    _write_page(docs / "index.md", "Home")
    nav: list[Any] = [{"Home": "index.md"}]
    rest = list(range(pages - 1))
    for section in range(SECTIONS):
        members = rest[section::SECTIONS]
        if not members:
            continue
        paths = [f"section-{section}/index.md"]
        paths += [f"section-{section}/page-{n}.md" for n in members[1:]]
        for path in paths:
            _write_page(docs / path, f"Page {path}")
        nav.append({f"Section {section}": paths})
    return nav


def _write_page(path: Path, title: str) -> None:
    """40 lines: a heading, a paragraph, a 20-row table and a short list."""
    lines = [f"# {title}", "", "This page stands for one page of a plan site.",
             "It holds ordinary Markdown: text, a table and a list.", ""]  # fmt: skip
    lines += ["## Figures", "", "| Date | Channel | Type | Title | Status |"]
    lines.append("| --- | --- | --- | --- | --- |")
    lines += [
        f"| 2027-01-{row + 1:02d} | instagram | how-to | Post number {row + 1} | scheduled |"
        for row in range(TABLE_ROWS)
    ]
    lines += ["", "## Notes", ""]
    lines += [f"- Note {n}: something worth remembering about this page." for n in range(1, 9)]
    assert len(lines) == 40
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- yaml2ics -----------------------------------------------------------------


@dataclass(frozen=True)
class Yaml2ics:
    convert_seconds: float  # load the YAML, build the events, serialize
    process: Command  # the whole child: interpreter start, imports, writing
    events: int
    bytes: int


def ensure_yaml2ics(venv: Path = YAML2ICS_VENV) -> tuple[Path | None, str]:
    """yaml2ics's Python, installed in a venv of its own if needed; else (None, why)."""
    python = venv / "bin" / "python"
    if python.exists() and _imports_yaml2ics(python):
        return python, ""
    base = shutil.which("python3") or sys.executable
    try:
        subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "yaml2ics"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        return None, f"yaml2ics could not be installed in {venv}: {exc} {detail.decode()[-300:]}"
    if not _imports_yaml2ics(python):
        return None, f"yaml2ics was installed in {venv} but does not import"
    return python, ""


def _imports_yaml2ics(python: Path) -> bool:
    return subprocess.run([python, "-c", "import yaml2ics"], capture_output=True).returncode == 0


def run_yaml2ics(python: Path, plan: SyntheticPlan, work: Path) -> Yaml2ics:
    """Convert the plan's feed events with yaml2ics into one ICS file."""
    work.mkdir(parents=True, exist_ok=True)
    source = work / "events.yaml"
    write_yaml2ics_events(plan, source)
    run = run_command([python, "-c", _YAML2ICS_TIMER, source, work / "calendar.ics"])
    run.check("yaml2ics")
    report = json.loads(run.stdout)
    return Yaml2ics(report["seconds"], run, report["events"], report["bytes"])


def write_yaml2ics_events(plan: SyntheticPlan, path: Path) -> None:
    """The posts plansite puts in its combined feed (all but ideas), in yaml2ics's format.

    yaml2ics's `repeat` has an interval and an end date but no weekdays nor
    count: a series on two weekdays becomes one weekly event per weekday,
    and a count becomes the date of the last occurrence. The occurrences
    are the same as in plansite's RRULE.
    """
    events = [
        event
        for post in plan.posts
        if post.status != "idea"
        for event in _events(post, plan.type_names[post.type])
    ]
    document = {"name": "Atelier Nord content calendar", "timezone": TIMEZONE, "events": events}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")


def _events(post: Post, type_name: str) -> list[dict[str, Any]]:
    event: dict[str, Any] = {
        "summary": post.title,
        "uid": f"{post.id}.{post.channel}@plan.atelier-nord.example",
        "description": _description(post, type_name),
        "categories": [post.channel, type_name],
        "status": STATUSES[post.status],
        "url": f"https://plan.atelier-nord.example/calendar/#{post.id}",
    }
    if post.time is None:
        return [{**event, "begin": post.date}]
    event["duration"] = {"minutes": _minutes(post.duration or "30m")}
    if post.repeat is None:
        return [{**event, "begin": _at(post.date, post.time)}]
    last = max([post.date, *post.days, *post.repeat.exceptions])  # before exceptions
    events = []
    for weekday in post.repeat.on:
        first = _next_weekday(post.date, WEEKDAYS.index(weekday))
        skipped = [d for d in post.repeat.exceptions if d.weekday() == first.weekday()]
        repeat: dict[str, Any] = {
            "interval": {"weeks": 1},
            "until": datetime.combine(last, datetime.max.time()).replace(microsecond=0),
        }
        if skipped:
            repeat["except_on"] = [_at(d, post.time) for d in skipped]
        uid = event["uid"] if len(post.repeat.on) == 1 else f"{weekday}.{event['uid']}"
        events.append({**event, "uid": uid, "begin": _at(first, post.time), "repeat": repeat})
    return events


def _description(post: Post, type_name: str) -> str:
    facts = [f"Link: {post.link}"] if post.link else []
    facts += [f"Owner: {post.owner}", f"Type: {type_name}"]
    return post.copy + "\n\n" + "\n".join(facts)


def _at(day: date, clock: str) -> datetime:
    hours, minutes = clock.split(":")
    return datetime(day.year, day.month, day.day, int(hours), int(minutes))


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _minutes(duration: str) -> int:
    hours, _, rest = duration.partition("h") if "h" in duration else ("0", "", duration)
    return int(hours) * 60 + int(rest.rstrip("m") or 0)
