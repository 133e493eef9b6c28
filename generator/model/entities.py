"""The plan as typed, validated data. No I/O here: everything arrives checked.

Entities refer to each other by id; `Plan` guarantees that every id resolves
and offers the lookups the pages need. The defaults of every field live
here, once, and so do the domain rules that checks, pages, feeds and
exports share: what a post's status means, a goal's pace, the next review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from generator.diagnostics import Location
from generator.model.links import is_web_link
from generator.model.media import MediaFile, MediaItem
from generator.model.pace import measured_progress
from generator.model.results import ExperimentArm, MetricSource, PlanResults, PublishedPlace
from generator.model.review_status import Review

if TYPE_CHECKING:  # entities of their own modules, which build them from these
    from generator.model.backlog import Idea
    from generator.model.key_dates import KeyDate

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# What a post's status says. Scheduled and published posts reach the audience (the
# mix and the cadence count them); ideas and cancelled ones are neither among the
# coming posts nor exported to a scheduler; drafts and scheduled ones are to publish.
COUNTED_STATUSES = frozenset({"scheduled", "published"})
HIDDEN_STATUSES = frozenset({"idea", "cancelled"})
TO_PUBLISH_STATUSES = frozenset({"draft", "scheduled"})
POST_STATUSES = ("idea", "draft", "scheduled", "published", "cancelled")  # the board's order


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
class Metric:
    name: str
    kind: str = "other"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: str = "increase"
    values: str = "total"  # or "per_period": what each period added (model/pace.py)
    source: MetricSource | None = None  # the results it is computed from (goal_sources.py)


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
    progress: tuple[ProgressPoint, ...] = ()  # typed by hand
    body: str = ""
    computed: tuple[ProgressPoint, ...] = ()  # from the results its metric's source names

    @property
    def measured(self) -> tuple[ProgressPoint, ...]:
        """The metric's value at each point, from the results when the metric has a
        source that gave any, else from the hand-typed progress; running totals
        for a per-period metric."""
        return measured_progress(self.computed or self.progress, self.metric)

    @property
    def latest(self) -> ProgressPoint | None:
        """The metric's latest value (a running total for a per-period metric)."""
        return max(self.measured, key=lambda p: p.date, default=None)

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
    color: str = ""  # "#rrggbb" as written; model/channel_colours.py gives the shades


# What a complete profile has (the audit's step 3), in the order the audit shows them.
PROFILE_ELEMENTS = ("bio", "avatar", "cover", "link", "keywords", "cross_promotion")


@dataclass(frozen=True)
class Profile:
    bio: str = ""
    avatar: bool = False
    cover: bool = False
    link: str = ""
    keywords: tuple[str, ...] = ()
    cross_promotion: bool = False
    # Elements the audit says are there without giving their text (`bio: true`).
    present_without_text: tuple[str, ...] = ()

    def missing(self) -> tuple[str, ...]:
        """Names of the profile elements still to fill in (the audit's step 3)."""
        return tuple(
            name
            for name in PROFILE_ELEMENTS
            if not getattr(self, name) and name not in self.present_without_text
        )

    def element_count(self) -> int:
        return len(PROFILE_ELEMENTS)


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

    @property
    def in_use(self) -> bool:
        """True for the brand's own account that it keeps (not one to delete)."""
        return self.official and self.status != "delete"


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
    id: str = ""  # posts take part by it: `experiment: {id, variant}`
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
    published: tuple[PublishedPlace, ...] = ()  # where it went live, per channel
    experiment: ExperimentArm | None = None
    media: tuple[MediaItem, ...] = ()  # images and videos (model/media.py)

    @property
    def start(self) -> datetime | None:
        """The first occurrence as an aware datetime; None for an all-day post."""
        if self.time is None:
            return None
        return datetime.combine(self.date, self.time, tzinfo=self.timezone)

    @property
    def calendar_address(self) -> str:
        """Where the site describes the post: the calendar's page of its first month's posts."""
        return f"calendar/{self.date.year:04d}-{self.date.month:02d}/posts/#{self.id}"

    @property
    def counted(self) -> bool:
        """True when the post reaches the audience: the mix and the cadence count it."""
        return self.status in COUNTED_STATUSES

    @property
    def hidden(self) -> bool:
        """True for an idea or a cancelled post, which no list of coming posts shows."""
        return self.status in HIDDEN_STATUSES

    @property
    def to_publish(self) -> bool:
        return self.status in TO_PUBLISH_STATUSES

    def in_feeds(self, include_ideas: bool) -> bool:
        """True when the feeds hold the post: every one but ideas, unless the site
        includes them. A cancelled post stays, so that calendars drop it."""
        return self.status != "idea" or include_ideas

    @cached_property
    def tracked(self) -> bool:
        """True when the post's link is one analytics can follow (and UTM can tag)."""
        return is_web_link(self.link)


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
    posts: tuple[Post, ...] = ()  # every one dated; ideas without a date are the backlog
    key_dates: tuple[KeyDate, ...] = ()
    backlog: tuple[Idea, ...] = ()
    media_files: tuple[MediaFile, ...] = ()  # each file read once, whatever posts use it
    results: PlanResults = field(default_factory=PlanResults)

    def goal(self, goal_id: str) -> Goal:
        return self._by_id.goals[goal_id]

    def persona(self, persona_id: str) -> Persona:
        return self._by_id.personas[persona_id]

    def channel(self, channel_id: str) -> Channel:
        return self._by_id.channels[channel_id]

    def account(self, account_id: str) -> Account:
        return self._by_id.accounts[account_id]

    def content_type(self, type_id: str) -> ContentType:
        return self._by_id.content_types[type_id]

    def campaign(self, campaign_id: str) -> Campaign:
        return self._by_id.campaigns[campaign_id]

    def media_file(self, path: str) -> MediaFile | None:
        """What reading a media file (its path as written) found; None for a URL."""
        return self._media_by_path.get(path)

    @cached_property
    def _media_by_path(self) -> dict[str, MediaFile]:
        return {media.path: media for media in self.media_files}

    @cached_property
    def _by_id(self) -> _Lookups:
        """Every entity by id, indexed once, the first time one is looked up."""
        return _Lookups(
            {goal.id: goal for goal in self.goals},
            {persona.id: persona for persona in self.personas},
            {channel.id: channel for channel in self.channels},
            {account.id: account for account in self.accounts},
            {content_type.id: content_type for content_type in self.content_types},
            {campaign.id: campaign for campaign in self.campaigns},
        )

    @cached_property
    def today(self) -> date:
        """The plan's own notion of now: its latest measurement (progress or results)
        or last review, else its start. Never the wall clock, so a build gives the same findings
        and pages whenever it runs."""
        dates = [p.date for g in self.goals for p in g.progress]
        dates += [day for day in (self.review.last, self.results.latest_day) if day]
        return max(dates, default=self.period.start)


class _Lookups(NamedTuple):
    goals: dict[str, Goal]
    personas: dict[str, Persona]
    channels: dict[str, Channel]
    accounts: dict[str, Account]
    content_types: dict[str, ContentType]
    campaigns: dict[str, Campaign]
