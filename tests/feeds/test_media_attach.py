"""The feeds attach a post's media (RFC 5545 ATTACH) where the site publishes them."""

from __future__ import annotations

from pathlib import Path

import icalendar

from generator.check import Inputs, check_plan
from generator.model.media_addresses import published_path
from tests.conftest import run_cli
from tests.media_plans import media_plan

MEDIA = (
    '      - {file: media/lamp.jpg, alt: "A brass lamp"}\n'
    "      - {file: media/shop.png}\n"
    "      - {file: https://cdn.example.net/pic.jpg}\n"
)
IMAGES = {"media/lamp.jpg": (1080, 1350), "media/shop.png": (300, 200)}


def _events(root: Path) -> dict[str, icalendar.Event]:
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    feed = icalendar.Calendar.from_ical((root / "site/calendar.ics").read_bytes())
    return {str(event["UID"]).split(".")[0]: event for event in feed.walk("VEVENT")}


def _attached(event: icalendar.Event) -> list[tuple[str, str]]:
    found = event.get("ATTACH", [])
    found = found if isinstance(found, list) else [found]
    return [(str(value), value.params.get("FMTTYPE", "")) for value in found]


def test_each_file_is_attached_at_its_public_address(tmp_path: Path) -> None:
    root = media_plan(tmp_path, MEDIA, IMAGES, site_url="https://plan.example.com/team/")
    plan = check_plan(Inputs(root / "plan", root / "site_config.yml")).plan
    lamp, shop = plan.media_file("media/lamp.jpg"), plan.media_file("media/shop.png")
    events = _events(root)
    assert _attached(events["lamp-post"]) == [
        (f"https://plan.example.com/team/{published_path(lamp)}", "image/jpeg"),
        (f"https://plan.example.com/team/{published_path(shop)}", "image/png"),
    ]
    assert "ATTACH" not in events["hello"]  # a post without media
    for url, _ in _attached(events["lamp-post"]):  # the site publishes what it attaches
        assert (root / "site" / url.removeprefix("https://plan.example.com/team/")).is_file()


def test_no_attachment_without_a_site_address(tmp_path: Path) -> None:
    root = media_plan(tmp_path, MEDIA, IMAGES, site_url="")
    assert "ATTACH" not in _events(root)["lamp-post"]


def test_the_attachment_is_folded_and_parsed_back_whole(tmp_path: Path) -> None:
    long_url = "https://plan.example.com/" + "a-very-long-folder-name/" * 4
    root = media_plan(tmp_path, MEDIA, IMAGES, site_url=long_url)
    (first, kind), _ = _attached(_events(root)["lamp-post"])
    raw = (root / "site/calendar.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert first.startswith(long_url) and kind == "image/jpeg"
