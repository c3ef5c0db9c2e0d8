"""Up to PHOTOS_PER_ENTRY photos of an entry, through the same upload checks and object storage
as goal attachments (core.uploads, core.storage): photos only, cleaned of their metadata."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import transaction

from core.exceptions import Conflict
from core.ownership import get_owned_or_404
from core.storage import storage_objects_delete, storage_objects_delete_on_commit
from core.uploads import upload_checked_content, upload_clean_name, upload_size_check, upload_store
from journal.events import announce_journal_changed
from journal.models import PHOTOS_PER_ENTRY, JournalEntry, JournalPhoto

ALLOWED_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")


def journal_photo_size_check(*, size: int | None) -> None:
    """413 over ATTACHMENT_MAX_BYTES (the one limit for uploaded files)."""
    upload_size_check(size=size, limit=settings.ATTACHMENT_MAX_BYTES)


def _full(entry: JournalEntry) -> Conflict:
    return Conflict(
        f"An entry holds at most {PHOTOS_PER_ENTRY} photos.",
        code="too_many_photos",
        details={"max_photos": PHOTOS_PER_ENTRY},
    )


def _entry_locked(*, user, entry_id) -> JournalEntry:
    return get_owned_or_404(JournalEntry.objects.select_for_update(), user=user, pk=entry_id)


def journal_photo_add(*, user, entry_id, upload, now: datetime) -> JournalPhoto:
    """Checks, stores, then writes the row under the entry's lock (the count is checked again
    there, so two uploads at once cannot make a fourth photo); no transaction spans the upload,
    and a row that cannot be written takes its stored object with it."""
    entry = get_owned_or_404(JournalEntry.objects.all(), user=user, pk=entry_id)
    if entry.photos.count() >= PHOTOS_PER_ENTRY:
        raise _full(entry)
    journal_photo_size_check(size=upload.size)
    data, content_type = upload_checked_content(
        upload.read(), allowed=ALLOWED_CONTENT_TYPES, refusal="Add a photo (JPEG, PNG or WebP)."
    )
    key = upload_store(prefix=f"journal/{user.pk}", data=data, content_type=content_type)
    try:
        with transaction.atomic():
            entry = _entry_locked(user=user, entry_id=entry.pk)
            if entry.photos.count() >= PHOTOS_PER_ENTRY:
                raise _full(entry)
            photo = JournalPhoto.objects.create(
                entry=entry,
                key=key,
                content_type=content_type,
                original_name=upload_clean_name(
                    upload.name, content_type=content_type, fallback_stem="photo"
                ),
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=now,
            )
            announce_journal_changed(user_id=user.pk, dates=[entry.date], now=now)
            return photo
    except BaseException:
        storage_objects_delete(keys=[key])
        raise


@transaction.atomic
def journal_photo_delete(*, user, photo_id, now: datetime) -> None:
    photo = get_owned_or_404(
        JournalPhoto.objects.select_related("entry"),
        user=user,
        pk=photo_id,
        owner_field="entry__user",
    )
    photo.delete()
    storage_objects_delete_on_commit(keys=[photo.key])
    announce_journal_changed(user_id=user.pk, dates=[photo.entry.date], now=now)
