"""Ids defined across files, and references resolved once every id is known."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Report
from generator.model.references import Place, defined_items, references_to
from tests.model.helpers import ROOT, document, documents_of, messages, references

AUDIT = "accounts:\n  - {id: insta, network: instagram, handle: a}\n"


def test_a_field_refers_at_itself_and_a_list_at_each_item() -> None:
    assert references_to("goal", "g", ("goals",)) == [("goal", "g", ("goals",))]
    assert references_to("goal", ["a", "b"], ("goals",)) == [
        ("goal", "a", ("goals", 0)),
        ("goal", "b", ("goals", 1)),
    ]


def test_a_second_definition_is_reported_where_it_is_with_the_first() -> None:
    report = Report()
    known = references(report)
    doc = document("posts:\n  - {id: a}\n  - {id: a}\n")
    known.define("post", "a", Place(doc, ("posts", 0)))
    known.define("post", "a", Place(doc, ("posts", 1)))
    assert messages(report) == [
        "plan/calendar/q1.yml:3:5: error: duplicate post id 'a' "
        "(already used at plan/calendar/q1.yml:2:5; give one of them another id)"
    ]


def test_an_unknown_id_gets_the_closest_known_one_or_the_list() -> None:
    report = Report()
    known = references(report)
    doc = document("channel: linkdin\nother: [facebok, tiktok]\ntype: tips\n")
    for channel_id in ("linkedin", "facebook"):
        known.define("channel", channel_id, Place(None, path=Path(channel_id)))
    known.refer("channel", "linkdin", doc, ("channel",))
    known.refer("channel", ["facebok", "tiktok"], doc, ("other",))
    known.refer("content type", "tips", doc, ("type",))
    known.resolve(documents_of(doc))
    assert [d.message + " | " + d.hint for d in report.errors] == [
        "unknown channel 'linkdin' | did you mean 'linkedin'? or create plan/channels/linkdin.md",
        "unknown channel 'facebok' | did you mean 'facebook'? or create plan/channels/facebok.md",
        "unknown channel 'tiktok' | known: facebook, linkedin; or create plan/channels/tiktok.md",
        "unknown content type 'tips' | no content type is defined",
    ]
    assert [d.location.line for d in report.errors] == [1, 2, 2, 3]


def test_ids_of_an_unreadable_or_broken_file_are_not_called_unknown() -> None:
    """An unreadable audit.yml, a content.yml broken as a whole, an unreadable goal
    file: their ids are unknown, and a reference to them says nothing more."""
    report = Report()
    known = references(report)
    content = document("types: 3\n", "content.yml")
    calendar = document("posts:\n  - {account: insta, type: tips, goal: grow, channel: x}\n")
    documents = documents_of(content, calendar, broken={content.path: [()]})
    documents.unreadable = {"audit": [ROOT / "audit.yml"], "goal": [ROOT / "goals" / "grow.md"]}
    for kind, entity_id in (("account", "insta"), ("content type", "tips"), ("goal", "grow")):
        known.refer(kind, entity_id, calendar, ("posts", 0, kind))
    known.refer("channel", "x", calendar, ("posts", 0, "channel"))
    known.resolve(documents)
    assert [d.message for d in report.errors] == ["unknown channel 'x'"]


def test_a_required_file_that_is_missing_makes_its_ids_uncertain() -> None:
    report = Report()
    known = references(report)
    calendar = document("posts:\n  - {account: insta}\n")
    known.refer("account", "insta", calendar, ("posts", 0, "account"))
    known.resolve(documents_of(calendar))  # no audit.yml at all
    assert report.diagnostics == []


def test_every_item_defines_its_id_and_only_valid_ones_are_built() -> None:
    doc = document(AUDIT + "  - {id: fb, network: 3}\n  - {network: x}\n", "audit.yml")
    known = references()
    documents = documents_of(doc, broken={doc.path: [("accounts", 1, "network")]})
    found = list(defined_items("account", doc, "accounts", documents, known))
    assert [where for where, _ in found] == [("accounts", 0), ("accounts", 2)]
    assert list(known.defined["account"]) == ["insta", "fb"]
    assert known.defined["account"]["fb"].location().column == 6  # its `id`, not the `{`
