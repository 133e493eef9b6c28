"""The floor a build is held to: what the libraries it stands on cost, alone,
for the same plan.

A bare `mkdocs build` of as many pages (bench/peers.py), plus reading every
file of the plan with PyYAML's libyaml loader, plus icalendar writing one
event per post into one calendar. plansite does more than that (a schema per
file, the place of every value, the checks, the per-channel feeds, the
search index of real pages), so the floor cannot be reached; what it says is
how much the project adds to the work its libraries must do anyway.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import yaml

from bench.synthetic import SyntheticPlan


def libyaml_read_seconds(plan_dir: Path) -> float:
    """Seconds to load every YAML file and Markdown front matter of the plan."""
    began = time.perf_counter()
    for path in sorted(plan_dir.rglob("*")):
        if path.suffix == ".yml":
            yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        elif path.suffix == ".md":
            text = path.read_text("utf-8")
            if text.startswith("---\n"):
                yaml.load(text[4 : text.index("\n---", 4)], Loader=yaml.CSafeLoader)
    return time.perf_counter() - began


def icalendar_seconds(plan: SyntheticPlan) -> float:
    """Seconds for icalendar to make one event per post and write them as one calendar."""
    began = time.perf_counter()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//plansite bench floor//EN")
    calendar.add("version", "2.0")
    for post in plan.posts:
        event = icalendar.Event()
        event.add("uid", f"{post.id}.{post.channel}@bench.invalid")
        event.add("summary", post.title)
        if post.time:
            hour, minute = map(int, post.time.split(":"))
            start = datetime(post.date.year, post.date.month, post.date.day, hour, minute)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=30))
        else:
            event.add("dtstart", post.date)
            event.add("dtend", post.date + timedelta(days=1))
        event.add("description", post.copy)
        event.add("categories", [post.channel])
        calendar.add_component(event)
    calendar.to_ical()
    return time.perf_counter() - began
