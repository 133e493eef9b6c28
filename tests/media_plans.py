"""Small plans with media, and the images they show, drawn by the tests themselves."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.conftest import write_plan


def draw_image(
    path: Path, size: tuple[int, int] = (1080, 1350), colour: tuple[int, int, int] = (200, 120, 60)
) -> Path:
    """A plain image, its format from the file's extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    image.paste((30, 60, 90), (0, 0, size[0] // 2, size[1] // 3))  # something to resize
    image.save(path)
    return path


def media_plan(
    root: Path,
    media: str,
    images: dict[str, tuple[int, int]],
    site_url: str = "https://plan.example.com/",
    **config: str,
) -> Path:
    """The minimal plan with a spring campaign whose post (2027-03-10, after the
    plan's today) shows `media` (YAML lines of a `media:` list, indented by 6),
    and `images` drawn in plan/media/ at their sizes."""
    config = {"site_name": "Test plan", **({"site_url": site_url} if site_url else {}), **config}
    settings = "".join(f"{key}: {value}\n" for key, value in config.items())
    write_plan(
        root,
        {
            "site_config.yml": "language: en\ntimezone: Europe/Paris\n" + settings,
            "plan/calendar/spring.yml": (
                "campaigns:\n"
                "  - id: spring\n"
                "    name: Spring lamps\n"
                "    start: 2027-03-01\n"
                "    end: 2027-03-31\n"
                "    channels: [instagram]\n"
                "posts:\n"
                "  - id: lamp-post\n"
                "    date: 2027-03-10\n"
                '    time: "10:00"\n'
                "    channel: instagram\n"
                "    type: tips\n"
                "    title: Lamp post\n"
                "    campaign: spring\n"
                "    media:\n" + media
            ),
        },
    )
    for name, size in images.items():
        draw_image(root / "plan" / name, size)
    return root
