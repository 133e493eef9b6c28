"""The stylesheet of the plan's channel colours, which the build writes beside the theme's.

Every element that carries `data-channel` (a publication of the calendar, a
chip of the legend) takes its channel's colours from two custom properties,
`--ps-channel-bg` and `--ps-channel-fg`, set here for light and dark mode
(model/channel_colours.py chooses them). A team's own CSS can use them too.
"""

from __future__ import annotations

from generator.model import entities as m
from generator.model.channel_colours import ChannelColours, Shade
from generator.model.ids import SLUG

CHANNEL_STYLESHEET = "assets/stylesheets/channels.css"  # beside the theme's plansite.css
DARK_SCHEME = '[data-md-color-scheme="slate"]'  # Material's dark palette


def channel_stylesheet(plan: m.Plan, colours: dict[str, ChannelColours]) -> bytes:
    """The CSS of every channel's colours, in the plan's order of channels.

    Ids are slugs and colours #rrggbb (both validated as the plan was read),
    so neither needs quoting beyond the attribute selector's quotes; an id
    that were not a slug is left without colour rather than written.
    """
    lines = ["/* Each channel's colours: made by plansite from the plan. */"]
    for channel in plan.channels:
        if not SLUG.fullmatch(channel.id):
            continue
        selector = f'[data-channel="{channel.id}"]'
        lines.append(f"{selector} {{ {_properties(colours[channel.id].light)} }}")
        lines.append(f"{DARK_SCHEME} {selector} {{ {_properties(colours[channel.id].dark)} }}")
    return ("\n".join(lines) + "\n").encode()


def _properties(shade: Shade) -> str:
    return f"--ps-channel-bg: {shade.background}; --ps-channel-fg: {shade.text};"
