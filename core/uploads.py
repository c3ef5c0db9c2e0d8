"""What an uploaded file really is, and an image without its metadata.

The type comes from the bytes (the `filetype` library reads the signatures), never from the
name or the Content-Type the client sent: a PDF named photo.png is a PDF, and a text file named
photo.png is refused.
"""

import io
import warnings

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

# The image types re-encoded by Pillow, with the format Pillow writes them in.
_IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
EXTENSIONS["application/pdf"] = ".pdf"


class UnreadableImage(Exception):
    pass


def sniffed_content_type(data: bytes) -> str | None:
    """The MIME type the content itself declares, or None when nothing is recognised (text)."""
    kind = filetype.guess(data)
    return kind.mime if kind else None


def image_without_metadata(data: bytes, content_type: str) -> bytes:
    """The image re-encoded from its pixels alone: EXIF (GPS position, camera, time), XMP, IPTC
    and text chunks are dropped. The EXIF orientation is applied to the pixels first, so a
    portrait photo stays upright without the tag that said so."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns up to twice its pixel limit; a bomb is refused, not decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,  # truncated or corrupt data
        SyntaxError,  # Pillow's plugins raise it for malformed headers
        ValueError,
    ) as error:
        raise UnreadableImage(str(error)) from error
    # A new image from the raw pixels carries none of the source's `info`, so no encoder can
    # copy a tag across; only the colour profile is kept (it is not personal, and colours need it).
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode in ("P", "PA"):
        clean.putpalette(upright.getpalette())
        if "transparency" in upright.info:
            clean.info["transparency"] = upright.info["transparency"]
    image_format = _IMAGE_FORMATS[content_type]
    options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    if upright.info.get("icc_profile"):
        options["icc_profile"] = upright.info["icc_profile"]
    output = io.BytesIO()
    clean.save(output, format=image_format, **options)
    return output.getvalue()


def is_image(content_type: str) -> bool:
    return content_type in _IMAGE_FORMATS
