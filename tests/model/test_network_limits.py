"""The networks' length limits: one table (model/network_limits.py) for the
copy-length check and the post cards."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.diagnostics import Location
from generator.model.entities import Post
from generator.model.network_limits import NETWORK_LIMITS, length_on_network
from tests.conftest import PlanFactory, run_cli

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
# What the issue asks, as the networks' help pages give it.
EXPECTED = {
    "x": 280, "bluesky": 300, "threads": 500, "mastodon": 500, "pinterest": 500,
    "instagram": 2200, "tiktok": 2200, "linkedin": 3000, "facebook": 63206, "youtube": 100,
}  # fmt: skip


def post(copy: str = "", title: str = "T") -> Post:
    return Post(
        id="p",
        date=date(2027, 1, 5),
        channels=("c",),
        title=title,
        source=Location(Path("plan/calendar/q1.yml"), 1, 1),
        timezone=ZoneInfo("Europe/Paris"),
        copy=copy,
    )


def test_the_table_holds_the_issue_s_limits() -> None:
    assert {network: NETWORK_LIMITS[network].characters for network in EXPECTED} == EXPECTED


def test_youtube_counts_the_title_every_other_network_the_copy() -> None:
    counted = {network: limit.counts for network, limit in NETWORK_LIMITS.items()}
    assert counted.pop("youtube") == "title"
    assert set(counted.values()) == {"copy"}
    measured = length_on_network(post(copy="x" * 500, title="y" * 101), "youtube")
    assert measured is not None
    assert (measured.counts, measured.length, measured.limit, measured.over) == (
        "title",
        101,
        100,
        1,
    )


@pytest.mark.parametrize(("length", "over"), [(279, 0), (280, 0), (281, 1), (312, 32)])
def test_over_is_what_passes_the_limit(length: int, over: int) -> None:
    measured = length_on_network(post(copy="é" * length), "x")
    assert measured is not None and measured.over == over and measured.length == length


@pytest.mark.parametrize("network", ["other", "myspace", ""])
def test_a_network_without_a_known_limit_has_no_count(network: str) -> None:
    assert length_on_network(post(copy="x" * 100_000), network) is None


def test_no_other_module_writes_a_network_limit() -> None:
    """The check and the cards import the table: no second COPY_LIMITS anywhere."""
    for path in GENERATOR.rglob("*.py"):
        if path.name == "network_limits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Dict):
                limits = {
                    key.value
                    for key, value in zip(node.keys, node.values, strict=True)
                    if isinstance(key, ast.Constant)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, int)
                }
                assert not {"x", "bluesky", "linkedin"} <= limits, path


@pytest.mark.parametrize(
    ("network", "field", "length", "message"),
    [
        ("x", "copy", 281, "the copy of 'hello' has 281 characters; x accepts 280"),
        ("bluesky", "copy", 301, "the copy of 'hello' has 301 characters; bluesky accepts 300"),
        ("youtube", "title", 101, "the title of 'hello' has 101 characters; youtube accepts 100"),
    ],
)
def test_the_copy_length_check_uses_the_table(
    make_plan: PlanFactory, network: str, field: str, length: int, message: str
) -> None:
    root = make_plan(
        {
            "plan/channels/instagram.md": f"---\nnetwork: {network}\nmission: M.\n"
            "goals: [followers]\n---\n",
            "plan/calendar/q1.yml": "posts:\n  - id: hello\n    date: 2027-01-05\n"
            "    channel: instagram\n    type: tips\n"
            + ("" if field == "title" else "    title: Hello\n")
            + f"    {field}: {'z' * length}\n",
        }
    )
    result = run_cli("check", cwd=root)
    assert message in result.output


def test_a_youtube_copy_of_5000_characters_passes_where_its_title_is_short(
    make_plan: PlanFactory,
) -> None:
    root = make_plan(
        {
            "plan/channels/instagram.md": "---\nnetwork: youtube\nmission: M.\n"
            "goals: [followers]\n---\n",
            "plan/calendar/q1.yml": "posts:\n  - id: hello\n    date: 2027-01-05\n"
            "    channel: instagram\n    type: tips\n    title: Hello\n"
            f"    copy: {'z' * 4000}\n",
        }
    )
    assert "PS507" not in run_cli("check", cwd=root).output
