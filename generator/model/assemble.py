"""Turns the checked files of a plan into the typed `Plan`, with cross-file checks.

Schema validation sees one file at a time; what needs the whole plan lives
here: ids unique across files, every reference resolving, a mission of one
sentence, a local time that exists. A broken item (one post, one account) is
left out of the model but its id still counts, so one typo does not cascade
into a page of "unknown id" errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.diagnostics import Location, Report, did_you_mean
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_folder import REQUIRED_FILES, PlanSources, remembering
from generator.load.scalars import (
    parse_date,
    parse_duration,
    parse_time,
    parse_timezone,
    whole_number,
)
from generator.load.validation import validate_doc
from generator.model import entities as m
from generator.model.ids import SLUG, post_id, slugify

# A sentence ends with a run of punctuation, closing quotes and a space before
# the next word. A match may start only where the plain pattern's own scan
# would succeed: at a run's first mark, or just after the mark a previous
# match took as its next word. Nothing taken is given back (++, *+). The
# plain pattern, tried from every mark of a run, took minutes on a mission of
# 100,000 dots; this one finds the same matches in linear time.
_SENTENCE_END = re.compile(r"(?:(?<![.!?…])|(?<=\s[.!?…]))[.!?…]++[\"»”)]*+\s++\S")


def plan_from_sources(sources: PlanSources, config: m.SiteConfig, report: Report) -> m.Plan | None:
    """The plan, or None when any error was reported (all of them are, in one run)."""
    errors_before = len(report.errors)
    assembler = _Assembler(sources, config, report)
    plan = assembler.assemble()
    if plan is None or len(report.errors) > errors_before:
        return None
    return plan


@dataclass(frozen=True)
class _Place:
    """Where a value is written, found only when a message needs it: finding
    where a scalar sits can mean reading its file's marks again."""

    doc: SourceDoc | None
    data_path: DataPath = ()
    path: Path = Path(".")

    def location(self) -> Location:
        return self.doc.locate(self.data_path) if self.doc else Location(self.path)


@dataclass(frozen=True)
class _MadePost:
    """A post as made from a document for the preview's next rebuild (post_from_item)."""

    post: m.Post
    zone: ZoneInfo  # the site's, which posts without their own take
    references: list[tuple[str, str, DataPath]]  # (kind, id, where in the document)


@dataclass
class _IdIndex:
    """Ids of one kind with where each was defined, to resolve and deduplicate them."""

    kind: str
    where: dict[str, _Place] = field(default_factory=dict)

    def add(self, entity_id: str, place: _Place, report: Report) -> None:
        if entity_id in self.where:
            first = self.where[entity_id].location()
            report.error(
                place.location(),
                f"duplicate {self.kind} id '{entity_id}'",
                f"already used at {first}; give one of them another id",
            )
            return
        self.where[entity_id] = place


class _Assembler:
    def __init__(self, sources: PlanSources, config: m.SiteConfig, report: Report) -> None:
        self.sources = sources
        self.config = config
        self.report = report
        self.default_zone = parse_timezone(config.timezone)
        self.bad: dict[Path, list[DataPath]] = {}
        self.index = {
            kind: _IdIndex(kind)
            for kind in (
                "goal",
                "persona",
                "channel",
                "account",
                "content type",
                "campaign",
                "post",
            )
        }
        # References to check once every id is known: (kind, id, where).
        self.references: list[tuple[str, str, _Place]] = []

    # -- validity ---------------------------------------------------------
    def validate_all(self) -> None:
        for kind, doc in self.sources.all_docs():
            problems = validate_doc(kind, doc)
            self.report.extend(diagnostic for _, diagnostic in problems)
            self.bad[doc.path] = [data_path for data_path, _ in problems]

    def valid(self, doc: SourceDoc, data_path: DataPath = ()) -> bool:
        """True when no schema problem lies at or below `data_path`, nor at the file itself."""
        for bad in self.bad.get(doc.path, ()):
            if bad == () or bad[: len(data_path)] == data_path:
                return False
        return True

    def unusable(self, file_kind: str) -> bool:
        """True when a required file is missing or a file is broken as a whole."""
        if file_kind == "calendar":
            docs = self.sources.calendars
        else:
            single = self.sources.singles.get(file_kind)
            if single is None:
                return f"{file_kind}.yml" in REQUIRED_FILES
            docs = [single]
        return any(() in self.bad.get(doc.path, ()) for doc in docs)

    def refer(self, kind: str, ids: Iterable[str], doc: SourceDoc, data_path: DataPath) -> None:
        values = [ids] if isinstance(ids, str) else list(ids)
        for position, entity_id in enumerate(values):
            where = data_path if isinstance(ids, str) else (*data_path, position)
            self.references.append((kind, entity_id, _Place(doc, where)))

    def check_references(self) -> None:
        # Ids defined in a file that is missing, unreadable or broken as a whole
        # are unknown: stay quiet about them rather than bury the real error
        # under follow-on ones.
        unreadable = self.sources.unreadable
        uncertain = {
            kind
            for kind, file_kind in (
                ("account", "audit"),
                ("content type", "content"),
                ("campaign", "calendar"),
            )
            if unreadable.get(file_kind) or self.unusable(file_kind)
        }
        for kind in ("goal", "persona", "channel"):
            for path in unreadable.get(kind, []):
                self.index[kind].where.setdefault(path.stem, _Place(None, path=path))
        for kind, entity_id, place in self.references:
            known = self.index[kind].where
            if entity_id not in known and kind not in uncertain:
                hint = did_you_mean(entity_id, known) or (
                    f"known: {', '.join(sorted(known))}" if known else f"no {kind} is defined"
                )
                self.report.error(place.location(), f"unknown {kind} '{entity_id}'", hint)

    # -- the whole plan ---------------------------------------------------
    def assemble(self) -> m.Plan | None:
        self.validate_all()
        goals = tuple(self.entities("goal", self.goal_from_doc))
        personas = tuple(self.entities("persona", self.persona_from_doc))
        channels = tuple(self.entities("channel", self.channel_from_doc))
        accounts, competitors = self.audit()
        content_types, mix = self.content()
        campaigns: list[m.Campaign] = []
        posts: list[m.Post] = []
        # Broken items are skipped one by one inside each calendar file.
        for doc in self.sources.calendars:
            campaigns.extend(self.campaigns_from_doc(doc))
        for doc in self.sources.calendars:
            posts.extend(self.posts_from_doc(doc))
        plan_doc = self.sources.singles.get("plan")
        experiments = tuple(self.experiments(self.sources.singles.get("measurement")))
        self.check_references()
        if plan_doc is None or not self.valid(plan_doc):
            return None
        plan_data: dict[str, Any] = plan_doc.data
        period = m.Period(
            parse_date(plan_data["period"]["start"]), parse_date(plan_data["period"]["end"])
        )
        if period.end < period.start:
            self.report.error(
                plan_doc.locate(("period", "end")),
                "the plan period ends before it starts",
                "swap 'start' and 'end'",
            )
        inspiration = self.sources.singles.get("inspiration")
        measurement = self.sources.singles.get("measurement")
        inspiration_data = self.data_of(inspiration)
        measurement_data = self.data_of(measurement)
        review = plan_data.get("review", {})
        return m.Plan(
            title=plan_data["title"],
            organization=plan_data["organization"],
            period=period,
            source=plan_doc.locate(),
            summary=self.sources.bodies.get(plan_doc.path, ""),
            team=tuple(
                m.TeamMember(t["name"], t.get("role", ""), t.get("email", ""))
                for t in plan_data.get("team", [])
            ),
            review=m.Review(review.get("cadence", ""), _date_or_none(review.get("last"))),
            voice=voice_from_data(plan_data.get("voice", {})),
            goals=goals,
            personas=personas,
            channels=channels,
            accounts=accounts,
            competitors=competitors,
            content_types=content_types,
            mix=mix,
            inspiration=tuple(
                m.InspirationSource(
                    s["name"], s.get("area", "other"), s.get("url", ""), s.get("why", "")
                )
                for s in inspiration_data.get("sources", [])
            ),
            listening=tuple(inspiration_data.get("listening", [])),
            tools=tuple(
                m.Tool(t["name"], t.get("purpose", ""), t.get("url", ""))
                for t in measurement_data.get("tools", [])
            ),
            experiments=experiments,
            surveys=tuple(
                m.Survey(s["name"], s.get("audience", ""), s.get("url", ""), s.get("when", ""))
                for s in measurement_data.get("surveys", [])
            ),
            utm_medium=measurement_data.get("utm", {}).get("medium", "") or self.config.utm_medium,
            campaigns=tuple(sorted(campaigns, key=lambda c: (c.start, c.id))),
            posts=tuple(sorted(posts, key=_post_order)),
        )

    def data_of(self, doc: SourceDoc | None) -> dict[str, Any]:
        """A single file's data when it is valid; an absent or broken file counts as empty."""
        if doc is None or not self.valid(doc) or not isinstance(doc.data, dict):
            return {}
        return doc.data

    # -- Markdown entities ------------------------------------------------
    def entities(self, kind: str, build: Any) -> list[Any]:
        built = []
        for doc in self.sources.entities.get(kind, []):
            entity_id = doc.path.stem
            if not SLUG.match(entity_id):
                self.report.error(
                    Location(doc.path),
                    f"file name '{doc.path.name}' is not a valid {kind} id",
                    f"rename it to '{slugify(entity_id) or kind}.md': lower-case letters, "
                    "digits and dashes",
                )
                continue
            self.index[kind].add(entity_id, _Place(doc), self.report)
            if self.valid(doc):
                built.append(build(entity_id, doc))
        return built

    def goal_from_doc(self, goal_id: str, doc: SourceDoc) -> m.Goal:
        data: dict[str, Any] = doc.data
        self.refer("channel", data.get("channels", []), doc, ("channels",))
        self.refer("persona", data.get("personas", []), doc, ("personas",))
        metric = data.get("metric")
        return m.Goal(
            id=goal_id,
            title=data["title"],
            source=doc.locate(),
            objective=data.get("objective", ""),
            metric=m.Metric(
                name=metric["name"],
                kind=metric.get("kind", "other"),
                unit=metric.get("unit", ""),
                baseline=metric.get("baseline"),
                target=metric.get("target"),
                direction=metric.get("direction", "increase"),
            )
            if metric
            else None,
            start=_date_or_none(data.get("start")),
            deadline=_date_or_none(data.get("deadline")),
            owner=data.get("owner", ""),
            channels=tuple(data.get("channels", [])),
            personas=tuple(data.get("personas", [])),
            progress=tuple(
                sorted(
                    (
                        m.ProgressPoint(parse_date(p["date"]), p["value"], p.get("note", ""))
                        for p in data.get("progress", [])
                    ),
                    key=lambda p: p.date,
                )
            ),
            body=self.sources.bodies.get(doc.path, ""),
        )

    def persona_from_doc(self, persona_id: str, doc: SourceDoc) -> m.Persona:
        data: dict[str, Any] = doc.data
        return m.Persona(
            id=persona_id,
            name=data["name"],
            source=doc.locate(),
            summary=data.get("summary", ""),
            demographics=data.get("demographics", ""),
            interests=tuple(data.get("interests", [])),
            pain_points=tuple(data.get("pain_points", [])),
            networks=tuple(data.get("channels", [])),
            body=self.sources.bodies.get(doc.path, ""),
        )

    def channel_from_doc(self, channel_id: str, doc: SourceDoc) -> m.Channel:
        data: dict[str, Any] = doc.data
        if "account" in data:
            self.refer("account", data["account"], doc, ("account",))
        self.refer("persona", data.get("personas", []), doc, ("personas",))
        self.refer("goal", data.get("goals", []), doc, ("goals",))
        mix = data.get("mix", {})
        for type_id in mix:
            self.refer("content type", type_id, doc, ("mix", type_id))
        self.check_mission(data["mission"], doc)
        cadence = data.get("cadence", {})
        return m.Channel(
            id=channel_id,
            network=data["network"],
            mission=data["mission"].strip(),
            source=doc.locate(),
            account=data.get("account", ""),
            status=data.get("status", "active"),
            personas=tuple(data.get("personas", [])),
            goals=tuple(data.get("goals", [])),
            voice=voice_from_data(data.get("voice", {})),
            cadence=m.Cadence(cadence.get("posts_per_week"), tuple(cadence.get("best_times", []))),
            mix=tuple(mix.items()),
            body=self.sources.bodies.get(doc.path, ""),
        )

    def check_mission(self, mission: str, doc: SourceDoc) -> None:
        sentences = len(_SENTENCE_END.findall(mission.strip())) + 1
        if sentences > 1:
            self.report.error(
                doc.locate(("mission",)),
                f"a mission is exactly one sentence, this one has {sentences}",
                "keep the sentence that says why the brand is on this channel; "
                "move the rest to the page body",
            )

    # -- YAML files -------------------------------------------------------
    def audit(self) -> tuple[tuple[m.Account, ...], tuple[m.Competitor, ...]]:
        doc = self.sources.singles.get("audit")
        if doc is None or not isinstance(doc.data, dict):
            return (), ()
        accounts = []
        for position, item in enumerate(_list(doc.data, "accounts")):
            where = ("accounts", position)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.index["account"].add(item["id"], _Place(doc, (*where, "id")), self.report)
            if not self.valid(doc, where):
                continue
            profile = item.get("profile", {})
            accounts.append(
                m.Account(
                    id=item["id"],
                    network=item["network"],
                    handle=item["handle"],
                    source=doc.locate(where),
                    url=item.get("url", ""),
                    owner=item.get("owner", ""),
                    purpose=item.get("purpose", ""),
                    status=item.get("status", "keep"),
                    official=item.get("official", True),
                    followers=whole_number(item.get("followers")),
                    posts_per_week=item.get("posts_per_week"),
                    engagement_rate=item.get("engagement_rate"),
                    last_post=_date_or_none(item.get("last_post")),
                    profile=m.Profile(
                        bio=profile.get("bio", ""),
                        avatar=profile.get("avatar", False),
                        cover=profile.get("cover", False),
                        link=profile.get("link", ""),
                        keywords=tuple(profile.get("keywords", [])),
                        cross_promotion=profile.get("cross_promotion", False),
                    ),
                    notes=item.get("notes", ""),
                )
            )
        competitors = tuple(
            m.Competitor(
                name=c["name"],
                url=c.get("url", ""),
                accounts=tuple(
                    m.CompetitorAccount(
                        a["network"],
                        a.get("url", ""),
                        whole_number(a.get("followers")),
                        a.get("posts_per_week"),
                        a.get("engagement_rate"),
                    )
                    for a in c.get("accounts", [])
                ),
            )
            for position, c in enumerate(_list(doc.data, "competitors"))
            if self.valid(doc, ("competitors", position))
        )
        return tuple(accounts), competitors

    def content(self) -> tuple[tuple[m.ContentType, ...], m.ContentMix]:
        doc = self.sources.singles.get("content")
        if doc is None or not isinstance(doc.data, dict):
            return (), m.ContentMix()
        types = []
        for position, item in enumerate(_list(doc.data, "types")):
            where = ("types", position)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.index["content type"].add(item["id"], _Place(doc, (*where, "id")), self.report)
            if not self.valid(doc, where):
                continue
            self.refer("persona", item.get("audience", []), doc, (*where, "audience"))
            types.append(
                m.ContentType(
                    id=item["id"],
                    name=item["name"],
                    source=doc.locate(where),
                    share=item.get("share"),
                    purpose=item.get("purpose", ""),
                    audience=tuple(item.get("audience", [])),
                    frequency=item.get("frequency", ""),
                    creator=item.get("creator", ""),
                    promotion=item.get("promotion", ""),
                )
            )
        mix = self.data_of(doc).get("mix", {})
        return tuple(types), m.ContentMix(mix.get("rule", "custom"), mix.get("tolerance", 10))

    def experiments(self, doc: SourceDoc | None) -> Iterable[m.Experiment]:
        for position, item in enumerate(_list(self.data_of(doc), "experiments")):
            assert doc is not None  # data_of() is empty without a document
            if "channel" in item:
                self.refer("channel", item["channel"], doc, ("experiments", position, "channel"))
            yield m.Experiment(
                name=item["name"],
                hypothesis=item.get("hypothesis", ""),
                channel=item.get("channel", ""),
                start=_date_or_none(item.get("start")),
                end=_date_or_none(item.get("end")),
                result=item.get("result", ""),
            )

    def campaigns_from_doc(self, doc: SourceDoc) -> Iterable[m.Campaign]:
        for position, item in enumerate(_list(doc.data, "campaigns")):
            where = ("campaigns", position)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.index["campaign"].add(item["id"], _Place(doc, (*where, "id")), self.report)
            if not self.valid(doc, where):
                continue
            self.refer("goal", item.get("goals", []), doc, (*where, "goals"))
            self.refer("channel", item.get("channels", []), doc, (*where, "channels"))
            start, end = parse_date(item["start"]), parse_date(item["end"])
            if end < start:
                self.report.error(
                    doc.locate((*where, "end")),
                    f"campaign '{item['id']}' ends before it starts",
                    "swap 'start' and 'end'",
                )
            yield m.Campaign(
                id=item["id"],
                name=item["name"],
                start=start,
                end=end,
                source=doc.locate(where),
                goals=tuple(item.get("goals", [])),
                channels=tuple(item.get("channels", [])),
                utm_campaign=item.get("utm_campaign", ""),
                description=item.get("description", ""),
            )

    def posts_from_doc(self, doc: SourceDoc) -> Iterable[m.Post]:
        for position, item in enumerate(_list(doc.data, "posts")):
            where = ("posts", position)
            derived = post_id(item)
            if derived:
                self.index["post"].add(derived, _Place(doc, where), self.report)
            if not self.valid(doc, where):
                continue
            post = self.post_from_item(item, derived, doc, where)
            if post is not None:
                yield post

    def post_from_item(
        self, item: dict[str, Any], entity_id: str, doc: SourceDoc, where: DataPath
    ) -> m.Post | None:
        """The post, made once per document: the preview reuses an unchanged file's
        document, and so its posts (the same objects, which what comes after
        can recognise) and the references they make. A post that was refused
        is made again, to report why; so is one made for another time zone.

        The document keeps the references' data paths, not the references,
        which point back to it: that cycle outlived each edited document
        until a full collection, which the preview never runs.
        """
        made: _MadePost | None = doc.assembled.get((where, entity_id))
        if made is not None and made.zone == self.default_zone:
            self.references.extend(
                (kind, referred, _Place(doc, at)) for kind, referred, at in made.references
            )
            return made.post
        references_before, problems_before = len(self.references), len(self.report.diagnostics)
        post = self._post_from_item(item, entity_id, doc, where)
        refused = len(self.report.diagnostics) > problems_before
        if post is not None and not refused and remembering():  # else it would only hold memory
            references = self.references[references_before:]
            doc.assembled[(where, entity_id)] = _MadePost(
                post,
                self.default_zone,
                [(kind, referred, place.data_path) for kind, referred, place in references],
            )
        return post

    def _post_from_item(
        self, item: dict[str, Any], entity_id: str, doc: SourceDoc, where: DataPath
    ) -> m.Post | None:
        channels = item["channel"]
        self.refer("channel", channels, doc, (*where, "channel"))
        if "type" in item:
            self.refer("content type", item["type"], doc, (*where, "type"))
        if "campaign" in item:
            self.refer("campaign", item["campaign"], doc, (*where, "campaign"))
        zone = parse_timezone(item["timezone"]) if "timezone" in item else self.default_zone
        day = parse_date(item["date"])
        at = parse_time(item["time"]) if "time" in item else None
        if at is not None and not _exists(datetime.combine(day, at, tzinfo=zone)):
            self.report.error(
                doc.locate((*where, "time")),
                f"{item['time']} does not exist on {day.isoformat()} in {zone.key}: "
                "clocks skip that hour",
                "pick a time outside the daylight-saving change",
            )
            return None
        duration = item.get("duration")
        return m.Post(
            id=entity_id,
            date=day,
            channels=tuple([channels] if isinstance(channels, str) else channels),
            title=item["title"],
            source=doc.locate(where),
            timezone=zone,
            time=at,
            duration=parse_duration(duration) if duration else None,
            type=item.get("type", ""),
            copy=item.get("copy", ""),
            link=item.get("link", ""),
            campaign=item.get("campaign", ""),
            owner=item.get("owner", ""),
            status=item.get("status", "scheduled"),
            repeat=self.repeat_from_data(item["repeat"], doc, (*where, "repeat"), day)
            if "repeat" in item
            else None,
        )

    def repeat_from_data(
        self, data: dict[str, Any], doc: SourceDoc, where: DataPath, first: date
    ) -> m.Repeat:
        on = tuple(data.get("on", []))
        if data["every"] == "week" and on and m.WEEKDAYS[first.weekday()] not in on:
            # RFC 5545 leaves such a series undefined: calendar apps disagree on it.
            self.report.error(
                doc.locate((*where, "on")),
                f"the post's date {first.isoformat()} is a {m.WEEKDAYS[first.weekday()]}, "
                f"not one of the repeat days ({', '.join(on)})",
                "start the post on its first repeat day",
            )
        until = _date_or_none(data.get("until"))
        if until is not None and until < first:
            self.report.error(
                doc.locate((*where, "until")),
                f"the repeat ends ({until.isoformat()}) "
                f"before the first date ({first.isoformat()})",
                "set 'until' after the post's date",
            )
        return m.Repeat(
            every=data["every"],
            interval=int(data.get("interval", 1)),  # 2.0 too: see whole_number()
            on=on,
            until=until,
            count=whole_number(data.get("count")),
            exceptions=tuple(sorted(parse_date(d) for d in data.get("except", []))),
        )


def voice_from_data(data: dict[str, Any]) -> m.Voice:
    return m.Voice(
        tone=data.get("tone", ""),
        style=data.get("style", ""),
        language=data.get("language", ""),
        do=tuple(data.get("do", [])),
        dont=tuple(data.get("dont", [])),
    )


def _post_order(post: m.Post) -> tuple[date, str, str]:
    at = post.start
    clock = at.astimezone(UTC).isoformat() if at else ""
    return post.date, clock, post.id


def _exists(moment: datetime) -> bool:
    """False for a wall-clock time inside a daylight-saving gap."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _date_or_none(value: object) -> date | None:
    return parse_date(value) if isinstance(value, str) else None


def _list(data: object, key: str) -> list[Any]:
    value = data.get(key, []) if isinstance(data, dict) else []
    return value if isinstance(value, list) else []
