"""Reading plan/media/: each file once, header only; a hostile file (a bomb, a
truncated file, a fake PNG, a link out, a FIFO, an oversized file) becomes a
problem the checks report at the file and at the post line, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.load import media_folder
from generator.load.media_folder import read_media_folder
from generator.model.media import MediaFile
from tests.conftest import PlanFactory, run_cli
from tests.media_samples import QUARTER_TURN, diagnostics, image, mp4

POST_WITH = """\
    posts:
      - id: hello
        date: 2027-01-05
        channel: instagram
        title: Hello
        media:
          - {{file: {file}, alt: A brass lamp on an oak table}}
"""


def read(root: Path, name: str, data: bytes) -> MediaFile:
    """`data` written as plan/media/<name>, read back."""
    folder = root / "plan" / "media"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (only,) = read_media_folder(folder, root / "plan", root.resolve())
    return only


def problem_of(media: MediaFile) -> str:
    assert media.problem is not None, media
    return media.problem.key


def test_an_image_is_read_from_its_header(tmp_path: Path) -> None:
    media = read(tmp_path, "lamp.png", image(1080, 1350))
    assert (media.path, media.format, media.width, media.height) == (
        "media/lamp.png",
        "PNG",
        1080,
        1350,
    )
    assert media.problem is None and len(media.digest) == 64


@pytest.mark.parametrize(
    "kind, suffix",
    [("JPEG", "lamp.jpg"), ("JPEG", "LAMP.JPEG"), ("GIF", "a.gif"), ("WEBP", "a.webp")],
)
def test_each_image_format_is_read(tmp_path: Path, kind: str, suffix: str) -> None:
    media = read(tmp_path, suffix, image(40, 30, kind))
    assert (media.format, media.width, media.height, media.problem) == (kind, 40, 30, None)


def test_the_pixel_limit_is_set_explicitly() -> None:
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == media_folder.MAX_IMAGE_PIXELS


@pytest.mark.parametrize("factor", [1.5, 3])  # Pillow warns below 2x its limit, raises above
def test_a_decompression_bomb_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, factor: float
) -> None:
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", int(100 * 100 / factor))
    assert problem_of(read(tmp_path, "bomb.png", image(100, 100))) == "PS520_bomb"


@pytest.mark.parametrize("kind, name", [("PNG", "cut.png"), ("JPEG", "cut.jpg")])
@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_a_truncated_image_is_broken(tmp_path: Path, kind: str, name: str, keep: float) -> None:
    whole = image(64, 64, kind) if kind == "PNG" else _noisy_jpeg()
    assert problem_of(read(tmp_path, name, whole[: int(len(whole) * keep)])) == "PS520_broken"


def _noisy_jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("cut", [9, 20, 40])
def test_a_header_cut_short_is_broken(tmp_path: Path, cut: int) -> None:
    assert problem_of(read(tmp_path, "cut.png", image(64, 64)[:cut])) == "PS520_broken"


@pytest.mark.parametrize(
    "name, data, found",
    [
        ("fake.png", image(10, 10, "JPEG"), "JPEG"),
        ("fake.jpg", image(10, 10, "PNG"), "PNG"),
        ("fake.gif", image(10, 10, "WEBP"), "WEBP"),
        ("clip.webm", mp4(3), "MP4"),
    ],
)
def test_a_file_that_is_not_what_its_name_says(
    tmp_path: Path, name: str, data: bytes, found: str
) -> None:
    media = read(tmp_path, name, data)
    assert problem_of(media) == "PS520_format"
    assert media.problem is not None and dict(media.problem.values)["found"] == found


@pytest.mark.parametrize("name", ["fake.png", "fake.mp4", "fake.jpg"])
def test_text_named_as_media_is_not_media(tmp_path: Path, name: str) -> None:
    assert problem_of(read(tmp_path, name, b"<svg onload=alert(1)>" * 10)) == "PS520_not_media"


@pytest.mark.parametrize("name", ["drawing.svg", "notes.txt", "noext"])
def test_a_suffix_plansite_does_not_read(tmp_path: Path, name: str) -> None:
    assert problem_of(read(tmp_path, name, b"x")) == "PS520_suffix"


def test_a_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(image(10, 10))
    root = tmp_path / "repo"
    folder = root / "plan" / "media"
    folder.mkdir(parents=True)
    (folder / "lamp.png").symlink_to(secret)
    (folder / "folder-link").symlink_to(secret.parent)
    found = read_media_folder(folder, root / "plan", root.resolve())
    assert [(m.path, problem_of(m)) for m in found] == [
        ("media/folder-link", "PS520_refused"),
        ("media/lamp.png", "PS520_refused"),
    ]
    for media in found:
        assert media.problem is not None and "outside" in dict(media.problem.values)["why"]


def test_a_fifo_does_not_hang_the_read(tmp_path: Path) -> None:
    folder = tmp_path / "plan" / "media"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.png")
    (media,) = read_media_folder(folder, tmp_path / "plan", tmp_path.resolve())
    assert problem_of(media) == "PS520_refused"


def test_an_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(media_folder, "MAX_MEDIA_BYTES", 1000)
    assert problem_of(read(tmp_path, "big.png", image(400, 400) + b"\0" * 1000)) == "PS520_refused"


def test_the_media_limit_is_its_own() -> None:
    """A video is larger than any YAML file: the media limit is GitHub's 100 MiB a file."""
    assert media_folder.MAX_MEDIA_BYTES == 100 * 1024 * 1024


def test_hidden_files_and_a_readme_are_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "plan" / "media"
    (folder / ".thumbs").mkdir(parents=True)
    (folder / ".thumbs" / "x.png").write_bytes(b"x")
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / "README.md").write_text("Photos of the shop\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "lamp.png").write_bytes(image(8, 8))
    found = read_media_folder(folder, tmp_path / "plan", tmp_path.resolve())
    assert [media.path for media in found] == ["media/sub/lamp.png"]


# -- videos --------------------------------------------------------------


def test_an_mp4_gives_its_length_and_size(tmp_path: Path) -> None:
    media = read(tmp_path, "clip.mp4", mp4(12.5, 1080, 1920))
    assert (media.format, media.width, media.height, media.duration_seconds) == (
        "MP4", 1080, 1920, 12.5,
    )  # fmt: skip


def test_a_phone_video_shot_upright_is_tall(tmp_path: Path) -> None:
    media = read(tmp_path, "clip.mp4", mp4(3, 1920, 1080, matrix=QUARTER_TURN))
    assert (media.width, media.height) == (1080, 1920)


def test_a_quicktime_file_is_a_mov(tmp_path: Path) -> None:
    assert read(tmp_path, "clip.mov", mp4(3, brand=b"qt  ")).format == "MOV"


def test_a_webm_is_recognised_without_its_length(tmp_path: Path) -> None:
    webm = b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm" + b"\x00" * 40
    media = read(tmp_path, "clip.webm", webm)
    assert (media.format, media.duration_seconds, media.problem) == ("WEBM", None, None)


@pytest.mark.parametrize("cut", [30, 100, -10])
def test_a_truncated_video_is_broken(tmp_path: Path, cut: int) -> None:
    assert problem_of(read(tmp_path, "clip.mp4", mp4(5)[:cut])) == "PS520_broken"


def test_a_video_of_endless_empty_boxes_is_broken(tmp_path: Path) -> None:
    data = mp4(5)[:20] + b"\x00\x00\x00\x08free" * 20_000
    assert problem_of(read(tmp_path, "clip.mp4", data)) == "PS520_broken"


# -- through the command ---------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "lamp.png",
            image(10, 10, "JPEG"),
            "'media/lamp.png' is named as a PNG file but holds JPEG",
        ),
        ("lamp.png", image(64, 64)[:60], "'media/lamp.png' is damaged or cut short"),
    ],
)
def test_a_hostile_file_is_an_error_at_the_file_and_at_the_post(
    make_plan: PlanFactory, name: str, data: bytes, message: str
) -> None:
    root = make_plan({"plan/calendar/q1.yml": POST_WITH.format(file=f"media/{name}")})
    (root / "plan" / "media").mkdir()
    (root / "plan" / "media" / name).write_bytes(data)
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"plan/media/{name}:1:1: error: {message}" in result.output
    assert (
        f"plan/calendar/q1.yml:7:9: error: post 'hello' shows 'media/{name}', which cannot be read"
        in result.output
    )


def test_a_bomb_through_the_command(
    make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)
    root = make_plan({"plan/calendar/q1.yml": POST_WITH.format(file="media/bomb.png")})
    (root / "plan" / "media").mkdir()
    (root / "plan" / "media" / "bomb.png").write_bytes(image(200, 200))
    found = [d for d in diagnostics(root) if d.code == "PS520"]
    assert len(found) == 2 and "is not decoded" in found[0].message


def test_the_pixel_limit_holds_even_if_pillows_guard_is_switched_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # what another library might do
    monkeypatch.setattr(media_folder, "MAX_IMAGE_PIXELS", 100 * 100 - 1)
    assert problem_of(read(tmp_path, "bomb.png", image(100, 100))) == "PS520_bomb"
