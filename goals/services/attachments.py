"""Files attached to goals: checked by content, images cleaned of their metadata, stored in the
object storage (core.storage), and removed from it after the rows that name them are deleted."""

import hashlib
import logging
import unicodedata
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.db import transaction

from core.exceptions import PayloadTooLarge, ServiceUnavailable, ValidationFailed
from core.ownership import get_owned_or_404
from core.storage import (
    storage_key_new,
    storage_object_save,
    storage_objects_delete,
    storage_objects_delete_on_commit,
)
from core.uploads import (
    EXTENSIONS,
    UnreadableImage,
    image_without_metadata,
    is_image,
    sniffed_content_type,
)
from goals.models import Attachment
from goals.selectors import goal_get_for_user_without_summaries
from goals.services.progress import goal_locked

logger = logging.getLogger(__name__)

# Photos, screenshots and PDFs: what proves a result. Anything else (text, archives, office
# files, SVG with its scripts) is refused by what its bytes are, whatever its name says.
ALLOWED_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
NAME_MAX_LENGTH = 255


def attachment_size_check(*, size: int | None) -> None:
    """413 for a file over ATTACHMENT_MAX_BYTES; the view calls it with the request's declared
    length too, so a huge upload is refused before it is read."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if size is not None and size > limit:
        raise PayloadTooLarge(
            f"The file is larger than {limit} bytes.",
            code="file_too_large",
            fields={"file": [f"Files may be at most {_megabytes(limit)} MB."]},
            details={"max_bytes": limit},
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def _clean_name(name: str | None, *, content_type: str) -> str:
    """The file's own name without any directory or control characters, kept for showing and
    downloading only (keys never contain it)."""
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        name = f"attachment{EXTENSIONS[content_type]}"
    stem, dot, extension = name.rpartition(".")
    if len(name) > NAME_MAX_LENGTH:
        keep = NAME_MAX_LENGTH - len(dot + extension) if dot and len(extension) < 16 else 0
        name = (stem[:keep] + dot + extension) if keep > 0 else name[:NAME_MAX_LENGTH]
    return name


def _checked_content(data: bytes) -> tuple[bytes, str]:
    content_type = sniffed_content_type(data)
    if content_type not in ALLOWED_CONTENT_TYPES:
        raise ValidationFailed(
            code="unsupported_file_type",
            fields={"file": ["Attach a photo or screenshot (JPEG, PNG, WebP) or a PDF."]},
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


def goal_attachment_create(*, user, goal_id, upload, now: datetime) -> Attachment:
    """Stores the file, then its row. No transaction spans the upload (a slow storage must not
    hold the goal's lock); if the row cannot be written, the stored object is removed again."""
    goal = goal_get_for_user_without_summaries(user=user, goal_id=goal_id)
    attachment_size_check(size=upload.size)
    data, content_type = _checked_content(upload.read())
    key = storage_key_new(prefix=f"goals/{goal.pk}", extension=EXTENSIONS[content_type])
    try:
        storage_object_save(key=key, data=data, content_type=content_type)
    except Exception:
        logger.exception("storage: could not save %s", key)
        raise ServiceUnavailable(
            "The file could not be stored. Try again later.", code="storage_unavailable"
        ) from None
    try:
        with transaction.atomic():
            # Locked, so a goal deleted while the file was uploading is a 404, not a broken row.
            goal = goal_locked(user=user, goal_id=goal.pk)
            return Attachment.objects.create(
                goal=goal,
                key=key,
                content_type=content_type,
                original_name=_clean_name(upload.name, content_type=content_type),
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=now,
            )
    except BaseException:
        storage_objects_delete(keys=[key])
        raise


@transaction.atomic
def goal_attachment_delete(*, user, attachment_id) -> None:
    """Another user's attachment is a 404, like a missing one; the object goes after commit."""
    attachment = get_owned_or_404(
        Attachment.objects.only("pk", "key"),
        user=user,
        pk=attachment_id,
        owner_field="goal__user",
    )
    attachment.delete()
    storage_objects_delete_on_commit(keys=[attachment.key])
