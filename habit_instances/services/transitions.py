"""The user's marks: compare-and-set UPDATEs whose allowed sources come from ALLOWED_TRANSITIONS."""

from datetime import datetime

from django.db import transaction
from django.db.models import Case, Value, When

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


def _form_habit_if_due(*, habit: Habit, now: datetime) -> None:
    if habit.formed_at is not None:  # formed once, for good: nothing to count on every completion
        return
    completions = HabitInstance.objects.filter(habit=habit, status__in=DONE_STATUSES).count()
    if completions < habit.repeat_limit:
        return
    # formed_at IS NULL in the WHERE clause: of two concurrent completions only one announces.
    if Habit.objects.filter(pk=habit.pk, formed_at__isnull=True).update(formed_at=now):
        announce_habit_formed(habit_id=habit.pk, now=now)


@transaction.atomic
def habit_instance_mark_completed(*, user, instance_id, now: datetime) -> HabitInstance:
    """completed up to grace_deadline, completed_late up to fix_deadline, refused after."""
    instance = _owned_instance(user=user, instance_id=instance_id)
    sources = set(statuses_that_may_become(InstanceStatus.COMPLETED)) & set(
        statuses_that_may_become(InstanceStatus.COMPLETED_LATE)
    )
    changed = HabitInstance.objects.filter(
        pk=instance.pk, status__in=sources, fix_deadline__gte=now
    ).update(
        status=Case(
            When(grace_deadline__gte=now, then=Value(InstanceStatus.COMPLETED)),
            default=Value(InstanceStatus.COMPLETED_LATE),
        ),
        completed_at=now,
        updated_at=now,
    )
    # Only what the UPDATE may have changed: a full refresh would also drop the habit loaded with
    # the instance, and reading it again costs a query.
    instance.refresh_from_db(fields=["status", "completed_at", "updated_at"])
    if not changed:
        raise _refusal(instance)
    habit_stats_invalidate(habit_ids=[instance.habit_id])
    _form_habit_if_due(habit=instance.habit, now=now)
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
