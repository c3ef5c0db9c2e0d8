"""Users' own data archives: the account export, made on the schedule each user chooses
(off, daily, weekly), kept USER_ARCHIVE_KEEP_DAYS in the storage, then deleted."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from rest_framework.renderers import JSONRenderer

from backups.models import ArchiveFrequency, UserArchive, UserArchiveSchedule
from core.storage import (
    storage_key_new,
    storage_object_save,
    storage_objects_delete,
    storage_objects_delete_on_commit,
)
from users.models import User
from users.selectors import user_export_data

logger = logging.getLogger(__name__)

ARCHIVE_CONTENT_TYPE = "application/json"
_PERIODS = {ArchiveFrequency.DAILY: timedelta(days=1), ArchiveFrequency.WEEKLY: timedelta(days=7)}
# The beat runs hourly: an archive is due this much before its full period, so a daily one is
# made at about the same hour every day instead of drifting an hour later each time.
_SCHEDULE_SLACK = timedelta(minutes=30)


def user_archive_schedule_set(*, user: User, frequency: str, now: datetime) -> str:
    UserArchiveSchedule.objects.update_or_create(
        user=user, defaults={"frequency": frequency, "updated_at": now}
    )
    return frequency


def user_archive_create(*, user: User, now: datetime) -> UserArchive:
    """The account export, byte for byte as GET /api/account/export/ renders it, in the storage."""
    data = JSONRenderer().render(user_export_data(user=user))
    key = storage_key_new(prefix=f"archives/{user.pk}", extension=".json")
    storage_object_save(key=key, data=data, content_type=ARCHIVE_CONTENT_TYPE)
    try:
        return UserArchive.objects.create(
            user=user,
            key=key,
            size_bytes=len(data),
            created_at=now,
            expires_at=now + timedelta(days=settings.USER_ARCHIVE_KEEP_DAYS),
        )
    except Exception:
        storage_objects_delete(keys=[key])  # no row will ever name it
        raise


def user_archives_make_due(*, now: datetime) -> int:
    """Makes the archive of every user whose schedule is due; answers how many were made. One
    user's failure is logged and does not stop the others (the next hour tries again)."""
    due = Q()
    for frequency, period in _PERIODS.items():
        due |= Q(frequency=frequency) & (
            Q(latest__isnull=True) | Q(latest__lte=now - period + _SCHEDULE_SLACK)
        )
    schedules = (
        UserArchiveSchedule.objects.exclude(frequency=ArchiveFrequency.OFF)
        .annotate(latest=Max("user__data_archives__created_at"))
        .filter(due)
        .select_related("user")
    )
    made = 0
    for schedule in schedules:
        try:
            user_archive_create(user=schedule.user, now=now)
            made += 1
        except Exception:
            logger.exception("archive of user %s failed", schedule.user_id)
    return made


@transaction.atomic
def user_archives_delete_expired(*, now: datetime) -> int:
    expired = UserArchive.objects.filter(expires_at__lte=now)
    keys = list(expired.values_list("key", flat=True))
    expired.delete()
    storage_objects_delete_on_commit(keys=keys)
    return len(keys)


def archives_wipe_for_user(user: User) -> None:
    """The wipe's part: the archives' rows and the schedule (the account services delete the
    files, named by archive_keys_for_user, once the wipe has committed)."""
    UserArchive.objects.filter(user=user).delete()
    UserArchiveSchedule.objects.filter(user=user).delete()
