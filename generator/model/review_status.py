"""Where the plan stands with its next review: later, due (within a week) or overdue.

The overview shows it as a badge; PS602 warns from the same day "overdue" starts
(the day after the next review date, Review.next_date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from generator.model.entities import Review

DUE_WITHIN = timedelta(days=7)  # a review this close is the team's next thing to prepare

ReviewState = Literal["later", "due", "overdue"]


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
