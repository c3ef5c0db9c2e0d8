"""The user's marks: compare-and-set UPDATEs whose allowed sources come from ALLOWED_TRANSITIONS."""

from datetime import datetime

from django.db import connection, transaction

from core.exceptions import Conflict
from core.ownership import get_owned_or_404
from habit_instances.events import announce_habit_formed
from habit_instances.models import (
    DONE_STATUSES,
    FINAL_STATUSES,
    HabitInstance,
    InstanceStatus,
    statuses_that_may_become,
)
from habit_instances.stats.cache import habit_stats_invalidate
from habits.models import Habit


def _owned_instance(*, user, instance_id) -> HabitInstance:
    return get_owned_or_404(
        HabitInstance.objects.select_related("habit"),
        user=user,
        pk=instance_id,
        owner_field="habit__user",
    )


def _refusal(instance: HabitInstance) -> Conflict:
    """Why a compare-and-set changed nothing, read after the fact."""
    if instance.status in FINAL_STATUSES:
        return Conflict(
            f"This instance is already {instance.get_status_display().lower()}.",
            code="instance_final",
            details={"status": instance.status},
        )
    return Conflict(
        "The fix window of this instance has closed.",
        code="fix_window_closed",
        details={"fix_deadline": instance.fix_deadline.isoformat()},
    )


def _form_habit_if_due(*, habit_id: int, repeat_limit: int, now: datetime) -> None:
    completions = HabitInstance.objects.filter(habit_id=habit_id, status__in=DONE_STATUSES).count()
    if completions < repeat_limit:
        return
    # formed_at IS NULL in the WHERE clause: of two concurrent completions only one announces.
    if Habit.objects.filter(pk=habit_id, formed_at__isnull=True).update(formed_at=now):
        announce_habit_formed(habit_id=habit_id, now=now)


_BIGINT_MAX = 2**63 - 1


def _as_id(raw) -> int | None:
    """An id the database can compare (raw SQL would fail on "abc" or 10**30), or None."""
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= _BIGINT_MAX else None


def _complete_owned(*, user, instance_id: int, now: datetime) -> HabitInstance | None:
    """The compare-and-set of a completion with the owner check in the same statement: the
    instance as it now is, or None when nothing changed (not the user's, missing, final, or the
    fix window closed: the caller reads which). The row says, as `unformed_repeat_limit`, the
    habit's repeat_limit while the habit is not formed yet (NULL once it is: nothing to count)."""
    table = HabitInstance._meta.db_table
    habit_table = Habit._meta.db_table
    sources = sorted(
        set(statuses_that_may_become(InstanceStatus.COMPLETED))
        & set(statuses_that_may_become(InstanceStatus.COMPLETED_LATE))
    )
    columns = ", ".join(field.column for field in HabitInstance._meta.concrete_fields)
    moment = connection.ops.adapt_datetimefield_value(now)  # SQLite stores naive UTC text
    sql = (
        f"UPDATE {table} SET status = CASE WHEN grace_deadline >= %s THEN %s ELSE %s END, "
        "completed_at = %s, updated_at = %s "
        f"WHERE id = %s AND status IN ({', '.join(['%s'] * len(sources))}) "
        f"AND fix_deadline >= %s AND habit_id IN (SELECT id FROM {habit_table} WHERE user_id = %s) "
        f"RETURNING {columns}, (SELECT h.repeat_limit FROM {habit_table} h "
        f"WHERE h.id = {table}.habit_id AND h.formed_at IS NULL) AS unformed_repeat_limit"
    )
    params = [
        moment,
        InstanceStatus.COMPLETED,
        InstanceStatus.COMPLETED_LATE,
        moment,
        moment,
        instance_id,
        *sources,
        moment,
        user.pk,
    ]
    # raw(): the returned columns go through the model fields' converters (SQLite's text dates).
    return next(iter(HabitInstance.objects.raw(sql, params)), None)


@transaction.atomic
def habit_instance_mark_completed(*, user, instance_id, now: datetime) -> HabitInstance:
    """completed up to grace_deadline, completed_late up to fix_deadline, refused after.
    One statement when it succeeds (its habit is loaded when read); why it did not (404 or 409)
    is read only then."""
    valid_id = _as_id(instance_id)
    instance = (
        _complete_owned(user=user, instance_id=valid_id, now=now) if valid_id is not None else None
    )
    if instance is None:
        raise _refusal(_owned_instance(user=user, instance_id=instance_id))
    habit_stats_invalidate(habit_ids=[instance.habit_id])
    if instance.unformed_repeat_limit is not None:  # formed once, for good: nothing to count
        _form_habit_if_due(
            habit_id=instance.habit_id, repeat_limit=instance.unformed_repeat_limit, now=now
        )
    return instance


@transaction.atomic
def habit_instance_mark_failed(*, user, instance_id, now: datetime) -> HabitInstance:
    """missed: the user says it was not done, while the fix window is still open."""
    instance = _owned_instance(user=user, instance_id=instance_id)
    changed = HabitInstance.objects.filter(
        pk=instance.pk,
        status__in=statuses_that_may_become(InstanceStatus.MISSED),
        fix_deadline__gte=now,
    ).update(status=InstanceStatus.MISSED, updated_at=now)
    # As in mark_completed: a full refresh would drop the habit the callers show with it.
    instance.refresh_from_db(fields=["status", "updated_at"])
    if not changed:
        raise _refusal(instance)
    habit_stats_invalidate(habit_ids=[instance.habit_id])
    return instance
