"""Steps 2 and 3: every account owned, accounted for, and complete."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, rule
from generator.diagnostics import Severity

LIVE_STATUSES = ("keep", "update")


@rule("PS201", 2, Severity.WARNING, "an account without owner")
def without_owner(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if account.official and account.status != "delete" and not account.owner:
            yield Finding(
                account.source,
                f"account '{account.id}' ({account.network} {account.handle}) has no owner",
                "name who manages it in 'owner'",
            )


@rule("PS202", 2, Severity.ERROR, "an impostor account not reported")
def impostor_not_reported(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if not account.official and account.status != "report":
            yield Finding(
                account.source,
                f"account '{account.id}' is an impostor (official: false) but its status is "
                f"'{account.status}'",
                "set status: report, and report it to the network",
            )


@rule("PS203", 2, Severity.ERROR, "an account to delete that is still in use")
def deleted_but_used(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if account.status != "delete":
            continue
        channels = [c for c in ctx.plan.channels if c.account == account.id]
        for channel in channels:
            posts = {post.id for post in ctx.plan.posts if channel.id in post.channels}
            detail = f" and {len(posts)} post(s)" if posts else ""
            yield Finding(
                channel.source,
                f"channel '{channel.id}' publishes on account '{account.id}'{detail}, "
                "which the audit says to delete",
                "move the channel to a kept account, or change the account's status",
            )


@rule("PS204", 2, Severity.WARNING, "a channel without its audit account")
def channel_without_account(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        if not channel.account:
            yield Finding(
                channel.source,
                f"channel '{channel.id}' names no audit account",
                "add 'account:' with the id of its account in plan/audit.yml",
            )


@rule("PS205", 2, Severity.WARNING, "an active account with no channel mission")
def account_without_mission(ctx: CheckContext) -> Iterator[Finding]:
    used = {channel.account for channel in ctx.plan.channels}
    for account in ctx.plan.accounts:
        if account.official and account.status in LIVE_STATUSES and account.id not in used:
            yield Finding(
                account.source,
                f"account '{account.id}' is kept but no channel gives it a mission",
                "add a channel under plan/channels/ for it, or mark it for deletion",
            )


@rule("PS206", 3, Severity.WARNING, "an incomplete profile")
def incomplete_profile(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if not account.official or account.status not in LIVE_STATUSES:
            continue
        missing = account.profile.missing()
        if missing:
            yield Finding(
                account.source,
                f"the profile of '{account.id}' is incomplete: {', '.join(missing)} missing",
                "a complete profile has a bio, avatar, cover, link, keywords and cross-promotion",
            )


@rule("PS207", 2, Severity.WARNING, "a kept account silent for 90 days")
def stale_account(ctx: CheckContext) -> Iterator[Finding]:
    for account in ctx.plan.accounts:
        if account.status != "keep" or account.last_post is None:
            continue
        silent = (ctx.today - account.last_post).days
        if silent > ctx.config.stale_after_days:
            yield Finding(
                account.source,
                f"account '{account.id}' has not posted for {silent} days "
                f"(last post {account.last_post.isoformat()})",
                "plan posts for it, or decide to update or delete it",
            )


RULES = (without_owner, impostor_not_reported, deleted_but_used, channel_without_account,
         account_without_mission, incomplete_profile, stale_account)  # fmt: skip
