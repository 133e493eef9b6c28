"""What the audit asks the team to do with each account: the audit as a to-do list.

The rules live here once: which accounts are asked for a complete profile,
what an account's profile lacks, which accounts have no owner, and what must
be done with each account. The audit page lists the actions, the overview
counts them, and the audit's checks (PS201, PS206) judge by the same rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model.entities import Account, Plan

# The statuses of an account the brand goes on using as it is, or once updated.
LIVE_STATUSES = ("keep", "update")

# The kinds of action, in the order the to-do list shows them.
ACTION_KINDS = ("create", "update", "delete", "report", "assign_owner")


@dataclass(frozen=True)
class AuditAction:
    kind: str  # one of ACTION_KINDS
    account: Account
    missing: tuple[str, ...] = ()  # the profile elements to fill in, for an update

    @property
    def owner(self) -> str:
        """Who does it: the account's owner, "" when it has none."""
        return self.account.owner


def in_service(account: Account) -> bool:
    """The brand's own account that it goes on using, as it is or once updated."""
    return account.official and account.status in LIVE_STATUSES


def profile_asked(account: Account) -> bool:
    """Whether the account's profile should be complete: only for accounts in service.
    An account to create has no profile yet, one to delete needs none, and an
    impostor's profile is not ours to fill in."""
    return in_service(account)


def profile_gaps(account: Account) -> tuple[str, ...]:
    """The profile elements the account still lacks, where a profile is asked for."""
    return account.profile.missing() if profile_asked(account) else ()


def lacks_owner(account: Account) -> bool:
    """An account of the brand's that it keeps, and that nobody looks after."""
    return account.in_use and not account.owner


def actions_of_account(account: Account) -> Iterator[AuditAction]:
    """What must be done with one account, in the to-do list's order."""
    if not account.official:
        yield AuditAction("report", account)
    elif account.status == "create":
        yield AuditAction("create", account)
    elif account.status == "delete":
        yield AuditAction("delete", account)
    else:
        missing = profile_gaps(account)
        if missing or account.status == "update":
            yield AuditAction("update", account, missing)
    if lacks_owner(account):
        yield AuditAction("assign_owner", account)


def audit_actions(plan: Plan) -> tuple[AuditAction, ...]:
    """Every open action of the audit, by kind, then in the audit's order."""
    actions = [action for account in plan.accounts for action in actions_of_account(account)]
    return tuple(sorted(actions, key=lambda action: ACTION_KINDS.index(action.kind)))


def actions_by_owner(actions: tuple[AuditAction, ...]) -> list[tuple[str, list[AuditAction]]]:
    """The actions grouped by who does them, owners in alphabetical order and the
    actions nobody owns last ("" as the owner)."""
    grouped: dict[str, list[AuditAction]] = {}
    for action in actions:
        grouped.setdefault(action.owner, []).append(action)
    return sorted(grouped.items(), key=lambda item: (item[0] == "", item[0].casefold()))


def action_counts(actions: tuple[AuditAction, ...]) -> dict[str, int]:
    """How many actions of each kind, for the kinds that have any, in the list's order."""
    counts = {kind: 0 for kind in ACTION_KINDS}
    for action in actions:
        counts[action.kind] += 1
    return {kind: count for kind, count in counts.items() if count}
