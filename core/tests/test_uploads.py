import io

import pytest
from PIL import Image, PngImagePlugin

from core.uploads import UnreadableImage, image_without_metadata, sniffed_content_type

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROTATED_90_CLOCKWISE = 6


def _jpeg_with_location() -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90_CLOCKWISE
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(output, "JPEG", exif=exif)
    return output.getvalue()


def test_jpeg_loses_its_exif_and_location_but_stays_upright():
    original = _jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the fixture has a place

    cleaned = Image.open(io.BytesIO(image_without_metadata(original, "image/jpeg")))

    assert cleaned.format == "JPEG"
    assert dict(cleaned.getexif()) == {}
    assert "exif" not in cleaned.info
    assert cleaned.size == (20, 40)  # the orientation tag was applied to the pixels


def test_png_loses_its_text_and_exif_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "55.7558 N, 37.6173 E")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    output = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 255, 128)).save(output, "PNG", pnginfo=info, exif=exif)

    cleaned = Image.open(io.BytesIO(image_without_metadata(output.getvalue(), "image/png")))

    assert cleaned.format == "PNG"
    assert "Location" not in cleaned.info and "exif" not in cleaned.info
    assert cleaned.getpixel((0, 0)) == (0, 0, 255, 128)  # the pixels themselves are kept


def test_type_comes_from_the_content_not_the_name():
    assert sniffed_content_type(_jpeg_with_location()) == "image/jpeg"
    assert sniffed_content_type(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") == "application/pdf"
    assert sniffed_content_type(b"just some notes, saved as notes.png\n") is None
    assert sniffed_content_type(b"") is None


def test_a_broken_image_is_unreadable_not_a_crash():
    truncated = _jpeg_with_location()[:200]
    with pytest.raises(UnreadableImage):
        image_without_metadata(truncated, "image/jpeg")


def test_an_image_bomb_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # Pillow's own limit, made small
    output = io.BytesIO()
    Image.new("L", (20, 20)).save(output, "PNG")
    with pytest.raises(UnreadableImage):
        image_without_metadata(output.getvalue(), "image/png")
