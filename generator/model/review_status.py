"""Where the plan stands with its next review: later, due (within a week) or overdue.

The overview shows it as a badge; PS602 warns from the same day "overdue" starts
(the day after the next review date, Review.next_date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

# Time between two reviews, by plan.md's cadence: calendar months, as a team
# counts them (2 November, then 2 December; 31 January, then 28 February).
REVIEW_EVERY = {"weekly": relativedelta(weeks=1), "monthly": relativedelta(months=1),
                "quarterly": relativedelta(months=3)}  # fmt: skip
DUE_WITHIN = timedelta(days=7)  # a review this close is the team's next thing to prepare

ReviewState = Literal["later", "due", "overdue"]


@dataclass(frozen=True)
class Review:
    """plan.md's review: how often the plan is reviewed, and when it last was."""

    cadence: str = ""
    last: date | None = None

    @property
    def next_date(self) -> date | None:
        """When the plan is next due for review; None without a cadence or a last review."""
        if not self.cadence or self.last is None:
            return None
        next_review: date = self.last + REVIEW_EVERY[self.cadence]
        return next_review


@dataclass(frozen=True)
class ReviewStatus:
    next_date: date
    state: ReviewState
    days_left: int  # until the next review; negative once it has passed


def review_status(review: Review, today: date) -> ReviewStatus | None:
    """None for a plan that gives no cadence or no last review (no next date)."""
    next_date = review.next_date
    if next_date is None:
        return None
    days_left = (next_date - today).days
    if days_left < 0:
        state: ReviewState = "overdue"
    elif timedelta(days=days_left) <= DUE_WITHIN:
        state = "due"
    else:
        state = "later"
    return ReviewStatus(next_date, state, days_left)
