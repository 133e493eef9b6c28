"""What moved in the plan since a git revision: goals, missions, accounts and
posts added, removed or changed, for a reviewer or a stakeholder.

The plan at the revision is taken from git (`git archive`), checked like any
plan, and compared entity by entity on every field people write.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from generator.checking import Inputs, check_plan
from generator.diagnostics import PlanError
from generator.model import Plan

# Fields that say where an entity was written, not what it says.
IGNORED = {"source"}
SHOWN_LENGTH = 70


class RevisionError(Exception):
    """The revision cannot be read; the message says why."""


@dataclass(frozen=True)
class Change:
    kind: str  # goal, mission, account, post
    id: str
    what: str  # added, removed, changed
    details: tuple[str, ...] = ()


def plan_at(revision: str, inputs: Inputs, workdir: Path) -> Inputs:
    """The plan and config files as they were at `revision`, extracted into `workdir`."""
    plan_dir = inputs.plan_dir.resolve()
    top = _git(["rev-parse", "--show-toplevel"], plan_dir).decode().strip()
    root = Path(top)
    members = [str(plan_dir.relative_to(root)), str(inputs.config_file.resolve().relative_to(root))]
    archive = _git(["archive", "--format=tar", revision, "--", *members], root)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(workdir, filter="data")
        except tarfile.FilterError as exc:  # a link leading out of the plan, say
            raise RevisionError(
                f"the plan at {revision} holds {exc.tarinfo.name}, which plansite does not "
                "read (a link leading outside the plan?): compare with another revision"
            ) from None
    return Inputs(workdir / members[0], workdir / members[1])


def _git(arguments: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {' '.join(arguments)} failed")
    return done.stdout


def changes_since(revision: str, inputs: Inputs) -> list[Change]:
    """Every change between the plan at `revision` and the plan in the working tree."""
    current = check_plan(inputs).plan
    with tempfile.TemporaryDirectory(prefix="plansite-diff-") as folder:
        old_inputs = plan_at(revision, inputs, Path(folder))
        try:
            before = check_plan(old_inputs).plan
        except PlanError as exc:
            raise RevisionError(
                f"the plan at {revision} does not pass its checks "
                f"({exc.report.summary()}): compare with a later revision"
            ) from None
    return list(compare(before, current))


def compare(before: Plan, after: Plan) -> Iterator[Change]:
    yield from _compare("goal", before.goals, after.goals)
    yield from _compare(
        "mission",
        [(c.id, {"mission": c.mission, "status": c.status}) for c in before.channels],
        [(c.id, {"mission": c.mission, "status": c.status}) for c in after.channels],
    )
    yield from _compare("account", before.accounts, after.accounts)
    yield from _compare("post", before.posts, after.posts)


def _compare(kind: str, before: Iterable[Any], after: Iterable[Any]) -> Iterator[Change]:
    old = dict(_by_id(before))
    new = dict(_by_id(after))
    for entity_id in sorted(new.keys() - old.keys()):
        yield Change(kind, entity_id, "added")
    for entity_id in sorted(old.keys() - new.keys()):
        yield Change(kind, entity_id, "removed")
    for entity_id in sorted(old.keys() & new.keys()):
        details = tuple(
            f"{name}: {_shown(old[entity_id][name])} -> {_shown(new[entity_id][name])}"
            for name in old[entity_id]
            if old[entity_id][name] != new[entity_id].get(name)
        )
        if details:
            yield Change(kind, entity_id, "changed", details)


def _by_id(entities: Iterable[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for entity in entities:
        if isinstance(entity, tuple):
            yield entity
        else:
            yield (
                entity.id,
                {f.name: getattr(entity, f.name) for f in fields(entity) if f.name not in IGNORED},
            )


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        text = ", ".join(_shown(v) for v in value) if value else "none"
    elif value is None or value == "":
        text = "none"
    elif hasattr(value, "key") and not isinstance(value, dict):
        text = str(value.key)  # a time zone
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def as_text(revision: str, changes: list[Change]) -> str:
    if not changes:
        return f"nothing changed in goals, missions, accounts or posts since {revision}\n"
    lines = [f"since {revision}:"]
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for change in changes:
        lines.append(f"  {marks[change.what]} {change.kind} {change.id} {change.what}")
        lines.extend(f"      {detail}" for detail in change.details)
    return "\n".join(lines) + "\n"
