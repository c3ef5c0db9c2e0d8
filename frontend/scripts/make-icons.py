"""Draws the app's icons (public/icons/) from the favicon's design (public/favicon.svg: an atom on
a green rounded square), for the web app manifest: 192 and 512 px, and a maskable 512 px whose
content stays inside the safe circle. Run with the project's Python (Pillow is a dependency):

    .venv/bin/python frontend/scripts/make-icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
GREEN, AMBER, WHITE = (47, 111, 94, 255), (244, 184, 96, 255), (255, 255, 255, 255)
SUPERSAMPLE = 4


def atom(size: int, *, scale: float) -> Image.Image:
    """The favicon's 64-unit drawing at `size` px, its content scaled by `scale` about the centre."""
    big = size * SUPERSAMPLE
    unit = big / 64 * scale
    layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    centre = big / 2
    for angle in (0, 60, 120):
        ring = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        ImageDraw.Draw(ring).ellipse(
            (centre - 22 * unit, centre - 9 * unit, centre + 22 * unit, centre + 9 * unit),
            outline=WHITE,
            width=max(1, round(3 * unit)),
        )
        layer.alpha_composite(ring.rotate(-angle, resample=Image.BICUBIC, center=(centre, centre)))
    ImageDraw.Draw(layer).ellipse(
        (centre - 8 * unit, centre - 8 * unit, centre + 8 * unit, centre + 8 * unit), fill=AMBER
    )
    return layer


def icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    if maskable:  # full bleed: the platform cuts its own shape
        ImageDraw.Draw(image).rectangle((0, 0, big, big), fill=GREEN)
    else:
        ImageDraw.Draw(image).rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 14 / 64, fill=GREEN)
    image.alpha_composite(atom(size, scale=0.8 if maskable else 1.0))
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    print(f"Icons written to {OUT}")
