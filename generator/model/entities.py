"""The plan as typed, validated data. No I/O here: everything arrives checked.

Entities refer to each other by id; `Plan` guarantees that every id resolves
and offers the lookups the pages need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.diagnostics import Location

NETWORKS = (
    "facebook", "instagram", "linkedin", "x", "tiktok", "youtube", "snapchat",
    "pinterest", "threads", "bluesky", "mastodon", "other",
)  # fmt: skip
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class Voice:
    tone: str = ""
    style: str = ""
    language: str = ""
    do: tuple[str, ...] = ()
    dont: tuple[str, ...] = ()

    def overridden_by(self, other: Voice) -> Voice:
        """This voice with every field the channel sets replaced by the channel's."""
        return Voice(
            tone=other.tone or self.tone,
            style=other.style or self.style,
            language=other.language or self.language,
            do=other.do or self.do,
            dont=other.dont or self.dont,
        )


@dataclass(frozen=True)
class Review:
    cadence: str = ""
    last: date | None = None


@dataclass(frozen=True)
class Metric:
    name: str
    kind: str = "other"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: str = "increase"


@dataclass(frozen=True)
class ProgressPoint:
    date: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    source: Location
    objective: str = ""
    metric: Metric | None = None
    start: date | None = None
    deadline: date | None = None
    owner: str = ""
    channels: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()
    progress: tuple[ProgressPoint, ...] = ()
    body: str = ""

    @property
    def latest(self) -> ProgressPoint | None:
        return max(self.progress, key=lambda p: p.date) if self.progress else None

    @property
    def reached(self) -> float | None:
        """Share of the way from baseline to target covered by the latest value (0 to 1)."""
        metric, latest = self.metric, self.latest
        if metric is None or latest is None or metric.baseline is None or metric.target is None:
            return None
        span = metric.target - metric.baseline
        if span == 0:
            return None
        return max(0.0, min(1.0, (latest.value - metric.baseline) / span))


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    source: Location
    summary: str = ""
    demographics: str = ""
    interests: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    body: str = ""


@dataclass(frozen=True)
class Cadence:
    posts_per_week: float | None = None
    best_times: tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    id: str
    network: str
    mission: str
    source: Location
    account: str = ""
    status: str = "active"
    personas: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    voice: Voice = field(default_factory=Voice)
    cadence: Cadence = field(default_factory=Cadence)
    mix: tuple[tuple[str, float], ...] = ()
    body: str = ""


@dataclass(frozen=True)
class Profile:
    bio: str = ""
    avatar: bool = False
    cover: bool = False
    link: str = ""
    keywords: tuple[str, ...] = ()
    cross_promotion: bool = False

    def missing(self) -> tuple[str, ...]:
        """Names of the profile elements still to fill in (the audit's step 3)."""
        present = {
            "bio": bool(self.bio),
            "avatar": self.avatar,
            "cover": self.cover,
            "link": bool(self.link),
            "keywords": bool(self.keywords),
            "cross_promotion": self.cross_promotion,
        }
        return tuple(name for name, ok in present.items() if not ok)

    @staticmethod
    def element_count() -> int:
        return 6


@dataclass(frozen=True)
class Account:
    id: str
    network: str
    handle: str
    source: Location
    url: str = ""
    owner: str = ""
    purpose: str = ""
    status: str = "keep"
    official: bool = True
    followers: int | None = None
    posts_per_week: float | None = None
    engagement_rate: float | None = None
    last_post: date | None = None
    profile: Profile = field(default_factory=Profile)
    notes: str = ""


@dataclass(frozen=True)
class CompetitorAccount:
    network: str
    url: str = ""
    followers: int | None = None
    posts_per_week: float | None = None
    engagement_rate: float | None = None


@dataclass(frozen=True)
class Competitor:
    name: str
    url: str = ""
    accounts: tuple[CompetitorAccount, ...] = ()


@dataclass(frozen=True)
class ContentType:
    id: str
    name: str
    source: Location
    share: float | None = None
    purpose: str = ""
    audience: tuple[str, ...] = ()
    frequency: str = ""
    creator: str = ""
    promotion: str = ""


@dataclass(frozen=True)
class ContentMix:
    rule: str = "custom"
    tolerance: float = 10


@dataclass(frozen=True)
class InspirationSource:
    name: str
    area: str = "other"
    url: str = ""
    why: str = ""


@dataclass(frozen=True)
class Tool:
    name: str
    purpose: str = ""
    url: str = ""


@dataclass(frozen=True)
class Experiment:
    name: str
    hypothesis: str = ""
    channel: str = ""
    start: date | None = None
    end: date | None = None
    result: str = ""


@dataclass(frozen=True)
class Survey:
    name: str
    audience: str = ""
    url: str = ""
    when: str = ""


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    start: date
    end: date
    source: Location
    goals: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    utm_campaign: str = ""
    description: str = ""


@dataclass(frozen=True)
class Repeat:
    every: str
    interval: int = 1
    on: tuple[str, ...] = ()
    until: date | None = None
    count: int | None = None
    exceptions: tuple[date, ...] = ()


@dataclass(frozen=True)
class Post:
    id: str
    date: date
    channels: tuple[str, ...]
    title: str
    source: Location
    timezone: ZoneInfo
    time: time | None = None
    duration: timedelta | None = None
    type: str = ""
    copy: str = ""
    link: str = ""
    campaign: str = ""
    owner: str = ""
    status: str = "scheduled"
    repeat: Repeat | None = None

    @property
    def all_day(self) -> bool:
        return self.time is None

    @property
    def start(self) -> datetime | None:
        """The first occurrence as an aware datetime; None for an all-day post."""
        if self.time is None:
            return None
        return datetime.combine(self.date, self.time, tzinfo=self.timezone)


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    source: Location
    site_url: str = ""
    language: str = "en"
    timezone: str = "UTC"
    theme: dict[str, object] = field(default_factory=dict)
    calendar_name: str = ""
    default_duration: timedelta = timedelta(minutes=30)
    include_ideas: bool = False
    utm_medium: str = "social"
    mkdocs: dict[str, object] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)  # rule code -> off, warning, error
    min_gap: timedelta = timedelta(hours=2)
    stale_after_days: int = 90
    max_file_bytes: int = 10 * 1024 * 1024
    private: bool = False
    feed_secret: str = ""  # from the environment, never from a file in the repository


@dataclass(frozen=True)
class Plan:
    title: str
    organization: str
    period: Period
    source: Location
    summary: str = ""
    team: tuple[TeamMember, ...] = ()
    review: Review = field(default_factory=Review)
    voice: Voice = field(default_factory=Voice)
    goals: tuple[Goal, ...] = ()
    personas: tuple[Persona, ...] = ()
    channels: tuple[Channel, ...] = ()
    accounts: tuple[Account, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    content_types: tuple[ContentType, ...] = ()
    mix: ContentMix = field(default_factory=ContentMix)
    inspiration: tuple[InspirationSource, ...] = ()
    listening: tuple[str, ...] = ()
    tools: tuple[Tool, ...] = ()
    experiments: tuple[Experiment, ...] = ()
    surveys: tuple[Survey, ...] = ()
    utm_medium: str = ""
    campaigns: tuple[Campaign, ...] = ()
    posts: tuple[Post, ...] = ()

    def goal(self, goal_id: str) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)

    def persona(self, persona_id: str) -> Persona:
        return next(p for p in self.personas if p.id == persona_id)

    def channel(self, channel_id: str) -> Channel:
        return next(c for c in self.channels if c.id == channel_id)

    def account(self, account_id: str) -> Account:
        return next(a for a in self.accounts if a.id == account_id)

    def content_type(self, type_id: str) -> ContentType:
        return next(t for t in self.content_types if t.id == type_id)

    def campaign(self, campaign_id: str) -> Campaign:
        return next(c for c in self.campaigns if c.id == campaign_id)
