"""Thin Celery tasks: ids in, one service call. Registered in the beat schedule by migration
habit_instances.0002 under the names below."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from habit_instances import services
from habit_instances.operations import generation_run_record

GENERATE_TODAY = "habit_instances.generate_today"
GENERATE_CHUNK = "habit_instances.generate_chunk"
ADVANCE_STATUSES = "habit_instances.advance_statuses"


@shared_task(name=GENERATE_TODAY, ignore_result=True)
def habit_instances_generate_today_task() -> int:
    """Fans out: one generation task per chunk of users, so more workers finish sooner."""
    user_ids = services.habit_instances_user_ids_with_active_habits()
    size = settings.HABIT_GENERATION_CHUNK_SIZE
    chunks = [user_ids[start : start + size] for start in range(0, len(user_ids), size)]
    for chunk in chunks:
        habit_instances_generate_chunk_task.delay(chunk)
    generation_run_record(users=len(user_ids), chunks=len(chunks), now=timezone.now())
    return len(chunks)


# Retried only on errors a second attempt can outlive (a dropped connection, a failover, a
# deadlock or serialization failure): the chunk is idempotent, so a retry is safe. A bug or bad
# data fails the same way every time; retrying it would only delay the error report.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    name=GENERATE_CHUNK,
    ignore_result=True,
    autoretry_for=TRANSIENT_DATABASE_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def habit_instances_generate_chunk_task(user_ids: list[int]) -> int:
    return services.habit_instances_generate_for_users(user_ids=user_ids, now=timezone.now())


@shared_task(name=ADVANCE_STATUSES, ignore_result=True)
def habit_instances_advance_task() -> dict[str, int]:
    return services.habit_instances_advance_statuses(now=timezone.now())
