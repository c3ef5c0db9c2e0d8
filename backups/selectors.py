from django.db.models import QuerySet

from backups.models import ArchiveFrequency, UserArchive, UserArchiveSchedule
from users.models import User


def user_archives_list_for_user(*, user: User) -> QuerySet[UserArchive]:
    return UserArchive.objects.filter(user=user).order_by("-created_at", "-pk")


def user_archive_schedule_get_for_user(*, user: User) -> str:
    schedule = UserArchiveSchedule.objects.filter(user=user).first()
    return schedule.frequency if schedule else ArchiveFrequency.OFF


def archives_export_for_user(user: User) -> dict:
    return {
        "schedule": user_archive_schedule_get_for_user(user=user),
        "archives": [
            {
                "created_at": archive.created_at.isoformat(),
                "expires_at": archive.expires_at.isoformat(),
                "size": archive.size_bytes,
            }
            for archive in user_archives_list_for_user(user=user)
        ],
    }


def archive_keys_for_user(user: User) -> list[str]:
    return list(UserArchive.objects.filter(user=user).values_list("key", flat=True))
