"""A small checked plan whose posts cover what an event can be, for the feeds' unit tests."""

from __future__ import annotations

from pathlib import Path

from generator import check
from generator.model.entities import Plan, Post
from generator.model.settings import SiteConfig
from tests.conftest import write_plan

POSTS = """\
    campaigns:
      - {id: spring, name: Spring sale, start: 2027-03-01, end: 2027-04-30, utm_campaign: spring-27}
    posts:
      - id: all-day
        date: 2027-03-10
        channel: instagram
        title: Launch day
        copy: "  The new lamps are here.  "
        owner: Sam
        status: draft
      - id: timed
        date: 2027-03-11
        time: "13:00"
        duration: 45m
        channel: instagram
        title: Live from the workshop
      - id: default-length
        date: 2027-03-12
        time: "09:00"
        timezone: America/Montreal
        channel: instagram
        title: Live from Montreal
        status: cancelled
      - id: weekly
        date: 2027-03-02
        time: "10:00"
        channel: instagram
        type: tips
        title: Tuesday tip
        repeat:
          every: week
          interval: 2
          on: [tue, thu]
          until: 2027-04-27
          except: [2027-03-16, 2027-03-18]
      - id: monthly
        date: 2027-01-31
        channel: instagram
        title: Monthly recap
        repeat: {every: month, count: 3, except: [2027-03-31]}
      - id: both
        date: 2027-03-15
        time: "18:30"
        channel: [instagram, facebook]
        type: tips
        title: On both channels
        link: https://shop.example/both?ref=news
        campaign: spring
    """

FACEBOOK = """\
    ---
    network: facebook
    mission: Talk with neighbours about the workshop.
    ---
    """


def checked_plan(root: Path, config: str | None = None) -> tuple[Plan, SiteConfig]:
    """The minimal plan (tests/conftest.py) with these posts, written under `root`."""
    files = {"plan/calendar/q1.yml": POSTS, "plan/channels/facebook.md": FACEBOOK}
    if config is not None:
        files["site_config.yml"] = config
    write_plan(root, files)
    checked = check.check_plan(check.Inputs(root / "plan", root / "site_config.yml"))
    return checked.plan, checked.config


def post(plan: Plan, post_id: str) -> Post:
    (found,) = [p for p in plan.posts if p.id == post_id]
    return found
