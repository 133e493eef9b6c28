"""Steps 2 and 3: every account owned, accounted for, and complete."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Severity
from generator.model.audit_actions import in_service, lacks_owner, profile_gaps


@rule("PS201", 2, Severity.WARNING, "an account without owner")
def without_owner(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if lacks_owner(account):
            yield found(
                account.source,
                "PS201",
                account=account.id,
                network=account.network,
                handle=account.handle,
            )


@rule("PS202", 2, Severity.ERROR, "an impostor account not reported")
def impostor_not_reported(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if not account.official and account.status != "report":
            yield found(account.source, "PS202", account=account.id, status=account.status)


@rule("PS203", 2, Severity.ERROR, "an account to delete that is still in use")
def deleted_but_used(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if account.status != "delete":
            continue
        for channel in (c for c in ctx.plan.channels if c.account == account.id):
            posts = {post.id for post in ctx.plan.posts if channel.id in post.channels}
            yield found(
                channel.source, "PS203", channel=channel.id, account=account.id, count=len(posts)
            )


@rule("PS204", 2, Severity.WARNING, "a channel without its audit account")
def channel_without_account(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        if not channel.account:
            yield found(channel.source, "PS204", channel=channel.id)


@rule("PS205", 2, Severity.WARNING, "an active account with no channel mission")
def account_without_mission(ctx: CheckContext) -> Iterator[Finding]:
    used = {channel.account for channel in ctx.plan.channels}
    for account in ctx.plan.accounts:
        if in_service(account) and account.id not in used:
            yield found(account.source, "PS205", account=account.id)


@rule("PS206", 3, Severity.WARNING, "an incomplete profile")
def incomplete_profile(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        missing = profile_gaps(account)
        if missing:
            yield found(
                account.source, "PS206", account=account.id, missing=Labels("profile_", missing)
            )


@rule("PS207", 2, Severity.WARNING, "a kept account silent for 90 days")
def stale_account(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if account.status != "keep" or account.last_post is None:
            continue
        silent = (ctx.plan.today - account.last_post).days
        if silent > ctx.config.stale_after_days:
            yield found(
                account.source,
                "PS207",
                account=account.id,
                days=silent,
                last_post=account.last_post,
            )


RULES = (without_owner, impostor_not_reported, deleted_but_used, channel_without_account,
         account_without_mission, incomplete_profile, stale_account)  # fmt: skip
