"""Each builder makes its entity from a small document: a field the file leaves out
takes the dataclass's default, one it gives is taken as written, and what the
model refuses (a second sentence, a time that does not exist) is reported."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.diagnostics import Report
from generator.load.kept_files import KeptFiles, ReadFile
from generator.load.scalars import parse_duration
from generator.load.site_config import _settings
from generator.model import entities as m
from generator.model.audit import accounts_from_doc, competitors_from_doc
from generator.model.campaigns import campaigns_from_doc
from generator.model.content import content_mix_from_data, content_types_from_doc
from generator.model.inspiration_and_measurement import (
    experiments_from_data,
    sources_from_data,
    surveys_from_data,
    tools_from_data,
)
from generator.model.key_dates import KeyDate
from generator.model.markdown_entities import channel_from_doc, goal_from_doc, persona_from_doc
from generator.model.media import MediaItem
from generator.model.plan_header import header_from_doc
from generator.model.posts import MadePost, posts_from_doc
from generator.model.results import MetricSource
from generator.model.settings import SiteConfig
from tests.model.helpers import document, documents_of, messages, references

PARIS = ZoneInfo("Europe/Paris")


def test_a_goal_with_only_its_title_takes_every_default() -> None:
    doc = document("title: Grow\n", "goals/grow.md")
    goal = goal_from_doc("grow", doc, "")
    assert goal == m.Goal("grow", "Grow", doc.locate())


def test_a_goal_keeps_what_its_file_gives() -> None:
    doc = document(
        """\
        title: Grow
        objective: More people
        metric: {name: Followers, baseline: 10, target: 20}
        start: 2027-01-01
        deadline: 2027-06-30
        owner: Sam
        channels: [insta]
        progress:
          - {date: 2027-03-01, value: 15}
          - {date: 2027-02-01, value: 12, note: slow}
        """,
        "goals/grow.md",
    )
    goal = goal_from_doc("grow", doc, "Why.")
    assert goal.metric == m.Metric("Followers", baseline=10, target=20)
    assert goal.metric.kind == "other" and goal.metric.direction == "increase"
    assert (goal.start, goal.deadline) == (date(2027, 1, 1), date(2027, 6, 30))
    assert goal.channels == ("insta",) and goal.personas == ()
    assert [p.date for p in goal.progress] == [date(2027, 2, 1), date(2027, 3, 1)]
    assert goal.progress[0].note == "slow" and goal.progress[1].note == ""
    assert goal.body == "Why."


def test_a_persona_lists_the_networks_it_is_on() -> None:
    doc = document("name: Lea\nnetworks: [instagram, tiktok]\n", "personas/lea.md")
    persona = persona_from_doc("lea", doc, "", {})
    assert persona == m.Persona("lea", "Lea", doc.locate(), networks=("instagram", "tiktok"))


def test_a_channel_with_what_it_needs_takes_every_default() -> None:
    doc = document("network: x\nmission: Talk to people.\n", "channels/x.md")
    channel = channel_from_doc("x", doc, "")
    assert channel == m.Channel("x", "x", "Talk to people.", doc.locate())
    assert channel.status == "active"


AUDIT = """\
    accounts:
      - {id: insta, network: instagram, handle: "@a"}
      - id: fb
        network: facebook
        handle: a
        status: update
        official: false
        followers: 1200.0
        last_post: 2027-01-10
        profile: {bio: Hi, keywords: [lamps]}
    competitors:
      - name: Rival
        accounts: [{network: x, followers: 3.0}]
    """


def test_accounts_take_the_dataclass_defaults_and_what_is_written() -> None:
    doc = document(AUDIT, "audit.yml")
    plain, written = accounts_from_doc(doc, documents_of(doc), references())
    assert plain == m.Account("insta", "instagram", "@a", doc.locate(("accounts", 0)))
    assert (plain.status, plain.official, plain.profile) == ("keep", True, m.Profile())
    assert (written.status, written.official) == ("update", False)
    assert written.followers == 1200 and isinstance(written.followers, int)
    assert written.last_post == date(2027, 1, 10)
    assert written.profile == m.Profile(bio="Hi", keywords=("lamps",))


def test_competitors_and_their_accounts() -> None:
    doc = document(AUDIT, "audit.yml")
    (rival,) = competitors_from_doc(doc, documents_of(doc))
    assert rival == m.Competitor("Rival", accounts=(m.CompetitorAccount("x", followers=3),))


def test_a_broken_account_is_left_out_but_its_id_counts() -> None:
    doc = document(AUDIT, "audit.yml")
    known = references()
    built = accounts_from_doc(doc, documents_of(doc, broken={doc.path: [("accounts", 1)]}), known)
    assert [account.id for account in built] == ["insta"]
    assert set(known.defined["account"]) == {"insta", "fb"}


def test_content_types_and_the_mix_rule() -> None:
    doc = document("types:\n  - {id: tips, name: Tips, audience: [lea]}\n", "content.yml")
    known = references()
    (tips,) = content_types_from_doc(doc, documents_of(doc), known)
    assert tips == m.ContentType("tips", "Tips", doc.locate(("types", 0)), audience=("lea",))
    assert [(kind, entity_id) for kind, entity_id, _ in known.pending] == [("persona", "lea")]
    assert content_mix_from_data({}) == m.ContentMix("custom", 10)
    assert content_mix_from_data({"mix": {"rule": "80-20"}}) == m.ContentMix("80-20", 10)


def test_inspiration_and_measurement() -> None:
    assert sources_from_data({"sources": [{"name": "Blog"}]}) == (m.InspirationSource("Blog"),)
    assert tools_from_data({"tools": [{"name": "GA", "url": "https://a.example/"}]}) == (
        m.Tool("GA", url="https://a.example/"),
    )
    assert surveys_from_data({}) == ()
    doc = document("experiments:\n  - {name: Reels, channel: insta, start: 2027-02-01}\n")
    (experiment,) = experiments_from_data(doc.data)
    assert experiment == m.Experiment("Reels", channel="insta", start=date(2027, 2, 1))


def test_the_plan_header_and_a_period_that_ends_before_it_starts() -> None:
    doc = document(
        """\
        title: Plan
        organization: Us
        period: {start: 2027-06-30, end: 2027-01-01}
        team: [{name: Sam}]
        review: {cadence: monthly}
        """,
        "plan.md",
    )
    report = Report()
    header = header_from_doc(doc, "Summary.", report)
    assert header.team == (m.TeamMember("Sam"),)
    assert header.review == m.Review("monthly") and header.voice == m.Voice()
    assert header.summary == "Summary."
    assert messages(report) == [
        "plan/plan.md:3:29: error: the plan period ends before it starts (swap 'start' and 'end')"
    ]


def test_a_campaign_that_ends_before_it_starts_is_reported_and_kept() -> None:
    doc = document("campaigns:\n  - {id: c, name: C, start: 2027-02-01, end: 2027-01-01}\n")
    report = Report()
    (campaign,) = campaigns_from_doc(doc, documents_of(doc), references(report), report)
    assert campaign == m.Campaign("c", "C", date(2027, 2, 1), date(2027, 1, 1), campaign.source)
    assert messages(report) == [
        "plan/calendar/q1.yml:2:41: error: campaign 'c' ends before it starts "
        "(swap 'start' and 'end')"
    ]


def posts_of(text: str, report: Report | None = None) -> list[m.Post]:
    doc = document(text)
    report = report if report is not None else Report()
    return list(posts_from_doc(doc, documents_of(doc), references(report), report, PARIS, None))


def test_a_post_with_what_it_needs_takes_every_default() -> None:
    (post,) = posts_of("posts:\n  - {date: 2027-01-05, channel: x, title: Hello}\n")
    assert post == m.Post("2027-01-05-hello", date(2027, 1, 5), ("x",), "Hello", post.source, PARIS)
    assert (post.status, post.time, post.duration, post.repeat) == ("scheduled", None, None, None)


def test_a_post_keeps_its_own_zone_time_duration_and_channels() -> None:
    (post,) = posts_of(
        """\
        posts:
          - id: p
            date: 2027-01-05
            time: "09:30"
            timezone: America/New_York
            duration: 1h
            channel: [x, y]
            title: Hi
            status: draft
        """
    )
    assert (post.timezone, post.time) == (ZoneInfo("America/New_York"), time(9, 30))
    assert (post.duration, post.channels, post.status) == (timedelta(hours=1), ("x", "y"), "draft")


def test_a_time_inside_the_daylight_saving_gap_is_refused() -> None:
    report = Report()
    posts = posts_of(
        'posts:\n  - {date: 2027-03-28, time: "02:30", channel: x, title: Gap}\n', report
    )
    assert posts == []
    assert messages(report) == [
        "plan/calendar/q1.yml:2:24: error: 02:30 does not exist on 2027-03-28 in "
        "Europe/Paris: clocks skip that hour (pick a time outside the daylight-saving change)"
    ]


def test_a_repeat_takes_its_defaults_and_sorts_its_exceptions() -> None:
    (post,) = posts_of(
        "posts:\n  - date: 2027-01-04\n    channel: x\n    title: Weekly\n"
        "    repeat: {every: week, count: 3.0, except: [2027-01-18, 2027-01-11]}\n"
    )
    assert post.repeat == m.Repeat(
        "week", count=3, exceptions=(date(2027, 1, 11), date(2027, 1, 18))
    )
    assert post.repeat.interval == 1 and isinstance(post.repeat.count, int)


@pytest.mark.parametrize(
    ("repeat", "expected"),
    [
        ("{every: week, on: [tue, thu]}", "the post's date 2027-01-04 is a mon, not one of"),
        ("{every: day, until: 2027-01-01}", "the repeat ends (2027-01-01) before the first"),
    ],
)
def test_a_repeat_calendar_apps_would_disagree_on_is_reported(repeat: str, expected: str) -> None:
    report = Report()
    posts_of(f"posts:\n  - {{date: 2027-01-04, channel: x, title: R, repeat: {repeat}}}\n", report)
    assert len(report.errors) == 1 and expected in report.errors[0].message


def test_references_of_posts_point_at_each_value() -> None:
    doc = document("posts:\n  - {date: 2027-01-05, channel: [x, y], type: t, title: A}\n")
    known = references()
    list(posts_from_doc(doc, documents_of(doc), known, Report(), PARIS, None))
    assert [(kind, entity_id, place.data_path) for kind, entity_id, place in known.pending] == [
        ("channel", "x", ("posts", 0, "channel", 0)),
        ("channel", "y", ("posts", 0, "channel", 1)),
        ("content type", "t", ("posts", 0, "type")),
    ]


def test_made_posts_are_kept_with_their_document_and_given_again() -> None:
    doc = document("posts:\n  - {date: 2027-01-05, channel: x, title: A}\n")
    kept = KeptFiles()
    kept.keep(doc.path, ReadFile(doc.text, doc, None, []))
    first = list(posts_from_doc(doc, documents_of(doc), references(), Report(), PARIS, kept))
    again = list(posts_from_doc(doc, documents_of(doc), references(), Report(), PARIS, kept))
    assert again[0] is first[0]
    made = kept.made_of(doc)
    assert made is not None and all(isinstance(found, MadePost) for found in made.values())
    other_zone = ZoneInfo("UTC")
    remade = list(posts_from_doc(doc, documents_of(doc), references(), Report(), other_zone, kept))
    assert remade[0] is not first[0] and remade[0].timezone == other_zone


# Where each schema says what a field that is left out means, and the dataclass
# field that holds it: the two must say the same.
SCHEMA_DEFAULTS: list[tuple[str, tuple[str, ...], Any, str, Any]] = [
    ("audit", ("accounts", "items", "properties", "status"), m.Account, "status", None),
    ("audit", ("accounts", "items", "properties", "official"), m.Account, "official", None),
    ("calendar", ("posts", "items", "properties", "status"), m.Post, "status", None),
    ("calendar", ("posts", "items", "properties", "repeat", "properties", "interval"),
     m.Repeat, "interval", None),
    ("channel", ("status",), m.Channel, "status", None),
    ("content", ("mix", "properties", "rule"), m.ContentMix, "rule", None),
    ("content", ("mix", "properties", "tolerance"), m.ContentMix, "tolerance", None),
    ("goal", ("metric", "properties", "direction"), m.Metric, "direction", None),
    ("goal", ("metric", "properties", "values"), m.Metric, "values", None),
    ("site_config", ("language",), SiteConfig, "language", None),
    ("site_config", ("timezone",), SiteConfig, "timezone", None),
    ("site_config", ("calendar", "properties", "default_duration"), SiteConfig,
     "default_duration", parse_duration),
    ("site_config", ("calendar", "properties", "include_ideas"), SiteConfig,
     "include_ideas", None),
    ("site_config", ("utm", "properties", "medium"), SiteConfig, "utm_medium", None),
    ("site_config", ("private",), SiteConfig, "private", None),
    ("site_config", ("edit_uri",), SiteConfig, "edit_uri", None),
    ("site_config", ("max_file_mb",), SiteConfig, "max_file_bytes",
     lambda mb: mb * 1024 * 1024),
    ("site_config", ("checks", "properties", "min_gap"), SiteConfig, "min_gap",
     parse_duration),
    ("site_config", ("checks", "properties", "stale_after_days"), SiteConfig,
     "stale_after_days", None),
    ("calendar", ("key_dates", "items", "properties", "kind"), KeyDate, "kind", None),
    ("calendar", ("posts", "items", "properties", "media", "items", "properties", "kind"),
     MediaItem, "kind", None),
    ("calendar", ("posts", "items", "properties", "media", "items", "properties", "cover"),
     MediaItem, "cover", None),
    ("goal", ("metric", "properties", "source", "properties", "aggregate"), MetricSource,
     "aggregate", None),
    ("goal", ("metric", "properties", "source", "properties", "every"), MetricSource,
     "every", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "where", "dataclass", "field", "convert"),
    SCHEMA_DEFAULTS,
    ids=[f"{kind}:{field}" for kind, _, _, field, _ in SCHEMA_DEFAULTS],
)
def test_each_default_the_schemas_state_is_the_dataclass_default(
    kind: str, where: tuple[str, ...], dataclass: Any, field: str, convert: Any
) -> None:
    schemas = resources.files("generator.load") / "schemas"
    node = json.loads((schemas / f"{kind}.schema.json").read_text("utf-8"))["properties"]
    for key in where:
        node = node[key]
    stated = node["default"]
    assert (convert(stated) if convert else stated) == dataclass.__dataclass_fields__[field].default


def test_every_default_a_schema_states_is_in_the_table() -> None:
    schemas = resources.files("generator.load") / "schemas"
    stated: list[str] = []

    def walk(node: object, kind: str) -> None:
        if isinstance(node, dict):
            if "default" in node:
                stated.append(kind)
            for value in node.values():
                walk(value, kind)
        elif isinstance(node, list):
            for value in node:
                walk(value, kind)

    for schema in schemas.iterdir():
        if schema.name.endswith(".schema.json"):
            walk(json.loads(schema.read_text("utf-8")), schema.name.split(".")[0])
    assert sorted(stated) == sorted(kind for kind, *_ in SCHEMA_DEFAULTS)


def test_site_settings_give_only_what_the_file_sets() -> None:
    assert _settings({}) == {}
    assert _settings({"max_file_mb": 2, "utm": {"medium": "x"}, "calendar": {"name": "C"}}) == {
        "max_file_bytes": 2 * 1024 * 1024,
        "utm_medium": "x",
        "calendar_name": "C",
    }
