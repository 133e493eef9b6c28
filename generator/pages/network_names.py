"""The networks' names as people write them: the plan names a network by its id
(`linkedin`, `x`), the pages by its brand's own spelling (LinkedIn, X)."""

from __future__ import annotations

from generator.i18n import Translator

BRAND_NAMES = {
    "facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn", "x": "X",
    "tiktok": "TikTok", "youtube": "YouTube", "snapchat": "Snapchat",
    "pinterest": "Pinterest", "threads": "Threads", "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}  # fmt: skip


def network_name(network: str, t: Translator) -> str:
    """A network's name in the site's language ("other" is a word, not a brand)."""
    return BRAND_NAMES.get(network) or t("network_other")
