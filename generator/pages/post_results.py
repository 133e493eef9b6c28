"""A post's results as its card and its details show them: reach, engagements,
rate and sessions, per channel where it has several, and whether the row was
only matched by its time (a guess, model/result_matching.py).

A short line of figures, each labelled in words, so that it reads on a phone
and to a screen reader; every value through t.number, the rate as the
results page writes it.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.results import MatchedResult, engagement_rate, summed
from generator.pages.results_page import rate_text

# The figures shown, in order; the rate sits after engagements.
SHOWN = ("reach", "engagements", "sessions")


def results_figures(results: tuple[MatchedResult, ...], t: Translator) -> Markup:
    """The figures of one channel's results, as a line of labelled values; a
    mark when one of its rows was matched only by its time."""
    totals = summed(r.row for r in results)
    parts = []
    for metric in SHOWN:
        if metric in totals:
            parts.append(_figure(t("metric_" + metric), t.number(round(totals[metric]))))
        if metric == "engagements":
            rate = engagement_rate(totals)
            if rate is not None:
                parts.append(_figure(t("metric_rate"), rate_text(t, rate)))
    if any(r.rule == "time" for r in results):
        parts.append(f'<span class="ps-results__guess">{escape(t("matched_by_time"))}</span>')
    return Markup(f'<span class="ps-results">{" ".join(parts)}</span>')


def _figure(label: str, value: str) -> str:
    return (
        f'<span class="ps-results__figure"><span class="ps-results__label">{escape(label)}</span> '
        f'<span class="ps-results__value">{escape(value)}</span></span>'
    )


def channel_results(
    plan: m.Plan, post: m.Post, channel: str, day: date | None = None
) -> tuple[MatchedResult, ...]:
    """The post's results on a channel (for one occurrence's day if given)."""
    return tuple(
        r
        for r in plan.results.of_post(post.id)
        if r.channel == channel and (day is None or r.day == day)
    )


def card_results(plan: m.Plan, post: m.Post, channel: str, day: date, t: Translator) -> str:
    """A card's paragraph of the results of its occurrence (a repeating post's
    next card does not carry the last one's numbers); nothing without any."""
    results = channel_results(plan, post, channel, day)
    if not results:
        return ""
    return (
        f'<p class="ps-post-card__results"><span class="ps-results__title">'
        f"{escape(t('post_results'))}</span> {results_figures(results, t)}</p>\n"
    )


def details_results(plan: m.Plan, post: m.Post, t: Translator) -> str:
    """The details' value of results: one line, or one per channel when the
    results come from several."""
    results = plan.results.of_post(post.id)
    channels = [c for c in post.channels if any(r.channel == c for r in results)]
    channels += sorted({r.channel for r in results} - set(channels))
    if len(channels) <= 1:
        return str(results_figures(results, t)) if results else ""
    # A row on no channel (GA4's, of a post on several) is the post's as a whole.
    named = {channel: channel or ", ".join(post.channels) for channel in channels}
    lines = "".join(
        f'<li><span class="ps-results__channel">{escape(named[channel])}</span> '
        f"{results_figures(channel_results(plan, post, channel), t)}</li>"
        for channel in channels
    )
    return f'<ul class="ps-results__channels">{lines}</ul>'
