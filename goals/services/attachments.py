"""Files attached to goals: checked by content, images cleaned of their metadata, stored in the
object storage (core.storage), and removed from it after the rows that name them are deleted."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import transaction

from core.ownership import get_owned_or_404
from core.storage import storage_objects_delete, storage_objects_delete_on_commit
from core.uploads import (
    upload_checked_content,
    upload_clean_name,
    upload_size_check,
    upload_store,
)
from goals.models import Attachment
from goals.selectors import goal_get_for_user_without_summaries
from goals.services.progress import goal_locked

# Photos, screenshots and PDFs: what proves a result. Anything else (text, archives, office
# files, SVG with its scripts) is refused by what its bytes are, whatever its name says.
ALLOWED_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")


def attachment_size_check(*, size: int | None) -> None:
    """413 for a file over ATTACHMENT_MAX_BYTES; the view calls it with the request's declared
    length too, so a huge upload is refused before it is read."""
    upload_size_check(size=size, limit=settings.ATTACHMENT_MAX_BYTES)


def goal_attachment_create(*, user, goal_id, upload, now: datetime) -> Attachment:
    """Stores the file, then its row. No transaction spans the upload (a slow storage must not
    hold the goal's lock); if the row cannot be written, the stored object is removed again."""
    goal = goal_get_for_user_without_summaries(user=user, goal_id=goal_id)
    attachment_size_check(size=upload.size)
    data, content_type = upload_checked_content(
        upload.read(),
        allowed=ALLOWED_CONTENT_TYPES,
        refusal="Attach a photo or screenshot (JPEG, PNG, WebP) or a PDF.",
    )
    key = upload_store(prefix=f"goals/{goal.pk}", data=data, content_type=content_type)
    try:
        with transaction.atomic():
            # Locked, so a goal deleted while the file was uploading is a 404, not a broken row.
            goal = goal_locked(user=user, goal_id=goal.pk)
            return Attachment.objects.create(
                goal=goal,
                key=key,
                content_type=content_type,
                original_name=upload_clean_name(
                    upload.name, content_type=content_type, fallback_stem="attachment"
                ),
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
