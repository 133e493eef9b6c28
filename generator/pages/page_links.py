"""The addresses the pages link to: the pages of plan entities and the feeds.

Pages are linked by their docs path (`/goals/leads.md`), which MkDocs checks
and rewrites at build time; the templates (`_macros.md.j2`) write the links.
Ids are slugs (model/ids.py), so an address needs no escaping.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup


class PageAddresses:
    """Where each plan entity's page and each feed is, for the templates' links."""

    def __init__(self, feed_paths: Mapping[str, str], site_url: str) -> None:
        self._feeds = feed_paths
        self._site_url = site_url

    @staticmethod
    def goal(goal_id: str) -> Markup:
        return Markup(f"/goals/{goal_id}.md")

    @staticmethod
    def persona(persona_id: str) -> Markup:
        return Markup(f"/personas/{persona_id}.md")

    @staticmethod
    def channel(channel_id: str) -> Markup:
        return Markup(f"/channels/{channel_id}.md")

    @staticmethod
    def campaign(campaign_id: str) -> Markup:
        return Markup(f"/campaigns/{campaign_id}.md")

    def feed(self, key: str) -> Markup:
        """A feed ('all', a channel id or 'campaign:<id>') as a file of the site."""
        return Markup(f"/{self._feeds[key]}")

    def webcal(self, key: str) -> str:
        """The feed's webcal:// address, which calendar apps subscribe through as well
        as https; none when the site's address is not known."""
        if not self._site_url:
            return ""
        host_and_path = self._site_url.split("://", 1)[1].rstrip("/")
        return f"webcal://{host_and_path}/{self._feeds[key]}"
