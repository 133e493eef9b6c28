"""The exports carry a post's media: files, alt texts, kinds and public addresses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from generator.check import Inputs, check_plan
from generator.model.media_addresses import published_path
from tests.conftest import run_cli
from tests.media_plans import media_plan
from tests.media_samples import mp4

MEDIA = (
    '      - {file: media/lamp.jpg, alt: "=HYPERLINK(\\"http://evil\\")"}\n'
    "      - {file: media/clip.mp4, kind: video}\n"
    "      - {file: https://cdn.example.net/pic.jpg, alt: Far away}\n"
)
IMAGES = {"media/lamp.jpg": (1080, 1350)}


def _plan(tmp_path: Path, site_url: str = "https://plan.example.com/") -> Path:
    root = media_plan(tmp_path, MEDIA, IMAGES, site_url=site_url)
    (root / "plan/media/clip.mp4").write_bytes(mp4(12))
    return root


def _published(root: Path, path: str) -> str:
    plan = check_plan(Inputs(root / "plan", root / "site_config.yml")).plan
    media = plan.media_file(path)
    assert media is not None
    return "https://plan.example.com/" + published_path(media)


def test_json_lists_each_media_with_its_public_address(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    result = run_cli("export", "json", cwd=root)
    assert result.exit_code == 0, result.output
    row = next(row for row in json.loads(result.output) if row["title"] == "Lamp post")
    assert row["media_files"] == [
        "media/lamp.jpg", "media/clip.mp4", "https://cdn.example.net/pic.jpg"
    ]  # fmt: skip
    assert row["media_alts"] == ['=HYPERLINK("http://evil")', "", "Far away"]
    assert row["media_kinds"] == ["image", "video", "image"]
    assert row["media_urls"] == [
        _published(root, "media/lamp.jpg"),
        _published(root, "media/clip.mp4"),
        "https://cdn.example.net/pic.jpg",
    ]
    hello = next(row for row in json.loads(result.output) if row["title"] == "Hello")
    assert hello["media_files"] == hello["media_urls"] == []


def test_csv_puts_one_media_a_line_and_neutralises_formulas(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    result = run_cli("export", "csv", cwd=root)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    row = next(row for row in rows if row["title"] == "Lamp post")
    assert row["media_files"].splitlines() == [
        "media/lamp.jpg", "media/clip.mp4", "https://cdn.example.net/pic.jpg"
    ]  # fmt: skip
    assert row["media_urls"].splitlines()[0] == _published(root, "media/lamp.jpg")
    assert not row["media_alts"].startswith("=")  # a spreadsheet would run it


def test_no_public_address_for_a_file_without_a_site_address(tmp_path: Path) -> None:
    root = _plan(tmp_path, site_url="")
    rows = json.loads(run_cli("export", "json", cwd=root).output)
    row = next(row for row in rows if row["title"] == "Lamp post")
    assert row["media_urls"] == ["", "", "https://cdn.example.net/pic.jpg"]


def test_hootsuite_gets_the_media_addresses_in_its_fourth_column(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=root)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader((root / "hs/instagram.csv").open()))
    lamp = next(row for row in rows if row[1].startswith("Lamp post"))
    assert lamp[3] == ",".join(
        [
            _published(root, "media/lamp.jpg"),
            _published(root, "media/clip.mp4"),
            "https://cdn.example.net/pic.jpg",
        ]
    )
    assert all(len(row) == 4 for row in rows)


def test_hootsuite_keeps_three_columns_without_media(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    (root / "plan/calendar/spring.yml").unlink()
    assert run_cli("export", "hootsuite", "--out", "hs", cwd=root).exit_code == 0
    assert all(len(row) == 3 for row in csv.reader((root / "hs/instagram.csv").open()))
