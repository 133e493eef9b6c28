"""The media checks (PS520-PS527): each rule with small images and videos the
tests make, at and past each limit of model/network_media_rules.py, a post on
several channels judged against each network, and a URL never fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic
from generator.model.network_media_rules import NETWORK_MEDIA_RULES
from tests.conftest import PlanFactory
from tests.media_samples import diagnostics, image, mp4

CHANNELS = {
    "x": "plan/channels/x.md",
    "tiktok": "plan/channels/tiktok.md",
    "pinterest": "plan/channels/pinterest.md",
    "linkedin": "plan/channels/linkedin.md",
    "youtube": "plan/channels/youtube.md",
    "facebook": "plan/channels/facebook.md",
}


def channel(network: str) -> str:
    return f"---\nnetwork: {network}\nmission: Show the workshop.\n---\n"


def plan(
    make_plan: PlanFactory,
    entries: list[str],
    files: dict[str, bytes],
    channels: str = "instagram",
    config: str = "",
) -> Path:
    """A plan whose one post shows `entries` (YAML flow mappings), on `channels`,
    with `files` in plan/media/."""
    media = "".join(f"      - {entry}\n" for entry in entries)
    calendar = (
        "posts:\n  - id: hello\n    date: 2027-01-05\n"
        f"    channel: [{channels}]\n    title: Hello\n    media:\n{media}"
    )
    extra = {path: channel(network) for network, path in CHANNELS.items()}
    if config:
        extra["site_config.yml"] = (
            "site_name: Test plan\nsite_url: https://plan.example.com/\nlanguage: en\n"
            f"timezone: Europe/Paris\n{config}"
        )
    root = make_plan({"plan/calendar/q1.yml": calendar, **extra})
    folder = root / "plan" / "media"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return root


def coded(root: Path, code: str) -> list[Diagnostic]:
    return [d for d in diagnostics(root) if d.code == code]


def lamp(file: str = "media/lamp.png", extra: str = "") -> str:
    return f"{{file: {file}, alt: A brass lamp on an oak table{extra}}}"


# -- PS521: the file must be there, named from the plan folder -------------


def test_a_missing_file_is_an_error_at_its_entry(make_plan: PlanFactory) -> None:
    root = plan(make_plan, [lamp("media/lamp.png")], {"lamps.png": image(1080, 1350)})
    (found,) = coded(root, "PS521")
    assert (found.location.path.name, found.location.line, found.location.column) == (
        "q1.yml",
        7,
        9,
    )
    assert found.severity.value == "error"
    assert found.message == (
        "post 'hello' shows 'media/lamp.png', which is not in the plan's media/ folder"
    )
    assert found.hint == "did you mean 'media/lamps.png'?"


def test_a_missing_file_with_nothing_close(make_plan: PlanFactory) -> None:
    (found,) = coded(plan(make_plan, [lamp("media/zzz.png")], {}), "PS521")
    assert "it starts at the plan folder, such as media/lamp.jpg" in found.hint


@pytest.mark.parametrize(
    "written, fix",
    [
        ("plan/media/lamp.png", "media/lamp.png"),
        ("plan/media/sub/lamp.png", "media/sub/lamp.png"),
    ],
)
def test_a_path_from_the_repository_says_how_to_write_it(
    make_plan: PlanFactory, written: str, fix: str
) -> None:
    (found,) = coded(plan(make_plan, [lamp(written)], {"lamp.png": image(8, 8)}), "PS521")
    assert found.hint == f"write '{fix}'"


@pytest.mark.parametrize(
    "written", ["../secret.png", "media/../plan.md", "/etc/passwd", "images/lamp.png", "lamp.png"]
)
def test_a_path_outside_media_is_an_error(make_plan: PlanFactory, written: str) -> None:
    (found,) = coded(plan(make_plan, [lamp(written)], {}), "PS521")
    assert "outside the plan's media/ folder" in found.message
    assert found.hint.startswith("copy the file into the plan's media/ folder and write 'media/")


# -- PS522: alt text ------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "{file: media/lamp.png}",
        "{file: media/lamp.png, alt: ''}",
        "{file: media/lamp.png, alt: '   '}",
        "{file: media/lamp.png, alt: lamp.png}",
        "{file: media/lamp.png, alt: LAMP}",
        "{file: 'https://cdn.example/lamp.png'}",
    ],
)
def test_an_image_without_alt_text_is_a_warning(make_plan: PlanFactory, entry: str) -> None:
    root = plan(make_plan, [entry], {"lamp.png": image(1080, 1350)})
    (found,) = coded(root, "PS522")
    assert found.severity.value == "warning" and found.location.line == 7


def test_alt_text_is_regradable(make_plan: PlanFactory) -> None:
    files = {"lamp.png": image(1080, 1350)}
    root = plan(make_plan, ["{file: media/lamp.png}"], files, config="checks: {PS522: error}\n")
    assert [d.severity.value for d in coded(root, "PS522")] == ["error"]
    root = plan(make_plan, ["{file: media/lamp.png}"], files, config="checks: {PS522: off}\n")
    assert coded(root, "PS522") == []


def test_a_video_needs_no_alt_text(make_plan: PlanFactory) -> None:
    root = plan(make_plan, ["{file: media/clip.mp4, kind: video}"], {"clip.mp4": mp4(10)})
    assert coded(root, "PS522") == []


# -- PS523: shapes and sizes, at and past each limit ----------------------

SHAPES = [
    # network, width, height, fits, hint
    ("instagram", 1080, 1350, True, ""),
    ("instagram", 1080, 1400, False, "crop it to 1080 x 1350 (4:5)"),
    ("instagram", 1910, 1000, True, ""),
    ("instagram", 2000, 1000, False, "crop it to 1910 x 1000 (1.91:1)"),
    ("instagram", 1080, 1920, False, "crop it to 1080 x 1350 (4:5)"),
    ("facebook", 1080, 1080, True, ""),
    ("facebook", 1080, 1350, True, ""),
    ("facebook", 1080, 1400, False, "crop it to 1080 x 1350 (4:5)"),
    ("linkedin", 1200, 628, True, ""),
    ("linkedin", 1300, 628, False, "crop it to 1199 x 628 (1.91:1)"),
    ("pinterest", 1000, 1500, True, ""),
    ("pinterest", 1000, 2100, True, ""),
    ("pinterest", 1000, 2300, False, "crop it to 1000 x 2100 (1:2.1)"),
    ("tiktok", 1080, 1920, True, ""),
    ("tiktok", 1080, 2400, False, "crop it to 1080 x 1920 (9:16)"),
    ("youtube", 1280, 720, True, ""),
    ("youtube", 1280, 960, False, "crop it to 1280 x 720 (16:9)"),
]


@pytest.mark.parametrize("network, width, height, fits, hint", SHAPES)
def test_an_image_shape_at_and_past_each_limit(
    make_plan: PlanFactory, network: str, width: int, height: int, fits: bool, hint: str
) -> None:
    root = plan(make_plan, [lamp()], {"lamp.png": image(width, height)}, network)
    found = coded(root, "PS523")
    assert [d.hint for d in found] == ([] if fits else [hint])


def test_a_video_shape_is_checked(make_plan: PlanFactory) -> None:
    entry = "{file: media/clip.mp4, kind: video}"
    root = plan(make_plan, [entry], {"clip.mp4": mp4(10, 1920, 1080)}, "tiktok")
    (found,) = coded(root, "PS523")
    assert found.hint == "crop it to 608 x 1080 (9:16)"


def test_an_image_too_narrow(make_plan: PlanFactory) -> None:
    (found,) = coded(plan(make_plan, [lamp()], {"lamp.png": image(300, 300)}), "PS523")
    assert "is 300 pixels wide; instagram needs at least 320" in found.message
    assert found.hint == "use a larger image, such as 1080 x 1350 (4:5)"


def test_a_post_on_several_channels_is_checked_against_each_network(
    make_plan: PlanFactory,
) -> None:
    files = {"lamp.png": image(1080, 1350)}  # fine on Instagram, cropped on YouTube
    root = plan(make_plan, [lamp()], files, "instagram, youtube, pinterest")
    assert [d.message.rsplit(" ", 1)[-1] for d in coded(root, "PS523")] == ["youtube"]


# -- PS524: how many -------------------------------------------------------


def test_x_takes_four_images(make_plan: PlanFactory) -> None:
    files = {f"p{n}.png": image(1200, 675) for n in range(5)}
    four = [lamp(f"media/p{n}.png") for n in range(4)]
    assert coded(plan(make_plan, four, files, "x"), "PS524") == []
    five = [lamp(f"media/p{n}.png") for n in range(5)]
    (found,) = coded(plan(make_plan, five, files, "x"), "PS524")
    assert found.location.line == 11  # the fifth entry
    assert found.message == "post 'hello' has 5 images; x takes 4 a post"


def test_instagram_takes_ten_items(make_plan: PlanFactory) -> None:
    files = {"lamp.png": image(1080, 1350)}
    assert coded(plan(make_plan, [lamp()] * 10, files), "PS524") == []
    assert len(coded(plan(make_plan, [lamp()] * 11, files), "PS524")) == 1


def test_x_takes_one_video(make_plan: PlanFactory) -> None:
    entry = "{file: media/clip.mp4, kind: video}"
    root = plan(make_plan, [entry, entry], {"clip.mp4": mp4(10, 1280, 720)}, "x")
    assert [d.code for d in coded(root, "PS524")] == ["PS524"]


# -- PS525: length ---------------------------------------------------------


@pytest.mark.parametrize(
    "network, seconds, message",
    [
        ("x", 140, ""),
        ("x", 141, "lasts 2:21; x takes up to 2:20"),
        ("tiktok", 600, ""),
        ("tiktok", 601, "lasts 10:01; tiktok takes up to 10:00"),
        ("tiktok", 2.5, "lasts 0:02.5; tiktok needs at least 0:03"),
        ("instagram", 900, ""),
        ("instagram", 901, "lasts 15:01; instagram takes up to 15:00"),
    ],
)
def test_a_video_length_at_and_past_each_limit(
    make_plan: PlanFactory, network: str, seconds: float, message: str
) -> None:
    entry = "{file: media/clip.mp4, kind: video}"
    root = plan(make_plan, [entry], {"clip.mp4": mp4(seconds, 1080, 1920)}, network)
    found = coded(root, "PS525")
    assert [d.message.split("' ", 2)[-1] for d in found] == ([message] if message else [])


# -- PS526: kind and file --------------------------------------------------


def test_kind_image_on_a_video_is_an_error(make_plan: PlanFactory) -> None:
    root = plan(make_plan, [lamp("media/clip.mp4")], {"clip.mp4": mp4(5)})
    (found,) = coded(root, "PS526")
    assert found.hint == "write 'kind: video'"


def test_kind_video_on_an_image_is_an_error(make_plan: PlanFactory) -> None:
    root = plan(make_plan, [lamp(extra=", kind: video")], {"lamp.png": image(1080, 1350)})
    (found,) = coded(root, "PS526")
    assert found.hint == "write 'kind: image'"


# -- PS527: file size ------------------------------------------------------


def test_a_file_larger_than_the_network_takes(
    make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    x = NETWORK_MEDIA_RULES["x"]
    files = {"lamp.png": image(1200, 675)}
    small = replace(x, image=replace(x.image, max_bytes=len(files["lamp.png"])))
    monkeypatch.setitem(NETWORK_MEDIA_RULES, "x", small)
    big = {"lamp.png": files["lamp.png"] + b"\0"}
    assert coded(plan(make_plan, [lamp()], files, "x"), "PS527") == []
    (found,) = coded(plan(make_plan, [lamp()], big, "x"), "PS527")
    assert "x takes up to" in found.message


# -- URLs: shown, never fetched --------------------------------------------


def test_a_url_is_never_fetched(make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("media must not be fetched")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    described = "{file: 'https://cdn.example/lamp.png', alt: A brass lamp}"
    bare = "{file: 'https://cdn.example/vase.png'}"
    root = plan(make_plan, [described, bare], {})
    found = [d for d in diagnostics(root) if d.code.startswith("PS52")]
    assert [(d.code, d.location.line) for d in found] == [("PS522", 8)]


# -- French ----------------------------------------------------------------


def test_the_words_are_french_on_a_french_site(make_plan: PlanFactory) -> None:
    config = ""
    root = plan(
        make_plan, ["{file: media/lamp.png}"], {"lamp.png": image(1080, 1920)}, config=config
    )
    text = (root / "site_config.yml").read_text().replace("language: en", "language: fr")
    (root / "site_config.yml").write_text(text)
    found = {d.code: d for d in diagnostics(root) if d.code in ("PS522", "PS523")}
    assert found["PS522"].message == (
        "l'image « media/lamp.png » de la publication « hello » n'a pas de texte alternatif"
    )
    assert found["PS523"].hint == "recadrez-le en 1080 x 1350 (4:5)"


# -- the table and its page --------------------------------------------------


def test_docs_name_every_network_and_source_of_the_table() -> None:
    page = (Path(__file__).parents[2] / "docs" / "media.md").read_text("utf-8")
    for network, rules in NETWORK_MEDIA_RULES.items():
        assert f"| `{network}` |" in page, network
        for source in rules.sources:
            assert f"<{source.address}>" in page, source.address
            assert source.read_on.isoformat() in page
