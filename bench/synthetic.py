"""Synthetic plans in the documented format (docs/plan-format.md), for the benchmark.

The benchmark must measure plansite on plans that look like real ones, or
the figures say nothing about real use: one brand, one year (2027), 20
channels, 30 goals, 10 personas, 12 monthly campaigns, four content types,
and N posts of which a quarter repeat weekly. Everything comes from one
seeded `random.Random`, so a size always gives the same files and two runs
of the benchmark time the same work.

Posts are placed so that the plan passes its own checks as far as the size
allows: each occurrence takes a free two-hour slot on its channel (PS502),
types are chosen to keep every channel's mix on target (PS402) and each
channel's planned cadence is set from what was scheduled (PS501). When a
size has more occurrences than the channels have slots (50k posts on 20
channels do), the remaining posts share slots and the plan gets PS502
warnings: warnings never fail a build, errors would.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.model.entities import WEEKDAYS
from generator.model.ids import slugify

YEAR_START, YEAR_END = date(2027, 1, 1), date(2027, 12, 31)
TODAY = date(2027, 3, 31)  # latest progress point and review: the plan's own "now"
TIMEZONE = "Europe/Paris"
SITE_URL = "https://plan.atelier-nord.example/"
BRAND_URL = "https://www.atelier-nord.example"
# Two hours apart (PS502's default min_gap) and clear of the night of the
# daylight-saving change, when 02:00-03:00 does not exist in Paris.
SLOTS = ("07:30", "09:30", "11:30", "13:30", "15:30", "17:30", "19:30", "21:30")
FULL = (1 << len(SLOTS)) - 1
NETWORKS = ("instagram", "facebook", "linkedin", "pinterest", "tiktok",
            "youtube", "x", "threads", "bluesky", "mastodon")  # fmt: skip
CITIES = ("lyon", "paris")  # two regional accounts per network: 20 channels
TEAM = (("Camille Roux", "Head of marketing"), ("Julien Morel", "Founder"),
        ("Inès Benali", "Community manager"), ("Thomas Girard", "B2B sales"),
        ("Sarah Lambert", "Content designer"), ("Hugo Petit", "Video editor"))  # fmt: skip
# (id, name, share, purpose): the custom mix sums to 100.
CONTENT_TYPES = (("inspiration", "Inspiration and interiors", 40, "inform"),
                 ("how-to", "Workshop know-how", 30, "educate"),
                 ("offers", "Products and offers", 20, "promote"),
                 ("community", "Community and behind the scenes", 10, "connect"))  # fmt: skip
MONTHS = ("january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december")  # fmt: skip
GOALS, PERSONAS, CAMPAIGN_CHANNELS = 30, 10, 8
REPEAT_SHARE = 4  # one post in four repeats
ALL_DAY_SHARE = 20  # one single post in twenty has no time


@dataclass(frozen=True)
class Repeat:
    on: tuple[str, ...]
    until: date | None
    count: int | None
    exceptions: tuple[date, ...]


@dataclass
class Post:
    """A post as written to the calendar, plus the dates it falls on (for the peers)."""

    id: str  # the post's id, explicit or the one plansite derives from date and title
    explicit_id: bool
    date: date
    time: str | None
    channel: str
    type: str
    title: str
    copy: str
    link: str
    owner: str
    status: str
    days: list[date]  # occurrences after exceptions
    repeat: Repeat | None = None
    campaign: str = ""
    duration: str = ""
    media: str = ""  # a file of plan/media/ (bench/media_drawing.py draws it)


@dataclass
class SyntheticPlan:
    """Where a generated plan lives and what it holds."""

    root: Path
    posts: list[Post]
    type_names: dict[str, str]
    warnings_expected: bool  # some occurrences had to share a slot

    @property
    def plan_dir(self) -> Path:
        return self.root / "plan"

    @property
    def config_file(self) -> Path:
        return self.root / "site_config.yml"

    @property
    def occurrences(self) -> int:
        return sum(len(post.days) for post in self.posts)


def write_plan(root: Path, posts: int, seed: int = 2027, images: int = 0) -> SyntheticPlan:
    """Write a complete plan with `posts` posts under `root` (site_config.yml and plan/);
    with `images`, as many of its posts (spread over the year) show an image each."""
    rng = random.Random(seed * 1_000_003 + posts)
    world = _World.create(rng)
    calendar = _Calendar(rng, world)
    calendar.place(posts)
    folder = root / "plan"
    _give_images(calendar.posts, images, folder / "media")
    for sub in ("goals", "personas", "channels", "calendar"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    _write_site_config(root / "site_config.yml")
    _write_plan_md(folder / "plan.md")
    _write_goals(folder / "goals", world, rng)
    _write_personas(folder / "personas", world, rng)
    _write_channels(folder / "channels", world, calendar, rng)
    _write_audit(folder / "audit.yml", world, rng)
    _write_content(folder / "content.yml", world)
    _write_inspiration(folder / "inspiration.yml")
    _write_measurement(folder / "measurement.yml", world)
    _write_calendars(folder / "calendar", world, calendar.posts)
    names = {type_id: name for type_id, name, _, _ in CONTENT_TYPES}
    return SyntheticPlan(root, calendar.posts, names, calendar.crowded > 0)


# -- the entities everything refers to --------------------------------------


@dataclass
class _World:
    """Ids and relations of goals, personas, channels and campaigns."""

    channels: list[tuple[str, str]]  # (id, network)
    persona_networks: dict[str, list[str]]
    goal_channels: dict[str, list[str]]
    campaign_channels: list[list[str]]  # by month
    channel_goals: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def create(cls, rng: random.Random) -> _World:
        channels = [(f"{network}-{city}", network) for network in NETWORKS for city in CITIES]
        channel_ids = [channel_id for channel_id, _ in channels]
        personas = {
            f"{first.lower()}-{role}": sorted(rng.sample(NETWORKS, 5))
            for first, role in zip(_FIRST_NAMES, _PERSONA_ROLES, strict=True)
        }
        goals = {
            f"{kind.replace('_', '-')}-{topic}": sorted(rng.sample(channel_ids, 3))
            for kind, topic in _goal_keys()
        }
        world = cls(
            channels=channels,
            persona_networks=personas,
            goal_channels=goals,
            campaign_channels=[sorted(rng.sample(channel_ids, CAMPAIGN_CHANNELS)) for _ in MONTHS],
        )
        for goal_id, served in goals.items():
            for channel_id in served:
                world.channel_goals.setdefault(channel_id, []).append(goal_id)
        return world

    @property
    def channel_ids(self) -> list[str]:
        return [channel_id for channel_id, _ in self.channels]

    def campaign_id(self, month: int) -> str:
        return f"{MONTHS[month - 1]}-2027"


def _goal_keys() -> list[tuple[str, str]]:
    kinds = ("followers", "leads", "web_referrals", "conversion_rate", "reach", "engagement")
    topics = ("lyon", "paris", "b2b", "eshop", "video")
    return [(kind, topic) for kind in kinds for topic in topics][:GOALS]


# -- the calendar ------------------------------------------------------------


class _Calendar:
    """Places posts on free (channel, day, slot) cells and writes their fields.

    Each cell is a bit in `grid[channel][day of year]`. Repeats are placed
    first, while whole weekly columns are still free; single posts fill in.
    """

    def __init__(self, rng: random.Random, world: _World) -> None:
        self.rng = rng
        self.world = world
        self.grid = {c: [0] * 366 for c in world.channel_ids}
        self.mix: dict[str, Counter[str]] = {c: Counter() for c in world.channel_ids}
        self.posts: list[Post] = []
        self.ids: set[str] = set()
        self.crowded = 0  # occurrences that had to share a slot
        self.series = 0

    def place(self, total: int) -> None:
        repeats = total // REPEAT_SHARE
        for _ in range(repeats):
            self.add_repeat()
        for _ in range(total - repeats):
            self.add_single()
        self.posts.sort(key=lambda p: (p.date, p.time or "", p.id))

    # one post -----------------------------------------------------------
    def add_repeat(self) -> None:
        rng = self.rng
        weeks = rng.randint(3, 8)
        first = YEAR_START + timedelta(days=rng.randrange(365 - 7 * (weeks + 1)))
        on = [WEEKDAYS[first.weekday()]]
        if rng.random() < 0.25:  # some series run twice a week
            on.append(WEEKDAYS[(first.weekday() + rng.choice((2, 3))) % 7])
        until, count = (first + timedelta(weeks=weeks), None)
        if rng.random() < 0.5:
            until, count = None, weeks * len(on)
        days = _weekly_days(first, tuple(on), until, count)
        exceptions: tuple[date, ...] = ()
        if rng.random() < 0.3 and len(days) > 2:
            exceptions = tuple(sorted(rng.sample(days[1:], rng.randint(1, 2))))
        days = [d for d in days if d not in exceptions]
        channel, slot = self.find_cell(days)
        status = "published" if days[-1] <= TODAY else "scheduled"
        self.series += 1
        post = self.make_post(first, SLOTS[slot], channel, status, days, series=self.series)
        post.repeat = Repeat(tuple(on), until, count, exceptions)

    def add_single(self) -> None:
        rng = self.rng
        day = YEAR_START + timedelta(days=rng.randrange(365))
        status = _single_status(rng, day)
        if rng.randrange(ALL_DAY_SHARE) == 0:
            self.make_post(day, None, rng.choice(self.world.channel_ids), status, [day])
            return
        for _ in range(8):  # a full day: try another one, as a planner would
            channel, slot = self.find_cell([day], strict=True)
            if channel:
                break
            day = YEAR_START + timedelta(days=rng.randrange(365))
        else:
            channel, slot = self.find_cell([day])
        post = self.make_post(day, SLOTS[slot], channel, status, [day])
        month_channels = self.world.campaign_channels[day.month - 1]
        if channel in month_channels and rng.random() < 0.5:
            post.campaign = self.world.campaign_id(day.month)

    def find_cell(self, days: list[date], strict: bool = False) -> tuple[str, int]:
        """A channel and slot free on every day; else the least crowded one (or '' if strict)."""
        rng = self.rng
        channels = self.world.channel_ids[:]
        rng.shuffle(channels)
        best: tuple[int, str, int] | None = None
        for channel in channels:
            row = self.grid[channel]
            used = 0
            for day in days:
                used |= row[_index(day)]
            if used != FULL:
                free = [s for s in range(len(SLOTS)) if not used >> s & 1]
                slot = rng.choice(free)
                self.take(channel, slot, days)
                return channel, slot
            if not strict:
                slot = rng.randrange(len(SLOTS))
                clashes = sum(row[_index(d)] >> slot & 1 for d in days)
                if best is None or clashes < best[0]:
                    best = (clashes, channel, slot)
        if best is None:
            return "", 0
        self.crowded += best[0]
        self.take(best[1], best[2], days)
        return best[1], best[2]

    def take(self, channel: str, slot: int, days: list[date]) -> None:
        row = self.grid[channel]
        for day in days:
            row[_index(day)] |= 1 << slot

    def make_post(
        self,
        day: date,
        at: str | None,
        channel: str,
        status: str,
        days: list[date],
        series: int = 0,
    ) -> Post:
        rng = self.rng
        type_id = self.choose_type(channel, status, len(days))
        title = _title(rng, type_id, series)
        post_id = f"{day.isoformat()}-{slugify(title)}".rstrip("-")
        explicit = bool(series) or post_id in self.ids
        if explicit:
            post_id = f"{slugify(title)[:40].rstrip('-')}-{len(self.posts) + 1}"
        self.ids.add(post_id)
        post = Post(
            id=post_id,
            explicit_id=explicit,
            date=day,
            time=at,
            channel=channel,
            type=type_id,
            title=title,
            copy=_copy(rng),
            link=_link(rng, type_id, title) if rng.random() < 0.7 else "",
            owner=rng.choice(TEAM)[0],
            status=status,
            days=days,
            duration=rng.choice(("", "", "", "15m", "1h")) if at else "",
        )
        self.posts.append(post)
        return post

    def choose_type(self, channel: str, status: str, occurrences: int) -> str:
        """The type furthest below its share on the channel, counted as PS402 counts."""
        if status not in ("scheduled", "published"):
            return self.rng.choice(CONTENT_TYPES)[0]
        counts = self.mix[channel]
        total = sum(counts.values()) + occurrences
        deficits = [
            (share / 100 * total - counts[type_id], self.rng.random(), type_id)
            for type_id, _, share, _ in CONTENT_TYPES
        ]
        chosen = max(deficits)[2]
        counts[chosen] += occurrences
        return chosen


def _weekly_days(
    first: date, on: tuple[str, ...], until: date | None, count: int | None
) -> list[date]:
    """The days a weekly repeat falls on, before exceptions (COUNT counts them too)."""
    days = []
    day = first
    while day <= YEAR_END and (until is None or day <= until):
        if WEEKDAYS[day.weekday()] in on:
            days.append(day)
            if count is not None and len(days) == count:
                break
        day += timedelta(days=1)
    return days


def _index(day: date) -> int:
    """The day's cell in a channel's row of the grid."""
    return day.toordinal() - _ORDINAL_START


_ORDINAL_START = YEAR_START.toordinal()


def _single_status(rng: random.Random, day: date) -> str:
    if day <= TODAY:
        return "published"
    roll = rng.random()
    if roll < 0.02:
        return "draft"
    if roll < 0.04:
        return "idea"
    if roll < 0.05:
        return "cancelled"
    return "scheduled"


# -- realistic text ------------------------------------------------------------

_FIRST_NAMES = ("Claire", "Marc", "Lea", "Nadia", "Paul", "Sofia", "Yanis", "Emma", "Louis", "Ines")
_PERSONA_ROLES = ("decorator", "architect", "student", "hotelier", "collector",
                  "renovator", "designer", "gift-buyer", "restaurateur", "retiree")  # fmt: skip
_ROOMS = ("living room", "bedroom", "kitchen", "hallway", "reading nook", "studio", "bistro",
          "hotel lobby", "home office", "dining room")  # fmt: skip
_PRODUCTS = ("brass desk lamp", "opaline pendant", "mushroom lamp", "industrial wall light",
             "1950s floor lamp", "ceramic bedside lamp", "Art Deco sconce",
             "glass globe")  # fmt: skip
_TASKS = ("rewire a vintage lamp", "choose a warm bulb", "light a small room",
          "clean old brass", "pick the right shade", "hang a pendant at the right height",
          "mix three light sources", "restore a cracked opaline")  # fmt: skip
_SERIES = ("Lamp of the week", "Workshop Tuesday", "Before and after", "Ask the artisan",
           "Friday light tip", "Studio diary", "Client corner", "Vintage finds")  # fmt: skip
_TITLES = {
    "inspiration": ("A {product} in a {room}", "Light ideas for your {room}",
                    "Our favourite {room} this month", "Warm light for a {room}"),
    "how-to": ("How to {task}", "Workshop tip: how to {task}", "Step by step: {task}"),
    "offers": ("The {product} is back in stock", "New in the shop: the {product}",
               "Last days to get the {product}", "Made to order: the {product}"),
    "community": ("Your {room}, lit by us", "Meet the team behind the {product}",
                  "Question of the week: your {room}", "Thank you for 10 years of lamps"),
}  # fmt: skip
_SENTENCES = (
    "Every lamp that leaves the workshop has been taken apart, cleaned and rewired by hand.",
    "Swipe to see the before and after, and tell us where you would put it at home.",
    "We found this one at a flea market near the river and it took us two weeks to restore.",
    "Warm light at three different heights makes any room feel calmer in the evening.",
    "Delivery is free in France and every piece comes with a two-year guarantee.",
    "Drop your questions in the comments: the artisans answer them every Friday.",
    "Our spring collection mixes brass, opaline glass and linen shades made in Lyon.",
    "Thank you for sharing your interiors with us, we love seeing our lamps at home.",
    "Book a visit to the workshop to see how a seventy-year-old lamp gets a new life.",
)
_LINK_SECTIONS = {"inspiration": "journal", "how-to": "guides", "offers": "shop",
                  "community": "stories"}  # fmt: skip


def _title(rng: random.Random, type_id: str, series: int) -> str:
    words = {
        "product": rng.choice(_PRODUCTS),
        "room": rng.choice(_ROOMS),
        "task": rng.choice(_TASKS),
    }
    if series:
        subject = words["task" if type_id == "how-to" else "product"]
        return f"{rng.choice(_SERIES)}: {subject}"
    return rng.choice(_TITLES[type_id]).format(**words)


def _copy(rng: random.Random) -> str:
    """About 200 characters; always under the 250 of the strictest network (Snapchat)."""
    sentences = rng.sample(_SENTENCES, 4)
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) + 1 + len(sentence) > 240:
            break
        text += " " + sentence
    return text


def _link(rng: random.Random, type_id: str, title: str) -> str:
    return f"{BRAND_URL}/{_LINK_SECTIONS[type_id]}/{slugify(title)}?ref={rng.randrange(1000)}"


# -- writing the files -----------------------------------------------------


def _front_matter(path: Path, data: dict[str, Any], body: str) -> None:
    head = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")


def _yaml_file(path: Path, comment: str, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"# {comment}\n{text}", encoding="utf-8")


def _write_site_config(path: Path) -> None:
    _yaml_file(
        path,
        "Synthetic plan for the plansite benchmark",
        {
            "site_name": "Atelier Nord — Social media plan 2027",
            "site_url": SITE_URL,
            "language": "en",
            "timezone": TIMEZONE,
            "calendar": {"name": "Atelier Nord content calendar", "default_duration": "30m"},
            "utm": {"medium": "social"},
        },
    )


def _write_plan_md(path: Path) -> None:
    data = {
        "title": "Social media plan 2027",
        "organization": "Atelier Nord",
        "period": {"start": YEAR_START.isoformat(), "end": YEAR_END.isoformat()},
        "team": [{"name": name, "role": role} for name, role in TEAM],
        "review": {"cadence": "monthly", "last": TODAY.isoformat()},
        "voice": {
            "tone": "warm, expert, never pompous",
            "style": "short sentences, natural light photos",
            "language": "English",
            "do": ["Tell the story of every lamp", "Answer comments within a working day"],
            "dont": ["Electrician jargon without explanation", "Empty superlatives"],
        },
    }
    body = (
        "Atelier Nord restores vintage lamps and makes lighting by hand in Lyon.\n\n"
        "This plan covers **2027** on twenty channels: two regional accounts on each of "
        "ten networks, with a campaign every month."
    )
    _front_matter(path, data, body)


def _write_goals(folder: Path, world: _World, rng: random.Random) -> None:
    for (goal_id, channels), (kind, topic) in zip(
        world.goal_channels.items(), _goal_keys(), strict=True
    ):
        baseline = round(_BASELINES[kind] * rng.uniform(0.8, 1.2), 1)
        target = round(baseline * 1.4, 1)
        deadline = date(2027, 12, 31) if rng.random() < 0.7 else date(2027, 6, 30)
        data = {
            "title": f"{kind.replace('_', ' ').capitalize()} for {topic}",
            "objective": f"Grow the business that {topic} brings through social media",
            "metric": {
                "name": f"{kind.replace('_', ' ')} ({topic})",
                "kind": kind,
                "unit": "%" if kind in ("conversion_rate", "engagement") else "",
                "baseline": baseline,
                "target": target,
            },
            "start": YEAR_START.isoformat(),
            "deadline": deadline.isoformat(),
            "owner": rng.choice(TEAM)[0],
            "channels": channels,
            "personas": sorted(rng.sample(list(world.persona_networks), 2)),
            "progress": _progress(baseline, target, deadline),
        }
        body = f"Why this goal matters for **{topic}**, and how the channels serve it."
        _front_matter(folder / f"{goal_id}.md", data, body)


_BASELINES = {"followers": 8000, "leads": 40, "web_referrals": 1500, "conversion_rate": 1.2,
              "reach": 25000, "engagement": 2.5}  # fmt: skip


def _progress(baseline: float, target: float, deadline: date) -> list[dict[str, Any]]:
    """Measurements a little ahead of the straight line to the target (PS105 stays quiet)."""
    points = []
    for day in (date(2027, 1, 31), date(2027, 2, 28), TODAY):
        share = (day - YEAR_START).days / (deadline - YEAR_START).days
        ahead = min(share + 0.1, 1.0)
        points.append(
            {"date": day.isoformat(), "value": round(baseline + (target - baseline) * ahead, 2)}
        )
    return points


def _write_personas(folder: Path, world: _World, rng: random.Random) -> None:
    for (persona_id, networks), first in zip(
        world.persona_networks.items(), _FIRST_NAMES, strict=True
    ):
        role = persona_id.split("-", 1)[1]
        data = {
            "name": f"{first}, the {role.replace('-', ' ')}",
            "summary": f"A {role.replace('-', ' ')} who buys lighting with a story.",
            "demographics": f"{rng.randint(25, 60)} years old, lives in a large French city",
            "interests": rng.sample(["interior design", "flea markets", "craft", "hotels"], 3),
            "pain_points": ["fear that an old lamp is unsafe", "hard to judge size on a photo"],
            "networks": networks,
        }
        _front_matter(folder / f"{persona_id}.md", data, f"{first} in a few words.")


def _write_channels(folder: Path, world: _World, calendar: _Calendar, rng: random.Random) -> None:
    cadence = _cadence(calendar.posts)
    for channel_id, network in world.channels:
        personas = [p for p, nets in world.persona_networks.items() if network in nets]
        data: dict[str, Any] = {
            "network": network,
            "account": channel_id,
            "mission": f"We use {network.capitalize()} to show our restored lamps to "
            f"people around {channel_id.split('-')[1].capitalize()} and bring them to the shop.",
            "status": "active",
            "personas": personas[:3],
            "goals": sorted(world.channel_goals.get(channel_id, [])),
            "cadence": cadence.get(channel_id, {"posts_per_week": 0}),
        }
        if rng.random() < 0.3:
            data["voice"] = {"tone": "playful, curious"}
        body = f"The {network} audience around {channel_id.split('-')[1]}: who they are, why."
        _front_matter(folder / f"{channel_id}.md", data, body)


def _cadence(posts: list[Post]) -> dict[str, dict[str, Any]]:
    """Posts per week as PS501 counts them (plan start to the last scheduled occurrence)."""
    counted = [(p, d) for p in posts if p.status in ("scheduled", "published") for d in p.days]
    if not counted:
        return {}
    horizon = max(day for _, day in counted)
    weeks = ((horizon - YEAR_START).days + 1) / 7
    totals: Counter[str] = Counter(post.channel for post, _ in counted)
    times: dict[str, Counter[str]] = defaultdict(Counter)
    for post, day in counted:
        if post.time:
            times[post.channel][f"{WEEKDAYS[day.weekday()]} {post.time}"] += 1
    return {
        channel: {
            "posts_per_week": round(total / weeks, 1),
            "best_times": sorted(t for t, _ in times[channel].most_common(2)),
        }
        for channel, total in totals.items()
    }


def _write_audit(path: Path, world: _World, rng: random.Random) -> None:
    accounts = []
    for channel_id, network in world.channels:
        handle = f"@atelier.nord.{channel_id.split('-')[1]}"
        accounts.append(
            {
                "id": channel_id,
                "network": network,
                "handle": handle,
                "url": f"https://{network}.example/{handle[1:]}",
                "owner": rng.choice(TEAM)[0],
                "purpose": f"Reach lamp lovers on {network}",
                "status": "keep",
                "followers": rng.randrange(300, 30000),
                "posts_per_week": rng.randint(1, 7),
                "engagement_rate": round(rng.uniform(0.5, 6), 1),
                "last_post": (TODAY - timedelta(days=rng.randrange(20))).isoformat(),
                "profile": {
                    "bio": "Vintage lamps restored by hand in Lyon.",
                    "avatar": True,
                    "cover": True,
                    "link": f"{BRAND_URL}/?ref={channel_id}",
                    "keywords": ["vintage lamp", "lighting", "Lyon"],
                    "cross_promotion": True,
                },
            }
        )
    competitors = [
        {
            "name": name,
            "url": f"https://{slugify(name)}.example/",
            "accounts": [{"network": "instagram", "followers": 12000, "posts_per_week": 5}],
        }
        for name in ("Maison Halo", "Lustrerie Durand", "Lumina")
    ]
    _yaml_file(path, "Step 2: audit", {"accounts": accounts, "competitors": competitors})


def _write_content(path: Path, world: _World) -> None:
    personas = list(world.persona_networks)
    types = [
        {
            "id": type_id,
            "name": name,
            "share": share,
            "purpose": purpose,
            "audience": personas[:4],
            "frequency": "Several posts a week on every channel",
            "creator": TEAM[2][0],
            "promotion": "Stories, newsletter and pinned posts",
        }
        for type_id, name, share, purpose in CONTENT_TYPES
    ]
    _yaml_file(
        path, "Step 5: content mix", {"mix": {"rule": "custom", "tolerance": 10}, "types": types}
    )


def _write_inspiration(path: Path) -> None:
    sources = [
        {"name": "Maison Halo", "area": "competitor", "url": "https://maisonhalo.example/",
         "why": "Polished short videos."},
        {"name": "Interiors Mag", "area": "media", "url": "https://interiors.example/",
         "why": "Trends for our inspiration posts."},
    ]  # fmt: skip
    _yaml_file(path, "Step 4: inspiration", {"sources": sources, "listening": ["Atelier Nord"]})


def _write_measurement(path: Path, world: _World) -> None:
    data = {
        "tools": [
            {"name": "Google Analytics 4", "purpose": "UTM-tagged visits",
             "url": "https://analytics.google.com/"},
            {"name": "Metricool", "purpose": "Reach and followers", "url": "https://metricool.com/"},
        ],
        "experiments": [
            {"name": "Reels or carousels", "hypothesis": "Reels bring more reach.",
             "channel": world.channel_ids[0], "start": "2027-02-01", "end": "2027-02-28"},
        ],
        "surveys": [{"name": "How did you find us?", "audience": "Customers", "when": "Always"}],
        "utm": {"medium": "social"},
    }  # fmt: skip
    _yaml_file(path, "Step 6: measurement", data)


def _give_images(posts: list[Post], images: int, folder: Path) -> None:
    """Draw `images` distinct images and give each to one post, every n-th one."""
    if not images:
        return
    from bench.media_drawing import draw_bench_image  # Pillow only where images are made

    folder.mkdir(parents=True, exist_ok=True)
    step = max(1, len(posts) // images)
    for number, post in enumerate(posts[::step][:images]):
        name = f"bench-{number:05d}.jpg"
        draw_bench_image(folder / name, number)
        post.media = f"media/{name}"


def _write_calendars(folder: Path, world: _World, posts: list[Post]) -> None:
    """One file a month, as teams often keep them; also keeps each under the size limits."""
    by_month: dict[int, list[Post]] = defaultdict(list)
    for post in posts:
        by_month[post.date.month].append(post)
    for month in range(1, 13):
        lines = [f"# Calendar: {MONTHS[month - 1]} 2027", "campaigns:"]
        lines += _campaign_lines(world, month)
        lines.append("posts:" if by_month[month] else "posts: []")
        for post in by_month[month]:
            lines += _post_lines(post)
        (folder / f"2027-{month:02d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _campaign_lines(world: _World, month: int) -> list[str]:
    start = date(2027, month, 1)
    end = (date(2027, month + 1, 1) if month < 12 else date(2028, 1, 1)) - timedelta(days=1)
    channels = world.campaign_channels[month - 1]
    goals = sorted({g for c in channels for g in world.channel_goals.get(c, [])})[:2]
    campaign_id = world.campaign_id(month)
    return [
        f"  - id: {campaign_id}",
        f"    name: {_text(MONTHS[month - 1].capitalize() + ' highlights')}",
        f"    start: {start.isoformat()}",
        f"    end: {end.isoformat()}",
        f"    goals: [{', '.join(goals)}]",
        f"    channels: [{', '.join(channels)}]",
        f"    utm_campaign: {campaign_id}",
        f"    description: {_text('The collection of the month: launch posts and offers.')}",
    ]


def _post_lines(post: Post) -> list[str]:
    """A post the way people write them: block mapping, repeat in flow style.

    Most posts leave out `id` (plansite derives it from date and title), as
    the format's example does; series and same-day namesakes carry one.
    """
    fields: list[tuple[str, str]] = [("id", post.id)] if post.explicit_id else []
    fields.append(("date", post.date.isoformat()))
    if post.time:
        fields.append(("time", f'"{post.time}"'))
    if post.duration:
        fields.append(("duration", post.duration))
    fields += [("channel", post.channel), ("type", post.type), ("title", _text(post.title)),
               ("copy", _text(post.copy))]  # fmt: skip
    if post.link:
        fields.append(("link", post.link))
    if post.campaign:
        fields.append(("campaign", post.campaign))
    fields.append(("owner", _text(post.owner)))
    if post.status != "scheduled":
        fields.append(("status", post.status))
    if post.repeat:
        fields.append(("repeat", _repeat_flow(post.repeat)))
    if post.media:
        fields.append(("media", f"[{{file: {post.media}, alt: {_text(post.title)}}}]"))
    return [
        f"{'  - ' if i == 0 else '    '}{key}: {value}" for i, (key, value) in enumerate(fields)
    ]


def _repeat_flow(repeat: Repeat) -> str:
    parts = ["every: week", f"on: [{', '.join(repeat.on)}]"]
    if repeat.until:
        parts.append(f"until: {repeat.until.isoformat()}")
    if repeat.count:
        parts.append(f"count: {repeat.count}")
    if repeat.exceptions:
        parts.append(f"except: [{', '.join(d.isoformat() for d in repeat.exceptions)}]")
    return "{" + ", ".join(parts) + "}"


def _text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
