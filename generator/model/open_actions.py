"""What the audit asks the team to do with the brand's accounts, counted.

One action an account and a reason: create it, update it (its status says so,
or a kept account's profile lacks an element), delete it, report an impostor;
and, besides, give an owner to an account in use that has none (PS201's rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.entities import Account

ACTIONS = ("create", "update", "delete", "report", "owner")
LIVE_STATUSES = ("keep", "update")  # the accounts whose profile the audit judges


@dataclass(frozen=True)
class OpenActions:
    """How many accounts each action concerns, in the order of ACTIONS."""

    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def action_of(account: Account) -> str | None:
    """The one thing the audit asks of an account (besides an owner), if any."""
    if not account.official:
        return "report"
    if account.status in ("create", "delete", "update"):
        return account.status
    if account.status in LIVE_STATUSES and account.profile.missing():
        return "update"
    return None


def needs_owner(account: Account) -> bool:
    return account.in_use and not account.owner


def open_actions(accounts: Iterable[Account]) -> OpenActions:
    listed = tuple(accounts)
    counts = {action: 0 for action in ACTIONS}
    for account in listed:
        action = action_of(account)
        if action is not None:
            counts[action] += 1
        if needs_owner(account):
            counts["owner"] += 1
    return OpenActions(tuple(counts.items()))
