"""Thin Celery tasks of the backups app (queue `backups` by their module prefix); the beat
entries are registered by migration backups.0002, by these default names."""

from celery import shared_task
from django.utils import timezone

from backups.services import archives, backups

# A whole-site backup runs as long as the dump and the upload take: hours for a large site.
_BACKUP_SOFT_LIMIT_SECONDS = 6 * 3600


@shared_task(
    ignore_result=True,
    soft_time_limit=_BACKUP_SOFT_LIMIT_SECONDS,
    time_limit=_BACKUP_SOFT_LIMIT_SECONDS + 300,
    acks_late=False,
)
def backup_scheduled_task() -> str | None:
    # acks_late off: a worker lost mid-dump must not start a second multi-hour backup; the next
    # hourly beat sees no recent attempt and starts a fresh one.
    run = backups.backup_scheduled(now=timezone.now())
    return run.status if run else None


@shared_task(ignore_result=True, soft_time_limit=1800, time_limit=1900)
def user_archives_make_due_task() -> int:
    return archives.user_archives_make_due(now=timezone.now())


@shared_task(ignore_result=True)
def user_archives_delete_expired_task() -> int:
    return archives.user_archives_delete_expired(now=timezone.now())
