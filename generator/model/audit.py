"""Builds audit.yml: every account of the brand (and impostors), and its competitors."""

from __future__ import annotations

from typing import Any

from generator.load.document_fields import fields_of, given, given_as, list_at
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import parse_date, whole_number
from generator.model.entities import Account, Competitor, CompetitorAccount, Profile
from generator.model.references import References, defined_items

# Figures an account (ours or a competitor's) may give, as written.
_FIGURES = ("posts_per_week", "engagement_rate")


def accounts_from_doc(
    doc: SourceDoc, documents: PlanDocuments, references: References
) -> tuple[Account, ...]:
    return tuple(
        account_from_item(item, doc, where)
        for where, item in defined_items("account", doc, "accounts", documents, references)
    )


def account_from_item(item: dict[str, Any], doc: SourceDoc, where: DataPath) -> Account:
    return Account(
        id=item["id"],
        network=item["network"],
        handle=item["handle"],
        source=doc.locate(where),
        profile=profile_from_data(item.get("profile", {})),
        **given(item, "url", "owner", "purpose", "status", "official", "notes", *_FIGURES),
        **given_as(item, whole_number, "followers"),
        **given_as(item, parse_date, "last_post"),
    )


def profile_from_data(data: dict[str, Any]) -> Profile:
    """The profile; `bio: true` or `link: true` says the element is there without
    giving its text, `false` that it is missing."""
    texts = {key: value for key, value in given(data, "bio", "link").items() if value is not True}
    return Profile(
        **{key: value for key, value in texts.items() if value is not False},
        present_without_text=tuple(key for key in ("bio", "link") if data.get(key) is True),
        **given(data, "avatar", "cover", "keywords", "cross_promotion"),
    )


def competitors_from_doc(doc: SourceDoc, documents: PlanDocuments) -> tuple[Competitor, ...]:
    return tuple(
        competitor_from_item(fields_of(item, "name"))
        for position, item in enumerate(list_at(doc.data, "competitors"))
        if documents.valid(doc, ("competitors", position))
    )


def competitor_from_item(item: dict[str, Any]) -> Competitor:
    """A competitor, written in full or as its name alone; each of its accounts in
    full or as its network alone."""
    return Competitor(
        name=item["name"],
        accounts=tuple(
            CompetitorAccount(
                account["network"],
                **given(account, "url", *_FIGURES),
                **given_as(account, whole_number, "followers"),
            )
            for account in (fields_of(entry, "network") for entry in list_at(item, "accounts"))
        ),
        **given(item, "url"),
    )
