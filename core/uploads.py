"""What an uploaded file really is, and an image without its metadata.

The type comes from the bytes (the `filetype` library reads the signatures), never from the
name or the Content-Type the client sent: a PDF named photo.png is a PDF, and a text file named
photo.png is refused.
"""

import io
import logging
import unicodedata
import warnings
from pathlib import PurePath

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

from core.exceptions import PayloadTooLarge, ServiceUnavailable, ValidationFailed
from core.storage import storage_key_new, storage_object_save

logger = logging.getLogger(__name__)

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


# --- the checks every upload goes through (goal attachments, journal photos) ---------------------

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
NAME_MAX_LENGTH = 255


def upload_declared_size(request) -> int | None:
    """The most the file can be, by the request's Content-Length, so an upload far over the
    limit is refused before its body is read."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0) - MULTIPART_OVERHEAD_BYTES, 0)
    except ValueError:
        return None


def upload_size_check(*, size: int | None, limit: int) -> None:
    """413 `file_too_large` for a file over `limit` bytes."""
    if size is not None and size > limit:
        raise PayloadTooLarge(
            f"The file is larger than {limit} bytes.",
            code="file_too_large",
            fields={"file": [f"Files may be at most {limit / 1024 / 1024:g} MB."]},
            details={"max_bytes": limit},
        )


def upload_clean_name(name: str | None, *, content_type: str, fallback_stem: str) -> str:
    """The file's own name without any directory or control characters, kept for showing and
    downloading only (keys never contain it)."""
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        name = f"{fallback_stem}{EXTENSIONS[content_type]}"
    stem, dot, extension = name.rpartition(".")
    if len(name) > NAME_MAX_LENGTH:
        keep = NAME_MAX_LENGTH - len(dot + extension) if dot and len(extension) < 16 else 0
        name = (stem[:keep] + dot + extension) if keep > 0 else name[:NAME_MAX_LENGTH]
    return name


def upload_checked_content(
    data: bytes, *, allowed: tuple[str, ...], refusal: str
) -> tuple[bytes, str]:
    """The bytes to store and their type: refused (400 `unsupported_file_type`, saying `refusal`)
    unless the content is one of `allowed`; images re-encoded without their metadata."""
    content_type = sniffed_content_type(data)
    if content_type not in allowed:
        raise ValidationFailed(
            code="unsupported_file_type",
            fields={"file": [refusal]},
            details={"detected_type": content_type},
        )
    if is_image(content_type):
        try:
            data = image_without_metadata(data, content_type)
        except UnreadableImage:
            raise ValidationFailed(
                code="unreadable_image",
                fields={"file": ["This image could not be read; it may be damaged."]},
            ) from None
    return data, content_type


def upload_store(*, prefix: str, data: bytes, content_type: str) -> str:
    """Saves the checked bytes under a fresh key below `prefix` and answers the key; a storage
    that cannot take them is a 503 `storage_unavailable`, never a 500."""
    key = storage_key_new(prefix=prefix, extension=EXTENSIONS[content_type])
    try:
        storage_object_save(key=key, data=data, content_type=content_type)
    except Exception:
        logger.exception("storage: could not save %s", key)
        raise ServiceUnavailable(
            "The file could not be stored. Try again later.", code="storage_unavailable"
        ) from None
    return key
