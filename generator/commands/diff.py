"""What moved in the plan since a git revision: goals, missions, accounts and
posts added, removed or changed, for a reviewer or a stakeholder.

The plan at the revision is taken from git (`git archive`), checked like any
plan, and compared entity by entity on every field people write. What was
typed as the revision reaches git only through `git rev-parse --verify`; the
commit id it answers is what the other git commands get, so no revision can
be read as an option (`--output=FILE` once truncated FILE).
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check import Inputs, check_plan
from generator.commands.diff_wording import ValueWording, changed_fields, fields_from_record
from generator.diagnostics import PlanError
from generator.model.entities import Plan


class RevisionError(Exception):
    """The plan at the revision cannot be compared with; the message says why."""


class DiffUsageError(Exception):
    """The command line asks for what `diff` cannot do (a revision that is an
    option, a plan outside git): a wrong command line, not a broken plan."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option  # the argument or option to change


@dataclass(frozen=True)
class Change:
    kind: str  # goal, mission, account, post
    id: str
    what: str  # added, removed, changed
    details: tuple[str, ...] = ()


# What `git rev-parse --verify` prints: a full object id (SHA-1 or SHA-256).
_OBJECT_ID = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
REVISION_HINT = "give a branch, a tag, HEAD~1 or a commit id; `git log --oneline` lists commits"


def plan_at(revision: str, inputs: Inputs, workdir: Path) -> Inputs:
    """The plan and config files as they were at `revision`, extracted into `workdir`."""
    refuse_option_like(revision)
    root = repository_root(inputs.plan_dir)
    members = [
        _inside(root, inputs.plan_dir, "--plan"),
        _inside(root, inputs.config_file, "--config"),
    ]
    commit = verified_commit(revision, root)
    for member in members:
        in_tree = "" if member == "." else member  # `<commit>:` is its top folder
        if _git_succeeds(["cat-file", "-e", f"{commit}:{in_tree}"], root) is None:
            raise RevisionError(
                f"{member} is not in the repository at {revision}: compare with a later revision"
            )
    # Only the verified commit id reaches `git archive`, never what was typed;
    # the paths are taken literally, never as pathspec magic (`:(exclude)...`).
    archive = _git(["--literal-pathspecs", "archive", "--format=tar", commit, "--", *members], root)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(workdir, filter="data")
    except tarfile.FilterError as exc:  # a link leading out of the plan, say
        raise RevisionError(
            f"the plan at {revision} holds {exc.tarinfo.name}, which plansite does not "
            "read (a link leading outside the plan?): compare with another revision"
        ) from None
    except tarfile.TarError as exc:
        raise RevisionError(f"the plan at {revision} cannot be read from git ({exc})") from None
    return Inputs(workdir / members[0], workdir / members[1])


def refuse_option_like(revision: str) -> None:
    """Refuse what git would read as an option (`--output=FILE`) or as several lines."""
    if not revision or revision.startswith("-"):
        raise DiffUsageError(
            f"'{revision}' is not a revision: revisions never start with '-' ({REVISION_HINT})",
            "REVISION",
        )
    if any(unicodedata.category(char) == "Cc" for char in revision):
        raise DiffUsageError(
            f"{revision!r} is not a revision: it holds a line break or a control character "
            f"({REVISION_HINT})",
            "REVISION",
        )


def verified_commit(revision: str, root: Path) -> str:
    """The id of the commit `revision` names in the repository at `root`."""
    found = _git_succeeds(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root
    )
    if found is not None and _OBJECT_ID.match(found):
        return found
    other = _git_succeeds(["rev-parse", "--verify", "--quiet", "--end-of-options", revision], root)
    if other is not None and _OBJECT_ID.match(other):
        kind = _git_succeeds(["cat-file", "-t", other], root) or ""
        named = {"tree": "a folder (a git tree)", "blob": "a file (a git blob)"}
        raise RevisionError(
            f"'{revision}' names {named.get(kind, 'an object')}, not a commit ({REVISION_HINT})"
        )
    raise RevisionError(f"unknown revision '{revision}' ({REVISION_HINT})")


def repository_root(plan_dir: Path) -> Path:
    """The top folder of the git repository holding the plan."""
    top = _git_succeeds(["rev-parse", "--show-toplevel"], plan_dir)
    if not top:
        raise DiffUsageError(
            f"the plan folder {plan_dir} is not in a git repository: diff compares the plan "
            "with one of its commits (commit the plan to git first, or pass --plan a folder "
            "inside a repository)",
            "--plan",
        )
    return Path(top).resolve()


def _inside(root: Path, path: Path, option: str) -> str:
    """`path` relative to the repository's top folder, as git names it."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise DiffUsageError(
            f"{path} is outside the git repository of the plan ({root}): diff reads the plan "
            f"and its configuration from that repository's history (pass {option} a path "
            "inside it)",
            option,
        )
    return resolved.relative_to(root).as_posix()


def _git(arguments: list[str], cwd: Path) -> bytes:
    done = _run_git(arguments, cwd)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {' '.join(arguments)} failed")
    return done.stdout


def _git_succeeds(arguments: list[str], cwd: Path) -> str | None:
    """git's output, stripped, or None when git says no."""
    done = _run_git(arguments, cwd)
    return done.stdout.decode(errors="replace").strip() if done.returncode == 0 else None


def _run_git(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None


def changes_since(revision: str, inputs: Inputs) -> list[Change]:
    """Every change between the plan at `revision` and the plan in the working tree,
    its values worded in the plan's language."""
    refuse_option_like(revision)
    with tempfile.TemporaryDirectory(prefix="plansite-diff-") as folder:
        # The revision first: a wrong command line is said before the plan's errors.
        old_inputs = plan_at(revision, inputs, Path(folder))
        current = check_plan(inputs)
        try:
            before = check_plan(old_inputs).plan
        except PlanError as exc:
            raise RevisionError(
                f"the plan at {revision} does not pass its checks "
                f"({exc.report.summary()}): compare with a later revision"
            ) from None
    return list(compare(before, current.plan, ValueWording(current.config.language)))


def compare(before: Plan, after: Plan, wording: ValueWording) -> Iterator[Change]:
    yield from _compare("goal", before.goals, after.goals, wording)
    yield from _compare(
        "mission",
        [(c.id, {"mission": c.mission, "status": c.status}) for c in before.channels],
        [(c.id, {"mission": c.mission, "status": c.status}) for c in after.channels],
        wording,
    )
    yield from _compare("account", before.accounts, after.accounts, wording)
    yield from _compare("post", before.posts, after.posts, wording)


def _compare(
    kind: str, before: Iterable[Any], after: Iterable[Any], wording: ValueWording
) -> Iterator[Change]:
    old = dict(_by_id(before))
    new = dict(_by_id(after))
    for entity_id in sorted(new.keys() - old.keys()):
        yield Change(kind, entity_id, "added")
    for entity_id in sorted(old.keys() - new.keys()):
        yield Change(kind, entity_id, "removed")
    for entity_id in sorted(old.keys() & new.keys()):
        was, now = old[entity_id], new[entity_id]
        details = tuple(
            f"{name}: {wording.change(was.get(name), now.get(name))}"
            for name in changed_fields(was, now)
        )
        if details:
            yield Change(kind, entity_id, "changed", details)


def _by_id(entities: Iterable[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entity's id and its fields by dotted name (nested records opened)."""
    for entity in entities:
        if isinstance(entity, tuple):
            yield entity
        else:
            yield entity.id, fields_from_record(entity)


def text_from_changes(revision: str, changes: list[Change]) -> str:
    if not changes:
        return f"nothing changed in goals, missions, accounts or posts since {revision}\n"
    lines = [f"since {revision}:"]
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for change in changes:
        lines.append(f"  {marks[change.what]} {change.kind} {change.id} {change.what}")
        lines.extend(f"      {detail}" for detail in change.details)
    return "\n".join(lines) + "\n"
