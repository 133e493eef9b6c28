"""What surrounds a month's grid: the way to the next and previous months, the
filters and the legend.

The filters and the view buttons are written hidden: they work only with the
calendar's script (theme/assets/javascripts/calendar.js), which shows them.
Without it, every publication shows and nothing offers to filter. The
wording the script needs (counts, "+3 more") is handed to it in data-*
attributes, in the site's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.key_dates import KINDS
from generator.pages.calendar_months import MONTH_PATH, CalendarMonth, month_path
from generator.pages.site_map import SERVED, SiteAddresses

FILTERS = ("channel", "campaign", "status", "type", "owner")  # the data-* attributes


def _h(value: object) -> str:
    return str(escape(value))


class MonthControls:
    def __init__(
        self,
        plan: m.Plan,
        t: Translator,
        short_names: dict[str, str],
        addresses: SiteAddresses = SERVED,
    ) -> None:
        self._plan = plan
        self._t = t
        self._short_names = short_names
        self._addresses = addresses

    def month_name(self, first_day: object) -> str:
        return self._t.date(first_day, "LLLL yyyy").capitalize()  # type: ignore[arg-type]

    def navigation(self, month: CalendarMonth) -> Markup:
        """Previous and next month, and the views the script offers."""
        t = self._t
        links = []
        if month.previous:
            links.append(
                f'<a class="ps-cal-prev" rel="prev" href="{self._href(month, month.previous)}">'
                f"{_h(self.month_name(month.previous))}</a>"
            )
        views = "".join(
            f'<button type="button" data-view="{view}" aria-pressed="{pressed}">'
            f"{_h(t('view_' + view))}</button>"
            for view, pressed in (("month", "true"), ("week", "false"), ("agenda", "false"))
        )
        links.append(
            f'<span class="ps-cal-views" hidden>{views}'
            f'<button type="button" class="ps-cal-today">{_h(t("today"))}</button></span>'
        )
        if month.next:
            links.append(
                f'<a class="ps-cal-next" rel="next" href="{self._href(month, month.next)}">'
                f"{_h(self.month_name(month.next))}</a>"
            )
        label = _h(t("calendar_navigation"))
        return Markup(f'<nav class="ps-cal-nav" aria-label="{label}">{"".join(links)}</nav>\n')

    def _href(self, month: CalendarMonth, other: date) -> str:
        """The month page of `other` from the page of `month`."""
        return _h(self._addresses.between(month.path, month_path(other)))

    def month_address_template(self, month: CalendarMonth) -> str:
        """Any month page from this one, `{month}` standing for its YYYY-MM: for the
        calendar's script, which moves between months the way these links do."""
        return self._addresses.between(month.path, MONTH_PATH)

    def filters(self, month: CalendarMonth) -> Markup:
        """A fieldset a filter, with the values this month's publications carry; a
        filter with fewer than two values has nothing to choose and is left out."""
        t = self._t
        posts = [occurrence.post for occurrence in month.occurrences]
        fieldsets = [
            self._fieldset(name, values)
            for name, values in self._values(posts).items()
            if len(values) > 1
        ]
        if not fieldsets:
            return Markup("")
        return Markup(
            f'<form class="ps-filters" hidden aria-label="{_h(t("filters"))}"'
            f' data-shown-template="{_h(t.pattern("filters_shown"))}">'
            f"{''.join(fieldsets)}"
            f'<button type="button" class="ps-filters__clear">{_h(t("filters_clear"))}</button>'
            '<p class="ps-filters__shown" aria-live="polite"></p></form>\n'
        )

    def _values(self, posts: Sequence[m.Post]) -> dict[str, list[tuple[str, str]]]:
        """(value, label) of each filter, in the plan's order."""
        plan, t = self._plan, self._t
        present = {name: set() for name in FILTERS}  # type: dict[str, set[str]]
        for post in posts:
            present["channel"].update(post.channels)
            present["campaign"].add(post.campaign)
            present["status"].add(post.status)
            present["type"].add(post.type)
            present["owner"].add(post.owner)

        def ordered(
            name: str, order: Iterable[str], label: Callable[[str], str]
        ) -> list[tuple[str, str]]:
            return [(value, label(value)) for value in order if value in present[name]]

        # A post without a campaign, a type or an owner is a value of its own: "none".
        none = {"campaign": t("no_campaign"), "type": t("none"), "owner": t("no_owner")}
        listed = {
            "channel": ordered("channel", (c.id for c in plan.channels), str),
            "campaign": ordered(
                "campaign", (c.id for c in plan.campaigns), lambda v: plan.campaign(v).name
            ),
            "status": ordered("status", m.POST_STATUSES, lambda v: t("status_" + v)),
            "type": ordered(
                "type", (k.id for k in plan.content_types), lambda v: plan.content_type(v).name
            ),
            "owner": ordered("owner", sorted(present["owner"] - {""}), str),
        }
        for name, label in none.items():
            if "" in present[name]:
                listed[name].append(("", label))
        return listed

    def _fieldset(self, name: str, values: list[tuple[str, str]]) -> str:
        options = "".join(
            f'<label><input type="checkbox" name="{name}" value="{_h(value)}"> {_h(label)}'
            ' <span class="ps-filters__count"></span></label>'
            for value, label in values
        )
        return (
            f'<fieldset data-filter="{name}"><legend>{_h(self._t(name))}</legend>'
            f"{options}</fieldset>"
        )

    def legend(self) -> Markup:
        """Each channel's colour and short name, each status's look, each kind of key date."""
        t = self._t
        channels = "".join(
            f'<li><span class="ps-chip" data-channel="{_h(c.id)}">{_h(self._short_names[c.id])}'
            f"</span> {_h(c.id)}</li>"
            for c in self._plan.channels
        )
        statuses = "".join(
            f'<li><span class="ps-legend__status ps-occ--{s}">{_h(t("status_" + s))}</span></li>'
            for s in m.POST_STATUSES
        )
        kinds = "".join(
            f'<li><span class="ps-key-date ps-key-date--{k}">{_h(t("key_date_" + k))}</span></li>'
            for k in KINDS
        )
        label = _h(t("legend"))
        return Markup(
            f'<ul class="ps-legend" aria-label="{label}">{channels}{statuses}{kinds}</ul>\n'
        )
