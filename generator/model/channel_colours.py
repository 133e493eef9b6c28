"""Each channel's colour, and text on it that everyone can read.

A channel's colour is its `color:` when the front matter sets one, else a
colour of the palette chosen by the channel's id alone: each channel ranks
the palette by a hash of its id and the colour (rendezvous hashing), and the
channels, in id order, each take the first free colour of their ranking. So
a colour does not depend on the order of files, on the build, or on the
other channels, except when two want the same colour: then the first id
keeps it. A team that wants a colour pinned writes `color:`.

Text on a colour is black or white, whichever contrasts more. Per WCAG 2.x,
one of the two always reaches 4.58:1 (the two tie at a relative luminance of
0.179, where each gives sqrt(21)), above the 4.5:1 that AA asks of normal
text: no colour, however light or dark, needs its shade changed, so the
colour shown is the one the team wrote. Dark mode takes a darker shade of
the same colour (less glare on a dark page), with its own text colour.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.entities import Channel

# Twelve hues apart from one another, each mid-dark enough for a chip.
PALETTE = (
    "#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00acc1",
    "#d81b60", "#6d4c41", "#3949ab", "#c0ca33", "#00897b", "#546e7a",
)  # fmt: skip
BLACK, WHITE = "#000000", "#ffffff"
AA_NORMAL_TEXT = 4.5  # WCAG 2.x success criterion 1.4.3
DARK_MODE_SHADE = 0.7  # each of red, green and blue kept at 70 %
# The second cue besides colour: the network's short name.
NETWORK_SHORT_NAMES = {
    "facebook": "FB", "instagram": "IG", "linkedin": "IN", "x": "X", "tiktok": "TT",
    "youtube": "YT", "snapchat": "SC", "pinterest": "PI", "threads": "TH",
    "bluesky": "BS", "mastodon": "MA", "other": "",
}  # fmt: skip


@dataclass(frozen=True)
class Shade:
    """A background and the text colour that reads on it, both #rrggbb."""

    background: str
    text: str


@dataclass(frozen=True)
class ChannelColours:
    light: Shade
    dark: Shade
    short_name: str  # IG, FB...: the cue for whoever does not tell the colours apart


def channel_colours(channels: Iterable[Channel]) -> dict[str, ChannelColours]:
    """Every channel's colours, by channel id."""
    chosen = colours_of_channels(channels)
    return {
        channel.id: ChannelColours(
            light=shade_of(chosen[channel.id]),
            dark=shade_of(dark_mode_colour(chosen[channel.id])),
            short_name=NETWORK_SHORT_NAMES[channel.network] or channel.id[:2].upper(),
        )
        for channel in channels
    }


def colours_of_channels(channels: Iterable[Channel]) -> dict[str, str]:
    """Each channel's background colour: its own `color:`, else a palette colour."""
    ordered = sorted(channels, key=lambda channel: channel.id)
    chosen = {channel.id: channel.color.lower() for channel in ordered if channel.color}
    taken = set(chosen.values())
    for channel in ordered:
        if channel.id in chosen:
            continue
        ranking = palette_ranking(channel.id)
        # Beyond twelve channels colours repeat: each then takes its first choice.
        colour = next((c for c in ranking if c not in taken), ranking[0])
        chosen[channel.id] = colour
        taken.add(colour)
    return chosen


def palette_ranking(channel_id: str) -> list[str]:
    """The palette in the order this channel prefers it: a hash of the id and the colour,
    the same on every machine (Python's own hash() changes with each run)."""
    return sorted(
        PALETTE,
        key=lambda colour: hashlib.sha256(f"{channel_id} {colour}".encode()).hexdigest(),
    )


def shade_of(background: str) -> Shade:
    """The background with the text colour that contrasts more with it."""
    on_black, on_white = contrast_ratio(background, BLACK), contrast_ratio(background, WHITE)
    return Shade(background, BLACK if on_black >= on_white else WHITE)


def dark_mode_colour(colour: str) -> str:
    """The same hue, darker: a chip that does not glare on a dark page."""
    red, green, blue = _channels(colour)
    return "#" + "".join(f"{round(value * DARK_MODE_SHADE):02x}" for value in (red, green, blue))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour, from 0 (black) to 1 (white)."""
    red, green, blue = (_linear(value / 255) for value in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _linear(value: float) -> float:
    """An sRGB component made linear (WCAG 2.2 uses IEC 61966-2-1's threshold, 0.04045)."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
