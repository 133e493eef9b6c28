"""Channel colours: `color:` or a palette colour stable across builds, and text
on it that meets WCAG AA (4.5:1) in light and dark mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check import Inputs, read_plan
from generator.diagnostics import Location
from generator.model.channel_colours import (
    AA_NORMAL_TEXT,
    BLACK,
    PALETTE,
    WHITE,
    channel_colours,
    colours_of_channels,
    contrast_ratio,
    dark_mode_colour,
    relative_luminance,
    shade_of,
)
from generator.model.entities import Channel
from tests.conftest import PlanFactory, run_cli

HERE = Location(Path("plan/channels/x.md"))


def channel(channel_id: str, network: str = "instagram", color: str = "") -> Channel:
    return Channel(channel_id, network, "Why.", HERE, color=color)


def test_relative_luminance_and_contrast_follow_wcag() -> None:
    assert relative_luminance(BLACK) == 0
    assert relative_luminance(WHITE) == pytest.approx(1)
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21)
    assert contrast_ratio(WHITE, BLACK) == contrast_ratio(BLACK, WHITE)
    # Values published by WebAIM's contrast checker for these pairs.
    assert contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#1e88e5", WHITE) == pytest.approx(3.68, abs=0.01)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_palette_colour_carries_readable_text_in_both_modes(colour: str) -> None:
    for shade in (shade_of(colour), shade_of(dark_mode_colour(colour))):
        assert contrast_ratio(shade.background, shade.text) >= AA_NORMAL_TEXT


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#ffffff", BLACK),  # very light: dark text
        ("#fffff0", BLACK),
        ("#000000", WHITE),  # very dark: light text
        ("#00000f", WHITE),
        ("#777777", BLACK),  # the middle, where white just fails and black just passes
        ("#ff0000", BLACK),
        ("#0000ff", WHITE),
    ],
)
def test_hostile_colours_get_the_text_that_reads(colour: str, text: str) -> None:
    shade = shade_of(colour)
    assert shade.background == colour  # the colour the team wrote is the one shown
    assert shade.text == text
    assert contrast_ratio(shade.background, shade.text) >= AA_NORMAL_TEXT


@given(st.integers(0, 0xFFFFFF))
def test_no_colour_at_all_falls_below_aa(value: int) -> None:
    colour = f"#{value:06x}"
    for background in (colour, dark_mode_colour(colour)):
        shade = shade_of(background)
        assert contrast_ratio(shade.background, shade.text) >= 4.58


def test_a_palette_colour_depends_on_the_id_not_on_the_order() -> None:
    plan = [channel("instagram"), channel("linkedin", "linkedin"), channel("facebook", "facebook")]
    first = colours_of_channels(plan)
    assert colours_of_channels(list(reversed(plan))) == first
    assert len(set(first.values())) == 3
    assert set(first.values()) <= set(PALETTE)


def test_adding_a_channel_recolours_no_other() -> None:
    plan = [channel(f"channel-{n}") for n in range(6)]
    before = colours_of_channels(plan)
    for added in ("zz-newsletter", "aa-blog", "tiktok", "channel-2b"):
        after = colours_of_channels([*plan, channel(added)])
        moved = {c for c in before if before[c] != after[c]}
        # Only a channel whose colour the newcomer wanted first, and that sorts after it, moves.
        assert moved <= {c for c in before if c > added and before[c] == after[added]}
        assert len(set(after.values())) == len(after)


def test_collisions_are_resolved_the_same_way_every_time() -> None:
    plan = [channel(f"c{n}") for n in range(12)]
    colours = colours_of_channels(plan)
    assert sorted(colours.values()) == sorted(PALETTE)  # twelve channels, twelve colours
    assert colours_of_channels(plan) == colours
    crowded = colours_of_channels([*plan, channel("zz")])  # a thirteenth shares one
    assert crowded["zz"] in PALETTE
    assert {c: crowded[c] for c in colours} == colours


def test_a_written_colour_wins_and_keeps_its_palette_twin_free() -> None:
    others = [channel(f"c{n}") for n in range(11)]
    pinned = channel("pinned", color="#1E88E5")
    colours = colours_of_channels([pinned, *others])
    assert colours["pinned"] == "#1e88e5"
    assert list(colours.values()).count("#1e88e5") == 1


def test_each_channel_has_a_short_name_for_a_second_cue() -> None:
    found = channel_colours([channel("insta"), channel("blog", "other")])
    assert found["insta"].short_name == "IG"
    assert found["blog"].short_name == "BL"
    assert found["insta"].dark.background == dark_mode_colour(found["insta"].light.background)


def channel_file(color_line: str) -> dict[str, str | None]:
    return {
        "plan/channels/instagram.md": "---\nnetwork: instagram\naccount: insta\n"
        f"mission: Show the workshop.\ngoals: [followers]\n{color_line}\n---\n"
    }


def test_color_in_the_front_matter_is_read(make_plan: PlanFactory) -> None:
    root = make_plan(channel_file("color: '#AbCdEf'"))
    plan = read_plan(Inputs(root / "plan", root / "site_config.yml"), parallel=False).plan
    assert plan.channel("instagram").color == "#AbCdEf"
    assert channel_colours(plan.channels)["instagram"].light.background == "#abcdef"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "color: red",
            "plan/channels/instagram.md:6:1: error: 'color' must be a colour written "
            "'#rrggbb', such as '#1e88e5'",
        ),
        (
            "color: '#fff'",
            "plan/channels/instagram.md:6:1: error: 'color' must be a colour written "
            "'#rrggbb', such as '#1e88e5'",
        ),
        (
            'color: "#1e88e5\\n"',
            "plan/channels/instagram.md:6:1: error: 'color' must be a colour written "
            "'#rrggbb', such as '#1e88e5'",
        ),
        (
            "color: #1e88e5",
            "plan/channels/instagram.md:6:1: error: 'color' must be a colour written "
            "'#rrggbb', such as '#1e88e5', not empty (a '#' after a space starts a YAML "
            "comment: put text that starts with '#' in quotes)",
        ),
    ],
)
def test_a_wrong_color_is_an_error_at_its_place(
    make_plan: PlanFactory, line: str, expected: str
) -> None:
    root = make_plan(channel_file(line))
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == expected
