"""Step 5: a calendar that keeps the planned cadence and respects its campaigns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from generator.checks.registry import CheckContext, Finding, found, rule
from generator.diagnostics import Severity
from generator.model.network_limits import length_on_network

# Accepted gap: a fifth of the planned posts per week, and never less than half
# a post (one post every other week is noise, not a missed cadence).
CADENCE_TOLERANCE = 0.2
CADENCE_MIN_GAP = 0.5


@rule("PS501", 5, Severity.WARNING, "scheduled posts per week away from the planned cadence")
def cadence(ctx: CheckContext) -> Iterator[Finding]:
    """Judged over the weeks the calendar is filled for (plan start to last scheduled post):
    a plan for six months whose calendar is written a quarter ahead is not behind."""
    if not ctx.counted:
        return
    horizon = max(occurrence.day for occurrence, _ in ctx.counted)
    weeks = ((horizon - ctx.plan.period.start).days + 1) / 7
    counts: dict[str, int] = defaultdict(int)
    for _, channel_id in ctx.counted:
        counts[channel_id] += 1
    for channel in ctx.plan.channels:
        planned = channel.cadence.posts_per_week
        if planned is None or channel.status != "active" or weeks <= 0:
            continue
        actual = counts[channel.id] / weeks
        if abs(actual - planned) > max(planned * CADENCE_TOLERANCE, CADENCE_MIN_GAP):
            yield found(
                channel.source,
                "PS501",
                channel=channel.id,
                count=planned,
                actual=round(actual, 1),
                until=horizon,
            )


@rule("PS502", 5, Severity.WARNING, "two posts on one channel too close together")
def too_close(ctx: CheckContext) -> Iterator[Finding]:
    gap = ctx.config.min_gap
    last: dict[str, tuple[datetime, str]] = {}
    timed = sorted(
        ((o.start, channel_id, o.post) for o, channel_id in ctx.counted if o.start is not None),
        key=lambda item: (item[0], item[1], item[2].id),
    )
    reported: set[tuple[str, str]] = set()
    for start, channel_id, post in timed:
        previous = last.get(channel_id)
        if previous is not None and start - previous[0] < gap and post.id != previous[1]:
            pair = (previous[1], post.id)
            if pair not in reported:
                reported.add(pair)
                yield found(
                    post.source,
                    "PS502",
                    channel=channel_id,
                    post=post.id,
                    after=_minutes(start - previous[0]),
                    previous=previous[1],
                    date=start.date(),
                    gap=_minutes(gap),
                )
        last[channel_id] = (start, post.id)


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


@rule("PS503", 5, Severity.WARNING, "a post outside its campaign's dates")
def outside_campaign(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        if post.campaign:
            campaign = ctx.plan.campaign(post.campaign)
            if not campaign.start <= post.date <= campaign.end:
                yield found(
                    post.source,
                    "PS503",
                    post=post.id,
                    date=post.date,
                    campaign=campaign.id,
                    start=campaign.start,
                    end=campaign.end,
                )


@rule("PS504", 5, Severity.WARNING, "a post on a channel its campaign does not use")
def off_campaign_channel(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        if not post.campaign:
            continue
        campaign = ctx.plan.campaign(post.campaign)
        for channel_id in post.channels:
            if campaign.channels and channel_id not in campaign.channels:
                yield found(
                    post.source, "PS504", post=post.id, channel=channel_id, campaign=campaign.id
                )


@rule("PS505", 5, Severity.WARNING, "a post on a paused channel")
def paused_channel(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        if not post.to_publish:
            continue
        for channel_id in post.channels:
            if ctx.plan.channel(channel_id).status == "paused":
                yield found(post.source, "PS505", post=post.id, channel=channel_id)


@rule("PS506", 5, Severity.WARNING, "a scheduled post before the plan period")
def before_period(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        if post.status == "scheduled" and post.date < ctx.plan.period.start:
            yield found(
                post.source,
                "PS506",
                post=post.id,
                date=post.date,
                start=ctx.plan.period.start,
            )


@rule("PS507", 5, Severity.ERROR, "copy longer than the network allows")
def copy_too_long(ctx: CheckContext) -> Iterator[Finding]:
    """Against model/network_limits.py, the table the post cards count with too:
    the copy, or the title where the network limits the title (YouTube)."""
    for post in ctx.plan.posts:
        for channel_id in post.channels:
            network = ctx.plan.channel(channel_id).network
            measured = length_on_network(post, network)
            if measured is not None and measured.over:
                key = "PS507" if measured.counts == "copy" else "PS507_title"
                yield found(
                    post.source,
                    key,
                    post=post.id,
                    length=measured.length,
                    network=network,
                    limit=measured.limit,
                )


@rule("PS508", 6, Severity.WARNING, "a link that analytics cannot follow")
def untracked_link(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        if post.link and not post.tracked:
            yield found(post.source, "PS508", post=post.id)


RULES = (cadence, too_close, outside_campaign, off_campaign_channel, paused_channel,
         before_period, copy_too_long, untracked_link)  # fmt: skip
