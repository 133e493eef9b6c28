"""Documents -> Plan: builds every entity from its file and resolves the references.

Schema validation (load/) sees one file at a time; what needs the whole plan
lives here: ids unique across files, every reference resolving, a local time
that exists. A broken item (one post, one
account) is left out of the model but its id still counts, so one typo does
not cascade into a page of "unknown id" errors. Each kind of file has its
builder; this module only calls them in order and puts the plan together.
"""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Report
from generator.load.document_fields import list_at
from generator.load.kept_files import KeptFiles
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import parse_timezone
from generator.model import entities as m
from generator.model.audit import accounts_from_doc, competitors_from_doc
from generator.model.backlog import ideas_from_doc
from generator.model.campaigns import campaigns_from_doc
from generator.model.content import content_mix_from_data, content_types_from_doc
from generator.model.goal_sources import goals_with_results
from generator.model.inspiration_and_measurement import (
    experiments_from_data,
    sources_from_data,
    surveys_from_data,
    tools_from_data,
)
from generator.model.key_dates import key_dates_from_documents
from generator.model.markdown_entities import (
    channel_from_doc,
    entity_docs,
    goal_from_doc,
    persona_from_doc,
)
from generator.model.plan_header import header_from_doc
from generator.model.posts import post_order, posts_from_doc
from generator.model.references import Place, References, refer_item
from generator.model.result_matching import results_from_files
from generator.model.settings import SiteConfig


def plan_from_documents(
    documents: PlanDocuments,
    config: SiteConfig,
    report: Report,
    kept: KeptFiles | None = None,
) -> m.Plan | None:
    """The plan, or None when any error was reported (all of them are, in one run).

    The preview passes what it `kept` of the last read, where the posts of an
    unchanged file are kept too.
    """
    errors_before = len(report.errors)
    references = References(report)
    bodies = documents.bodies
    goals, channels, personas = _markdown_entities(documents, references, report)
    audit, content = documents.singles.get("audit"), documents.singles.get("content")
    accounts = accounts_from_doc(audit, documents, references) if audit else ()
    competitors = competitors_from_doc(audit, documents) if audit else ()
    content_types = content_types_from_doc(content, documents, references) if content else ()
    campaigns, posts = _calendar_from_documents(documents, config, references, report, kept)
    key_dates = key_dates_from_documents(documents, report)
    backlog = tuple(
        idea for doc in documents.calendars for idea in ideas_from_doc(doc, documents, references)
    )
    measurement = documents.valid_data("measurement")
    experiments = _experiments_referred(documents, references)
    references.resolve(documents)
    plan_doc = documents.singles.get("plan")
    if plan_doc is None or not documents.valid(plan_doc):
        return None
    header = header_from_doc(plan_doc, bodies.get(plan_doc.path, ""), report)
    inspiration = documents.valid_data("inspiration")
    plan = m.Plan(
        title=header.title,
        organization=header.organization,
        period=header.period,
        source=header.source,
        summary=header.summary,
        team=header.team,
        review=header.review,
        voice=header.voice,
        goals=goals,
        personas=personas,
        channels=channels,
        accounts=accounts,
        competitors=competitors,
        content_types=content_types,
        mix=content_mix_from_data(documents.valid_data("content")),
        inspiration=sources_from_data(inspiration),
        listening=tuple(inspiration.get("listening", ())),
        tools=tools_from_data(measurement),
        experiments=experiments,
        surveys=surveys_from_data(measurement),
        utm_medium=measurement.get("utm", {}).get("medium", "") or config.utm_medium,
        campaigns=campaigns,
        posts=posts,
        key_dates=key_dates,
        backlog=backlog,
        media_files=tuple(documents.media),
    )
    if len(report.errors) > errors_before:
        return None
    zone = parse_timezone(config.timezone)
    plan = replace(plan, results=results_from_files(plan, documents.results, zone))
    # The goals' computed series need the results matched to the posts first.
    return replace(plan, goals=goals_with_results(plan))


def _markdown_entities(
    documents: PlanDocuments, references: References, report: Report
) -> tuple[tuple[m.Goal, ...], tuple[m.Channel, ...], tuple[m.Persona, ...]]:
    """The goals, channels and personas, each from its own Markdown file."""
    bodies = documents.bodies
    goals = tuple(
        goal_from_doc(goal_id, doc, bodies.get(doc.path, ""))
        for goal_id, doc in entity_docs("goal", documents, references, report)
    )
    channels = tuple(
        channel_from_doc(channel_id, doc, bodies.get(doc.path, ""))
        for channel_id, doc in entity_docs("channel", documents, references, report)
    )
    # A persona's channels count by their networks: the channels come first.
    channel_networks = {channel.id: channel.network for channel in channels}
    personas = tuple(
        persona_from_doc(persona_id, doc, bodies.get(doc.path, ""), channel_networks)
        for persona_id, doc in entity_docs("persona", documents, references, report)
    )
    return goals, channels, personas


def _experiments_referred(
    documents: PlanDocuments, references: References
) -> tuple[m.Experiment, ...]:
    """The valid experiments; the channel of each one, valid or not, is referred to."""
    doc = documents.singles.get("measurement")
    if doc is None:
        return ()
    for position, item in enumerate(list_at(doc.data, "experiments")):
        where = ("experiments", position)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            references.define("experiment", item["id"], Place(doc, (*where, "id")))
        refer_item(references, documents, doc, "experiment", item, where)
    return tuple(experiments_from_data(documents.valid_data("measurement")))


def _calendar_from_documents(
    documents: PlanDocuments,
    config: SiteConfig,
    references: References,
    report: Report,
    kept: KeptFiles | None,
) -> tuple[tuple[m.Campaign, ...], tuple[m.Post, ...]]:
    """The campaigns and the posts of every calendar file, each in calendar order."""
    # Every campaign is defined before the posts that name one.
    campaigns = [
        campaign
        for doc in documents.calendars
        for campaign in campaigns_from_doc(doc, documents, references, report)
    ]
    zone = parse_timezone(config.timezone)  # the site's, for posts without their own
    posts = [
        post
        for doc in documents.calendars
        for post in posts_from_doc(doc, documents, references, report, zone, kept)
    ]
    return (
        tuple(sorted(campaigns, key=lambda campaign: (campaign.start, campaign.id))),
        tuple(sorted(posts, key=post_order)),
    )
