"""Images drawn with Pillow, never downloaded: the example plan's (lamps, the
workshop, the spring collection) and the benchmark's thousands of small ones.

The example's are drawn at the size their network wants (Instagram's feed 4:5
at 1080x1350, Pinterest's 2:3 at 1000x1500, LinkedIn's and Facebook's
1.91:1 at 1200x628) and saved as JPEG at quality 80, each well under 150 KB.
Drawing them again gives the same bytes.

    .venv/bin/python -m bench.media_drawing plan/media
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Colour = tuple[int, int, int]
LINEN: Colour = (236, 228, 214)
SAGE: Colour = (156, 175, 148)
BRASS: Colour = (191, 150, 76)
WALNUT: Colour = (94, 64, 44)
NIGHT: Colour = (38, 42, 54)


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    """A vertical gradient, made as a 1-pixel column then stretched (fast)."""
    height = size[1]
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size)


def _glow(image: Image.Image, centre: tuple[int, int], radius: int, colour: Colour) -> None:
    """A soft halo of light, as a lit bulb throws."""
    layer = Image.new("L", image.size, 0)
    x, y = centre
    ImageDraw.Draw(layer).ellipse((x - radius, y - radius, x + radius, y + radius), fill=150)
    layer = layer.filter(ImageFilter.GaussianBlur(radius // 2))
    image.paste(Image.new("RGB", image.size, colour), mask=layer)


def _lamp(draw: ImageDraw.ImageDraw, x: int, base_y: int, scale: float, shade: Colour) -> None:
    """A table lamp: foot, stem, and a linen shade."""
    s = scale
    draw.ellipse((x - 90 * s, base_y - 30 * s, x + 90 * s, base_y + 10 * s), fill=BRASS)
    draw.rectangle((x - 10 * s, base_y - 330 * s, x + 10 * s, base_y - 20 * s), fill=BRASS)
    draw.polygon(
        [
            (x - 80 * s, base_y - 520 * s),
            (x + 80 * s, base_y - 520 * s),
            (x + 170 * s, base_y - 320 * s),
            (x - 170 * s, base_y - 320 * s),
        ],
        fill=shade,
    )


def _caption(image: Image.Image, text: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(28, image.width // 22))
    draw.text((image.width // 14, image.height - image.height // 9), text, font=font, fill=colour)


def lampe_laiton(size: tuple[int, int]) -> Image.Image:
    image = _gradient(size, (250, 240, 222), (214, 196, 170))
    _glow(image, (size[0] // 2, int(size[1] * 0.42)), size[0] // 3, (255, 236, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(size[1] * 0.78), size[0], size[1]), fill=WALNUT)
    _lamp(draw, size[0] // 2, int(size[1] * 0.78), size[0] / 1080, LINEN)
    _caption(image, "Atelier Lumen", LINEN)
    return image


def atelier(size: tuple[int, int]) -> Image.Image:
    image = _gradient(size, (70, 62, 56), (30, 26, 24))
    draw = ImageDraw.Draw(image)
    width, height = size
    for n in range(5):  # shelves of lamps waiting for repair
        y = int(height * (0.2 + n * 0.14))
        draw.rectangle((0, y, width, y + 12), fill=WALNUT)
        for k in range(7):
            x = int(width * (0.08 + k * 0.14))
            draw.ellipse((x - 28, y - 70, x + 28, y - 14), fill=(150 + 10 * n, 120 + 8 * k, 80))
    _glow(image, (int(width * 0.72), int(height * 0.3)), width // 5, (255, 214, 140))
    draw = ImageDraw.Draw(image)
    draw.rectangle((int(width * 0.1), int(height * 0.86), int(width * 0.9), height), fill=BRASS)
    _caption(image, "L'atelier", LINEN)
    return image


def collection_printemps(size: tuple[int, int]) -> Image.Image:
    image = _gradient(size, (232, 238, 226), SAGE)
    draw = ImageDraw.Draw(image)
    width, height = size
    shades = (LINEN, (224, 200, 170), (200, 214, 190))
    for n, shade in enumerate(shades):
        _lamp(draw, int(width * (0.22 + n * 0.28)), int(height * 0.8), width / 1900, shade)
    for n in range(9):  # petals in the air
        x, y = int(width * (0.1 + n * 0.1)), int(height * (0.12 + (n % 3) * 0.07))
        draw.ellipse((x, y, x + 26, y + 16), fill=(240, 206, 214))
    _caption(image, "Printemps 2027", NIGHT)
    return image


def lampe_nuit(size: tuple[int, int]) -> Image.Image:
    image = _gradient(size, NIGHT, (70, 60, 80))
    _glow(image, (size[0] // 2, int(size[1] * 0.38)), size[0] // 2, (255, 206, 140))
    draw = ImageDraw.Draw(image)
    _lamp(draw, size[0] // 2, int(size[1] * 0.82), size[0] / 1000, (246, 222, 180))
    _caption(image, "Le soir", LINEN)
    return image


# name -> (drawing, size): each at the size its network shows best.
EXAMPLE_IMAGES: dict[str, tuple[Callable[[tuple[int, int]], Image.Image], tuple[int, int]]] = {
    "lampe-laiton.jpg": (lampe_laiton, (1080, 1350)),  # Instagram feed, 4:5
    "atelier.jpg": (atelier, (1200, 628)),  # LinkedIn and Facebook links, 1.91:1
    "collection-printemps.jpg": (collection_printemps, (1080, 1350)),  # Instagram, 4:5
    "tableau-printemps.jpg": (lampe_nuit, (1000, 1500)),  # Pinterest, 2:3
}


def draw_example_media(folder: Path) -> list[Path]:
    """The example plan's images into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (drawing, size) in EXAMPLE_IMAGES.items():
        target = folder / name
        drawing(size).save(target, "JPEG", quality=80, optimize=True)
        written.append(target)
    return written


def draw_bench_image(target: Path, number: int) -> None:
    """A small distinct image (its colours and bands follow `number`), 4:5 as
    Instagram's feed wants at 864x1080, plain enough to draw in milliseconds."""
    base = ((number * 37) % 200 + 30, (number * 91) % 200 + 30, (number * 53) % 200 + 30)
    image = _gradient((864, 1080), base, (base[2], base[0], base[1]))
    draw = ImageDraw.Draw(image)
    for band in range(number % 7 + 1):
        y = 80 + band * 130
        draw.rectangle((60, y, 800, y + 50 + number % 40), fill=(base[1], base[2], base[0]))
    for bit in range(16):  # the number itself, so that no two images are the same
        if number >> bit & 1:
            draw.rectangle((40 + bit * 48, 1000, 72 + bit * 48, 1040), fill=(255, 255, 255))
    image.save(target, "JPEG", quality=70)


if __name__ == "__main__":
    for path in draw_example_media(Path(sys.argv[1] if len(sys.argv) > 1 else "plan/media")):
        print(f"{path}: {path.stat().st_size // 1024} KB")
