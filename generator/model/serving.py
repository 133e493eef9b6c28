"""What serves a goal: the channels it names and those that name it, the campaigns
that name it, and so the posts on those channels or in those campaigns."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model.entities import Goal, Plan, Post


class GoalServing:
    """Which channels and campaigns serve each goal of a plan, worked out once."""

    def __init__(self, plan: Plan) -> None:
        channels = {goal.id: list(goal.channels) for goal in plan.goals}
        campaigns: dict[str, list[str]] = {goal.id: [] for goal in plan.goals}
        for channel in plan.channels:
            for goal_id in channel.goals:
                channels[goal_id].append(channel.id)
        for campaign in plan.campaigns:
            for goal_id in campaign.goals:
                campaigns[goal_id].append(campaign.id)
        self._channels = {goal_id: _unique(ids) for goal_id, ids in channels.items()}
        self._campaigns = {goal_id: _unique(ids) for goal_id, ids in campaigns.items()}

    def channels(self, goal: Goal) -> tuple[str, ...]:
        """The channels that serve a goal: those it names, then those that name it."""
        return self._channels[goal.id]

    def campaigns(self, goal: Goal) -> tuple[str, ...]:
        """The campaigns that name a goal, in the plan's order."""
        return self._campaigns[goal.id]

    def serves(self, post: Post, goal: Goal) -> bool:
        """True when a post is on a channel or in a campaign that serves the goal."""
        channels = self._channels[goal.id]
        return post.campaign in self._campaigns[goal.id] or any(
            channel_id in channels for channel_id in post.channels
        )


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    """`ids` without repeats, in their first order."""
    return tuple(dict.fromkeys(ids))
